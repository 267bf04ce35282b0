// Villager satisfaction surveys (群众满意度测评, §1.3, §2.3): a survey of one village, its subjects
// (the cadres stationed there), one-time bearer tokens (only their SHA-256 is stored), and anonymous
// responses: no address, user agent or device id, the day received and nothing finer.
import { and, asc, count, desc, eq, isNull, like, sql } from 'drizzle-orm';
import type { LocalDate } from '../../core/calendar/local-date';
import type { Parameters } from '../../core/parameters';
import { detectSurvey, evaluateSurvey, roundRate, type SurveyCounts } from '../../core/situations';
import type { Database } from '../database';
import {
  assignments,
  cadres,
  orgUnits,
  surveyAnswers,
  surveyResponses,
  surveySubjects,
  surveyTokens,
  surveys,
} from '../schema';
import { appendAudit, type AuditEntry } from './audit';
import { raiseFlag, type Raised } from './flags';
import { sha256Hex } from './invitations';
import { parametersFor } from './parameters';

export type Answer = (typeof surveyAnswers.$inferSelect)['answer'];

/** 128 random bits in base64url (22 characters): a slip nobody can guess. */
export function newSurveyToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The cadres with an open assignment in the village: a new survey's subjects. */
export async function stationedCadres(db: Database, villageId: number) {
  return db
    .select({
      cadreId: cadres.id,
      name: cadres.name,
      role: assignments.role,
      assignmentId: assignments.id,
    })
    .from(assignments)
    .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
    .where(and(eq(assignments.villageId, villageId), isNull(assignments.endsOn)))
    .orderBy(asc(assignments.role), asc(cadres.id));
}

/** A village in the scope whose org path is `scopePath`, or undefined. */
export async function villageInScope(db: Database, villageId: number, scopePath: string) {
  const [row] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, level: orgUnits.level })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, villageId), like(orgUnits.path, `${scopePath}%`)));
  return row?.level === 'village' ? row : undefined;
}

export async function createSurvey(
  db: Database,
  args: {
    villageId: number;
    title: string;
    opensOn: LocalDate;
    closesOn: LocalDate;
    subjects: readonly number[];
    createdByUserId: number;
    now: Date;
  },
) {
  const [survey] = await db
    .insert(surveys)
    .values({
      villageId: args.villageId,
      title: args.title,
      opensOn: args.opensOn,
      closesOn: args.closesOn,
      createdByUserId: args.createdByUserId,
      createdAt: args.now,
    })
    .returning();
  await db
    .insert(surveySubjects)
    .values(args.subjects.map((cadreId) => ({ surveyId: survey!.id, cadreId })));
  return survey!;
}

/** A survey whose village lies in the scope, with the village; undefined otherwise. */
export async function surveyInScope(db: Database, surveyId: number, scopePath: string) {
  const [row] = await db
    .select({
      survey: surveys,
      village: { id: orgUnits.id, name: orgUnits.name, path: orgUnits.path },
    })
    .from(surveys)
    .innerJoin(orgUnits, eq(orgUnits.id, surveys.villageId))
    .where(and(eq(surveys.id, surveyId), like(orgUnits.path, `${scopePath}%`)));
  return row;
}

/**
 * The surveys of the villages in the scope, newest first, each with the tokens issued and the
 * responses received: both counted once per survey in a grouped subquery (left-joined, so a survey
 * with none has 0), not one query per row — and not by joining both tables, which would multiply
 * one count by the other.
 */
export async function surveysInScope(
  db: Database,
  scopePath: string,
  filter: { villageId?: number },
) {
  const tokenCounts = db
    .select({ surveyId: surveyTokens.surveyId, tokens: count().as('token_count') })
    .from(surveyTokens)
    .groupBy(surveyTokens.surveyId)
    .as('token_counts');
  const responseCounts = db
    .select({ surveyId: surveyResponses.surveyId, responses: count().as('response_count') })
    .from(surveyResponses)
    .groupBy(surveyResponses.surveyId)
    .as('response_counts');
  return db
    .select({
      id: surveys.id,
      villageId: surveys.villageId,
      village: orgUnits.name,
      title: surveys.title,
      opensOn: surveys.opensOn,
      closesOn: surveys.closesOn,
      state: surveys.state,
      closedOn: surveys.closedOn,
      tokens: sql<number>`coalesce(${tokenCounts.tokens}, 0)`.mapWith(Number),
      responses: sql<number>`coalesce(${responseCounts.responses}, 0)`.mapWith(Number),
    })
    .from(surveys)
    .innerJoin(orgUnits, eq(orgUnits.id, surveys.villageId))
    .leftJoin(tokenCounts, eq(tokenCounts.surveyId, surveys.id))
    .leftJoin(responseCounts, eq(responseCounts.surveyId, surveys.id))
    .where(
      and(
        like(orgUnits.path, `${scopePath}%`),
        filter.villageId === undefined ? undefined : eq(surveys.villageId, filter.villageId),
      ),
    )
    .orderBy(desc(surveys.opensOn), desc(surveys.id))
    .limit(500);
}

