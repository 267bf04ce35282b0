// Every refusal reason of the procedure, each produced by a case that calls for it, with its clause;
// a refusal leaves the case as it was.
import { describe, expect, it } from 'vitest';
import {
  applyPostNotice,
  openCase,
  openProcedure,
  refusalReasons,
  transition,
  type Actor,
  type Case,
  type CaseState,
  type PostNoticeEvent,
  type ProcedureEvent,
  type RefusalReason,
} from '../../../core/procedure';
import {
  allEvidence,
  cadre,
  county,
  ctx,
  discipline,
  fresh,
  postNotice,
  steps,
  township,
  unit,
} from './fixtures';

const asOf = '2026-12-31';
const notice: PostNoticeEvent = { type: 'notice', date: '2026-09-30' };
const recalled: PostNoticeEvent = { type: 'recalled', date: '2026-10-08' };

interface Row {
  name: string;
  reason: RefusalReason;
  clause: string;
  /** The case before, and the attempt. */
  post?: { c: CaseState; e: PostNoticeEvent };
  full?: { c: Case; actor: Actor; e: ProcedureEvent };
  open?: () => ReturnType<typeof openProcedure>;
}

const noticedB = () => postNotice([notice]);
const fullNoticed = (): Case =>
  steps(fresh('B', 'county', '2026-09-21'), [
    [township, { type: 'request', date: '2026-09-21' }],
    ...allEvidence('2026-09-24'),
    [county, { type: 'caseReview', date: '2026-09-25' }],
    [county, { type: 'filing', date: '2026-09-28' }],
    [county, { type: 'notice', date: '2026-09-30' }],
  ]);
const provinceChanged = (): Case => {
  const c = steps(fresh('A', 'province', '2026-09-01'), [
    [county, { type: 'opinion', date: '2026-09-02' }],
    ...allEvidence('2026-09-03'),
    [county, { type: 'notice', date: '2026-09-04' }],
    [unit, { type: 'recalled', date: '2026-09-08' }],
    [unit, { type: 'talk', date: '2026-09-09' }],
    [unit, { type: 'outcome', date: '2026-10-12', changed: true }],
    [{ role: 'province' }, { type: 'redeployApproved', date: '2026-10-13' }],
  ]);
  return c;
};

