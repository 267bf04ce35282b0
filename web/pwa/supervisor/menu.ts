// The menu: each page a role sees, its name, and the API resource it cannot do without — the
// server decides what a role may read (test/web/pwa/menu.test.ts holds the menu to it: a role is
// never offered a page whose resource would refuse it).
import type { Role } from './session';

export interface MenuEntry {
  path: string;
  'zh-CN': string;
  en: string;
  roles: Role[];
  /** The GET this page needs (relative to /api; `:orgUnitId` is the person's own unit). */
  reads: string;
}

const supervisors: Role[] = ['township', 'county', 'dispatchingUnit', 'discipline', 'province'];
// Discipline inspection hears of cases, not of flags or leave (web/api/flags.ts, leave.ts).
const oversight: Role[] = ['township', 'county', 'dispatchingUnit', 'province'];

export const menu: MenuEntry[] = [
  {
    path: '/',
    'zh-CN': '今日待办',
    en: 'Today',
    roles: [...supervisors, 'inspector', 'admin'],
    reads: '/session',
  },
  { path: '/flags', 'zh-CN': '预警', en: 'Flags', roles: oversight, reads: '/flags' },
  { path: '/leave', 'zh-CN': '请假审批', en: 'Leave', roles: oversight, reads: '/leave' },
  { path: '/cases', 'zh-CN': '教育整改', en: 'Cases', roles: supervisors, reads: '/cases' },
  {
    path: '/attendance',
    'zh-CN': '驻村考勤',
    en: 'Attendance',
    roles: supervisors,
    reads: '/attendance/:orgUnitId/:month',
  },
  {
    path: '/cadres',
    'zh-CN': '驻村干部',
    en: 'Cadres',
    roles: [...supervisors, 'inspector'],
    reads: '/cadres',
  },
  {
    path: '/inspections/new',
    'zh-CN': '记录督查',
    en: 'Record an inspection',
    roles: ['inspector', 'township', 'county'],
    reads: '/cadres',
  },
  {
    path: '/surveys',
    'zh-CN': '满意度测评',
    en: 'Surveys',
    roles: ['township', 'county', 'province'],
    reads: '/surveys',
  },
  { path: '/tips', 'zh-CN': '举报', en: 'Tips', roles: ['county', 'discipline'], reads: '/tips' },
  {
    path: '/admin/org',
    'zh-CN': '组织机构',
    en: 'Org units',
    roles: ['county', 'province', 'admin'],
    reads: '/org-units',
  },
  {
    path: '/admin/villages',
    'zh-CN': '村与电子围栏',
    en: 'Villages',
    roles: ['county', 'admin'],
    reads: '/villages',
  },
  { path: '/admin/users', 'zh-CN': '账号', en: 'Accounts', roles: ['admin'], reads: '/users' },
  {
    path: '/admin/calendar',
    'zh-CN': '节假日日历',
    en: 'Calendar',
    roles: ['county', 'province', 'admin'],
    reads: '/calendar/2026',
  },
  {
    path: '/admin/parameters',
    'zh-CN': '参数',
    en: 'Parameters',
    roles: ['county', 'province', 'admin'],
    reads: '/parameters',
  },
];