/**
 * A survey's subjects with their role in its village and the assignment there (the latest, should a
 * cadre have been stationed in the village twice).
 */
export async function surveySubjectList(db: Database, surveyId: number, villageId: number) {
  const rows = await db
    .select({
      cadreId: cadres.id,
      name: cadres.name,
      role: assignments.role,
      assignmentId: assignments.id,
      startsOn: assignments.startsOn,
    })
    .from(surveySubjects)
    .innerJoin(cadres, eq(cadres.id, surveySubjects.cadreId))
    .innerJoin(
      assignments,
      and(eq(assignments.cadreId, cadres.id), eq(assignments.villageId, villageId)),
    )
    .where(eq(surveySubjects.surveyId, surveyId))
    .orderBy(asc(assignments.role), asc(cadres.id), desc(assignments.startsOn));
  const seen = new Set<number>();
  return rows
    .filter((r) => !seen.has(r.cadreId) && seen.add(r.cadreId))
    .map(({ startsOn: _, ...r }) => r);
}

/** Stores the hashes of `count` new tokens and returns the tokens themselves, this once. */
export async function issueSurveyTokens(
  db: Database,
  surveyId: number,
  count: number,
  now: Date,
): Promise<string[]> {
  const codes = Array.from({ length: count }, newSurveyToken);
  const rows = await Promise.all(
    codes.map(async (code) => ({ surveyId, tokenHash: await sha256Hex(code), createdAt: now })),
  );
  for (let i = 0; i < rows.length; i += 500) {
    await db.insert(surveyTokens).values(rows.slice(i, i + 500));
  }
  return codes;
}

/** Per subject cadre: how many answered 满意, 基本满意, 不满意. */
export async function surveyCounts(
  db: Database,
  surveyId: number,
): Promise<Map<number, SurveyCounts>> {
  const rows = await db
    .select({ cadreId: surveyAnswers.cadreId, answer: surveyAnswers.answer, n: count() })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(eq(surveyResponses.surveyId, surveyId))
    .groupBy(surveyAnswers.cadreId, surveyAnswers.answer);
  const counts = new Map<number, SurveyCounts>();
  for (const row of rows) {
    const c = counts.get(row.cadreId) ?? { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 };
    c[row.answer] += row.n;
    counts.set(row.cadreId, c);
  }
  return counts;
}

