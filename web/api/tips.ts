// The tips inbox (举报, §2.12) for discipline inspection and the county organization department in
// scope: decrypted only when one is opened, and every opening audited; replies to the tipster, a
// status, and "verified", which opens a §2.12 case. A dispatching unit never sees tips (a tip about
// its own cadre must not reach it), and nothing here can tell who the tipster is.
import { and, desc, eq, isNull, like, or, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { shanghaiDate } from '../../core/calendar/local-date';
import { appendAudit } from '../../db/queries/audit';
import { openCase } from '../../db/queries/cases';
import { addHandlerMessage, readTip, tipMessages } from '../../db/queries/tips';
import type { TipKeyring } from '../../db/tip-crypto';
import { orgUnits, tipMessages as tipMessagesTable, tips } from '../../db/schema';
import type { ApiEnv, SessionUser } from './env';
import { ApiError, notFound, refused } from './errors';
import { cadreInScope } from './scope';
import { requireRole } from './session';
import { invalidInput } from './validate';

/** Who handles tips: 组织及纪检部门 (§2.12). */
export const TIP_HANDLERS = ['discipline', 'county'] as const;

const id = z.object({ id: z.uuid() });

export function tipRoutes(keyring: TipKeyring | undefined) {
  const routes = new Hono<ApiEnv>();

  const ready = () => {
    if (!keyring) {
      throw new ApiError(
        503,
        'tips-unavailable',
        '举报功能未配置密钥。',
        'Tips are not configured (no key).',
      );
    }
    return keyring;
  };

  /** The tip, if it lies in the user's inbox: its place in their subtree, or no place yet and the user at the top. */
  async function tipInScope(c: { var: ApiEnv['Variables'] }, user: SessionUser, tipId: string) {
    const [row] = await c.var.db
      .select({ tip: tips, place: orgUnits.name, placePath: orgUnits.path })
      .from(tips)
      .leftJoin(orgUnits, eq(orgUnits.id, tips.orgUnitId))
      .where(and(eq(tips.id, tipId), inbox(user)));
    if (!row) throw notFound();
    return row;
  }

  routes.get(
    '/tips',
    describeRoute({
      tags: ['tips'],
      summary: 'The tips inbox in my scope (no content: open one to read it)',
    }),
    validator(
      'query',
      z.object({
        status: z.enum(['received', 'inProgress', 'verified', 'unfounded', 'closed']).optional(),
      }),
      invalidInput,
    ),
    async (c) => {
      const user = requireRole(c, TIP_HANDLERS);
      const { status } = c.req.valid('query');
      const rows = await c.var.db
        .select({
          id: tips.id,
          status: tips.status,
          receivedOn: tips.receivedOn,
          place: orgUnits.name,
          messages: sql<number>`(select count(*)::int from ${tipMessagesTable} where ${tipMessagesTable.tipId} = ${tips.id})`,
        })
        .from(tips)
        .leftJoin(orgUnits, eq(orgUnits.id, tips.orgUnitId))
        .where(and(inbox(user), status ? eq(tips.status, status) : undefined))
        .orderBy(desc(tips.receivedOn));
      return c.json(rows);
    },
  );

  routes.get(
    '/tips/:id',
    describeRoute({
      tags: ['tips'],
      summary: 'Open a tip: its content and messages, decrypted; the reading is audited',
    }),
    validator('param', id, invalidInput),
    async (c) => {
      const user = requireRole(c, TIP_HANDLERS);
      const { tip, place } = await tipInScope(c, user, c.req.valid('param').id);
      const [opened, messages] = await Promise.all([
        readTip(c.var.db, ready(), tip.id),
        tipMessages(c.var.db, ready(), tip.id),
      ]);
      await audit(c, user, 'tip.read', tip.id, {});
      return c.json({
        id: tip.id,
        status: tip.status,
        receivedOn: tip.receivedOn,
        place,
        subjectCadreId: tip.subjectCadreId,
        content: opened!.content,
        messages,
      });
    },
  );

  routes.post(
    '/tips/:id/messages',
    describeRoute({
      tags: ['tips'],
      summary: 'Reply to the tipster (they read it with their receipt code)',
    }),
    validator('param', id, invalidInput),
    validator('json', z.object({ text: z.string().trim().min(1).max(4000) }), invalidInput),
    async (c) => {
      const user = requireRole(c, TIP_HANDLERS);
      const { tip } = await tipInScope(c, user, c.req.valid('param').id);
      if (tip.status === 'closed')
        throw new ApiError(
          409,
          'tip-closed',
          '这条举报已结案，不能再回复。',
          'This tip is closed.',
        );
      const { text } = c.req.valid('json');
      await addHandlerMessage(
        c.var.db,
        ready(),
        tip.id,
        user.id,
        { text, files: [] },
        shanghaiDate(c.var.now),
      );
      if (tip.status === 'received')
        await c.var.db.update(tips).set({ status: 'inProgress' }).where(eq(tips.id, tip.id));
      await audit(c, user, 'tip.reply', tip.id, {});
      return c.json({ ok: true }, 201);
    },
  );

  routes.put(
    '/tips/:id/status',
    describeRoute({
      tags: ['tips'],
      summary: 'Set a tip’s status (verified goes through /verify)',
    }),
    validator('param', id, invalidInput),
    validator(
      'json',
      z.object({ status: z.enum(['inProgress', 'unfounded', 'closed']) }),
      invalidInput,
    ),
    async (c) => {
      const user = requireRole(c, TIP_HANDLERS);
      const { tip } = await tipInScope(c, user, c.req.valid('param').id);
      const { status } = c.req.valid('json');
      await c.var.db.update(tips).set({ status }).where(eq(tips.id, tip.id));
      await audit(c, user, 'tip.status', tip.id, { before: tip.status, after: status });
      return c.json({ id: tip.id, status });
    },
  );

  // 组织及纪检部门收到……举报,反映问题经核查属实的 — §2.12: a verified tip opens a case (track C, §3.3).
  routes.post(
    '/tips/:id/verify',
    describeRoute({
      tags: ['tips'],
      summary: 'Record the tip as verified about a cadre: opens a §2.12 case',
    }),
    validator('param', id, invalidInput),
    validator(
      'json',
      z.object({
        cadreId: z.number().int().positive(),
        date: z.iso.date(),
        findings: z.string().trim().min(1).max(4000),
      }),
      invalidInput,
    ),
    async (c) => {
      const user = requireRole(c, TIP_HANDLERS);
      const { tip } = await tipInScope(c, user, c.req.valid('param').id);
      const { cadreId, date, findings } = c.req.valid('json');
      await cadreInScope(c, user, cadreId);
      if (tip.status === 'verified')
        throw new ApiError(
          409,
          'tip-already-verified',
          '这条举报已核实并立案。',
          'This tip is verified already.',
        );
      const opened = await openCase(c.var.db, {
        cadreId,
        clause: '2.12',
        via: 'tip',
        openedOn: date,
        actor: user,
        tipId: tip.id,
        payload: { findings },
        now: c.var.now,
      });
      if (!opened.ok) {
        if (opened.reason === 'case-already-open') {
          throw new ApiError(
            409,
            opened.reason,
            '这名干部已有同一情形的整改事项在办。',
            'This cadre already has an open case for this situation.',
          );
        }
        throw refused(
          opened.reason,
          opened.clause,
          `不能立案：${opened.reason}`,
          `Cannot open the case: ${opened.reason}`,
        );
      }
      await c.var.db
        .update(tips)
        .set({
          status: 'verified',
          subjectCadreId: cadreId,
          verifiedOn: date,
          verifiedByUserId: user.id,
        })
        .where(eq(tips.id, tip.id));
      await audit(c, user, 'tip.verify', tip.id, {
        before: tip.status,
        after: 'verified',
        cadreId,
        caseId: opened.caseId,
      });
      return c.json({ id: tip.id, status: 'verified', caseId: opened.caseId }, 201);
    },
  );

  return routes;
}

/**
 * A handler's inbox: tips whose place lies in their subtree; tips no place was matched for go to
 * the handlers at the top of the tree (province level), who can tell where they belong.
 */
function inbox(user: SessionUser) {
  const placed = like(orgUnits.path, `${user.scopePath}%`);
  return user.scopeLevel === 'province' ? or(placed, isNull(tips.orgUnitId)) : placed;
}

/** Audited in a transaction of its own (a savepoint inside a write), so a read is audited too. */
async function audit(
  c: { var: ApiEnv['Variables'] },
  user: SessionUser,
  action: string,
  tipId: string,
  detail: Record<string, unknown>,
) {
  const entry = {
    actorUserId: user.id,
    actorRole: user.role,
    action,
    entity: 'tip',
    entityId: tipId,
    detail,
  };
  await c.var.db.transaction((tx) => appendAudit(tx, entry, c.var.now));
}
