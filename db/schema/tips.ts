// Anonymous tips (举报, §2.12) and the messages exchanged with the tipster. Anonymous by
// construction: no Telegram id, chat id, IP address or user agent is stored; content is AES-GCM
// ciphertext with the id of the key that sealed it; only a hash of the receipt code is kept; days,
// not instants, so timestamps cannot be matched against other logs.
import { date, index, integer, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { cadres } from './cadres';
import { orgUnits } from './org';
import { users } from './users';

export const tipStatus = pgEnum('tip_status', [
  'received',
  'inProgress',
  'verified',
  'unfounded',
  'closed',
]);
export const tipAuthor = pgEnum('tip_author', ['tipster', 'handler']);

export const tips = pgTable(
  'tips',
  {
    id: uuid().primaryKey().defaultRandom(),
    receiptHash: text().notNull().unique(),
    keyId: text().notNull(),
    /** base64 of iv ‖ AES-GCM ciphertext of the tip's JSON content. */
    ciphertext: text().notNull(),
    status: tipStatus().notNull().default('received'),
    /** Set by a handler once the tip is matched to a cadre. */
    subjectCadreId: integer().references(() => cadres.id),
    /** The org unit the tip concerns (decides whose inbox it reaches). */
    orgUnitId: integer().references(() => orgUnits.id),
    receivedOn: date({ mode: 'string' }).notNull(),
    verifiedOn: date({ mode: 'string' }),
    verifiedByUserId: integer().references(() => users.id),
  },
  (t) => [index('tips_status_idx').on(t.status, t.orgUnitId)],
);

export const tipMessages = pgTable(
  'tip_messages',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    tipId: uuid()
      .notNull()
      .references(() => tips.id),
    author: tipAuthor().notNull(),
    handlerUserId: integer().references(() => users.id),
    keyId: text().notNull(),
    ciphertext: text().notNull(),
    sentOn: date({ mode: 'string' }).notNull(),
  },
  (t) => [index('tip_messages_tip_idx').on(t.tipId)],
);
