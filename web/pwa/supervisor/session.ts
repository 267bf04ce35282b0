// Who is signed in: the account from GET /api/session, shared with every page through context.
// Pages ask `useSession()` for the role to decide which actions to offer; the server decides again.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
// The system's roles are core's (architecture.md, Security): a type only, nothing of core is bundled.
import type { Role } from '../../../core/procedure/parties';

export type { Role };

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: number;
  scopePath: string;
  scopeLevel: 'province' | 'city' | 'county' | 'township' | 'village';
}

export interface Session {
  user: SessionUser;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** Whether the signed-in role is one of `roles`: for showing an action, never for allowing it. */
export function useRole(...roles: Role[]): boolean {
  return roles.includes(useSession().user.role);
}

export const roleNames: Record<Role, { 'zh-CN': string; en: string }> = {
  cadre: { 'zh-CN': '驻村干部', en: 'Cadre' },
  inspector: { 'zh-CN': '督查人员', en: 'Inspector' },
  township: { 'zh-CN': '乡镇党委', en: 'Township Party committee' },
  county: { 'zh-CN': '县委组织部', en: 'County organization department' },
  dispatchingUnit: { 'zh-CN': '派出单位', en: 'Dispatching unit' },
  discipline: { 'zh-CN': '纪检部门', en: 'Discipline inspection' },
  province: { 'zh-CN': '省级组织部门', en: 'Provincial organization department' },
  admin: { 'zh-CN': '系统管理员', en: 'Administrator' },
};
