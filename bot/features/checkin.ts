// 打卡: a location sent just now → core decides inside or outside the village's geofence (§1.1) →
// one transaction records it (and 销假 for a leave in progress) → the month so far from core (§1.2).
import { and, desc, eq, isNull, lte } from 'drizzle-orm';
import { Composer } from 'grammy';
import { checkGeofence } from '../../core/attendance';
import { monthOf, shanghaiDate } from '../../core/calendar/local-date';
import { cadreMonth } from '../../db/queries/attendance';
import { cadreOn } from '../../db/queries/cadres';
import { parametersFor } from '../../db/queries/parameters';
import { checkIns, leaveRequests } from '../../db/schema';
import type { BotContext } from '../context';
import { cadreKeyboard } from '../keyboards';

/** A location older than this is not "just now" (issue #4). */
export const FRESH_LOCATION_SECONDS = 120;
/** A photo without a caption this soon after a check-in is attached to it. */
export const CHECKIN_PHOTO_SECONDS = 600;

export const checkin = new Composer<BotContext>();
const cadres = checkin.chatType('private').filter((ctx) => ctx.sender.cadreId !== null);

cadres.command('checkin', (ctx) =>
  ctx.reply(ctx.t('checkin-ask'), { reply_markup: cadreKeyboard(ctx.t) }),
);
cadres.hears(/^📍/, (ctx) =>
  ctx.reply(ctx.t('checkin-ask'), { reply_markup: cadreKeyboard(ctx.t) }),
);

cadres.on('message:location', async (ctx) => {
  const message = ctx.message;
  if (message.forward_origin) return ctx.reply(ctx.t('checkin-forwarded'));
  if (message.venue) return ctx.reply(ctx.t('checkin-venue'));
  if (ctx.now.getTime() / 1000 - message.date > FRESH_LOCATION_SECONDS) {
    return ctx.reply(ctx.t('checkin-stale'));
  }
  const today = shanghaiDate(new Date(message.date * 1000));
  const profile = await cadreOn(ctx.db, ctx.sender.cadreId!, today);
  if (!profile?.assignment || !profile.village) return ctx.reply(ctx.t('no-assignment'));
  const { assignment, village } = profile;

  // 一天只算一次 — one day counts once: an earlier inside check-in today makes this one a repeat.
  // Asked together with the village's parameters: one round trip for both.
  const [parameters, [earlier]] = await Promise.all([
    parametersFor(ctx.db, village.path),
    ctx.db
      .select({ id: checkIns.id })
      .from(checkIns)
      .where(
        and(
          eq(checkIns.assignmentId, assignment.id),
          eq(checkIns.localDate, today),
          eq(checkIns.inside, true),
        ),
      )
      .limit(1),
  ]);
  const fence = {
    centre: { latitude: village.latitude!, longitude: village.longitude! },
    radiusMetres: village.geofenceMetres ?? undefined,
  };
  const { location } = message;
  const decision = checkGeofence(fence, location, parameters);
  if (!decision.ok)
    throw new Error(`village ${village.id} geofence: ${decision.reason} ${decision.field}`);
  const distanceMetres = Math.round(decision.distanceMetres);

  const [recorded] = await ctx.db
    .insert(checkIns)
    .values({
      cadreId: profile.cadre.id,
      assignmentId: assignment.id,
      villageId: village.id,
      telegramUpdateId: ctx.update.update_id,
      at: new Date(message.date * 1000),
      localDate: today,
      latitude: location.latitude,
      longitude: location.longitude,
      accuracyMetres: location.horizontal_accuracy ?? null,
      live: location.live_period !== undefined,
      inside: decision.inside,
      distanceMetres,
    })
    .returning({ id: checkIns.id });

  const lines: string[] = [];
  if (decision.inside) {
    lines.push(ctx.t(earlier ? 'checkin-inside-again' : 'checkin-inside', { date: today }));
    // 销假: the first inside check-in on or after an approved leave's start reports the cadre back.
    const returned = await ctx.db
      .update(leaveRequests)
      .set({ returnedOn: today, returnCheckInId: recorded!.id })
      .where(
        and(
          eq(leaveRequests.assignmentId, assignment.id),
          eq(leaveRequests.state, 'approved'),
          isNull(leaveRequests.returnedOn),
          lte(leaveRequests.startsOn, today),
        ),
      )
      .returning({ id: leaveRequests.id });
    if (returned.length > 0) lines.push(ctx.t('checkin-returned', { date: today }));
  } else {
    lines.push(
      ctx.t('checkin-outside', {
        village: village.name,
        distance: formatDistance(distanceMetres, ctx.locale),
        radius: formatDistance(fence.radiusMetres ?? parameters.geofenceMetres, ctx.locale),
      }),
    );
  }
  const month = await cadreMonth(ctx.db, assignment, monthOf(today), today, parameters);
  lines.push(monthLine(ctx, month));
  if (decision.inside && !earlier) lines.push(ctx.t('checkin-photo-hint'));
  return ctx.reply(lines.join('\n'), { reply_markup: cadreKeyboard(ctx.t) });
});

// A photo without a caption soon after today's check-in belongs to it; anything else is a diary photo.
cadres.on('message:photo', async (ctx, next) => {
  if (ctx.message.caption) return next();
  const since = new Date(ctx.now.getTime() - CHECKIN_PHOTO_SECONDS * 1000);
  const [latest] = await ctx.db
    .select({ id: checkIns.id, at: checkIns.at, photo: checkIns.photoFileId })
    .from(checkIns)
    .where(eq(checkIns.cadreId, ctx.sender.cadreId!))
    .orderBy(desc(checkIns.at))
    .limit(1);
  if (!latest || latest.photo || latest.at < since) return next();
  const photo = ctx.message.photo.at(-1)!;
  await ctx.db
    .update(checkIns)
    .set({ photoFileId: photo.file_id })
    .where(eq(checkIns.id, latest.id));
  return ctx.reply(ctx.t('checkin-photo-saved'));
});

export function monthLine(
  ctx: BotContext,
  month: {
    month: string;
    inVillage: number;
    justifiedAbsence: number;
    stillNeeded: number;
    required: number;
  },
): string {
  return ctx.t('month-so-far', {
    month: formatMonth(month.month, ctx.locale),
    inVillage: month.inVillage,
    leave: month.justifiedAbsence,
    needed: month.stillNeeded,
    required: month.required,
  });
}

function formatMonth(month: string, locale: string): string {
  const [year, m] = month.split('-').map(Number);
  return locale === 'zh-CN' ? `${year}年${m}月` : `${month}`;
}

export function formatDistance(metres: number, locale: string): string {
  if (metres < 1000) return locale === 'zh-CN' ? `${metres} 米` : `${metres} m`;
  const km = (metres / 1000).toFixed(metres < 10_000 ? 1 : 0);
  return locale === 'zh-CN' ? `${km} 公里` : `${km} km`;
}
