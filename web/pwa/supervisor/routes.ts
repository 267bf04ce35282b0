// Every page of the supervisors' app by its path; the menu (menu.ts) says who is offered which.
import type { FunctionComponent } from 'preact';
import { HomePage } from './pages/home';
import { FlagPage, FlagsPage } from './pages/flags';
import { LeavePage } from './pages/leave';
import { CasePage } from './pages/case';
import { CasesPage } from './pages/cases';
import { AttendancePage } from './pages/attendance';
import { CadrePage } from './pages/cadre';
import { CadresPage } from './pages/cadres';
import { InspectionPage } from './pages/inspection';
import { SurveyManagePage, SurveysPage } from './pages/surveys';
import { TipPage, TipsPage } from './pages/tips';
import { OrgPage } from './pages/admin/org';
import { VillagesPage } from './pages/admin/villages';
import { UsersPage } from './pages/admin/users';
import { CalendarPage } from './pages/admin/calendar';
import { ParametersPage } from './pages/admin/parameters';

export type Page = FunctionComponent<{ params: Record<string, string> }>;

export const routes: Array<{ path: string; page: Page }> = [
  { path: '/', page: HomePage },
  { path: '/flags', page: FlagsPage },
  { path: '/flags/:id', page: FlagPage },
  { path: '/leave', page: LeavePage },
  { path: '/cases', page: CasesPage },
  { path: '/cases/:id', page: CasePage },
  { path: '/attendance', page: AttendancePage },
  { path: '/cadres', page: CadresPage },
  { path: '/cadres/:id', page: CadrePage },
  { path: '/inspections/new', page: InspectionPage },
  { path: '/surveys', page: SurveysPage },
  { path: '/surveys/:id', page: SurveyManagePage },
  { path: '/tips', page: TipsPage },
  { path: '/tips/:id', page: TipPage },
  { path: '/admin/org', page: OrgPage },
  { path: '/admin/villages', page: VillagesPage },
  { path: '/admin/users', page: UsersPage },
  { path: '/admin/calendar', page: CalendarPage },
  { path: '/admin/parameters', page: ParametersPage },
];
