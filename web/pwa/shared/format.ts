// Dates as people in China write them (2026年11月26日 星期四), or in English on request. Dates from
// the API are local days ('2026-11-26'); they are formatted as such, never shifted by a time zone.
import { shanghaiDate } from '../../../core/calendar/local-date';
import type { Lang } from './i18n';

/** Today in Beijing, as a local day (core's reading of the clock's instant). */
export const todayInChina = (now = new Date()) => shanghaiDate(now);

const asUtcNoon = (day: string) => new Date(`${day}T12:00:00Z`);

export function formatDay(day: string, lang: Lang, options: { weekday?: boolean } = {}): string {
  return new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: options.weekday ? 'short' : undefined,
    timeZone: 'UTC',
  }).format(asUtcNoon(day));
}

/** '2026-11' → 2026年11月 / November 2026. */
export function formatMonth(month: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    asUtcNoon(`${month}-01`),
  );
}

/** An instant (ISO timestamp) in Beijing time: 2026年11月26日 09:30. */
export function formatInstant(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  }).format(new Date(iso));
}
