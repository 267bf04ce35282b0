// Dates as people type them in a chat: '2026-12-01', '2026/12/1', '12月1日', '12-1', '今天',
// '明天', '后天', 'today', 'tomorrow'. A date without a year is the next such day from `today`.
import { addDays, parseLocalDate, type LocalDate } from './local-date';

export type UserDateResult =
  | { ok: true; date: LocalDate }
  | { ok: false; reason: 'invalid-date' | 'unrecognised-date'; input: string };

const RELATIVE: Record<string, number> = {
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
  today: 0,
  tomorrow: 1,
};

export function parseUserDate(text: string, today: LocalDate): UserDateResult {
  const input = text.trim().replace(/\s+/g, '').replace(/[／]/g, '/').replace(/[－—]/g, '-');
  const relative = RELATIVE[input.toLowerCase()];
  if (relative !== undefined) return { ok: true, date: addDays(today, relative) };

  const full = /^(\d{4})(?:[-/.年])(\d{1,2})(?:[-/.月])(\d{1,2})[日号]?$/.exec(input);
  if (full) return checked(Number(full[1]), Number(full[2]), Number(full[3]), text);

  const short = /^(\d{1,2})(?:[-/.月])(\d{1,2})[日号]?$/.exec(input);
  if (short) {
    const month = Number(short[1]);
    const day = Number(short[2]);
    const year = Number(today.slice(0, 4));
    const thisYear = checked(year, month, day, text);
    // 2月29日 typed in a common year may still be next year's… only in a leap year; try both.
    if (thisYear.ok && thisYear.date >= today) return thisYear;
    const nextYear = checked(year + 1, month, day, text);
    if (nextYear.ok) return nextYear;
    return thisYear.ok ? nextYear : thisYear;
  }
  return { ok: false, reason: 'unrecognised-date', input: text };
}

function checked(year: number, month: number, day: number, input: string): UserDateResult {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const parsed = parseLocalDate(date);
  return parsed.ok ? { ok: true, date } : { ok: false, reason: 'invalid-date', input };
}
