// The villagers' side of a survey (群众满意度测评, §2.3), without a session: a slip's token shows
// the survey, and one response per token is taken, idempotent on the response's own id (the PWA
// queues answers offline and retries). Anonymous by construction: nothing about the sender is
// stored — no address, user agent or device id; the token only as its hash; the day received and
// nothing finer. Responses are not audited one by one. Rate-limited per token and per address in
// this process's memory only.
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { shanghaiDate } from '../../core/calendar/local-date';
import { sha256Hex } from '../../db/queries/invitations';
import {
  recordSurveyResponse,
  responseById,
  surveyByToken,
  surveySubjectList,
} from '../../db/queries/surveys';
import type { ApiEnv } from './env';
import { ApiError, conflict, tooMany } from './errors';
import { clientAddress, createRateLimiter } from './rate-limit';
import { roleZh } from './surveys';
import { invalidInput } from './validate';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export const answerOptions = [
  { value: 'satisfied', zh: '满意', en: 'Satisfied' },
  { value: 'basicallySatisfied', zh: '基本满意', en: 'Basically satisfied' },
  { value: 'dissatisfied', zh: '不满意', en: 'Dissatisfied' },
] as const;

const responseBody = z.object({
  /** Chosen by the client before it queues the answers: the idempotency key. */
  id: z.uuid(),
  answers: z
    .array(
      z.object({
        cadreId: z.number().int().positive(),
        answer: z.enum(['satisfied', 'basicallySatisfied', 'dissatisfied']),
      }),
    )
    .min(1)
    .max(100),
  comment: z.string().trim().max(500).optional(),
});

/** The sub-app, with its own counters (one set per app). */
export function publicSurveyRoutes(
  limits: { perToken?: number; perAddress?: number; windowMs?: number } = {},
) {
  const windowMs = limits.windowMs ?? 10 * 60_000;
  // A retrying queue needs a few tries per slip; a village meeting can share one address (a
  // carrier's NAT, the township's Wi-Fi), so the address gets many.
  const perToken = createRateLimiter({ max: limits.perToken ?? 30, windowMs });
  const perAddress = createRateLimiter({ max: limits.perAddress ?? 600, windowMs });

  /** The token's survey, after the rate limits; 404 for a token that does not exist. */
  const lookUp = async (c: {
    req: { param(name: 'token'): string; header(name: string): string | undefined };
    var: ApiEnv['Variables'];
  }) => {
    const token = c.req.param('token');
    const now = c.var.now.getTime();
    const tokenKey = TOKEN.test(token) ? await sha256Hex(token) : 'malformed';
    if (!perToken.hit([`t:${tokenKey}`], now) || !perAddress.hit([`a:${clientAddress(c)}`], now))
      throw tooMany();
    const found = TOKEN.test(token) ? await surveyByToken(c.var.db, token) : undefined;
    if (!found) {
      throw new ApiError(
        404,
        'token-unknown',
        '这个测评码不存在，请核对后再试。',
        'There is no such survey code; please check it.',
      );
    }
    return found;
  };

  return new Hono<ApiEnv>()
    .get(
      '/:token',
      describeRoute({
        tags: ['public'],
        summary: 'A survey slip: the survey, its village, the cadres to rate and the questions',
        description:
          '404 for an unknown token, 409 `token-used` once it has been answered, 410 when the survey is closed.',
      }),
      async (c) => {
        const found = await lookUp(c);
        const { survey } = found;
        if (survey.state === 'closed') throw surveyClosed();
        if (found.responseId) throw tokenUsed();
        if (shanghaiDate(c.var.now) < survey.opensOn) throw notOpenYet(survey.opensOn);
        const subjects = await surveySubjectList(c.var.db, survey.id, survey.villageId);
        return c.json({
          title: survey.title,
          village: found.village.name,
          opensOn: survey.opensOn,
          closesOn: survey.closesOn,
          cadres: subjects.map((s) => ({
            cadreId: s.cadreId,
            name: s.name,
            role: s.role,
            roleZh: roleZh[s.role],
          })),
          questions: subjects.map((s) => ({
            cadreId: s.cadreId,
            zh: `您对${roleZh[s.role]}${s.name}的驻村工作是否满意？`,
            en: `Are you satisfied with the village work of ${s.name}?`,
          })),
          answers: answerOptions,
        });
      },
    )
    .post(
      '/:token/responses',
      describeRoute({
        tags: ['public'],
        summary: 'Answer a survey: one response per token, idempotent on the response id',
        description:
          '201 when recorded; 200 with the same result when the same id is sent again; 409 `token-used` for another id on a used token; 410 when the survey is closed; 422 when the answers do not cover exactly the survey’s cadres.',
      }),
      validator('json', responseBody, invalidInput),
      async (c) => {
        const found = await lookUp(c);
        const body = c.req.valid('json');
        const { survey } = found;

        // A retry of a response already recorded gets the same answer, even after closing.
        const retried = await retryOf(c.var.db, body.id, found.tokenId);
        if (retried) return c.json(retried, 200);
        if (found.responseId) throw tokenUsed();
        if (survey.state === 'closed') throw surveyClosed();
        if (shanghaiDate(c.var.now) < survey.opensOn) throw notOpenYet(survey.opensOn);

        const subjects = await surveySubjectList(c.var.db, survey.id, survey.villageId);
        const expected = new Set(subjects.map((s) => s.cadreId));
        const given = new Set(body.answers.map((a) => a.cadreId));
        if (
          given.size !== body.answers.length ||
          given.size !== expected.size ||
          [...given].some((id) => !expected.has(id))
        ) {
          throw new ApiError(
            422,
            'answers-do-not-match',
            '请对名单上的每一位驻村干部各评价一次。',
            'Rate each of the survey’s cadres exactly once.',
            'answers',
          );
        }

        const receivedOn = shanghaiDate(c.var.now);
        const recorded = await recordSurveyResponse(c.var.db, {
          id: body.id,
          surveyId: survey.id,
          tokenId: found.tokenId,
          comment: body.comment || null,
          receivedOn,
          answers: body.answers,
        });
        if (!recorded) {
          // Another request with this id or this token got there first.
          const raced = await retryOf(c.var.db, body.id, found.tokenId);
          if (raced) return c.json(raced, 200);
          throw tokenUsed();
        }
        return c.json({ id: body.id, receivedOn }, 201);
      },
    );
}

/** The result of a response already recorded with this id for this token; 409 for another token's. */
async function retryOf(db: ApiEnv['Variables']['db'], id: string, tokenId: number) {
  const existing = await responseById(db, id);
  if (!existing) return undefined;
  if (existing.tokenId !== tokenId) {
    throw conflict(
      'response-id-used',
      '这份答卷的编号已被使用，请刷新页面后重新提交。',
      'This response id is taken; reload the page and submit again.',
    );
  }
  return { id: existing.id, receivedOn: existing.receivedOn };
}

const tokenUsed = () =>
  conflict(
    'token-used',
    '这个测评码已经使用过了，每张测评码只能提交一次。',
    'This survey code has been used; each code can be answered once.',
  );

const surveyClosed = () =>
  new ApiError(410, 'survey-closed', '这次测评已经结束。', 'This survey is closed.');

const notOpenYet = (opensOn: string) =>
  conflict('survey-not-open', `这次测评将于 ${opensOn} 开始。`, `This survey opens on ${opensOn}.`);
