// Anonymous tips (举报, §2.10–§2.12) and the messages between tipster and handlers. Content is
// sealed with tip-crypto.ts and bound to its row (`tip:<id>`, `tip-message:<id>:<author>`); the
// tipster is known only by the receipt code, of which only an HMAC is stored. Used by the bot now
// and by the handlers' inbox of the web API later.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { LocalDate } from '../../core/calendar/local-date';
import type { SituationId } from '../../core/situations';
import type { Database } from '../database';
import { orgUnits, tipMessages as tipMessagesTable, tips } from '../schema';
import {
  newReceiptCode,
  normaliseReceiptCode,
  openJson,
  receiptHash,
  receiptHashes,
  sealJson,
  type TipKeyring,
} from '../tip-crypto';

/** What the tip is about: a situation of §2 in the tipster's words, or something else. */
export type TipSituation = SituationId | 'other';

/** A photo, video or document, by its Telegram file_id. */
export interface TipFile {
  kind: 'photo' | 'video' | 'document';
  fileId: string;
  name?: string;
  caption?: string;
}

/** The encrypted content of a tip. */
export interface TipContent {
  /** Whom it is about: a name, a village, in the tipster's words. */
  subject: string;
  situation: TipSituation;
  when: string | null;
  where: string | null;
  details: string;
  files: TipFile[];
}

/** The encrypted content of one message about a tip. */
export interface TipMessageContent {
  text: string | null;
  files: TipFile[];
}

export type TipStatus = (typeof tips.$inferSelect)['status'];
export type TipAuthor = (typeof tipMessagesTable.$inferSelect)['author'];

/** A tip's row without its content: what a tipster's follow-up needs. */
export interface TipRecord {
  id: string;
  status: TipStatus;
  orgUnitId: number | null;
  subjectCadreId: number | null;
  receivedOn: LocalDate;
  verifiedOn: LocalDate | null;
}

export interface TipMessage {
  id: number;
  author: TipAuthor;
  handlerUserId: number | null;
  sentOn: LocalDate;
  content: TipMessageContent;
}

const tipContext = (id: string) => `tip:${id}`;
const messageContext = (tipId: string, author: TipAuthor) => `tip-message:${tipId}:${author}`;

const recordColumns = {
  id: tips.id,
  status: tips.status,
  orgUnitId: tips.orgUnitId,
  subjectCadreId: tips.subjectCadreId,
  receivedOn: tips.receivedOn,
  verifiedOn: tips.verifiedOn,
};

/**
 * Stores a tip and returns its receipt code: the only time the code exists outside the tipster's
 * hands. Nothing about the sender is taken, so nothing about the sender can be stored.
 */
export async function createTip(
  db: Database,
  keyring: TipKeyring,
  input: { content: TipContent; orgUnitId: number | null; receivedOn: LocalDate },
): Promise<{ id: string; receiptCode: string }> {
  const id = crypto.randomUUID();
  const receiptCode = newReceiptCode();
  const sealed = await sealJson(keyring, input.content, tipContext(id));
  await db.insert(tips).values({
    id,
    receiptHash: await receiptHash(keyring.current, receiptCode),
    keyId: sealed.keyId,
    ciphertext: sealed.ciphertext,
    orgUnitId: input.orgUnitId,
    receivedOn: input.receivedOn,
  });
  return { id, receiptCode };
}

/**
 * The tip a receipt code belongs to, or null. Typed input is normalised (case, dashes, I/L/O).
 * A wrong code costs the same as a right one: malformed input is hashed and looked up too, under
 * every key of the ring, in one indexed query.
 */
export async function findTipByReceipt(
  db: Database,
  keyring: TipKeyring,
  input: string,
): Promise<TipRecord | null> {
  const code = normaliseReceiptCode(input);
  const hashes = await receiptHashes(keyring, code ?? '0'.repeat(20));
  const [row] = await db
    .select(recordColumns)
    .from(tips)
    .where(inArray(tips.receiptHash, hashes))
    .limit(1);
  return code && row ? row : null;
}

