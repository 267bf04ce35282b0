// 我的 (/me): this month so far (§1.2), leave in progress or waiting, and the open flags and cases
// about me with their deadlines in working days (§3), all from core.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { Composer, InlineKeyboard } from 'grammy';
import { canWithdrawLeave } from '../../core/attendance';
import { workdaysBetween } from '../../core/calendar';
import { monthOf, shanghaiDate } from '../../core/calendar/local-date';
import { situations } from '../../core/situations';
import { cadreMonth } from '../../db/queries/attendance';
import { cadreOn } from '../../db/queries/cadres';
import { calendarFor } from '../../db/queries/calendar';
import { activeLeaves } from '../../db/queries/leave';
import { parametersFor } from '../../db/queries/parameters';
import { cases, deadlines, flags } from '../../db/schema';
import type { BotContext } from '../context';
import { cadreKeyboard } from '../keyboards';
import { monthLine } from './checkin';

export const me = new Composer<BotContext>();
const cadres = me.chatType('private').filter((ctx) => ctx.sender.cadreId !== null);

cadres.command('me', showMe);
cadres.hears(/^👤/, showMe);

async function showMe(ctx: BotContext) {
  const t = ctx.t;
  const today = shanghaiDate(ctx.now);
  const profile = await cadreOn(ctx.db, ctx.sender.cadreId!, today);
  if (!profile?.assignment || !profile.village) return ctx.reply(t('no-assignment'));
  const { cadre, assignment, village } = profile;
  const parameters = await parametersFor(ctx.db, village.path);
  const month = await cadreMonth(ctx.db, assignment, monthOf(today), today, parameters);

  const lines = [t('me-title', { name: cadre.name, village: village.name }), monthLine(ctx, month)];

  const leaves = await activeLeaves(ctx.db, assignment.id);
  const buttons = new InlineKeyboard();
  for (const l of leaves) {
    if (l.state === 'approved' && l.returnedOn) continue;
    if (l.state === 'approved' && l.to < today && !l.returnedOn) {
      lines.push(t('me-leave-overdue', { from: l.from, to: l.to }));
      continue;
    }
    const key =
      l.state === 'pending'
        ? 'me-leave-pending'
        : l.from <= today
          ? 'me-leave-active'
          : 'me-leave-future';
    lines.push(t(key, { kind: t(`leave-kind-${l.kind}`), from: l.from, to: l.to }));
    if (canWithdrawLeave({ state: l.state, from: l.from }, today)) {
      buttons.text(t('leave-withdraw', { from: l.from }), `leave:withdraw:${l.id}`).row();
    }
  }

  const openFlags = await ctx.db
    .select({ clause: flags.clause, raisedOn: flags.raisedOn })
    .from(flags)
    .where(and(eq(flags.cadreId, cadre.id), eq(flags.state, 'open')))
    .orderBy(asc(flags.raisedOn));
  for (const f of openFlags) {
    lines.push(
      t('me-flag', {
        clause: f.clause,
        situation: situationText(f.clause, ctx.locale),
        date: f.raisedOn,
      }),
    );
  }

  const openCases = await ctx.db
    .select({ id: cases.id, clause: cases.clause, openedOn: cases.openedOn })
    .from(cases)
    .where(and(eq(cases.cadreId, cadre.id), eq(cases.state, 'open')))
    .orderBy(asc(cases.openedOn));
  if (openCases.length > 0) {
    const calendar = await calendarFor(ctx.db, village.path);
    const due = await ctx.db
      .select()
      .from(deadlines)
      .where(
        and(
          inArray(
            deadlines.caseId,
            openCases.map((c) => c.id),
          ),
          isNull(deadlines.metOn),
        ),
      )
      .orderBy(asc(deadlines.due));
    for (const c of openCases) {
      lines.push(
        t('me-case', {
          clause: c.clause,
          situation: situationText(c.clause, ctx.locale),
          date: c.openedOn,
        }),
      );
      for (const d of due.filter((x) => x.caseId === c.id)) {
        const left = workdaysBetween(calendar, today, d.due);
        lines.push(
          t(left >= 0 ? 'me-deadline' : 'me-deadline-overdue', {
            step: t(`deadline-${d.step}`),
            due: d.due,
            left: Math.abs(left),
            provisional: d.provisional ? t('provisional') : '',
          }),
        );
      }
    }
  }
  if (openFlags.length === 0 && openCases.length === 0) lines.push(t('me-nothing-open'));

  const keyboard = buttons.inline_keyboard.length > 0 ? buttons : cadreKeyboard(t);
  return ctx.reply(lines.join('\n'), { reply_markup: keyboard });
}

function situationText(clause: string, locale: string): string {
  const situation = situations.find((s) => s.id === clause);
  if (!situation) return '';
  return locale === 'zh-CN' ? situation.zh : situation.en;
}
