// The shapes the people pages read from the API (web/api/org.ts, attendance.ts, inspections.ts…),
// written out from the routes' own code, and the small month arithmetic the pickers need.
import { addDays, firstOfMonth, nextMonth } from '../../../../../core/calendar/local-date';

export type AssignmentRole = 'firstSecretary' | 'teamMember';

/** GET /api/cadres: one row (org.ts cadreJson). */
export interface CadreRow {
  id: number;
  name: string;
  title: string | null;
  phone: string | null;
  dispatchingUnit: { id: number; name: string };
  assignment: Assignment;
}

export interface Assignment {
  id: number;
  role: AssignmentRole;
  dispatchLevel: 'province' | 'city' | 'county' | 'township';
  dispatchingUnitId: number;
  startsOn: string;
  endsOn: string | null;
  inPost: boolean;
  village: { id: number; name: string };
  township: { id: number; name: string } | null;
}

export interface CadreList {
  total: number;
  cadres: CadreRow[];
}

/** GET /api/cadres/:id (org.ts cadreDetail). */
export interface CadreDetail {
  id: number;
  name: string;
  title: string | null;
  phone: string | null;
  dispatchingUnit: { id: number; name: string };
  current: Assignment | null;
  assignments: Assignment[];
}

/** One month's figures, as core evaluates them (attendance.ts MonthFigures). */
export interface MonthFigures {
  required: number;
  inVillage: number;
  justifiedAbsence: number;
  diaryEntries: number;
  compliant: boolean | null;
  diaryExempt: boolean;
  diaryCompliant: boolean | null;
  shortfall: number;
}

/** GET /api/cadres/:id/months. */
export interface CadreMonths {
  cadre: { id: number; name: string };
  village: { id: number; name: string };
  assignment: { id: number; role: AssignmentRole; startsOn: string; endsOn: string | null };
  asOf: string;
  parameters: { minDaysPerMonth: number; minDiaryEntriesPerMonth: number };
  months: (MonthFigures & { month: string; ended: boolean })[];
}

/** GET /api/attendance/:orgUnitId/:month. */
export interface UnitMonth {
  orgUnit: { id: number; name: string; level: string };
  month: string;
  asOf: string;
  ended: boolean;
  summary: { cadres: number; short: number; compliant: number; nonCompliant: number };
  cadres: (MonthFigures & {
    cadre: { id: number; name: string };
    assignment: { id: number; role: AssignmentRole; startsOn: string; endsOn: string | null };
    village: { id: number; name: string };
    township: { id: number; name: string } | null;
    dispatchingUnit: { id: number; name: string };
  })[];
}

/** GET /api/org-units: the user's subtree. */
export interface OrgNode {
  id: number;
  parentId: number | null;
  level: 'province' | 'city' | 'county' | 'township' | 'village';
  name: string;
  children: OrgNode[];
}

/** GET /api/cadres/:id/diary. */
export interface Diary {
  cadre: { id: number; name: string };
  from: string;
  to: string;
  truncated: boolean;
  entries: {
    id: number;
    date: string;
    at: string;
    text: string | null;
    photo: boolean;
    voice: boolean;
    village: { id: number; name: string };
  }[];
}

/** GET /api/inspections. */
export interface Inspections {
  inspections: {
    id: number;
    cadreId: number;
    cadreName: string;
    village: string;
    date: string;
    present: boolean;
    note: string | null;
    inspector: string | null;
    createdAt: string;
  }[];
}

/** GET /api/leave: the fields the calendar reads. */
export interface LeaveHistory {
  leave: {
    id: number;
    startsOn: string;
    endsOn: string;
    state: 'pending' | 'approved' | 'rejected' | 'withdrawn';
    approvedOn: string | null;
    returnedOn: string | null;
  }[];
}

/** GET /api/calendar/:year: the fields the calendar reads. */
export interface YearCalendar {
  year: number;
  days: {
    date: string;
    workday: boolean;
    weekend: boolean;
    holiday: string | null;
    makeUpWorkday: boolean;
    local: 'holiday' | 'workday' | null;
    localName: string | null;
  }[];
}

/** 'YYYY-MM' of the month before. */
export const previousMonth = (month: string) => addDays(firstOfMonth(month), -1).slice(0, 7);
export { nextMonth };

export const isMonth = (value: string | null): value is string =>
  value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** The org tree flattened in its order, each unit with its depth (for an indented picker). */
export function flattenTree(root: OrgNode, depth = 0): { node: OrgNode; depth: number }[] {
  return [{ node: root, depth }, ...root.children.flatMap((c) => flattenTree(c, depth + 1))];
}
