// Messages the bot starts: to approvers and to cadres, each in the receiver's own language.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { InlineKeyboard, type Api } from 'grammy';
import { trackRow } from '../core/procedure';
import type { Role } from '../core/procedure/parties';
import { situations } from '../core/situations';
import { leaveDays } from '../core/attendance';
import type { Database } from '../db/database';
import { approverChats, cadreChat, leaveForDecision } from '../db/queries/leave';
import { botLinks, cadres, flags, orgUnits, users } from '../db/schema';
import type { Locale, Texts, Translate } from './i18n';

export interface Receiver {
  telegramUserId: number;
  languageCode: string | null;
}

/** Sends to one receiver; a blocked bot or a deleted chat must not undo the sender's transaction. */
export async function notify(
  api: Api,
  texts: Texts,
  receiver: Receiver,
  message: (t: Translate, locale: Locale) => { text: string; keyboard?: InlineKeyboard },
): Promise<boolean> {
  const locale = texts.negotiate(receiver.languageCode ?? undefined);
  const { text, keyboard } = message(texts.translator(locale), locale);
  try {
    await api.sendMessage(
      receiver.telegramUserId,
      text,
      keyboard ? { reply_markup: keyboard } : {},
    );
    return true;
  } catch (error) {
    console.warn(`notify: could not reach a chat: ${(error as Error).message}`);
    return false;
  }
}

/** Linked supervisors with one of `roles` whose scope covers the org path. */
export async function supervisorsInScope(db: Database, roles: readonly string[], orgPath: string) {
  if (roles.length === 0) return [];
  return db
    .select({
      telegramUserId: botLinks.telegramUserId,
      languageCode: botLinks.languageCode,
      role: users.role,
    })
    .from(botLinks)
    .innerJoin(users, eq(users.id, botLinks.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        inArray(users.role, roles as Role[]),
        eq(users.disabled, false),
        sql`${orgPath} like ${orgUnits.path} || '%'`,
      ),
    );
}

/**
 * Tells the offices that must act on new flags (预警): those who may confirm them (§3.1, §3.2), in
 * the flag's scope. A flag is a prompt for a person, never a verdict (§3.4).
 */
export async function notifyNewFlags(
  api: Api,
  texts: Texts,
  db: Database,
  flagIds: readonly number[],
): Promise<number> {
  if (flagIds.length === 0) return 0;
  const rows = await db
    .select({
      id: flags.id,
      clause: flags.clause,
      raisedOn: flags.raisedOn,
      scopePath: flags.scopePath,
      cadreName: cadres.name,
      villageName: orgUnits.name,
    })
    .from(flags)
    .innerJoin(cadres, eq(cadres.id, flags.cadreId))
    .innerJoin(orgUnits, eq(orgUnits.id, flags.villageId))
    .where(inArray(flags.id, [...flagIds]));
  let sent = 0;
  for (const flag of rows) {
    const receivers = await supervisorsInScope(
      db,
      trackRow(flag.clause)?.confirmedBy ?? [],
      flag.scopePath,
    );
    const situation = situations.find((s) => s.id === flag.clause);
    for (const receiver of receivers) {
      const ok = await notify(api, texts, receiver, (t, locale) => ({
        text: t('flag-raised', {
          clause: flag.clause,
          situation: (locale === 'zh-CN' ? situation?.zh : situation?.en) ?? '',
          name: flag.cadreName,
          village: flag.villageName,
          date: flag.raisedOn,
        }),
      }));
      if (ok) sent++;
    }
  }
  return sent;
}

/** What a notification needs outside an update: the Bot API, the texts and the database. */
export interface Outbox {
  api: Api;
  texts: Texts;
  db: Database;
}

/** Sends a leave's step to the approvers who may take it, with ✅/❌ buttons (§1.2). */
export async function sendLeaveToApprovers(
  out: Outbox,
  leaveId: number,
  step: number,
  approvers: Receiver[],
): Promise<void> {
  const found = await leaveForDecision(out.db, leaveId);
  if (!found) return;
  const { leave: request } = found;
  for (const approver of approvers) {
    await notify(out.api, out.texts, approver, (t) => ({
      text: t('leave-request-to-approver', {
        name: found.cadreName,
        village: found.villageName,
        kind: t(`leave-kind-${request.kind}`),
        from: request.startsOn,
        to: request.endsOn,
        days: leaveDays(request.startsOn, request.endsOn),
        reason: request.reason,
        step: t(`approver-${found.chain[step]}`),
      }),
      keyboard: new InlineKeyboard()
        .text(t('leave-approve'), `leave:approved:${leaveId}:${step}`)
        .text(t('leave-reject'), `leave:rejected:${leaveId}:${step}`),
    }));
  }
}

/**
 * After an approver decided a leave's step (in the bot or the app): the cadre hears the decision,
 * and the next approvers in the chain get the request.
 */
export async function announceLeaveDecision(
  out: Outbox,
  leaveId: number,
  step: number,
): Promise<void> {
  const found = await leaveForDecision(out.db, leaveId);
  if (!found) return;
  const state = found.state;
  const next = state === 'pending' ? (found.chain[step + 1] ?? null) : null;
  const cadre = await cadreChat(out.db, found.leave.cadreId);
  if (cadre) {
    await notify(out.api, out.texts, cadre, (t) => ({
      text: t(
        state === 'approved'
          ? 'leave-approved'
          : state === 'rejected'
            ? 'leave-rejected'
            : 'leave-step-approved',
        {
          from: found.leave.startsOn,
          to: found.leave.endsOn,
          by: t(`approver-${found.chain[step]}`),
          next: next ? t(`approver-${next}`) : '',
        },
      ),
    }));
  }
  if (next) {
    await sendLeaveToApprovers(out, leaveId, step + 1, await approverChats(out.db, next, found));
  }
}

/** The notifications the API sends after its transaction committed. */
export function createNotifier(out: Outbox) {
  return {
    flagsRaised: async (flagIds: number[]) => {
      await notifyNewFlags(out.api, out.texts, out.db, flagIds);
    },
    leaveDecided: (leaveId: number, step: number) => announceLeaveDecision(out, leaveId, step),
  };
}