/** Tokens issued and responses received. */
export async function surveyTallies(db: Database, surveyId: number) {
  const [tokens] = await db
    .select({ n: count() })
    .from(surveyTokens)
    .where(eq(surveyTokens.surveyId, surveyId));
  const [responses] = await db
    .select({ n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return { tokens: tokens!.n, responses: responses!.n };
}

/**
 * The villagers' comments, and nothing that could tell who wrote them or when: no response id, no
 * date, and sorted by their text so their order says nothing about the order of the slips.
 */
export async function surveyComments(db: Database, surveyId: number): Promise<string[]> {
  const rows = await db
    .select({ comment: surveyResponses.comment })
    .from(surveyResponses)
    .where(
      and(eq(surveyResponses.surveyId, surveyId), sql`${surveyResponses.comment} is not null`),
    );
  return rows
    .map((r) => r.comment!)
    .filter((c) => c.trim() !== '')
    .sort();
}

/** The token a villager holds, by its code: its survey, village and response (if used). */
export async function surveyByToken(db: Database, code: string) {
  const tokenHash = await sha256Hex(code);
  const [row] = await db
    .select({
      tokenId: surveyTokens.id,
      survey: surveys,
      village: { id: orgUnits.id, name: orgUnits.name },
      responseId: surveyResponses.id,
    })
    .from(surveyTokens)
    .innerJoin(surveys, eq(surveys.id, surveyTokens.surveyId))
    .innerJoin(orgUnits, eq(orgUnits.id, surveys.villageId))
    .leftJoin(surveyResponses, eq(surveyResponses.tokenId, surveyTokens.id))
    .where(eq(surveyTokens.tokenHash, tokenHash));
  return row;
}

export async function responseById(db: Database, id: string) {
  const [row] = await db
    .select({
      id: surveyResponses.id,
      tokenId: surveyResponses.tokenId,
      receivedOn: surveyResponses.receivedOn,
    })
    .from(surveyResponses)
    .where(eq(surveyResponses.id, id));
  return row;
}

/**
 * Records a response and its answers; false when its id or its token has one already (the caller
 * tells a retry from a second use of the token).
 */
export async function recordSurveyResponse(
  db: Database,
  args: {
    id: string;
    surveyId: number;
    tokenId: number;
    comment: string | null;
    receivedOn: LocalDate;
    answers: readonly { cadreId: number; answer: Answer }[];
  },
): Promise<boolean> {
  const inserted = await db
    .insert(surveyResponses)
    .values({
      id: args.id,
      surveyId: args.surveyId,
      tokenId: args.tokenId,
      comment: args.comment,
      receivedOn: args.receivedOn,
    })
    .onConflictDoNothing()
    .returning({ id: surveyResponses.id });
  if (inserted.length === 0) return false;
  await db
    .insert(surveyAnswers)
    .values(
      args.answers.map((a) => ({ responseId: args.id, cadreId: a.cadreId, answer: a.answer })),
    );
  return true;
}

/** Closes an open survey on `today`; false when it was closed already. */
export async function closeSurvey(db: Database, surveyId: number, today: LocalDate) {
  const closed = await db
    .update(surveys)
    .set({ state: 'closed', closedOn: today })
    .where(and(eq(surveys.id, surveyId), eq(surveys.state, 'open')))
    .returning({ id: surveys.id });
  return closed.length > 0;
}

// 满意度测评低于50% — §2.3: rate = (满意 + 基本满意) ÷ valid responses, with core's parameters.
/** Per subject cadre, the counts and core's evaluation; with the tokens and responses in all. */
export async function surveyResults(
  db: Database,
  survey: { id: number; villageId: number },
  villagePath: string,
): Promise<SurveyResults> {
  const [subjects, counts, parameters, tallies] = await Promise.all([
    surveySubjectList(db, survey.id, survey.villageId),
    surveyCounts(db, survey.id),
    parametersFor(db, villagePath),
    surveyTallies(db, survey.id),
  ]);
  const cadres = subjects.map((s) => {
    const k = counts.get(s.cadreId) ?? { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 };
    const result = evaluateSurvey(k, parameters);
    return {
      cadreId: s.cadreId,
      name: s.name,
      role: s.role,
      assignmentId: s.assignmentId,
      counts: k,
      responses: result.responses,
      satisfactionRate: roundRate(result.satisfactionRate),
      valid: result.valid,
      belowThreshold: result.belowThreshold,
    };
  });
  return { cadres, parameters, ...tallies };
}

export interface SurveyResults {
  cadres: {
    cadreId: number;
    name: string;
    role: (typeof assignments.$inferSelect)['role'];
    assignmentId: number;
    counts: SurveyCounts;
    responses: number;
    satisfactionRate: number | null;
    valid: boolean;
    belowThreshold: boolean;
  }[];
  parameters: Parameters;
  tokens: number;
  responses: number;
}

export interface ClosedSurvey {
  results: SurveyResults;
  /** Per cadre below the threshold: the flag raised, or the open flag or case it was added to. */
  flags: { cadreId: number; flag: Raised }[];
  /** The flags newly raised, for the offices to be told once this has committed. */
  raised: number[];
}

/**
 * Closes an open survey on `today` and evaluates §2.3 per cadre with core, raising a flag for each
 * one below the threshold (once per survey and cadre: the flag's source), with its audit entry.
 * What POST /surveys/:id/close and the survey-closing job (web/jobs/survey-close.ts) both do; run it
 * in one transaction. Null when the survey was closed already.
 */
export async function closeSurveyAndEvaluate(
  db: Database,
  args: {
    survey: { id: number; villageId: number };
    villagePath: string;
    today: LocalDate;
    /** Who closes it: a signed-in user, or the system (a job) with a null id and role. */
    actor: Pick<AuditEntry, 'actorUserId' | 'actorRole'>;
    now: Date;
  },
): Promise<ClosedSurvey | null> {
  const { survey, today } = args;
  if (!(await closeSurvey(db, survey.id, today))) return null;
  const results = await surveyResults(db, survey, args.villagePath);
  const flags: ClosedSurvey['flags'] = [];
  for (const subject of results.cadres) {
    // 群众意见较大,满意度测评低于50%的 — §2.3
    const detection = detectSurvey(today, subject.counts, results.parameters);
    if (!detection) continue;
    const flag = await raiseFlag(db, {
      cadreId: subject.cadreId,
      assignmentId: subject.assignmentId,
      clause: detection.clause,
      raisedOn: detection.date,
      sourceKey: `survey:${survey.id}:${subject.cadreId}`,
      evidence: {
        detail: detection.detail,
        surveyId: survey.id,
        counts: subject.counts,
        responses: subject.responses,
        satisfactionRate: subject.satisfactionRate,
      },
    });
    flags.push({ cadreId: subject.cadreId, flag });
  }
  await appendAudit(
    db,
    {
      ...args.actor,
      action: 'survey.close',
      entity: 'survey',
      entityId: survey.id,
      detail: {
        closedOn: today,
        responses: results.responses,
        cadres: results.cadres.map((r) => ({
          cadreId: r.cadreId,
          counts: r.counts,
          satisfactionRate: r.satisfactionRate,
          valid: r.valid,
          belowThreshold: r.belowThreshold,
        })),
        flags,
      },
    },
    args.now,
  );
  const raised = flags.flatMap(({ flag }) => (flag.raised ? [flag.flagId] : []));
  return { results, flags, raised };
}
