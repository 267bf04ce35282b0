// Demo data for an empty database: one county of 黔东南州 with three townships, twelve villages,
// their dispatching units, forty cadres with about two months of history, and one supervisor
// account per role. Deterministic: the same `today` gives the same rows (only password salts differ).
import { sql } from 'drizzle-orm';
import { distanceMetres } from '../../core/attendance/geofence';
import {
  addDays,
  eachDay,
  firstOfMonth,
  isoWeekday,
  monthOf,
  type LocalDate,
} from '../../core/calendar/local-date';
import { detectMonthClose, inspectionStrikes } from '../../core/situations';
import { cadreMonth } from '../queries/attendance';
import { raiseFlag } from '../queries/flags';
import { parametersFor } from '../queries/parameters';
import type { Database } from '../database';
import { hashPassword } from '../password';
import * as t from '../schema';
import {
  county,
  countySeat,
  dispatchingUnits,
  givenNames,
  prefecture,
  province,
  surnames,
  titles,
  townships,
} from './places';

/** How many days of history before `today` the demo holds. */
export const DEMO_HISTORY_DAYS = 61;

export const demoAccounts = [
  { username: 'demo-county', role: 'county', displayName: '雷山县委组织部（演示）' },
  { username: 'demo-township', role: 'township', displayName: '西江镇党委（演示）' },
  { username: 'demo-unit', role: 'dispatchingUnit', displayName: '雷山县财政局（演示）' },
  { username: 'demo-discipline', role: 'discipline', displayName: '雷山县纪委监委（演示）' },
  { username: 'demo-inspector', role: 'inspector', displayName: '县委督查室（演示）' },
  { username: 'demo-admin', role: 'admin', displayName: '系统管理员（演示）' },
] as const;

export interface SeedSummary {
  villages: number;
  cadres: number;
  checkIns: number;
  diaryEntries: number;
  users: string[];
}

export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(t.orgUnits);
  return (row?.n ?? 0) === 0;
}

