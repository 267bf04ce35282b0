// Villager satisfaction surveys (群众满意度测评, §1.3, §2.3) for the township and county: create one
// for a village and a period (its subjects: the cadres stationed there), issue one-time tokens as
// links or a printable sheet of slips with QR codes (the tokens are shown this once; only their
// hashes are kept), close it — closing evaluates §2.3 per cadre with core and raises the flags —
// and read the results: counts and rates per cadre and the comments, never a single response.
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import {
  closeSurveyAndEvaluate,
  createSurvey,
  issueSurveyTokens,
  stationedCadres,
  surveyComments,
  surveyInScope,
  surveyResults,
  surveysInScope,
  surveySubjectList,
  surveyTallies,
  villageInScope,
  type SurveyResults,
} from '../../db/queries/surveys';
import {
  audit,
  dateSchema,
  idParam,
  idSchema,
  todayOf,
  type Role,
  type Vars,
} from './cadre-records';
import { announceFlags } from './common';
import type { ApiEnv, SessionUser } from './env';
import { ApiError, conflict, notFound } from './errors';
import { qrSvg } from './qr-code';
import { requireRole } from './session';
import { invalidInput } from './validate';

// 群众满意度测评 — §1.3. [decision: the township runs its villages' surveys, the county may too;
//  the province reads; dispatching units see their cadres' rates through the flags and the ledger]
const runnerRoles = ['township', 'county'] as const satisfies readonly Role[];
const readerRoles = [...runnerRoles, 'province'] as const satisfies readonly Role[];

/** Slips per request: a village meeting's worth, several times over. */
const MAX_TOKENS = 500;

export const roleZh = { firstSecretary: '第一书记', teamMember: '驻村工作队员' } as const;

const createBody = z
  .object({
    villageId: idSchema,
    title: z.string().trim().min(1).max(200),
    opensOn: dateSchema,
    closesOn: dateSchema,
  })
  .refine((b) => b.closesOn >= b.opensOn, {
    message: '不能早于开始日期 / must not be before opensOn',
    path: ['closesOn'],
  });

const tokensBody = z.object({ count: z.number().int().min(1).max(MAX_TOKENS) });

