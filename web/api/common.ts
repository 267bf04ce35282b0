// What every resource shares: the context's variables, id and date inputs, today's date by the
// request's clock, and the audit entry of a write.
import { z } from 'zod';
import { isLocalDate, shanghaiDate, type LocalDate } from '../../core/calendar/local-date';
import { appendAudit } from '../../db/queries/audit';
import type { ApiEnv, SessionUser } from './env';

export type Vars = { var: ApiEnv['Variables'] };

export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
export const idParam = z.object({ id: idSchema });
export const dateSchema = z
  .string()
  .refine(isLocalDate, { message: "须为日期 YYYY-MM-DD / must be a date 'YYYY-MM-DD'" })
  .meta({ format: 'date', example: '2026-11-26' });

/** Today in Asia/Shanghai, by the request's clock. */
export function today(c: Vars): LocalDate {
  return shanghaiDate(c.var.now);
}

/** Appends the audit entry of a write, in the request's transaction. */
export async function audit(
  c: Vars,
  user: SessionUser,
  action: string,
  entity: string,
  entityId: string | number | null,
  detail: Record<string, unknown>,
): Promise<void> {
  await appendAudit(
    c.var.db,
    { actorUserId: user.id, actorRole: user.role, action, entity, entityId, detail },
    c.var.now,
  );
}

/** Tells the offices in scope of flags this request raised, once it has committed. */
export function announceFlags(c: Vars, flagIds: readonly (number | null | undefined)[]): void {
  const ids = flagIds.filter((id): id is number => typeof id === 'number');
  const notifier = c.var.notifier;
  if (ids.length > 0 && notifier) c.var.afterCommit.push(() => notifier.flagsRaised(ids));
}
