// The audit log: every change a supervisor made (who, when, what, before and after), read by admins
// and the province; and the verification of its hash chain, by admins — an entry edited or deleted
// around the application breaks the chain at that row.
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { verifyAudit } from '../../db/queries/audit';
import { auditLog, users } from '../../db/schema';
import type { ApiEnv } from './env';
import { requireRole } from './session';
import { invalidInput } from './validate';

/** A day (Asia/Shanghai, from its midnight) or an instant. */
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((s) => (s.length === 10 ? new Date(`${s}T00:00:00+08:00`) : new Date(s)));

const query = z.object({
  entity: z.string().trim().min(1).max(50).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  from: instant.optional(),
  /** Up to, not including. */
  to: instant.optional(),
  /** Entries older than this id: the next page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const auditRoutes = new Hono<ApiEnv>()
  .get(
    '/audit',
    describeRoute({
      tags: ['audit'],
      summary:
        'The audit log, newest first (admin, province): ?entity=case&entityId=&from=2026-11-01&to=&before=',
    }),
    validator('query', query, invalidInput),
    async (c) => {
      // [decision: the audit log names supervisors and what they did province-wide: the province
      //  reads it, admins read and verify it]
      requireRole(c, ['admin', 'province']);
      const q = c.req.valid('query');
      const rows = await c.var.db
        .select({ entry: auditLog, actorName: users.displayName })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .where(
          and(
            q.entity ? eq(auditLog.entity, q.entity) : undefined,
            q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
            q.action ? eq(auditLog.action, q.action) : undefined,
            q.from ? gte(auditLog.at, q.from) : undefined,
            q.to ? lt(auditLog.at, q.to) : undefined,
            q.before ? lt(auditLog.id, q.before) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(q.limit);
      return c.json({
        entries: rows.map(({ entry, actorName }) => ({
          id: entry.id,
          at: entry.at,
          actor: { userId: entry.actorUserId, name: actorName, role: entry.actorRole },
          action: entry.action,
          entity: entry.entity,
          entityId: entry.entityId,
          detail: entry.detail,
          prevHash: entry.prevHash,
          hash: entry.hash,
        })),
        next: rows.length === q.limit ? rows[rows.length - 1]!.entry.id : null,
      });
    },
  )
  .get(
    '/audit/verify',
    describeRoute({
      tags: ['audit'],
      summary: 'Verify the audit log’s hash chain (admin): { ok, rows, brokenAt }',
    }),
    async (c) => {
      requireRole(c, ['admin']);
      const { rows, brokenAt } = await verifyAudit(c.var.db);
      return c.json({ ok: brokenAt === null, rows, brokenAt });
    },
  );