/** The sub-app; links point at PUBLIC_URL when it is set, else at the request's own origin. */
export function surveyRoutes(options: { publicUrl?: string }) {
  const linkBase = (c: { req: { url: string } }) =>
    `${options.publicUrl ?? new URL(c.req.url).origin}/s/`;

  return new Hono<ApiEnv>()
    .get(
      '/',
      describeRoute({
        tags: ['surveys'],
        summary: 'Surveys of the villages in my scope, newest first (at most 500)',
        description: 'Each with `tokens` (slips and links issued) and `responses` (received).',
      }),
      validator('query', z.object({ villageId: idSchema.optional() }), invalidInput),
      async (c) => {
        const user = requireRole(c, readerRoles);
        const rows = await surveysInScope(c.var.db, user.scopePath, c.req.valid('query'));
        return c.json({ surveys: rows });
      },
    )
    .post(
      '/',
      describeRoute({
        tags: ['surveys'],
        summary:
          'Create a survey of a village for a period; its subjects are the cadres stationed there',
      }),
      validator('json', createBody, invalidInput),
      async (c) => {
        const user = requireRole(c, runnerRoles);
        const body = c.req.valid('json');
        const village = await villageInScope(c.var.db, body.villageId, user.scopePath);
        if (!village) throw notFound();
        const subjects = await stationedCadres(c.var.db, village.id);
        if (subjects.length === 0) {
          throw new ApiError(
            422,
            'no-cadres-stationed',
            `${village.name}目前没有驻村干部，无法测评。`,
            `No cadre is stationed in ${village.name}: there is nobody to rate.`,
            'villageId',
          );
        }
        const survey = await createSurvey(c.var.db, {
          ...body,
          subjects: subjects.map((s) => s.cadreId),
          createdByUserId: user.id,
          now: c.var.now,
        });
        await audit(c, user, 'survey.create', 'survey', survey.id, {
          villageId: village.id,
          title: survey.title,
          opensOn: survey.opensOn,
          closesOn: survey.closesOn,
          subjects: subjects.map((s) => s.cadreId),
        });
        return c.json(
          {
            survey: { ...survey, village: village.name },
            subjects: subjects.map(({ assignmentId: _, ...s }) => ({
              ...s,
              roleZh: roleZh[s.role],
            })),
          },
          201,
        );
      },
    )
    .get(
      '/:id',
      describeRoute({ tags: ['surveys'], summary: 'A survey with its subjects and tallies' }),
      validator('param', idParam, invalidInput),
      async (c) => {
        const user = requireRole(c, readerRoles);
        const { survey, village } = await surveyOr404(c, user, c.req.valid('param').id);
        const subjects = await surveySubjectList(c.var.db, survey.id, survey.villageId);
        return c.json({
          survey: { ...survey, village: village.name },
          subjects: subjects.map(({ assignmentId: _, ...s }) => ({ ...s, roleZh: roleZh[s.role] })),
          ...(await surveyTallies(c.var.db, survey.id)),
        });
      },
    )
    .post(
      '/:id/tokens',
      describeRoute({
        tags: ['surveys'],
        summary: 'Issue one-time tokens and their links; shown this once, only hashes are kept',
      }),
      validator('param', idParam, invalidInput),
      validator('json', tokensBody, invalidInput),
      async (c) => {
        const user = requireRole(c, runnerRoles);
        const { survey } = await openSurveyOr409(c, user, c.req.valid('param').id);
        const { count } = c.req.valid('json');
        const tokens = await issueSurveyTokens(c.var.db, survey.id, count, c.var.now);
        await audit(c, user, 'survey.tokens', 'survey', survey.id, { count });
        const base = linkBase(c);
        c.header('Cache-Control', 'no-store');
        return c.json({ tokens: tokens.map((token) => ({ token, link: base + token })) }, 201);
      },
    )
    .post(
      '/:id/sheet',
      describeRoute({
        tags: ['surveys'],
        summary: 'Issue one-time tokens as a printable sheet of slips (HTML, Chinese, QR codes)',
        description:
          'A POST, not a GET: the tokens exist only in this answer (only their hashes are kept), so printing a sheet issues them.',
      }),
      validator('param', idParam, invalidInput),
      validator('json', tokensBody, invalidInput),
      async (c) => {
        const user = requireRole(c, runnerRoles);
        const { survey, village } = await openSurveyOr409(c, user, c.req.valid('param').id);
        const { count } = c.req.valid('json');
        const tokens = await issueSurveyTokens(c.var.db, survey.id, count, c.var.now);
        await audit(c, user, 'survey.tokens', 'survey', survey.id, { count, sheet: true });
        const base = linkBase(c);
        c.header('Cache-Control', 'no-store');
        c.header(
          'Content-Security-Policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
        );
        return c.html(sheetHtml({ ...survey, village: village.name }, tokens, base), 201);
      },
    )
    .post(
      '/:id/close',
      describeRoute({
        tags: ['surveys'],
        summary: 'Close a survey: §2.3 is evaluated per cadre and flags raised below the threshold',
      }),
      validator('param', idParam, invalidInput),
      async (c) => {
        const user = requireRole(c, runnerRoles);
        const { survey, village } = await openSurveyOr409(c, user, c.req.valid('param').id);
        const today = todayOf(c);
        // The same closing as the job's at the end of the period (web/jobs/survey-close.ts).
        const closed = await closeSurveyAndEvaluate(c.var.db, {
          survey,
          villagePath: village.path,
          today,
          actor: { actorUserId: user.id, actorRole: user.role },
          now: c.var.now,
        });
        if (!closed) throw surveyClosed();
        announceFlags(c, closed.raised);
        const { results, flags } = closed;
        return c.json({
          survey: { ...survey, state: 'closed', closedOn: today, village: village.name },
          ...publicResults(withRoleZh(results)),
          flags,
        });
      },
    )
    .get(
      '/:id/results',
      describeRoute({
        tags: ['surveys'],
        summary: 'Counts and satisfaction rate per cadre, and the comments; no single response',
      }),
      validator('param', idParam, invalidInput),
      async (c) => {
        const user = requireRole(c, readerRoles);
        const { survey, village } = await surveyOr404(c, user, c.req.valid('param').id);
        const results = await evaluate(c, survey, village.path);
        return c.json({
          survey: { ...survey, village: village.name },
          final: survey.state === 'closed',
          ...publicResults(results),
          comments: await surveyComments(c.var.db, survey.id),
        });
      },
    );
}