/** A tip with its content opened (the handlers' inbox). */
export async function readTip(
  db: Database,
  keyring: TipKeyring,
  id: string,
): Promise<(TipRecord & { content: TipContent }) | null> {
  const [row] = await db
    .select({ ...recordColumns, keyId: tips.keyId, ciphertext: tips.ciphertext })
    .from(tips)
    .where(eq(tips.id, id));
  if (!row) return null;
  const { keyId, ciphertext, ...record } = row;
  const content = await openJson<TipContent>(keyring, { keyId, ciphertext }, tipContext(id));
  return { ...record, content };
}

/** Every message about a tip, oldest first, opened. */
export async function tipMessages(
  db: Database,
  keyring: TipKeyring,
  tipId: string,
): Promise<TipMessage[]> {
  const rows = await db
    .select()
    .from(tipMessagesTable)
    .where(eq(tipMessagesTable.tipId, tipId))
    .orderBy(asc(tipMessagesTable.id));
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      author: row.author,
      handlerUserId: row.handlerUserId,
      sentOn: row.sentOn,
      content: await openJson<TipMessageContent>(keyring, row, messageContext(tipId, row.author)),
    })),
  );
}

/** The tipster adds to their tip (by receipt code, in the bot or the PWA). */
export function addTipsterMessage(
  db: Database,
  keyring: TipKeyring,
  tipId: string,
  content: TipMessageContent,
  sentOn: LocalDate,
): Promise<{ id: number }> {
  return addMessage(db, keyring, {
    tipId,
    author: 'tipster',
    handlerUserId: null,
    content,
    sentOn,
  });
}

/** A handler writes to the tipster (the tipster reads it with the receipt code). */
export function addHandlerMessage(
  db: Database,
  keyring: TipKeyring,
  tipId: string,
  handlerUserId: number,
  content: TipMessageContent,
  sentOn: LocalDate,
): Promise<{ id: number }> {
  return addMessage(db, keyring, { tipId, author: 'handler', handlerUserId, content, sentOn });
}

async function addMessage(
  db: Database,
  keyring: TipKeyring,
  message: {
    tipId: string;
    author: TipAuthor;
    handlerUserId: number | null;
    content: TipMessageContent;
    sentOn: LocalDate;
  },
): Promise<{ id: number }> {
  const sealed = await sealJson(
    keyring,
    message.content,
    messageContext(message.tipId, message.author),
  );
  const [row] = await db
    .insert(tipMessagesTable)
    .values({
      tipId: message.tipId,
      author: message.author,
      handlerUserId: message.handlerUserId,
      keyId: sealed.keyId,
      ciphertext: sealed.ciphertext,
      sentOn: message.sentOn,
    })
    .returning({ id: tipMessagesTable.id });
  return row!;
}

/**
 * The village or township a tipster's words name, so the tip reaches the right inbox: a village
 * whose name (with or without 村/社区/镇/乡/街道) appears in the text, narrowed by a township named
 * too when village names repeat; else a township named alone. Null when none or still ambiguous.
 */
export async function matchOrgUnit(
  db: Database,
  text: string,
): Promise<{ id: number; name: string; level: 'village' | 'township' } | null> {
  if (!text.trim()) return null;
  const short = sql`regexp_replace(${orgUnits.name}, '(村|社区|镇|乡|街道)$', '')`;
  const candidates = await db
    .select({ id: orgUnits.id, name: orgUnits.name, level: orgUnits.level, path: orgUnits.path })
    .from(orgUnits)
    .where(
      and(
        inArray(orgUnits.level, ['village', 'township']),
        sql`(strpos(${text}, ${orgUnits.name}) > 0 or (char_length(${short}) >= 2 and strpos(${text}, ${short}) > 0))`,
      ),
    )
    .limit(50);
  const townships = candidates.filter((c) => c.level === 'township');
  let villages = candidates.filter((c) => c.level === 'village');
  if (villages.length > 1 && townships.length > 0) {
    villages = villages.filter((v) => townships.some((t) => v.path.startsWith(t.path)));
  }
  const pick =
    villages.length === 1 ? villages[0] : villages.length === 0 ? single(townships) : null;
  return pick
    ? { id: pick.id, name: pick.name, level: pick.level as 'village' | 'township' }
    : null;
}

function single<T>(items: T[]): T | null {
  return items.length === 1 ? items[0]! : null;
}
