// Surveys closing at the end of their period (§2.3) on both drivers: the job closes a survey as
// POST /api/surveys/:id/close does — the same evaluation per cadre, the same flags, the same audit
// entry — once, and leaves a survey whose period runs on open; the township hears of the new flag.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTexts } from '../../../bot/i18n';
import * as t from '../../../db/schema';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { runDue } from '../../../web/jobs/scheduler';
import { surveyClose } from '../../../web/jobs/survey-close';
import { readLocaleSources } from '../../../web/node-texts';
import { signIn } from '../../support/api';
import { drivers } from '../../support/databases';
import { botInfo, fakeTelegram } from '../../support/telegram';
import { openFixture, type Fixture, type Placed } from '../api/cadre-fixtures';

type Answer = 'satisfied' | 'basicallySatisfied' | 'dissatisfied';

const texts = loadTexts(readLocaleSources());
const at = (iso: string) => new Date(iso);
let responses = 0;
const responseId = () => `20000000-0000-4000-8000-${String(++responses).padStart(12, '0')}`;

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`closing surveys at the end of their period on ${title}`, () => {
    let f: Fixture;
    const telegram = fakeTelegram();
    const bot = new Bot('123456:test-token-abcdefghijklmnopqrstuvwxyz', {
      botInfo,
      client: { fetch: telegram.fetch as never },
    });
    const TOWNSHIP = 960_001;
    /** Two villages surveyed alike: one closed through the API, one by the job. */
    const village = { api: 0, job: 0 };
    const P = {} as Record<'api' | 'job', Placed>;
    const Q = {} as Record<'api' | 'job', Placed>;
    const survey = { api: 0, job: 0, running: 0 };

    const create = async (villageId: number, closesOn: string) => {
      const res = await f.as['demo-township'].post('/api/surveys', {
        villageId,
        title: '驻村干部满意度测评（2026年11月）',
        opensOn: '2026-11-20',
        closesOn,
      });
      expect(res.status).toBe(201);
      return (await res.json()).survey.id as number;
    };
    /** Ten answers: P rated 50 % (not below the threshold), Q 40 % (below). */
    const answerTen = async (surveyId: number, p: Placed, q: Placed) => {
      const res = await f.as['demo-township'].post(`/api/surveys/${surveyId}/tokens`, {
        count: 10,
      });
      const tokens = ((await res.json()).tokens as { token: string }[]).map((x) => x.token);
      for (const [i, token] of tokens.entries()) {
        const a: Answer = i < 3 ? 'satisfied' : i < 5 ? 'basicallySatisfied' : 'dissatisfied';
        const b: Answer = i < 2 ? 'satisfied' : i < 4 ? 'basicallySatisfied' : 'dissatisfied';
        const sent = await f.app.request(`/api/public/surveys/${token}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            id: responseId(),
            answers: [
              { cadreId: p.cadreId, answer: a },
              { cadreId: q.cadreId, answer: b },
            ],
          }),
        });
        expect(sent.status).toBe(201);
      }
    };
    const flags23 = (cadreId: number) =>
      f.db
        .select()
        .from(t.flags)
        .where(and(eq(t.flags.cadreId, cadreId), eq(t.flags.clause, '2.3')));

    beforeAll(async () => {
      f = await openFixture(driver);
      for (const side of ['api', 'job'] as const) {
        const name = side === 'api' ? '甲村' : '乙村';
        village[side] = await f.addVillage(name, '西江镇');
        P[side] = await f.place(side === 'api' ? '潘甲' : '潘乙', name, '雷山县农业农村局');
        Q[side] = await f.place(side === 'api' ? '秦甲' : '秦乙', name, '雷山县林业局');
        // The period ends today, Thu 2026-11-26.
        survey[side] = await create(village[side], '2026-11-26');
        await answerTen(survey[side], P[side], Q[side]);
      }
      // A survey of 甲村 whose period runs to Mon 2026-11-30.
      survey.running = await create(village.api, '2026-11-30');
      await f.db
        .insert(t.botLinks)
        .values({ telegramUserId: TOWNSHIP, userId: f.userId['demo-township'] });
    });
    afterAll(async () => f?.test.dispose());

    it('§2.3: at 00:10 on Fri 2026-11-27 the job closes the survey whose period ended on Thu 2026-11-26 as the API closes its twin that morning — the same results, flags and audit entry — and leaves open the one running to Mon 2026-11-30', async () => {
      // The API's close, by the township on Fri 2026-11-27.
      const app = createApp({
        db: f.db,
        config: parseConfig({}),
        driver,
        clock: () => at('2026-11-27T01:00:00Z'),
      });
      const township = await signIn(app, 'demo-township');
      const byApi = await township.post(`/api/surveys/${survey.api}/close`);
      expect(byApi.status).toBe(200);
      const apiBody = await byApi.json();

      const [due] = await runDue({
        db: f.db,
        jobs: [surveyClose],
        now: at('2026-11-26T16:11:00Z'),
        outbox: { api: bot.api, texts, db: f.db },
      });
      expect(due!.occurrence).toEqual(at('2026-11-26T16:10:00Z'));
      expect(due!.outcome).toMatchObject({
        ran: true,
        state: 'done',
        result: {
          day: '2026-11-27',
          closed: 1,
          surveys: [survey.job],
          flagsRaised: 1,
          addedToOpen: 0,
          notified: 1,
        },
      });

      const rows = await f.db
        .select()
        .from(t.surveys)
        .where(inArray(t.surveys.id, [survey.api, survey.job, survey.running]))
        .orderBy(asc(t.surveys.id));
      expect(rows.map((s) => [s.id, s.state, s.closedOn])).toEqual([
        [survey.api, 'closed', '2026-11-27'],
        [survey.job, 'closed', '2026-11-27'],
        [survey.running, 'open', null],
      ]);

      // The same evaluation per cadre: what the API answered, and the job's survey's results.
      const jobResults = await (await township.get(`/api/surveys/${survey.job}/results`)).json();
      const shape = (cadres: Array<Record<string, unknown>>) =>
        cadres.map(({ cadreId: _, name: __, ...rest }) => rest);
      expect(shape(jobResults.cadres)).toEqual(shape(apiBody.cadres));
      expect(jobResults).toMatchObject({ final: true, tokens: 10, responses: 10 });

      // The same flags: Q below the threshold on both sides, P (exactly 50 %) on neither.
      expect(await flags23(P.api.cadreId)).toEqual([]);
      expect(await flags23(P.job.cadreId)).toEqual([]);
      const [fromApi] = await flags23(Q.api.cadreId);
      const [fromJob] = await flags23(Q.job.cadreId);
      // Alike but for what names the survey and the cadre.
      const comparable = (flag: typeof t.flags.$inferSelect) => ({
        clause: flag.clause,
        raisedOn: flag.raisedOn,
        state: flag.state,
        evidence: (flag.evidence as Array<Record<string, unknown>>).map(
          ({ source: _, surveyId: __, ...rest }) => rest,
        ),
      });
      expect(comparable(fromJob!)).toEqual(comparable(fromApi!));
      expect(fromJob!.sourceKey).toBe(`survey:${survey.job}:${Q.job.cadreId}`);
      expect(fromJob!.evidence).toEqual([
        expect.objectContaining({ source: fromJob!.sourceKey, surveyId: survey.job }),
      ]);
      expect(fromJob).toMatchObject({ raisedOn: '2026-11-27', state: 'open' });

      // The same audit entry, by the system instead of a person.
      const audits = await f.db
        .select()
        .from(t.auditLog)
        .where(
          and(
            eq(t.auditLog.action, 'survey.close'),
            inArray(t.auditLog.entityId, [String(survey.api), String(survey.job)]),
          ),
        )
        .orderBy(asc(t.auditLog.id));
      expect(audits.map((a) => [a.entityId, a.actorUserId, a.actorRole])).toEqual([
        [String(survey.api), f.userId['demo-township'], 'township'],
        [String(survey.job), null, null],
      ]);
      const detail = (d: unknown) =>
        JSON.parse(
          JSON.stringify(d)
            .replace(/"cadreId":\d+/g, '"cadreId":0')
            .replace(/"flagId":\d+/g, '"flagId":0'),
        );
      expect(detail(audits[1]!.detail)).toEqual(detail(audits[0]!.detail));

      // The township hears of the job's new flag once, after the commit.
      expect(telegram.sent(TOWNSHIP)).toEqual([
        expect.stringMatching(/^🔔 新预警 §2\.3（.+）\n秦乙（乙村），2026-11-27\n/),
      ]);
    });

    it('§2.3: the next night, Sat 2026-11-28, closes nothing more and raises nothing twice', async () => {
      telegram.clear();
      const [due] = await runDue({
        db: f.db,
        jobs: [surveyClose],
        now: at('2026-11-27T16:11:00Z'),
        outbox: { api: bot.api, texts, db: f.db },
      });
      expect(due!.outcome).toMatchObject({
        result: { day: '2026-11-28', closed: 0, flagsRaised: 0 },
      });
      expect(await flags23(Q.job.cadreId)).toHaveLength(1);
      expect(telegram.sent()).toEqual([]);
    });
  });
}
