// The State Council's yearly holiday schedules built into the product, one JSON file a year, each
// checked by parseSchedule when this module loads — clauses.md §3 (working days follow them).
// Adding a year is data: add YYYY.json beside this file and one line below (see ../README.md).

import { CalendarConfigError } from '../errors';
import { parseSchedule } from '../schedule';
import type { Schedule } from '../schedule';
import s2017 from './2017.json' with { type: 'json' };
import s2018 from './2018.json' with { type: 'json' };
import s2019 from './2019.json' with { type: 'json' };
import s2020 from './2020.json' with { type: 'json' };
import s2021 from './2021.json' with { type: 'json' };
import s2022 from './2022.json' with { type: 'json' };
import s2023 from './2023.json' with { type: 'json' };
import s2024 from './2024.json' with { type: 'json' };
import s2025 from './2025.json' with { type: 'json' };
import s2026 from './2026.json' with { type: 'json' };

const data: readonly unknown[] = [
  s2017,
  s2018,
  s2019,
  s2020,
  s2021,
  s2022,
  s2023,
  s2024,
  s2025,
  s2026,
];

/** The built-in schedules, 2017–2026, validated and frozen. */
export const builtInSchedules: readonly Schedule[] = data.map((json, i) => {
  const parsed = parseSchedule(json);
  // A bug in the shipped data, not a user's error: the tests parse every file too.
  if (!parsed.ok) {
    throw new CalendarConfigError(parsed.message, `built-in schedule #${i} ${parsed.path}`);
  }
  return deepFreeze(parsed.schedule);
});

/** The years whose schedule is built in. */
export const builtInYears: readonly number[] = Object.freeze(builtInSchedules.map((s) => s.year));

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