/** Seeds the demo in one transaction: all of it, or nothing. */
export async function seedDemo(
  db: Database,
  options: { today: LocalDate; password: string },
): Promise<SeedSummary> {
  const passwordHashes = await Promise.all(demoAccounts.map(() => hashPassword(options.password)));
  return db.transaction(async (tx) => {
    const random = mulberry32(20170502); // the regulation's date
    const start = addDays(options.today, -DEMO_HISTORY_DAYS);
    const yesterday = addDays(options.today, -1);

    const unit = async (
      values: Omit<typeof t.orgUnits.$inferInsert, 'path'>,
      parentPath: string,
    ): Promise<{ id: number; path: string }> => {
      const [row] = await tx
        .insert(t.orgUnits)
        .values({ ...values, path: `${parentPath}pending-${values.name}/` })
        .returning({ id: t.orgUnits.id });
      const path = `${parentPath}${row!.id}/`;
      await tx
        .update(t.orgUnits)
        .set({ path })
        .where(sql`${t.orgUnits.id} = ${row!.id}`);
      return { id: row!.id, path };
    };

    const root = await unit({ level: 'province', ...province }, '/');
    const city = await unit({ level: 'city', parentId: root.id, ...prefecture }, root.path);
    const cnty = await unit({ level: 'county', parentId: city.id, ...county }, city.path);
    const villages: {
      id: number;
      township: number;
      latitude: number;
      longitude: number;
      radius: number;
    }[] = [];
    const townshipIds: number[] = [];
    for (const [ti, township] of townships.entries()) {
      const tw = await unit(
        { level: 'township', parentId: cnty.id, name: township.name, code: township.code },
        cnty.path,
      );
      townshipIds.push(tw.id);
      for (const v of township.villages) {
        const village = await unit(
          {
            level: 'village',
            parentId: tw.id,
            name: v.name,
            latitude: v.latitude,
            longitude: v.longitude,
            geofenceMetres: v.geofenceMetres,
          },
          tw.path,
        );
        villages.push({
          id: village.id,
          township: ti,
          latitude: v.latitude,
          longitude: v.longitude,
          radius: v.geofenceMetres,
        });
      }
    }

    const levelUnit = { province: root.id, city: city.id, county: cnty.id } as Record<
      string,
      number
    >;
    const units = await tx
      .insert(t.dispatchingUnits)
      .values(
        dispatchingUnits.map((u, i) => ({
          name: u.name,
          level: u.level,
          orgUnitId: u.level === 'township' ? townshipIds[i - 8]! : levelUnit[u.level]!,
        })),
      )
      .returning({ id: t.dispatchingUnits.id, level: t.dispatchingUnits.level });

    // Users, one per role. The township officer supervises 西江镇; the unit officer 雷山县财政局.
    const finance = units[4]!;
    const users = await tx
      .insert(t.users)
      .values(
        demoAccounts.map((a, i) => ({
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          passwordHash: passwordHashes[i]!,
          orgUnitId:
            a.role === 'township' ? townshipIds[0]! : a.role === 'admin' ? root.id : cnty.id,
          dispatchingUnitId: a.role === 'dispatchingUnit' ? finance.id : null,
        })),
      )
      .returning({ id: t.users.id, username: t.users.username });
    const userId = (name: string) => users.find((u) => u.username === name)!.id;

    // Forty cadres: a first secretary and two or three team members per village.
    type Profile = 'steady' | 'short' | 'lax';
    const cadres: {
      id: number;
      assignmentId: number;
      village: (typeof villages)[number];
      profile: Profile;
    }[] = [];
    let n = 0;
    for (const [vi, village] of villages.entries()) {
      const members = vi < 4 ? 4 : 3;
      for (let m = 0; m < members; m++, n++) {
        const unitIndex = m === 0 ? vi % 4 : 4 + ((vi + m) % 7);
        const dUnit = units[unitIndex]!;
        const name = surnames[n % surnames.length]! + givenNames[(n * 7 + vi) % givenNames.length]!;
        const [cadre] = await tx
          .insert(t.cadres)
          .values({
            name,
            title: titles[n % titles.length],
            dispatchingUnitId: dUnit.id,
          })
          .returning({ id: t.cadres.id });
        const [assignment] = await tx
          .insert(t.assignments)
          .values({
            cadreId: cadre!.id,
            villageId: village.id,
            role: m === 0 ? 'firstSecretary' : 'teamMember',
            dispatchLevel: dUnit.level,
            dispatchingUnitId: dUnit.id,
            startsOn: start,
          })
          .returning({ id: t.assignments.id });
        // A few cadres fall short of the month, so the month close and the pages have real work.
        const profile: Profile = n % 13 === 5 ? 'short' : n % 11 === 7 ? 'lax' : 'steady';
        cadres.push({ id: cadre!.id, assignmentId: assignment!.id, village, profile });
      }
    }

    // A leave with its report back (销假): the first cadre of 羊排村, five days, approved by the
    // township the day before it starts; back a day early, reported by checking in.
    const onLeave = cadres[0]!;
    const leaveFrom = addDays(start, 20);
    const leaveTo = addDays(leaveFrom, 4);
    const returnedOn = addDays(leaveFrom, 3);
    const [leave] = await tx
      .insert(t.leaveRequests)
      .values({
        cadreId: onLeave.id,
        assignmentId: onLeave.assignmentId,
        kind: 'sick',
        startsOn: leaveFrom,
        endsOn: leaveTo,
        reason: '腰椎间盘突出，县医院复查 / back problem, follow-up at the county hospital',
        state: 'approved',
        approvalChain: ['township', 'dispatchingUnit'],
        requestedAt: instant(addDays(leaveFrom, -3), 20, 15),
        approvedOn: addDays(leaveFrom, -1),
        decidedAt: instant(addDays(leaveFrom, -1), 16, 40),
        returnedOn,
      })
      .returning({ id: t.leaveRequests.id });
    await tx.insert(t.leaveApprovals).values([
      {
        leaveId: leave!.id,
        step: 0,
        role: 'township',
        decision: 'approved',
        userId: userId('demo-township'),
        decidedAt: instant(addDays(leaveFrom, -2), 9, 5),
      },
      {
        leaveId: leave!.id,
        step: 1,
        role: 'dispatchingUnit',
        decision: 'approved',
        userId: userId('demo-unit'),
        comment: '同意，注意身体',
        decidedAt: instant(addDays(leaveFrom, -1), 16, 40),
      },
    ]);

    // Check-ins and diary entries, day by day.
    const checkIns: (typeof t.checkIns.$inferInsert)[] = [];
    const diary: (typeof t.diaryEntries.$inferInsert)[] = [];
    const topics = [
      '走访脱贫监测户，了解务工收入情况',
      '召开村两委会议，研究茶叶合作社分红方案',
      '协调修复组组通道路塌方',
      '入户宣讲医保缴费政策',
      '调解邻里宅基地纠纷',
      '陪同农技员查看稻田养鱼长势',
      '整理村集体经济台账',
    ];
    for (const cadre of cadres) {
      const presence = { steady: [0.92, 0.75], short: [0.55, 0.45], lax: [0.8, 0.7] }[
        cadre.profile
      ];
      for (const day of eachDay(start, yesterday)) {
        const onLeaveThatDay = cadre === onLeave && day >= leaveFrom && day < returnedOn;
        const reportsBack = cadre === onLeave && day === returnedOn;
        if (onLeaveThatDay) continue;
        const weekend = isoWeekday(day) >= 6;
        if (random() > presence[weekend ? 1 : 0]! && !reportsBack) continue;
        const outside = !reportsBack && random() < 0.03;
        const spot = outside
          ? {
              latitude: countySeat.latitude + (random() - 0.5) * 0.01,
              longitude: countySeat.longitude + (random() - 0.5) * 0.01,
            }
          : {
              latitude: cadre.village.latitude + (random() - 0.5) * 0.006,
              longitude: cadre.village.longitude + (random() - 0.5) * 0.006,
            };
        const distance = Math.round(distanceMetres(spot, cadre.village));
        checkIns.push({
          cadreId: cadre.id,
          assignmentId: cadre.assignmentId,
          villageId: cadre.village.id,
          at: instant(day, 7 + Math.floor(random() * 3), Math.floor(random() * 60)),
          localDate: day,
          latitude: round(spot.latitude, 6),
          longitude: round(spot.longitude, 6),
          accuracyMetres: 5 + Math.floor(random() * 40),
          live: random() < 0.2,
          inside: distance <= cadre.village.radius,
          distanceMetres: distance,
        });
        const diaryRate = cadre.profile === 'lax' ? 0.02 : 0.18;
        if (random() < diaryRate) {
          diary.push({
            cadreId: cadre.id,
            assignmentId: cadre.assignmentId,
            localDate: day,
            at: instant(day, 20, Math.floor(random() * 60)),
            text: topics[Math.floor(random() * topics.length)]!,
          });
        }
      }
    }
    for (let i = 0; i < checkIns.length; i += 500) {
      await tx.insert(t.checkIns).values(checkIns.slice(i, i + 500));
    }
    if (diary.length > 0) await tx.insert(t.diaryEntries).values(diary);

    // An inspection (督查) of 西江镇's villages ten days ago: everyone present but one.
    const inspectionDay = addDays(options.today, -10);
    const inspected = cadres.filter((c) => c.village.township === 0);
    await tx.insert(t.inspections).values(
      inspected.map((c, i) => ({
        cadreId: c.id,
        assignmentId: c.assignmentId,
        date: inspectionDay,
        present: i !== 5,
        note: i === 5 ? '到村未见本人，电话称在县城办事，无请假手续' : null,
        inspectorUserId: userId('demo-inspector'),
      })),
    );

    // A closed satisfaction survey (满意度测评) of 羊排村: 24 villagers rated its four cadres.
    const surveyVillage = villages[0]!;
    const subjects = cadres.filter((c) => c.village === surveyVillage);
    const surveyClosed = addDays(options.today, -5);
    const [survey] = await tx
      .insert(t.surveys)
      .values({
        villageId: surveyVillage.id,
        title: '羊排村驻村干部群众满意度测评',
        opensOn: addDays(surveyClosed, -14),
        closesOn: surveyClosed,
        state: 'closed',
        closedOn: surveyClosed,
        createdByUserId: userId('demo-township'),
      })
      .returning({ id: t.surveys.id });
    await tx
      .insert(t.surveySubjects)
      .values(subjects.map((c) => ({ surveyId: survey!.id, cadreId: c.id })));
    const tokens = await tx
      .insert(t.surveyTokens)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          surveyId: survey!.id,
          // Demo slips are never handed out: their hashes stand for tokens nobody holds.
          tokenHash: `demo-${survey!.id}-${i}-${Math.floor(random() * 1e12).toString(36)}`,
        })),
      )
      .returning({ id: t.surveyTokens.id });
    const answered = tokens.slice(0, 24);
    const responses = answered.map((token, i) => ({
      id: uuidFrom(random),
      surveyId: survey!.id,
      tokenId: token.id,
      comment: i === 3 ? '第一书记经常来家里，帮我们联系了销路' : null,
      receivedOn: addDays(surveyClosed, -Math.floor(random() * 14)),
    }));
    await tx.insert(t.surveyResponses).values(responses);
    await tx.insert(t.surveyAnswers).values(
      responses.flatMap((r) =>
        subjects.map((c) => {
          const x = random();
          const answer = x < 0.62 ? 'satisfied' : x < 0.88 ? 'basicallySatisfied' : 'dissatisfied';
          return { responseId: r.id, cadreId: c.id, answer } as const;
        }),
      ),
    );

    // Flags (预警) the demo's own records raise, as the month close and the inspections do: core
    // evaluates every cadre's last complete month (§2.4, §2.5) and counts the findings of absence
    // over the assignment (§2.2); raiseFlag keeps one per source. The survey of 羊排村 is well above
    // the threshold of §2.3, and no review is on record (§2.1), so neither raises one.
    const parameters = await parametersFor(tx, cnty.path);
    const closedMonth = monthOf(addDays(firstOfMonth(monthOf(options.today)), -1));
    const findings = await tx
      .select({
        id: t.inspections.id,
        cadreId: t.inspections.cadreId,
        date: t.inspections.date,
        present: t.inspections.present,
      })
      .from(t.inspections)
      .orderBy(t.inspections.id);
    const leaves = await tx
      .select({
        cadreId: t.leaveRequests.cadreId,
        from: t.leaveRequests.startsOn,
        to: t.leaveRequests.endsOn,
        approved: t.leaveRequests.approvedOn,
        returned: t.leaveRequests.returnedOn,
      })
      .from(t.leaveRequests);
    for (const cadre of cadres) {
      const assignment = { id: cadre.assignmentId, startsOn: start, endsOn: null };
      const month = await cadreMonth(tx, assignment, closedMonth, options.today, parameters);
      for (const detection of detectMonthClose(closedMonth, month)) {
        await raiseFlag(tx, {
          cadreId: cadre.id,
          assignmentId: cadre.assignmentId,
          clause: detection.clause,
          raisedOn: detection.date,
          sourceKey: `month:${closedMonth}`,
          evidence: {
            detail: detection.detail,
            required: month.required,
            inVillage: month.inVillage,
            justifiedAbsence: month.justifiedAbsence,
            diaryEntries: month.diaryEntries,
          },
        });
      }
      const own = findings.filter((f) => f.cadreId === cadre.id);
      const { detections } = inspectionStrikes(
        own,
        leaves.filter((l) => l.cadreId === cadre.id),
        { start, end: null },
        parameters,
      );
      for (const detection of detections) {
        const finding = own.find((f) => f.date === detection.date && !f.present)!;
        await raiseFlag(tx, {
          cadreId: cadre.id,
          assignmentId: cadre.assignmentId,
          clause: detection.clause,
          raisedOn: detection.date,
          sourceKey: `inspection:${finding.id}`,
          evidence: { detail: detection.detail },
        });
      }
    }

    return {
      villages: villages.length,
      cadres: cadres.length,
      checkIns: checkIns.length,
      diaryEntries: diary.length,
      users: users.map((u) => u.username),
    };
  });
}

/** A small, fast, seedable PRNG (mulberry32): the demo must be the same on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The instant of a local time in Asia/Shanghai (UTC+8, no daylight saving time). */
function instant(day: LocalDate, hour: number, minute: number): Date {
  return new Date(
    `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`,
  );
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
