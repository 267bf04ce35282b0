// Reviews (述职述评 half-yearly, 年度考核 annually; §1.3): one per cadre and period. A rating of
// 不称职/不合格 raises the §2.1 flag; in the annual assessment it also brings the §4.4 sanction
// (annual bonus withheld, admonition talk), recorded with the review.
import { and, desc, eq, exists } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { reviewSanction } from '../../core/responsibilities';
import { detectReview, isReviewPeriod, ratings, type Rating } from '../../core/situations';
import { raiseFlag, type Raised } from '../../db/queries/flags';
import { assignments, cadres, orgUnits, reviews, sanctions, users } from '../../db/schema';
import {
  assignmentInScope,
  audit,
  dateSchema,
  idSchema,
  todayOf,
  type Role,
} from './cadre-records';
import { announceFlags } from './common';
import type { ApiEnv } from './env';
import { ApiError, conflict } from './errors';
import { cadreScope } from './scope';
import { requireRole } from './session';
import { invalidInput } from './validate';

// 由派出单位、县级组织部门、乡(镇、街道)党(工)委和村党组织共同进行考核 — §1.3
// [decision: the county organization department and the cadre's dispatching unit record ratings;
//  the township takes part in the assessment but reads them]
const recorderRoles = ['county', 'dispatchingUnit'] as const satisfies readonly Role[];
const readerRoles = [...recorderRoles, 'township', 'province'] as const satisfies readonly Role[];

const reviewBody = z.object({
  cadreId: idSchema,
  period: z
    .string()
    .refine(isReviewPeriod, {
      message:
        "须为 YYYYH1（半年）或 YYYY（年度） / must be 'YYYYH1' (half-year) or 'YYYY' (annual)",
    })
    .meta({ example: '2026' }),
  rating: z.enum(ratings as [Rating, ...Rating[]]),
  /** The day the rating was decided. */
  date: dateSchema,
  note: z.string().trim().max(2000).optional(),
});

const listQuery = z.object({ cadreId: idSchema.optional(), period: z.string().optional() });

export const reviewRoutes = new Hono<ApiEnv>()
  .post(
    '/',
    describeRoute({
      tags: ['reviews'],
      summary: 'Record a half-year review or an annual assessment (§1.3; §2.1 and §4.4 follow)',
      description:
        '409 when the cadre has a rating for the period already. 201 with the flag raised for 不称职/不合格 and, for an annual assessment, the sanction of §4.4.',
    }),
    validator('json', reviewBody, invalidInput),
    async (c) => {
      const user = requireRole(c, recorderRoles);
      const body = c.req.valid('json');
      if (body.date > todayOf(c)) {
        throw new ApiError(
          422,
          'review-in-future',
          '评定日期不能晚于今天。',
          'A rating cannot be dated after today.',
          'date',
        );
      }
      if (body.date < `${body.period.slice(0, 4)}-01-01`) {
        throw new ApiError(
          422,
          'review-before-period',
          '评定日期早于所评定的期间。',
          'The rating is dated before the period it rates.',
          'date',
        );
      }
      const { assignment, cadre } = await assignmentInScope(c, user, body.cadreId, body.date, {
        orLatest: true,
      });
      const [review] = await c.var.db
        .insert(reviews)
        .values({
          cadreId: cadre.id,
          period: body.period,
          rating: body.rating,
          recordedOn: body.date,
          recordedByUserId: user.id,
          note: body.note || null,
          createdAt: c.var.now,
        })
        .onConflictDoNothing()
        .returning();
      if (!review) {
        throw conflict(
          'review-exists',
          `该干部 ${body.period} 的评定已经录入。`,
          `The cadre already has a rating for ${body.period}.`,
        );
      }

      // 在半年述职述评、年度考核中被评定为“不称职”或“不合格”的 — §2.1
      const detection = detectReview({
        date: review.recordedOn,
        period: review.period,
        rating: review.rating,
      });
      let flag: Raised | null = null;
      if (detection) {
        flag = await raiseFlag(c.var.db, {
          cadreId: cadre.id,
          assignmentId: assignment.id,
          clause: detection.clause,
          raisedOn: detection.date,
          sourceKey: `review:${review.id}`,
          evidence: { detail: detection.detail, period: review.period, rating: review.rating },
        });
        if (flag.raised) announceFlags(c, [flag.flagId]);
      }

      // 在年度考核中被评为“不称职”或“不合格”等次的,扣发年度目标绩效奖励……进行诫勉谈话 — §4.4
      const owed = reviewSanction(review);
      const [sanction] = owed
        ? await c.var.db
            .insert(sanctions)
            .values({
              cadreId: cadre.id,
              reviewId: review.id,
              startsOn: review.recordedOn,
              bonusWithheldMin: String(owed.bonusWithheld),
              admonitionTalk: owed.admonitionTalk,
            })
            .returning()
        : [];

      await audit(c, user, 'review.record', 'review', review.id, {
        cadreId: cadre.id,
        period: review.period,
        rating: review.rating,
        date: review.recordedOn,
        flag,
        sanctionId: sanction?.id ?? null,
      });
      return c.json(
        {
          review,
          flag,
          sanction: sanction
            ? {
                id: sanction.id,
                startsOn: sanction.startsOn,
                bonusWithheld: Number(sanction.bonusWithheldMin),
                admonitionTalk: sanction.admonitionTalk,
              }
            : null,
        },
        201,
      );
    },
  )
  .get(
    '/',
    describeRoute({ tags: ['reviews'], summary: 'Ratings of the cadres in my scope' }),
    validator('query', listQuery, invalidInput),
    async (c) => {
      const user = requireRole(c, readerRoles);
      const q = c.req.valid('query');
      // A cadre is in scope when one of their assignments is: ratings follow the person.
      const stationedInScope = c.var.db
        .select({ one: assignments.id })
        .from(assignments)
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(and(eq(assignments.cadreId, reviews.cadreId), cadreScope(user)));
      const rows = await c.var.db
        .select({
          id: reviews.id,
          cadreId: reviews.cadreId,
          cadreName: cadres.name,
          period: reviews.period,
          rating: reviews.rating,
          recordedOn: reviews.recordedOn,
          recordedBy: users.displayName,
          note: reviews.note,
          sanction: {
            id: sanctions.id,
            bonusWithheld: sanctions.bonusWithheldMin,
            admonitionTalk: sanctions.admonitionTalk,
            lapsedOn: sanctions.lapsedOn,
          },
        })
        .from(reviews)
        .innerJoin(cadres, eq(cadres.id, reviews.cadreId))
        .leftJoin(users, eq(users.id, reviews.recordedByUserId))
        .leftJoin(sanctions, eq(sanctions.reviewId, reviews.id))
        .where(
          and(
            exists(stationedInScope),
            q.cadreId === undefined ? undefined : eq(reviews.cadreId, q.cadreId),
            q.period === undefined ? undefined : eq(reviews.period, q.period),
          ),
        )
        .orderBy(desc(reviews.period), desc(reviews.id))
        .limit(1000);
      return c.json({
        reviews: rows.map((r) => ({
          ...r,
          sanction:
            r.sanction && r.sanction.id !== null
              ? { ...r.sanction, bonusWithheld: Number(r.sanction.bonusWithheld) }
              : null,
        })),
      });
    },
  );
