// One-time invitations that link a Telegram account to a cadre (or a supervisor): the code travels
// in a deep link; only its SHA-256 is stored; single use; valid for seven days.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../database';
import { botLinks, invitations } from '../schema';

export const INVITATION_DAYS = 7;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** 128 random bits in base64url: fits Telegram's 64-character /start payload. */
function newCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export async function createInvitation(
  db: Database,
  target: { cadreId: number } | { userId: number },
  now: Date,
  createdByUserId: number | null = null,
): Promise<{ code: string; expiresAt: Date }> {
  const code = newCode();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  await db.insert(invitations).values({
    codeHash: await sha256Hex(code),
    cadreId: 'cadreId' in target ? target.cadreId : null,
    userId: 'userId' in target ? target.userId : null,
    createdByUserId,
    createdAt: now,
    expiresAt,
  });
  return { code, expiresAt };
}

export type Redemption =
  | { ok: true; cadreId: number | null; userId: number | null }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/**
 * Redeems an invitation for a Telegram user: marks it used and (re)links the account. A cadre or
 * supervisor linked to another Telegram account before is moved to this one (a new phone).
 */
export async function redeemInvitation(
  db: Database,
  code: string,
  telegramUserId: number,
  now: Date,
  languageCode: string | null = null,
): Promise<Redemption> {
  const [invitation] = await db
    .select()
    .from(invitations)
    .where(eq(invitations.codeHash, await sha256Hex(code)))
    .for('update');
  if (!invitation) return { ok: false, reason: 'unknown' };
  if (invitation.usedAt) return { ok: false, reason: 'used' };
  if (invitation.expiresAt <= now) return { ok: false, reason: 'expired' };
  const used = await db
    .update(invitations)
    .set({ usedAt: now })
    .where(
      and(
        eq(invitations.id, invitation.id),
        isNull(invitations.usedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning({ id: invitations.id });
  if (used.length === 0) return { ok: false, reason: 'used' };

  const target = invitation.cadreId
    ? { column: botLinks.cadreId, value: invitation.cadreId }
    : { column: botLinks.userId, value: invitation.userId! };
  await db.delete(botLinks).where(eq(target.column, target.value));
  const [existing] = await db
    .select()
    .from(botLinks)
    .where(eq(botLinks.telegramUserId, telegramUserId));
  const link = {
    cadreId: invitation.cadreId ?? existing?.cadreId ?? null,
    userId: invitation.userId ?? existing?.userId ?? null,
    languageCode,
  };
  await db
    .insert(botLinks)
    .values({ telegramUserId, ...link, linkedAt: now })
    .onConflictDoUpdate({ target: botLinks.telegramUserId, set: { ...link, linkedAt: now } });
  return { ok: true, cadreId: link.cadreId, userId: link.userId };
}
