// Month close for a province: 45,000 synthetic cadres, each with a month of check-ins (some outside
// the geofence), a few leaves and diary entries, evaluated with core/ alone (§1.2, §2.4, §2.5).
//   npx tsx bench/core/month.ts [cadres]
// Prints the time and memory of each path; the target is < 2 s and < 500 MB on a 2-core machine.
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import {
  evaluateMonth,
  justifiedSpan,
  monthFacts,
  spanMask,
  type LeaveRecord,
  type MonthFacts,
} from '../../core/attendance/monthly-presence';
import { addDays, daysInMonth, lastOfMonth } from '../../core/calendar/local-date';
import { defaultParameters } from '../../core/parameters';
import { detectMonthClose } from '../../core/situations/month-close';
import { report as reportRows } from '../report';

const cadres = Number(process.argv[2] ?? 45_000);
const month = '2026-10';
const days = daysInMonth(2026, 10);
const closeDay = addDays(lastOfMonth(month), 1);

// A seeded generator (mulberry32), so every run evaluates the same province.
let seed = 20170502;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// ——— Synthetic province: check-ins as a flat column of day numbers, like a query would return ———
const checkInDay: number[] = [];
const checkInInside: boolean[] = [];
const firstCheckIn = new Uint32Array(cadres + 1);
const leaves: LeaveRecord[][] = [];
const diaryEntries = new Uint8Array(cadres);
const assignedFrom = new Uint8Array(cadres);
for (let c = 0; c < cadres; c++) {
  firstCheckIn[c] = checkInDay.length;
  const diligence = random() < 0.1 ? 0.55 : 0.9; // one in ten is often away
  assignedFrom[c] = random() < 0.05 ? 1 + Math.floor(random() * 28) : 1;
  for (let d = assignedFrom[c]!; d <= days; d++) {
    if (random() < diligence) {
      const perDay = random() < 0.2 ? 2 : 1;
      for (let k = 0; k < perDay; k++) {
        checkInDay.push(d);
        checkInInside.push(random() < 0.97);
      }
    }
  }
  const own: LeaveRecord[] = [];
  if (random() < 0.15) {
    const from = 1 + Math.floor(random() * 25);
    const length = Math.floor(random() * 6);
    const late = random() < 0.2;
    own.push({
      from: `${month}-${String(from).padStart(2, '0')}`,
      to: `${month}-${String(Math.min(days, from + length)).padStart(2, '0')}`,
      approved: late ? '2026-11-05' : `${month}-${String(Math.max(1, from - 1)).padStart(2, '0')}`,
      returned: null,
    });
  }
  leaves.push(own);
  diaryEntries[c] = random() < 0.05 ? 0 : 1 + Math.floor(random() * 8);
}
firstCheckIn[cadres] = checkInDay.length;
const dayColumn = Uint8Array.from(checkInDay);
const insideColumn = Uint8Array.from(checkInInside, (b) => (b ? 1 : 0));
checkInDay.length = 0;
checkInInside.length = 0;

const results: string[] = [];
const timings: { label: string; ms: number }[] = [];

function report(label: string, ms: number, flags: number, compliant: number): void {
  results.push(`${compliant}/${flags}`);
  timings.push({ label, ms });
  const mem = process.memoryUsage();
  console.log(
    `${label}: ${cadres} cadres, ${dayColumn.length} check-ins in ${ms.toFixed(0)} ms ` +
      `(${((ms * 1000) / cadres).toFixed(2)} µs a cadre); ${compliant} compliant, ${flags} flags; ` +
      `heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(mem.rss / 2 ** 20).toFixed(0)} MB`,
  );
}

// ——— Path 1: compact inputs (day numbers → masks), as the set-based month close uses ———
{
  const t0 = performance.now();
  let flags = 0;
  let compliant = 0;
  const facts: MonthFacts = {
    daysInMonth: days,
    assigned: 0,
    inVillage: 0,
    leave: 0,
    diaryEntries: 0,
    ended: true,
  };
  for (let c = 0; c < cadres; c++) {
    let inVillage = 0;
    for (let i = firstCheckIn[c]!; i < firstCheckIn[c + 1]!; i++) {
      if (insideColumn[i]) inVillage |= 1 << (dayColumn[i]! - 1);
    }
    let leave = 0;
    for (const l of leaves[c]!) {
      const span = justifiedSpan(l, closeDay);
      if (span) leave |= spanMask(month, span.from, span.to);
    }
    facts.assigned = spanMask(
      month,
      `${month}-${String(assignedFrom[c]).padStart(2, '0')}`,
      lastOfMonth(month),
    );
    facts.inVillage = inVillage;
    facts.leave = leave;
    facts.diaryEntries = diaryEntries[c]!;
    const presence = evaluateMonth(facts, defaultParameters);
    if (presence.compliant) compliant++;
    flags += detectMonthClose(month, presence).length;
  }
  report('compact (masks)', performance.now() - t0, flags, compliant);
}

// ——— Path 2: dated records (LocalDate strings), as the bot asks for one cadre ———
{
  const t0 = performance.now();
  let flags = 0;
  let compliant = 0;
  for (let c = 0; c < cadres; c++) {
    const inVillageDays: string[] = [];
    for (let i = firstCheckIn[c]!; i < firstCheckIn[c + 1]!; i++) {
      if (insideColumn[i]) inVillageDays.push(`${month}-${String(dayColumn[i]).padStart(2, '0')}`);
    }
    const diaryDay = `${month}-${String(Math.max(15, assignedFrom[c]!)).padStart(2, '0')}`;
    const diaryDates = Array.from({ length: diaryEntries[c]! }, () => diaryDay);
    const presence = evaluateMonth(
      monthFacts({
        month,
        assignment: { start: `${month}-${String(assignedFrom[c]).padStart(2, '0')}`, end: null },
        inVillageDays,
        diaryDates,
        leaves: leaves[c]!,
        asOf: closeDay,
      }),
      defaultParameters,
    );
    if (presence.compliant) compliant++;
    flags += detectMonthClose(month, presence).length;
  }
  report('records (dates)', performance.now() - t0, flags, compliant);
}

const peak = resourceUsage().maxRSS / 1024;
console.log(`peak rss ${peak.toFixed(0)} MB (process, including the synthetic data)`);
reportRows([
  {
    bench: 'core',
    what: `one month for ${cadres.toLocaleString('en')} cadres, ${dayColumn.length.toLocaleString('en')} check-ins, in core/ alone`,
    result:
      timings.map((t) => `${t.ms.toFixed(0)} ms ${t.label}`).join(', ') +
      `; peak RSS ${peak.toFixed(0)} MB`,
    target: '< 2 s, < 500 MB',
    ok: timings.every((t) => t.ms < 2_000) && peak < 500,
  },
]);
