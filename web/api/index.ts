// The supervisors' API under /api: one Hono sub-app per resource, joined here. Every request gets
// its language, its clock reading and its session; every write runs in one transaction, rolled back
// whole when the request fails, so nothing is half-written.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { openAPIRouteHandler } from 'hono-openapi';
import type { ApiDependencies, ApiEnv, Language } from './env';
import { ApiError } from './errors';
import { sessionMiddleware, sessionRoutes } from './session';
import { auditRoutes } from './audit';
import { caseRoutes } from './cases';
import { deadlineRoutes } from './deadlines';
import { flagRoutes } from './flags';
import { ledgerRoutes } from './ledger';
import { noticeRoutes } from './notice';
import { tipRoutes } from './tips';
import { inspectionRoutes } from './inspections';
import { leaveRoutes } from './leave';
import { publicSurveyRoutes } from './public-surveys';
import { publicTipRoutes } from './public-tips';
import { reviewRoutes } from './reviews';
import { surveyRoutes } from './surveys';
import { attendanceRoutes } from './attendance';
import { calendarRoutes } from './calendar';
import { orgRoutes } from './org';
import { parametersRoutes } from './parameters';
import { usersRoutes } from './users';

class Rollback extends Error {}

export function createApi(deps: ApiDependencies) {
  const clock = deps.clock ?? (() => new Date());
  const api = new Hono<ApiEnv>();

  api.use(secureHeaders());
  api.use(
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new ApiError(
          413,
          'too-large',
          '提交的内容太大了（最多 1 MB）。',
          'The request is too large (1 MB at most).',
        );
      },
    }),
  );
  // Answers about people are never kept by the browser's HTTP cache (a shared phone, a proxy); the
  // PWA's service worker keeps what it needs for offline use and deletes it on sign-out.
  api.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.header('Cache-Control', 'no-store');
  });
  api.use(async (c, next) => {
    c.set('now', clock());
    c.set('lang', language(c.req.query('lang') ?? c.req.header('Accept-Language')));
    c.set('db', deps.db);
    c.set('afterCommit', []);
    c.set('notifier', deps.notifier ?? null);
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      await next();
    } else {
      try {
        await deps.db.transaction(async (tx) => {
          c.set('db', tx);
          await next();
          if (c.error || c.res.status >= 400) throw new Rollback();
        });
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
        return;
      }
    }
    // Committed: now tell people. A failed message must not turn a saved change into an error.
    c.set('db', deps.db);
    for (const hook of c.var.afterCommit) {
      await hook().catch((error: Error) => console.warn(`api: after commit: ${error.message}`));
    }
  });
  api.use(sessionMiddleware);

  api.route('/', sessionRoutes);
  // resources (one sub-app each; keep this list in the order of the README's resource table)
  api.route('/', flagRoutes);
  api.route('/', caseRoutes);
  api.route('/', noticeRoutes);
  api.route('/', deadlineRoutes);
  api.route('/', ledgerRoutes);
  api.route('/', auditRoutes);
  api.route('/', tipRoutes(deps.tipKeyring));
  api.route('/leave', leaveRoutes);
  api.route('/inspections', inspectionRoutes);
  api.route('/reviews', reviewRoutes);
  api.route('/surveys', surveyRoutes({ publicUrl: deps.config.PUBLIC_URL }));
  api.route('/public/surveys', publicSurveyRoutes());
  api.route('/public/tips', publicTipRoutes(deps.tipKeyring));
  api.route('/', orgRoutes(deps));
  api.route('/', usersRoutes);
  api.route('/', attendanceRoutes);
  api.route('/', calendarRoutes);
  api.route('/', parametersRoutes);

  api.get(
    '/openapi.json',
    openAPIRouteHandler(api, {
      defaultValidationErrorResponse: {
        description: 'Invalid input: `{ error: "invalid-input", message, field }`',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['error', 'message'],
              properties: {
                error: { type: 'string' },
                message: { type: 'string' },
                field: { type: 'string' },
              },
            },
          },
        },
      },
      documentation: {
        info: {
          title: '驻村 Zhucun API',
          version: '1',
          description:
            'The supervisors’ API: sign-in, scoped roles, flags and cases through §3, leave, inspections, reviews, surveys, tips, ledger.',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'zhucun_session' },
            csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          },
        },
      },
    }),
  );

  api.notFound((c) => {
    const en = c.var.lang === 'en';
    return c.json(
      { error: 'not-found', message: en ? 'No such API route.' : '没有这个接口。' },
      404,
    );
  });

  // The one place an error becomes a response.
  api.onError((error, c) => {
    const en = c.var.lang === 'en';
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals, such as a body that is not JSON at all.
      return c.json(
        {
          error: 'bad-request',
          message: en
            ? `The request could not be read: ${error.message}`
            : `无法读取请求：${error.message}`,
        },
        error.status,
      );
    }
    if (error instanceof ApiError) {
      return c.json(
        {
          error: error.code,
          message: en ? error.en : error.zh,
          ...(error.field ? { field: error.field } : {}),
          ...(error.clause ? { clause: error.clause } : {}),
        },
        error.status,
      );
    }
    console.error(`api: ${c.req.method} ${c.req.path}: ${error.name}: ${error.message}`);
    return c.json(
      { error: 'internal', message: en ? 'Internal server error.' : '服务器内部错误。' },
      500,
    );
  });

  return api;
}

function language(header: string | undefined): Language {
  return header && /^en\b/i.test(header.trim()) ? 'en' : 'zh-CN';
}