const rows: Row[] = [
  // §3.5–§3.8, the post-notice machine alone
  {
    name: '§3.5: a recall on Mon 2026-10-12 of a case closed on Fri 2026-09-25 before any notice',
    reason: 'case-closed',
    clause: '§3.5',
    post: {
      c: postNotice([{ type: 'closed', date: '2026-09-25' }]),
      e: { type: 'recalled', date: '2026-10-12' },
    },
  },
  {
    name: '§3.5: a recall dated Tue 2026-09-29, before the notice of Wed 2026-09-30 already recorded',
    reason: 'date-out-of-order',
    clause: '§3.5',
    post: { c: noticedB(), e: { type: 'recalled', date: '2026-09-29' } },
  },
  {
    name: '§3.2: a second notice, on Thu 2026-10-08',
    reason: 'notice-already-received',
    clause: '§3.2',
    post: { c: noticedB(), e: { type: 'notice', date: '2026-10-08' } },
  },
  {
    name: '§3.8: an appeal on Fri 2026-09-25, before any notice',
    reason: 'no-notice',
    clause: '§3.8',
    post: {
      c: openCase({ clause: '2.6', track: 'B', opened: '2026-09-21' }),
      e: { type: 'appeal', date: '2026-09-25' },
    },
  },
  {
    name: '§3.8: a second appeal on Fri 2026-10-09 after one on Thu 2026-10-08',
    reason: 'appeal-already-filed',
    clause: '§3.8',
    post: {
      c: postNotice([notice, { type: 'appeal', date: '2026-10-08' }]),
      e: { type: 'appeal', date: '2026-10-09' },
    },
  },
  {
    name: '§3.8: an appeal on Mon 2026-10-12 against a notice of Wed 2026-09-30',
    reason: 'appeal-window-closed',
    clause: '§3.8',
    post: { c: noticedB(), e: { type: 'appeal', date: '2026-10-12' } },
  },
  {
    name: '§3.8: an answer on Mon 2026-10-12 when no appeal was filed',
    reason: 'no-appeal',
    clause: '§3.8',
    post: { c: noticedB(), e: { type: 'appealAnswered', date: '2026-10-12', upheld: true } },
  },
  {
    name: '§3.8: a second answer on Tue 2026-10-13 to an appeal answered on Mon 2026-10-12',
    reason: 'appeal-already-answered',
    clause: '§3.8',
    post: {
      c: postNotice([
        notice,
        { type: 'appeal', date: '2026-10-08' },
        { type: 'appealAnswered', date: '2026-10-12', upheld: true },
      ]),
      e: { type: 'appealAnswered', date: '2026-10-13', upheld: true },
    },
  },
  {
    name: '§3.8: a finding on Fri 2026-10-09 while the appeal of Thu 2026-10-08 awaits its answer',
    reason: 'appeal-pending',
    clause: '§3.8',
    post: {
      c: postNotice([notice, { type: 'appeal', date: '2026-10-08' }, recalled]),
      e: { type: 'outcome', date: '2026-10-09', changed: true },
    },
  },
  {
    name: '§3.5: a second recall on Fri 2026-10-09',
    reason: 'already-recalled',
    clause: '§3.5',
    post: { c: postNotice([notice, recalled]), e: { type: 'recalled', date: '2026-10-09' } },
  },
  {
    name: '§3.6: a finding of change on Thu 2026-10-08 before the cadre was recalled',
    reason: 'not-recalled',
    clause: '§3.6',
    post: { c: noticedB(), e: { type: 'outcome', date: '2026-10-08', changed: true } },
  },
  {
    name: '§3.7: a second finding on Mon 2026-11-02',
    reason: 'outcome-already-recorded',
    clause: '§3.7',
    post: {
      c: postNotice([notice, recalled, { type: 'outcome', date: '2026-10-30', changed: true }]),
      e: { type: 'outcome', date: '2026-11-02', changed: false },
    },
  },
  {
    name: '§3.6: a redeployment approved on Mon 2026-11-02 with no finding on record',
    reason: 'no-outcome',
    clause: '§3.6',
    post: {
      c: postNotice([notice, recalled]),
      e: { type: 'redeployApproved', date: '2026-11-02' },
    },
  },
  {
    name: '§3.6: a redeployment approved on Mon 2026-11-02 after a finding of no change',
    reason: 'outcome-not-changed',
    clause: '§3.6',
    post: {
      c: postNotice([notice, recalled, { type: 'outcome', date: '2026-10-30', changed: false }]),
      e: { type: 'redeployApproved', date: '2026-11-02' },
    },
  },
  {
    name: '§3.6: a second approval on Tue 2026-11-03',
    reason: 'redeploy-already-approved',
    clause: '§3.6',
    post: {
      c: postNotice([
        notice,
        recalled,
        { type: 'outcome', date: '2026-10-30', changed: true },
        { type: 'redeployApproved', date: '2026-11-02' },
      ]),
      e: { type: 'redeployApproved', date: '2026-11-03' },
    },
  },
  // The whole procedure
  {
    name: '§3: a recall dated Fri 2027-01-08, after today Thu 2026-12-31',
    reason: 'event-after-as-of',
    clause: '§3',
    full: { c: fullNoticed(), actor: unit, e: { type: 'recalled', date: '2027-01-08' } },
  },
  {
    name: '§3.5: the cadre recording their own recall on Thu 2026-10-08',
    reason: 'actor-not-allowed',
    clause: '§3.5',
    full: { c: fullNoticed(), actor: cadre, e: recalled },
  },
  {
    name: '§3.2: a preliminary opinion (track A) on a track-B case, Tue 2026-09-22',
    reason: 'not-in-track',
    clause: '§3.2',
    full: {
      c: fresh('B', 'county', '2026-09-21'),
      actor: county,
      e: { type: 'opinion', date: '2026-09-22' },
    },
  },
  {
    name: '§3.4: a joint review on Fri 2026-09-25 with nothing heard',
    reason: 'evidence-missing',
    clause: '§3.4',
    full: {
      c: steps(fresh('B', 'county', '2026-09-21'), [
        [township, { type: 'request', date: '2026-09-21' }],
      ]),
      actor: county,
      e: { type: 'caseReview', date: '2026-09-25' },
    },
  },
  {
    name: '§3.1: a track-A notice on Wed 2026-09-02 without the county’s opinion',
    reason: 'no-opinion',
    clause: '§3.1',
    full: { c: fresh('A'), actor: county, e: { type: 'notice', date: '2026-09-02' } },
  },
  {
    name: '§3.2: a joint review on Wed 2026-09-02 with no request from the township',
    reason: 'no-request',
    clause: '§3.2',
    full: { c: fresh('B'), actor: county, e: { type: 'caseReview', date: '2026-09-02' } },
  },
  {
    name: '§3.2: a filing on Wed 2026-09-02 before the joint review',
    reason: 'no-case-review',
    clause: '§3.2',
    full: {
      c: steps(fresh('B'), [[township, { type: 'request', date: '2026-09-01' }]]),
      actor: county,
      e: { type: 'filing', date: '2026-09-02' },
    },
  },
  {
    name: '§3.2: a notice on Thu 2026-09-03 of a case reviewed but not filed',
    reason: 'no-filing',
    clause: '§3.2',
    full: {
      c: steps(fresh('B'), [
        [township, { type: 'request', date: '2026-09-01' }],
        ...allEvidence('2026-09-02'),
        [county, { type: 'caseReview', date: '2026-09-02' }],
      ]),
      actor: county,
      e: { type: 'notice', date: '2026-09-03' },
    },
  },
  {
    name: '§3.3: a decision on Wed 2026-09-02 with no joint investigation',
    reason: 'no-investigation',
    clause: '§3.3',
    full: {
      c: steps(fresh('C'), allEvidence('2026-09-01')),
      actor: county,
      e: { type: 'decision', date: '2026-09-02' },
    },
  },
  {
    name: '§3.3: a transfer to the discipline organs on Thu 2026-09-03 before any decision',
    reason: 'no-decision',
    clause: '§3.3',
    full: {
      c: steps(fresh('C'), [[discipline, { type: 'investigation', date: '2026-09-02' }]]),
      actor: discipline,
      e: { type: 'transfer', date: '2026-09-03', to: 'judicial' },
    },
  },
  {
    name: '§3.1: a second preliminary opinion on Thu 2026-09-03',
    reason: 'step-already-done',
    clause: '§3.1',
    full: {
      c: steps(fresh('A'), [[county, { type: 'opinion', date: '2026-09-02' }]]),
      actor: county,
      e: { type: 'opinion', date: '2026-09-03' },
    },
  },
  {
    name: '§3.5: a finding on Mon 2026-11-02 with no talk on record',
    reason: 'no-talk',
    clause: '§3.5',
    full: {
      c: steps(fullNoticed(), [[unit, recalled]]),
      actor: unit,
      e: { type: 'outcome', date: '2026-11-02', changed: true },
    },
  },
  {
    name: '§3.6: the provincial department agreeing twice, on Tue 2026-10-13 and Wed 2026-10-14',
    reason: 'already-approved',
    clause: '§3.6',
    full: {
      c: provinceChanged(),
      actor: { role: 'province' },
      e: { type: 'redeployApproved', date: '2026-10-14' },
    },
  },
  // Opening
  {
    name: '§2: a filing on Mon 2026-09-21 of situation 2.14, which §2 does not list',
    reason: 'unknown-situation',
    clause: '§2',
    open: () =>
      openProcedure(
        { clause: '2.14', dispatchLevel: 'county', date: '2026-09-21', via: 'intake' },
        { ...ctx, asOf, actor: county },
      ),
  },
  {
    name: '§2.12: an intake of §2.12 on Mon 2026-09-21: it opens only on a verified tip',
    reason: 'not-opened-this-way',
    clause: '§2.12',
    open: () =>
      openProcedure(
        { clause: '2.12', dispatchLevel: 'county', date: '2026-09-21', via: 'intake' },
        { ...ctx, asOf, actor: county },
      ),
  },
];

describe('every refusal reason, with its clause', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s is refused', (_name, row) => {
    if (row.post) {
      const before = structuredClone(row.post.c);
      const r = applyPostNotice(row.post.c, row.post.e, ctx);
      expect(r).toMatchObject({ ok: false, reason: row.reason, clause: row.clause });
      expect(row.post.c).toEqual(before);
    } else if (row.full) {
      const before = structuredClone(row.full.c);
      const r = transition(row.full.c, row.full.e, { ...ctx, asOf, actor: row.full.actor });
      expect(r).toMatchObject({ ok: false, reason: row.reason, clause: row.clause });
      expect(row.full.c).toEqual(before);
    } else {
      expect(row.open!()).toMatchObject({ ok: false, reason: row.reason, clause: row.clause });
    }
  });

  it('the table above produces every refusal reason the procedure declares', () => {
    expect(new Set(rows.map((r) => r.reason))).toEqual(new Set(refusalReasons));
  });
});