type Survey = NonNullable<Awaited<ReturnType<typeof surveyInScope>>>['survey'];

async function surveyOr404(c: Vars, user: SessionUser, id: number) {
  const found = await surveyInScope(c.var.db, id, user.scopePath);
  if (!found) throw notFound();
  return found;
}

async function openSurveyOr409(c: Vars, user: SessionUser, id: number) {
  const found = await surveyOr404(c, user, id);
  if (found.survey.state !== 'open') throw surveyClosed();
  return found;
}

const surveyClosed = () =>
  conflict('survey-closed', '这次测评已经结束。', 'This survey is closed.');

// 满意度测评低于50% — §2.3: core's evaluation per cadre (db/queries/surveys.ts), with the role in Chinese.
async function evaluate(c: Vars, survey: Survey, villagePath: string) {
  return withRoleZh(await surveyResults(c.var.db, survey, villagePath));
}

function withRoleZh(results: SurveyResults) {
  return {
    ...results,
    cadres: results.cadres.map((r) => ({ ...r, roleZh: roleZh[r.role] })),
  };
}

function publicResults(results: ReturnType<typeof withRoleZh>) {
  return {
    tokens: results.tokens,
    responses: results.responses,
    satisfactionThreshold: results.parameters.satisfactionThreshold,
    minSurveyResponses: results.parameters.minSurveyResponses,
    cadres: results.cadres.map(({ assignmentId: _, ...r }) => r),
  };
}

/** Slips to print, cut and hand out at random: each with its QR code, link and code to type. */
function sheetHtml(
  survey: { title: string; village: string; opensOn: string; closesOn: string },
  tokens: readonly string[],
  base: string,
): string {
  const slips = tokens
    .map((token, i) => {
      const link = base + token;
      const qr = qrSvg(link, { size: 132, title: '扫码参加测评' }) ?? '';
      return `<section class="slip">
  <div class="qr">${qr}</div>
  <div class="text">
    <h2>${escapeHtml(survey.title)}</h2>
    <p>${escapeHtml(survey.village)} · ${survey.opensOn} 至 ${survey.closesOn}</p>
    <p>请用手机扫描左侧二维码，或在浏览器中输入下面的网址，对本村驻村干部的工作进行评价。</p>
    <p class="link">${escapeHtml(link)}</p>
    <p class="code">测评码：${escapeHtml(groupCode(token))}</p>
    <p class="note">匿名测评：不记录您的姓名、电话、位置或设备。每张测评码只能使用一次。</p>
  </div>
  <span class="no">${i + 1}</span>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>${escapeHtml(survey.title)} · 测评码</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 12mm; color: #000; }
  .intro { border: 1px solid #999; padding: 8px 12px; margin-bottom: 12px; font-size: 14px; }
  .slip { position: relative; display: flex; gap: 12px; align-items: center; border: 1px dashed #666; padding: 10px; margin: 0 0 6mm; break-inside: avoid; page-break-inside: avoid; }
  .slip h2 { font-size: 16px; margin: 0 0 4px; }
  .slip p { margin: 2px 0; font-size: 12px; }
  .link { font-family: monospace; word-break: break-all; font-size: 12px; }
  .code { font-family: monospace; font-size: 14px; letter-spacing: 1px; }
  .note { color: #333; }
  .no { position: absolute; right: 6px; top: 4px; font-size: 10px; color: #666; }
  @media print { .intro { display: none; } body { margin: 8mm; } }
</style>
</head>
<body>
<div class="intro">共 ${tokens.length} 张测评码。这些测评码只显示这一次，系统只保存其摘要：请现在打印，沿虚线裁开后随机发放，不要登记领取人。</div>
${slips}
</body>
</html>`;
}

/** The token in groups of four, easier to read out and type. */
function groupCode(token: string): string {
  return token.match(/.{1,4}/g)!.join(' ');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
