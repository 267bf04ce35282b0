// Messages the bot starts: to approvers and to cadres, each in the receiver's own language.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { InlineKeyboard, type Api } from 'grammy';
import { trackRow } from '../core/procedure';
import type { Role } from '../core/procedure/parties';
import { situations } from '../core/situations';
import { leaveDays } from '../core/attendance';
import { type Calendar, workdaysBetween } from '../core/calendar';
import type { LocalDate } from '../core/calendar/local-date';
import type { Database } from '../db/database';
import { calendarFor } from '../db/queries/calendar';
import { approverChats, cadreChat, leaveForDecision } from '../db/queries/leave';
import {
  assignments,
  botLinks,
  cadres,
  cases,
  deadlines,
  flags,
  orgUnits,
  users,
} from '../db/schema';
import type { Locale, Texts, Translate } from './i18n';
import { cadreKeyboard } from './keyboards';

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

/** Who owes each step (§3.5–§3.8): the dispatching unit, or the department that answers an appeal. */
const owedBy: Record<string, 'dispatchingUnit' | 'department' | 'cadre'> = {
  appeal: 'cadre',
  appealAnswer: 'department',
  recall: 'dispatchingUnit',
  return: 'dispatchingUnit',
  replacement: 'dispatchingUnit',
};

/** How far ahead, in working days, a step's deadline is announced (issue #4). */
export const REMIND_WORKDAYS_AHEAD = 2;

/**
 * Deadlines of open cases that fall due within two working days (told once: `remindedAt`) or are
 * overdue (told each time this runs: the scheduler runs it once a day). The appeal window is the
 * cadre's own right, so the cadre hears of it; the other steps go to the office that owes them.
 */
export async function notifyDeadlines(out: Outbox, asOf: LocalDate, now: Date): Promise<number> {
  const rows = await out.db
    .select({
      deadline: deadlines,
      clause: cases.clause,
      cadreId: cases.cadreId,
      scopePath: cases.scopePath,
      dispatchLevel: cases.dispatchLevel,
      dispatchingUnitId: assignments.dispatchingUnitId,
      cadreName: cadres.name,
    })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .innerJoin(assignments, eq(assignments.id, cases.assignmentId))
    .innerJoin(cadres, eq(cadres.id, cases.cadreId))
    .where(and(eq(cases.state, 'open'), isNull(deadlines.metOn)));
  const calendars = new Map<string, Calendar>();
  let sent = 0;
  for (const row of rows) {
    const { deadline } = row;
    let calendar = calendars.get(row.scopePath);
    if (!calendar)
      calendars.set(row.scopePath, (calendar = await calendarFor(out.db, row.scopePath)));
    const left = workdaysBetween(calendar, asOf, deadline.due);
    const overdue = deadline.due < asOf;
    const ahead = !overdue && left <= REMIND_WORKDAYS_AHEAD && deadline.remindedAt === null;
    if (!ahead && (!overdue || deadline.step === 'appeal')) continue;

    const owner = owedBy[deadline.step] ?? 'department';
    const receivers: Receiver[] =
      owner === 'cadre'
        ? [await cadreChat(out.db, row.cadreId)].filter((r): r is Receiver => r !== undefined)
        : owner === 'dispatchingUnit'
          ? await unitOfficers(out.db, row.dispatchingUnitId)
          : await supervisorsInScope(
              out.db,
              row.dispatchLevel === 'province' ? ['province'] : ['county'],
              row.scopePath,
            );
    for (const receiver of receivers) {
      const ok = await notify(out.api, out.texts, receiver, (t) => ({
        text: t(overdue ? 'deadline-overdue-notice' : 'deadline-ahead-notice', {
          step: t(`deadline-${deadline.step}`),
          clause: deadline.clause,
          name: row.cadreName,
          situation: row.clause,
          due: deadline.due,
          left: overdue ? -left : left,
          provisional: deadline.provisional ? t('provisional') : '',
        }),
      }));
      if (ok) sent++;
    }
    if (ahead)
      await out.db.update(deadlines).set({ remindedAt: now }).where(eq(deadlines.id, deadline.id));
  }
  return sent;
}

/** The linked officers of one dispatching unit. */
export async function unitOfficers(db: Database, dispatchingUnitId: number): Promise<Receiver[]> {
  return db
    .select({ telegramUserId: botLinks.telegramUserId, languageCode: botLinks.languageCode })
    .from(botLinks)
    .innerJoin(users, eq(users.id, botLinks.userId))
    .where(
      and(
        eq(users.role, 'dispatchingUnit'),
        eq(users.dispatchingUnitId, dispatchingUnitId),
        eq(users.disabled, false),
      ),
    );
}

/**
 * Sends to a cadre with their reply keyboard, whose 📍 button checks in with one tap (§1.1): the
 * check-in reminder (web/jobs/check-in-reminder.ts). A blocked bot is not an error, as in notify().
 */
export async function notifyCadre(
  api: Api,
  texts: Texts,
  receiver: Receiver,
  text: (t: Translate, locale: Locale) => string,
): Promise<boolean> {
  const locale = texts.negotiate(receiver.languageCode ?? undefined);
  const t = texts.translator(locale);
  try {
    await api.sendMessage(receiver.telegramUserId, text(t, locale), {
      reply_markup: cadreKeyboard(t),
    });
    return true;
  } catch (error) {
    console.warn(`notify: could not reach a chat: ${(error as Error).message}`);
    return false;
  }
}

/** The roles that speak for the organization department (or township committee) of a level. */
const officeRoles: Record<'township' | 'county' | 'city' | 'province', readonly Role[]> = {
  township: ['township'],
  county: ['county'],
  // A city/prefecture department's officers hold the county or province role at a city unit
  // (core/procedure/parties.ts partiesOf).
  city: ['county', 'province'],
  province: ['province'],
};

/**
 * The linked officers of the office at `level` above the org path (a case's village): its
 * township committee, county, city or provincial organization department — those of that unit
 * itself, not of the units above it (§4.2: 上级组织部门, the next level up and no further).
 */
export async function officersAt(
  db: Database,
  level: 'township' | 'county' | 'city' | 'province',
  orgPath: string,
): Promise<Receiver[]> {
  return db
    .select({ telegramUserId: botLinks.telegramUserId, languageCode: botLinks.languageCode })
    .from(botLinks)
    .innerJoin(users, eq(users.id, botLinks.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        inArray(users.role, [...officeRoles[level]]),
        eq(users.disabled, false),
        eq(orgUnits.level, level),
        sql`${orgPath} like ${orgUnits.path} || '%'`,
      ),
    );
}

/** Telegram takes 4096 characters a message; lists are cut into messages below this. */
export const LIST_MESSAGE_CHARS = 3500;

/**
 * Lines of a list cut into messages of at most LIST_MESSAGE_CHARS each, and at most `maxMessages`
 * of them: what does not fit is counted in `left` (for a "…and N more" line).
 */
export function listPages(
  lines: readonly string[],
  maxMessages: number,
): { pages: string[][]; left: number } {
  const pages: string[][] = [];
  let page: string[] = [];
  let size = 0;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (page.length > 0 && size + line.length + 1 > LIST_MESSAGE_CHARS) {
      pages.push(page);
      if (pages.length === maxMessages) break;
      page = [];
      size = 0;
    }
    page.push(line);
    size += line.length + 1;
  }
  if (pages.length < maxMessages && page.length > 0) pages.push(page);
  return { pages, left: lines.length - pages.reduce((n, p) => n + p.length, 0) };
}
