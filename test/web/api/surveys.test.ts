// Villager surveys (群众满意度测评, §2.3) through the API: creating one, issuing one-time tokens and a
// printable sheet, the public slip and its one response per token (idempotent on the response id),
// closing with §2.3 evaluated per cadre, the results, anonymity, rate limits, and who may do what in
// and out of scope — on both drivers.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../db/queries/invitations';
import * as t from '../../../db/schema';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { signIn } from '../../support/api';
import { drivers } from '../../support/databases';
import {
  type DemoRole,
  type Fixture,
  type Placed,
  NOW,
  openFixture,
  roles,
} from './cadre-fixtures';

type Answer = 'satisfied' | 'basicallySatisfied' | 'dissatisfied';

let responses = 0;
const responseId = () => `10000000-0000-4000-8000-${String(++responses).padStart(12, '0')}`;

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API surveys on ${title}`, () => {
    let f: Fixture;
    let villageId: number;
    let P: Placed;
    let Q: Placed;

    beforeAll(async () => {
      f = await openFixture(driver);
      villageId = await f.addVillage('试点村', '西江镇');
      P = await f.place('潘明', '试点村', '雷山县农业农村局');
      Q = await f.place('秦芳', '试点村', '雷山县林业局');
    });
    afterAll(async () => f?.test.dispose());

    const newSurvey = async (title = '试点村驻村干部满意度测评（2026年下半年）') => {
      const res = await f.as['demo-township'].post('/api/surveys', {
        villageId,
        title,
        opensOn: '2026-11-20',
        closesOn: '2026-11-30',
      });
      expect(res.status).toBe(201);
      return (await res.json()).survey.id as number;
    };
    const issue = async (surveyId: number, n: number) => {
      const res = await f.as['demo-township'].post(`/api/surveys/${surveyId}/tokens`, { count: n });
      expect(res.status).toBe(201);
      return ((await res.json()).tokens as { token: string; link: string }[]).map((x) => x.token);
    };
    const publicGet = (token: string) => f.app.request(`/api/public/surveys/${token}`);
    const answer = (
      token: string,
      body: { id: string; answers: { cadreId: number; answer: Answer }[]; comment?: string },
      headers: Record<string, string> = {},
    ) =>
      f.app.request(`/api/public/surveys/${token}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const both = (p: Answer, q: Answer) => [
      { cadreId: P.cadreId, answer: p },
      { cadreId: Q.cadreId, answer: q },
    ];
    const flags23 = (cadreId: number) =>
      f.db
        .select()
        .from(t.flags)
        .where(and(eq(t.flags.cadreId, cadreId), eq(t.flags.clause, '2.3')));
    const responsesOf = async (surveyId: number) =>
      (
        await f.db
          .select({ n: count() })
          .from(t.surveyResponses)
          .where(eq(t.surveyResponses.surveyId, surveyId))
      )[0]!.n;

    it('creates a survey of 试点村 for Fri 2026-11-20 to Mon 2026-11-30 whose subjects are the two cadres stationed there', async () => {
      const res = await f.as['demo-township'].post('/api/surveys', {
        villageId,
        title: '试点村测评',
        opensOn: '2026-11-20',
        closesOn: '2026-11-30',
      });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.survey).toMatchObject({ village: '试点村', state: 'open', closedOn: null });
      expect(body.subjects.map((s: { cadreId: number }) => s.cadreId)).toEqual([
        P.cadreId,
        Q.cadreId,
      ]);
      const [audit] = await f.db
        .select()
        .from(t.auditLog)
        .where(
          and(eq(t.auditLog.entity, 'survey'), eq(t.auditLog.entityId, String(body.survey.id))),
        );
      expect(audit).toMatchObject({ action: 'survey.create', actorRole: 'township' });

      const backwards = await f.as['demo-township'].post('/api/surveys', {
        villageId,
        title: '日期颠倒',
        opensOn: '2026-11-30',
        closesOn: '2026-11-20',
      });
      expect(backwards.status).toBe(400);
      expect((await backwards.json()).field).toBe('closesOn');
      const empty = await f.addVillage('空村', '西江镇');
      const nobody = await f.as['demo-township'].post('/api/surveys', {
        villageId: empty,
        title: '无人可评',
        opensOn: '2026-11-20',
        closesOn: '2026-11-30',
      });
      expect(nobody.status).toBe(422);
      expect((await nobody.json()).error).toBe('no-cadres-stationed');
    });

    it('issues 128-bit tokens shown once, with their links; only their SHA-256 is stored', async () => {
      const surveyId = await newSurvey();
      const res = await f.as['demo-township'].post(`/api/surveys/${surveyId}/tokens`, { count: 3 });
      expect(res.status).toBe(201);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { tokens } = (await res.json()) as { tokens: { token: string; link: string }[] };
      expect(tokens).toHaveLength(3);
      for (const { token, link } of tokens) {
        expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(link).toBe(`http://localhost/s/${token}`);
      }
      const stored = await f.db
        .select({ hash: t.surveyTokens.tokenHash })
        .from(t.surveyTokens)
        .where(eq(t.surveyTokens.surveyId, surveyId));
      expect(stored.map((s) => s.hash).sort()).toEqual(
        (await Promise.all(tokens.map((x) => sha256Hex(x.token)))).sort(),
      );
      const [audit] = await f.db
        .select()
        .from(t.auditLog)
        .where(
          and(eq(t.auditLog.action, 'survey.tokens'), eq(t.auditLog.entityId, String(surveyId))),
        );
      expect(audit!.detail).toEqual({ count: 3 });

      // Behind PUBLIC_URL the links point there.
      const behind = createApp({
        db: f.db,
        config: parseConfig({ PUBLIC_URL: 'https://zhucun.example.cn/' }),
        driver,
        clock: () => NOW,
      });
      const township = await signIn(behind, 'demo-township');
      const linked = await township.post(`/api/surveys/${surveyId}/tokens`, { count: 1 });
      expect((await linked.json()).tokens[0].link).toMatch(
        /^https:\/\/zhucun\.example\.cn\/s\/[A-Za-z0-9_-]{22}$/,
      );
    });

    it('prints a sheet of slips in Chinese, each with its QR code, link and code, issuing their tokens', async () => {
      const surveyId = await newSurvey();
      const res = await f.as['demo-township'].post(`/api/surveys/${surveyId}/sheet`, { count: 4 });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html.match(/<svg /g)).toHaveLength(4);
      const links = [...html.matchAll(/http:\/\/localhost\/s\/([A-Za-z0-9_-]{22})/g)].map(
        (m) => m[1]!,
      );
      expect(new Set(links).size).toBe(4);
      expect(html).toContain('测评码');
      // The slips work.
      expect((await publicGet(links[0]!)).status).toBe(200);
    });

    it('shows a slip: the survey, its village, the cadres to rate and the questions; 404 for an unknown token', async () => {
      const surveyId = await newSurvey('试点村测评（公开页）');
      const [token] = await issue(surveyId, 1);
      const res = await publicGet(token!);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({
        title: '试点村测评（公开页）',
        village: '试点村',
        opensOn: '2026-11-20',
        closesOn: '2026-11-30',
        cadres: [
          { cadreId: P.cadreId, name: '潘明', role: 'teamMember', roleZh: '驻村工作队员' },
          { cadreId: Q.cadreId, name: '秦芳', role: 'teamMember', roleZh: '驻村工作队员' },
        ],
      });
      expect(body.questions[0].zh).toBe('您对驻村工作队员潘明的驻村工作是否满意？');
      expect(body.answers.map((a: { zh: string }) => a.zh)).toEqual(['满意', '基本满意', '不满意']);
      const unknown = await publicGet('AAAAAAAAAAAAAAAAAAAAAA');
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error).toBe('token-unknown');
    });

    it('§2.3: closing on Thu 2026-11-26 a survey of 10 responses flags the cadre at 40 % and not the one at exactly 50 %', async () => {
      const surveyId = await newSurvey();
      const tokens = await issue(surveyId, 11);
      for (let i = 0; i < 10; i++) {
        const p: Answer = i < 3 ? 'satisfied' : i < 5 ? 'basicallySatisfied' : 'dissatisfied';
        const q: Answer = i < 2 ? 'satisfied' : i < 4 ? 'basicallySatisfied' : 'dissatisfied';
        const res = await answer(tokens[i]!, {
          id: responseId(),
          answers: both(p, q),
          ...(i === 7 ? { comment: '希望多来村里走走' } : {}),
        });
        expect(res.status).toBe(201);
      }
      const closed = await f.as['demo-township'].post(`/api/surveys/${surveyId}/close`);
      expect(closed.status).toBe(200);
      const body = await closed.json();
      expect(body.survey).toMatchObject({ state: 'closed', closedOn: '2026-11-26' });
      expect(body.cadres).toEqual([
        expect.objectContaining({
          cadreId: P.cadreId,
          counts: { satisfied: 3, basicallySatisfied: 2, dissatisfied: 5 },
          responses: 10,
          satisfactionRate: 0.5,
          valid: true,
          belowThreshold: false,
        }),
        expect.objectContaining({
          cadreId: Q.cadreId,
          counts: { satisfied: 2, basicallySatisfied: 2, dissatisfied: 6 },
          satisfactionRate: 0.4,
          valid: true,
          belowThreshold: true,
        }),
      ]);
      expect(await flags23(P.cadreId)).toHaveLength(0);
      const flags = await flags23(Q.cadreId);
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({
        raisedOn: '2026-11-26',
        sourceKey: `survey:${surveyId}:${Q.cadreId}`,
        assignmentId: Q.assignmentId,
      });

      const results = await f.as['demo-county'].get(`/api/surveys/${surveyId}/results`);
      expect(results.status).toBe(200);
      const r = await results.json();
      expect(r).toMatchObject({ final: true, tokens: 11, responses: 10, minSurveyResponses: 10 });
      expect(r.cadres.map((c: { satisfactionRate: number }) => c.satisfactionRate)).toEqual([
        0.5, 0.4,
      ]);
      expect(r.comments).toEqual(['希望多来村里走走']);

      // Closed: the last slip is refused with 410, and closing again with 409.
      expect((await publicGet(tokens[10]!)).status).toBe(410);
      const late = await answer(tokens[10]!, {
        id: responseId(),
        answers: both('satisfied', 'satisfied'),
      });
      expect(late.status).toBe(410);
      expect((await f.as['demo-township'].post(`/api/surveys/${surveyId}/close`)).status).toBe(409);
      const audit = await f.db
        .select({ action: t.auditLog.action })
        .from(t.auditLog)
        .where(and(eq(t.auditLog.entity, 'survey'), eq(t.auditLog.entityId, String(surveyId))));
      expect(audit.map((a) => a.action)).toEqual([
        'survey.create',
        'survey.tokens',
        'survey.close',
      ]);
    });

    it('§2.3: a survey closed on Thu 2026-11-26 with 9 responses, all 不满意, is marked invalid (too few) and flags nobody', async () => {
      const who = await f.place('任远', '试点村', '雷山县财政局');
      const surveyId = await newSurvey();
      const tokens = await issue(surveyId, 9);
      for (const token of tokens) {
        const res = await answer(token, {
          id: responseId(),
          answers: [
            ...both('dissatisfied', 'dissatisfied'),
            { cadreId: who.cadreId, answer: 'dissatisfied' },
          ],
        });
        expect(res.status).toBe(201);
      }
      const closed = await (
        await f.as['demo-county'].post(`/api/surveys/${surveyId}/close`)
      ).json();
      const mine = closed.cadres.find((c: { cadreId: number }) => c.cadreId === who.cadreId);
      expect(mine).toMatchObject({
        responses: 9,
        satisfactionRate: null,
        valid: false,
        belowThreshold: false,
      });
      expect(closed.flags).toEqual([]);
      expect(await flags23(who.cadreId)).toHaveLength(0);
      // Ended, so the later surveys of 试点村 do not ask about 任远.
      await f.db
        .update(t.assignments)
        .set({ endsOn: '2026-11-26' })
        .where(eq(t.assignments.id, who.assignmentId));
    });

    it('a token used twice gets 409 token-used and leaves one response; the same response id retried gets 200 and the same result', async () => {
      const surveyId = await newSurvey();
      const [token] = await issue(surveyId, 1);
      const id = responseId();
      const first = await answer(token!, { id, answers: both('satisfied', 'basicallySatisfied') });
      expect(first.status).toBe(201);
      const result = await first.json();
      expect(result).toEqual({ id, receivedOn: '2026-11-26' });

      const retried = await answer(token!, {
        id,
        answers: both('satisfied', 'basicallySatisfied'),
      });
      expect(retried.status).toBe(200);
      expect(await retried.json()).toEqual(result);

      const second = await answer(token!, {
        id: responseId(),
        answers: both('dissatisfied', 'dissatisfied'),
      });
      expect(second.status).toBe(409);
      expect((await second.json()).error).toBe('token-used');
      const used = await publicGet(token!);
      expect(used.status).toBe(409);
      expect((await used.json()).error).toBe('token-used');

      expect(await responsesOf(surveyId)).toBe(1);
      const answers = await f.db
        .select()
        .from(t.surveyAnswers)
        .where(eq(t.surveyAnswers.responseId, id));
      expect(answers.map((a) => a.answer).sort()).toEqual(['basicallySatisfied', 'satisfied']);
    });

    it('refuses answers that do not cover exactly the survey’s cadres (422) and records nothing', async () => {
      const surveyId = await newSurvey();
      const [token] = await issue(surveyId, 1);
      const cases = [
        [{ cadreId: P.cadreId, answer: 'satisfied' }],
        [...both('satisfied', 'satisfied'), { cadreId: f.A.cadreId, answer: 'satisfied' }],
        [
          { cadreId: P.cadreId, answer: 'satisfied' },
          { cadreId: P.cadreId, answer: 'dissatisfied' },
        ],
      ] as { cadreId: number; answer: Answer }[][];
      for (const answers of cases) {
        const res = await answer(token!, { id: responseId(), answers });
        expect(res.status).toBe(422);
        expect(await res.json()).toMatchObject({ error: 'answers-do-not-match', field: 'answers' });
      }
      expect(await responsesOf(surveyId)).toBe(0);
      const badId = await answer(token!, {
        id: 'not-a-uuid',
        answers: both('satisfied', 'satisfied'),
      });
      expect(badId.status).toBe(400);
    });

    it('keeps no address, user agent or time of day with a response, and audits none of them', async () => {
      const surveyId = await newSurvey();
      const [token] = await issue(surveyId, 1);
      const before = (await f.db.select({ n: count() }).from(t.auditLog))[0]!.n;
      const id = responseId();
      const res = await answer(
        token!,
        { id, answers: both('satisfied', 'dissatisfied'), comment: '路灯修好了' },
        { 'x-forwarded-for': '203.0.113.7', 'user-agent': 'Mozilla/5.0 (Linux; Android 14)' },
      );
      expect(res.status).toBe(201);
      const rows = await f.db.select().from(t.surveyResponses).where(eq(t.surveyResponses.id, id));
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0]!).sort()).toEqual([
        'comment',
        'id',
        'receivedOn',
        'surveyId',
        'tokenId',
      ]);
      expect(rows[0]!.receivedOn).toBe('2026-11-26');
      expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113\.7|Android/);
      const after = (await f.db.select({ n: count() }).from(t.auditLog))[0]!.n;
      expect(after).toBe(before);
    });

    it('keeps a slip of a survey opening on Tue 2026-12-01 closed on Thu 2026-11-26 (409 survey-not-open)', async () => {
      const res = await f.as['demo-county'].post('/api/surveys', {
        villageId,
        title: '试点村测评（十二月）',
        opensOn: '2026-12-01',
        closesOn: '2026-12-15',
      });
      const surveyId = (await res.json()).survey.id as number;
      const [token] = await issue(surveyId, 1);
      const early = await publicGet(token!);
      expect(early.status).toBe(409);
      expect(await early.json()).toMatchObject({
        error: 'survey-not-open',
        message: '这次测评将于 2026-12-01 开始。',
      });
      const answered = await answer(token!, {
        id: responseId(),
        answers: both('satisfied', 'satisfied'),
      });
      expect(answered.status).toBe(409);
      expect(await responsesOf(surveyId)).toBe(0);
    });

    it('rate-limits a slip after 30 requests in ten minutes (429)', async () => {
      const surveyId = await newSurvey();
      const [token] = await issue(surveyId, 1);
      for (let i = 0; i < 30; i++) expect((await publicGet(token!)).status).toBe(200);
      const limited = await publicGet(token!);
      expect(limited.status).toBe(429);
      expect((await limited.json()).error).toBe('too-many-requests');
    });

    it('lists each survey in scope with the tokens issued and the responses received, counted once each: 3 slips and 2 answers, none and none', async () => {
      interface Row {
        id: number;
        village: string;
        state: string;
        tokens: number;
        responses: number;
      }
      const answered = await newSurvey('试点村测评（列表）');
      const tokens = await issue(answered, 3);
      for (const token of tokens.slice(0, 2)) {
        const res = await answer(token, {
          id: responseId(),
          answers: both('satisfied', 'dissatisfied'),
        });
        expect(res.status).toBe(201);
      }
      const untouched = await newSurvey('试点村测评（未发放）');
      // 白岩村 of 丹江镇, outside 西江镇's township: 5 slips, 1 answered.
      const [elsewhere] = await f.db
        .insert(t.surveys)
        .values({
          villageId: f.T.villageId,
          title: '白岩村测评',
          opensOn: '2026-11-20',
          closesOn: '2026-11-30',
        })
        .returning({ id: t.surveys.id });
      const [used] = await f.db
        .insert(t.surveyTokens)
        .values(
          ['a', 'b', 'c', 'd', 'e'].map((x) => ({
            surveyId: elsewhere!.id,
            tokenHash: `list-test-${x}`,
          })),
        )
        .returning({ id: t.surveyTokens.id });
      await f.db.insert(t.surveyResponses).values({
        id: responseId(),
        surveyId: elsewhere!.id,
        tokenId: used!.id,
        receivedOn: '2026-11-26',
      });

      const list = async (role: DemoRole, query = '') => {
        const res = await f.as[role].get(`/api/surveys${query}`);
        expect(res.status).toBe(200);
        return (await res.json()).surveys as Row[];
      };
      const township = await list('demo-township');
      expect(township.find((r) => r.id === answered)).toMatchObject({
        village: '试点村',
        state: 'open',
        tokens: 3,
        responses: 2,
      });
      expect(township.find((r) => r.id === untouched)).toMatchObject({ tokens: 0, responses: 0 });
      expect(township.map((r) => r.id)).not.toContain(elsewhere!.id);
      expect(await responsesOf(answered)).toBe(2);

      const county = await list('demo-county');
      expect(county.find((r) => r.id === elsewhere!.id)).toMatchObject({
        village: '白岩村',
        tokens: 5,
        responses: 1,
      });
      expect(county.find((r) => r.id === answered)).toMatchObject({ tokens: 3, responses: 2 });
      // Every row carries both counts, as numbers.
      for (const row of county) {
        expect(typeof row.tokens, `${row.id}`).toBe('number');
        expect(row.responses, `${row.id}`).toBeLessThanOrEqual(row.tokens);
      }
      const byVillage = await list('demo-county', `?villageId=${f.T.villageId}`);
      expect(byVillage.map((r) => r.village)).toEqual(byVillage.map(() => '白岩村'));
      expect(byVillage.find((r) => r.id === elsewhere!.id)).toMatchObject({
        tokens: 5,
        responses: 1,
      });
    });

    // Each demo role against 试点村 (in everyone's scope) and the village of outside[role].
    const matrix: { role: DemoRole; run: 201 | 403; read: 200 | 403 }[] = [
      { role: 'demo-county', run: 201, read: 200 },
      { role: 'demo-township', run: 201, read: 200 },
      { role: 'demo-unit', run: 403, read: 403 },
      { role: 'demo-discipline', run: 403, read: 403 },
      { role: 'demo-inspector', run: 403, read: 403 },
      { role: 'demo-admin', run: 403, read: 403 },
    ];
    expect(matrix.map((m) => m.role)).toEqual([...roles]);

    for (const { role, run, read } of matrix) {
      it(`permissions of ${role}: creating, issuing and closing ${run} in scope (${run === 201 ? 404 : 403} out of it), results ${read}`, async () => {
        const outVillage = f.outside[role].villageId;
        const create = (village: number) =>
          f.as[role].post('/api/surveys', {
            villageId: village,
            title: '权限测试',
            opensOn: '2026-11-20',
            closesOn: '2026-11-30',
          });
        const outside = run === 201 ? 404 : 403;
        expect((await create(villageId)).status).toBe(run);
        expect((await create(outVillage)).status).toBe(outside);

        const mine = await newSurvey();
        const [theirs] = await f.db
          .insert(t.surveys)
          .values({
            villageId: outVillage,
            title: '范围外',
            opensOn: '2026-11-20',
            closesOn: '2026-11-30',
          })
          .returning({ id: t.surveys.id });
        const tokens = (id: number) => f.as[role].post(`/api/surveys/${id}/tokens`, { count: 1 });
        expect((await tokens(mine)).status).toBe(run);
        expect((await tokens(theirs!.id)).status).toBe(outside);

        const results = (id: number) => f.as[role].get(`/api/surveys/${id}/results`);
        expect((await results(mine)).status).toBe(read);
        expect((await results(theirs!.id)).status).toBe(read === 200 ? 404 : 403);

        const close = (id: number) => f.as[role].post(`/api/surveys/${id}/close`);
        expect((await close(theirs!.id)).status).toBe(outside);
        expect((await close(mine)).status).toBe(run === 201 ? 200 : 403);
      });
    }
  });
}
