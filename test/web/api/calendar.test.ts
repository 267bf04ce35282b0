// The calendar API: a year's days from core's dayInfo, State Council schedules imported as data
// (checked by core's parseSchedule), and local days per org unit, on both drivers.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../db/schema';
import { drivers } from '../../support/databases';
import { type Account, type DemoApi, json, openDemoApi } from './org-fixture';

/** A made-up schedule for 2027 in the State Council's shape (the real notice is not out yet). */
const schedule2027 = {
  year: 2027,
  source: {
    notice: '测试用通知（非真实文件）',
    published: '2026-11-20',
    title: '2027年部分节假日安排（测试数据）',
  },
  holidays: [
    { name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] },
    {
      name: '春节',
      days: [
        '2027-02-05',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-12',
      ],
    },
  ],
  // Sat 2027-02-20: a make-up working day.
  workdays: ['2027-02-20'],
};

interface Day {
  date: string;
  workday: boolean;
  provisional: boolean;
  holiday: string | null;
  makeUpWorkday: boolean;
  local: 'holiday' | 'workday' | null;
  localName: string | null;
}

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API calendar on ${title}`, () => {
    let api: DemoApi;
    beforeAll(async () => {
      api = await openDemoApi(driver);
    });
    afterAll(async () => api?.test.dispose());

    const day = async (account: Account, year: number, date: string, orgUnitId?: number) => {
      const query = orgUnitId ? `?orgUnitId=${orgUnitId}` : '';
      const res = await api.as[account].get(`/api/calendar/${year}${query}`);
      expect(res.status).toBe(200);
      const body = await json<{ days: Day[] }>(res);
      return body.days.find((d) => d.date === date)!;
    };

    describe('permission matrix', () => {
      const reads: [Account, string, (i: DemoApi['ids']) => string, number][] = [
        [
          'demo-township',
          'reads 2026 for 西江镇',
          (i) => `/api/calendar/2026?orgUnitId=${i.xijiang.id}`,
          200,
        ],
        [
          'demo-township',
          'reads 2026 for 丹江镇',
          (i) => `/api/calendar/2026?orgUnitId=${i.danjiang.id}`,
          404,
        ],
        ['demo-unit', 'reads 2026', () => '/api/calendar/2026', 200],
        ['demo-discipline', 'reads 2026', () => '/api/calendar/2026', 200],
        ['demo-inspector', 'reads 2026', () => '/api/calendar/2026', 200],
        [
          'demo-county',
          'reads 2026 for 台江县',
          (i) => `/api/calendar/2026?orgUnitId=${i.taijiang.id}`,
          404,
        ],
        [
          'demo-admin',
          'reads 2026 for 台江县',
          (i) => `/api/calendar/2026?orgUnitId=${i.taijiang.id}`,
          200,
        ],
      ];
      for (const [account, what, path, status] of reads) {
        it(`${account} ${what}: ${status}`, async () => {
          expect((await api.as[account].get(path(api.ids))).status).toBe(status);
        });
      }
      const importers: [Account, number][] = [
        ['demo-county', 403],
        ['demo-township', 403],
        ['demo-unit', 403],
        ['demo-discipline', 403],
        ['demo-inspector', 403],
      ];
      for (const [account, status] of importers) {
        it(`${account} imports the 2027 schedule: ${status}`, async () => {
          expect((await api.as[account].post('/api/calendar/schedules', schedule2027)).status).toBe(
            status,
          );
        });
      }
      const localDays: [Account, (i: DemoApi['ids']) => number, number][] = [
        ['demo-township', (i) => i.xijiang.id, 403],
        ['demo-unit', (i) => i.leishan.id, 403],
        ['demo-discipline', (i) => i.leishan.id, 403],
        ['demo-inspector', (i) => i.leishan.id, 403],
        ['demo-county', (i) => i.taijiang.id, 404],
      ];
      for (const [account, unit, status] of localDays) {
        it(`${account} adds a local holiday on Wed 2026-12-09: ${status}`, async () => {
          const res = await api.as[account].post('/api/calendar/local-days', {
            orgUnitId: unit(api.ids),
            date: '2026-12-09',
            kind: 'holiday',
            name: '测试',
          });
          expect(res.status).toBe(status);
        });
      }
    });

    it('shows every day of 2026 for 西江镇: Thu 2026-10-01 is 国庆节, Sat 2026-10-10 a make-up working day', async () => {
      const res = await api.as['demo-township'].get('/api/calendar/2026');
      const body = await json(res);
      expect(body).toMatchObject({ year: 2026, published: true, basis: 'schedule' });
      expect(body.orgUnit.name).toBe('西江镇');
      expect(body.schedule.source.notice).toBe('国办发明电〔2025〕7号');
      expect(body.days).toHaveLength(365);
      expect(body.days.find((d: Day) => d.date === '2026-10-01')).toMatchObject({
        workday: false,
        holiday: '国庆节',
        provisional: false,
      });
      expect(body.days.find((d: Day) => d.date === '2026-10-10')).toMatchObject({
        workday: true,
        makeUpWorkday: true,
      });
    });

    it('importing a 2027 schedule makes Sat 2027-02-20 a make-up working day and 2027 no longer provisional', async () => {
      const before = await day('demo-county', 2027, '2027-02-20');
      expect(before).toMatchObject({ workday: false, provisional: true });

      const res = await api.as['demo-admin'].post('/api/calendar/schedules', schedule2027);
      expect(res.status).toBe(201);
      expect(await json(res)).toMatchObject({ year: 2027, replaced: false, builtIn: false });

      const after = await day('demo-county', 2027, '2027-02-20');
      expect(after).toMatchObject({ workday: true, provisional: false, makeUpWorkday: true });
      const year = await json(await api.as['demo-county'].get('/api/calendar/2027'));
      expect(year).toMatchObject({ published: true, basis: 'schedule' });
      expect(year.schedule).toMatchObject({ imported: true, source: schedule2027.source });

      const again = await api.as['demo-admin'].post('/api/calendar/schedules', schedule2027);
      expect(again.status).toBe(200);
      expect(await json(again)).toMatchObject({ replaced: true });
      const [entry] = await api.db
        .select()
        .from(t.auditLog)
        .where(eq(t.auditLog.action, 'calendar.schedule.import'));
      expect(entry).toMatchObject({ entity: 'holiday_schedule', entityId: '2027' });
    });

    it('refuses a bad schedule with 400 naming its JSON path, e.g. Mon 2027-02-22 as a make-up working day at $.workdays[0]', async () => {
      const bad = { ...schedule2027, year: 2028, workdays: ['2028-02-21'] };
      const res = await api.as['demo-admin'].post('/api/calendar/schedules', bad);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body).toMatchObject({ error: 'invalid-schedule', field: '$.holidays[0].days[0]' });

      const monday = { ...schedule2027, workdays: ['2027-02-22'] };
      const res2 = await api.as['demo-admin'].post('/api/calendar/schedules', monday);
      expect(res2.status).toBe(400);
      const body2 = await json(res2);
      expect(body2).toMatchObject({ error: 'invalid-schedule', field: '$.workdays[0]' });
      expect(body2.message).toContain('调休上班日只能是周六或周日');

      const unknown = await api.as['demo-admin'].post('/api/calendar/schedules', {
        ...schedule2027,
        extra: 1,
      });
      expect(await json(unknown)).toMatchObject({ field: '$.extra' });
      const list = await api.as['demo-admin'].post('/api/calendar/schedules', [schedule2027]);
      expect(list.status).toBe(400);
    });

    it('a local holiday of 雷山县 on Wed 2026-12-09 (苗年) makes it a day off for 西江镇, and not for 台江县', async () => {
      const before = await day('demo-township', 2026, '2026-12-09');
      expect(before).toMatchObject({ workday: true, local: null });

      const res = await api.as['demo-county'].post('/api/calendar/local-days', {
        orgUnitId: api.ids.leishan.id,
        date: '2026-12-09',
        kind: 'holiday',
        name: '苗年',
      });
      expect(res.status).toBe(201);
      const after = await day('demo-township', 2026, '2026-12-09');
      expect(after).toMatchObject({ workday: false, local: 'holiday', localName: '苗年' });
      const elsewhere = await day('demo-admin', 2026, '2026-12-09', api.ids.taijiang.id);
      expect(elsewhere).toMatchObject({ workday: true, local: null });

      const twice = await api.as['demo-admin'].post('/api/calendar/local-days', {
        orgUnitId: api.ids.leishan.id,
        date: '2026-12-09',
        kind: 'workday',
        name: '苗年调休',
      });
      expect(twice.status).toBe(409);

      const removed = await api.as['demo-county'].del(
        `/api/calendar/local-days/${api.ids.leishan.id}/2026-12-09`,
      );
      expect(removed.status).toBe(204);
      expect(await day('demo-township', 2026, '2026-12-09')).toMatchObject({ workday: true });
      const gone = await api.as['demo-county'].del(
        `/api/calendar/local-days/${api.ids.leishan.id}/2026-12-09`,
      );
      expect(gone.status).toBe(404);

      const actions = await api.db.select({ action: t.auditLog.action }).from(t.auditLog);
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(['calendar.localDay.create', 'calendar.localDay.delete']),
      );
    });

    it('a local working day of 西江镇 on Sat 2026-12-12 makes it a working day there only', async () => {
      const res = await api.as['demo-admin'].post('/api/calendar/local-days', {
        orgUnitId: api.ids.xijiang.id,
        date: '2026-12-12',
        kind: 'workday',
        name: '苗年调休',
      });
      expect(res.status).toBe(201);
      expect(await day('demo-township', 2026, '2026-12-12')).toMatchObject({
        workday: true,
        local: 'workday',
        localName: '苗年调休',
      });
      expect(await day('demo-county', 2026, '2026-12-12')).toMatchObject({ workday: false });
    });

    it('names the bad field of a local day and of a year', async () => {
      const res = await api.as['demo-county'].post('/api/calendar/local-days', {
        orgUnitId: api.ids.leishan.id,
        date: '2026-12-32',
        kind: 'holiday',
        name: '苗年',
      });
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ field: 'date' });
      const kind = await api.as['demo-county'].post('/api/calendar/local-days', {
        orgUnitId: api.ids.leishan.id,
        date: '2026-12-09',
        kind: 'festival',
        name: '苗年',
      });
      expect(await json(kind)).toMatchObject({ field: 'kind' });
      const year = await api.as['demo-county'].get('/api/calendar/1800');
      expect(year.status).toBe(400);
      expect(await json(year)).toMatchObject({ field: 'year' });
    });
  });
}
