// Occurrences of an RRULE in Beijing wall-clock time, as instants. Asia/Shanghai has had no
// daylight saving since 1991, so a wall-clock time is the instant 8 hours earlier: the rule is
// expanded on wall-clock times written as UTC, then shifted. (rrule's own TZID support depends on
// the process's Intl data and time zone; this does not.)
import rrule from 'rrule'; // CommonJS: the default import works under node as well as vitest

const BEIJING_OFFSET_MS = 8 * 3_600_000;
// Every rule starts on the regulation's day; BYxxx parts place the occurrences within it.
const EPOCH = '20170502T000000Z';

/** Parses a rule, or says in one bilingual line what is wrong with it. */
export function parseRule(rule: string): InstanceType<typeof rrule.RRule> {
  try {
    const parsed = rrule.rrulestr(`DTSTART:${EPOCH}\nRRULE:${rule.replace(/^RRULE:/i, '')}`);
    if (!(parsed instanceof rrule.RRule)) throw new Error('not a single RRULE');
    return parsed;
  } catch (error) {
    throw new InvalidRuleError(rule, error instanceof Error ? error.message : String(error));
  }
}

export class InvalidRuleError extends Error {
  override name = 'InvalidRuleError';
  constructor(
    readonly rule: string,
    reason: string,
  ) {
    super(`重复规则无效 / invalid RRULE "${rule}": ${reason}`);
  }
}

/** The rule's occurrences in (after, until], as instants. */
export function occurrencesBetween(rule: string, after: Date, until: Date): Date[] {
  const wall = (d: Date) => new Date(d.getTime() + BEIJING_OFFSET_MS);
  return parseRule(rule)
    .between(wall(after), wall(until), true)
    .filter((d) => d.getTime() > wall(after).getTime())
    .map((d) => new Date(d.getTime() - BEIJING_OFFSET_MS));
}

/** The next `count` occurrences after `after`. */
export function nextOccurrences(rule: string, after: Date, count: number): Date[] {
  const parsed = parseRule(rule);
  const out: Date[] = [];
  let cursor = new Date(after.getTime() + BEIJING_OFFSET_MS);
  while (out.length < count) {
    const next = parsed.after(cursor, false);
    if (!next) break;
    out.push(new Date(next.getTime() - BEIJING_OFFSET_MS));
    cursor = next;
  }
  return out;
}
