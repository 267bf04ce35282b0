// §1.2 leave before it is filed: approval chains by length, dates people type, and refusals.
import { describe, expect, it } from 'vitest';
import {
  canWithdrawLeave,
  checkLeaveRequest,
  decideLeave,
  leaveApprovalChain,
  leaveDays,
} from '../../../core/attendance';
import { parseUserDate } from '../../../core/calendar';
import { defaultParameters } from '../../../core/parameters';

const today = '2026-11-26'; // Thursday

describe('§1.2 leave approval chain by length', () => {
  it.each([
    [1, ['township']],
    [2, ['township']],
    [3, ['township', 'dispatchingUnit']],
    [7, ['township', 'dispatchingUnit']],
    [8, ['township', 'dispatchingUnit', 'county']],
  ])('a leave of %i days needs %j', (days, chain) => {
    expect(leaveApprovalChain(days, defaultParameters)).toEqual(chain);
  });

  it('counts a leave from Mon 2026-11-30 to Wed 2026-12-02 as 3 days', () => {
    expect(leaveDays('2026-11-30', '2026-12-02')).toBe(3);
  });
});

describe('dates as cadres type them, on Thu 2026-11-26', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026/12/1', '2026-12-01'],
    ['2026年12月1日', '2026-12-01'],
    ['12月1日', '2026-12-01'],
    ['12月1号', '2026-12-01'],
    ['1月5日', '2027-01-05'],
    ['11月26日', '2026-11-26'],
    ['今天', '2026-11-26'],
    ['明天', '2026-11-27'],
    ['后天', '2026-11-28'],
    [' tomorrow ', '2026-11-27'],
  ])('%s is %s', (text, date) => {
    expect(parseUserDate(text, today)).toEqual({ ok: true, date });
  });

  it('refuses 2月30日 and 2026-02-30 as impossible dates, never rolling over to March', () => {
    expect(parseUserDate('2月30日', today)).toMatchObject({ ok: false, reason: 'invalid-date' });
    expect(parseUserDate('2026-02-30', today)).toMatchObject({ ok: false, reason: 'invalid-date' });
  });

  it('reads 2月29日 typed in November 2027 as 29 February 2028', () => {
    expect(parseUserDate('2月29日', '2027-11-26')).toEqual({ ok: true, date: '2028-02-29' });
  });

  it('does not guess at words it does not know', () => {
    expect(parseUserDate('下周一', today)).toMatchObject({
      ok: false,
      reason: 'unrecognised-date',
    });
  });
});

describe('§1.2 a leave request is checked before it is filed', () => {
  const context = { today, assignment: { start: '2026-03-01', end: null }, others: [] };
  it('accepts a leave from today', () => {
    expect(checkLeaveRequest({ from: today, to: '2026-11-27' }, context)).toEqual({
      ok: true,
      days: 2,
    });
  });
  it('refuses a leave that ends before it starts', () => {
    expect(checkLeaveRequest({ from: '2026-12-03', to: '2026-12-01' }, context)).toMatchObject({
      reason: 'leave-ends-before-start',
    });
  });
  it('refuses a leave asked for after it started (Wed 2026-11-25)', () => {
    expect(checkLeaveRequest({ from: '2026-11-25', to: '2026-11-27' }, context)).toMatchObject({
      reason: 'leave-starts-in-past',
    });
  });
  it('refuses a leave overlapping another one from 2026-12-01 to 2026-12-02', () => {
    const others = [{ from: '2026-12-01', to: '2026-12-02' }];
    expect(
      checkLeaveRequest({ from: '2026-12-02', to: '2026-12-04' }, { ...context, others }),
    ).toMatchObject({
      reason: 'leave-overlaps',
    });
    expect(
      checkLeaveRequest({ from: '2026-12-03', to: '2026-12-04' }, { ...context, others }),
    ).toMatchObject({
      ok: true,
    });
  });
  it('refuses a leave past the end of the assignment on 2026-12-31', () => {
    const assignment = { start: '2026-03-01', end: '2026-12-31' };
    expect(
      checkLeaveRequest({ from: '2026-12-30', to: '2027-01-02' }, { ...context, assignment }),
    ).toMatchObject({
      reason: 'leave-outside-assignment',
    });
  });
});

describe('§1.2 approving a leave step by step', () => {
  const leave = {
    state: 'pending' as const,
    chain: ['township', 'dispatchingUnit'] as const,
    approvals: 0,
  };
  it('the township approves first, then the dispatching unit, and only then is the leave approved', () => {
    expect(decideLeave(leave, { role: 'township', inScope: true }, 'approved')).toEqual({
      ok: true,
      step: 0,
      state: 'pending',
      next: 'dispatchingUnit',
    });
    expect(
      decideLeave(
        { ...leave, approvals: 1 },
        { role: 'dispatchingUnit', inScope: true },
        'approved',
      ),
    ).toEqual({
      ok: true,
      step: 1,
      state: 'approved',
      next: null,
    });
  });
  it('refuses the dispatching unit before the township, and anyone out of scope', () => {
    expect(
      decideLeave(leave, { role: 'dispatchingUnit', inScope: true }, 'approved'),
    ).toMatchObject({
      reason: 'not-your-step',
    });
    expect(decideLeave(leave, { role: 'township', inScope: false }, 'approved')).toMatchObject({
      reason: 'out-of-scope',
    });
  });
  it('ends the request at a rejection, and refuses decisions on a decided leave', () => {
    expect(decideLeave(leave, { role: 'township', inScope: true }, 'rejected')).toMatchObject({
      state: 'rejected',
    });
    expect(
      decideLeave({ ...leave, state: 'rejected' }, { role: 'township', inScope: true }, 'approved'),
    ).toMatchObject({
      reason: 'leave-not-pending',
    });
  });
  it('lets the cadre withdraw a pending leave, or an approved one before it starts on Tue 2026-12-01', () => {
    expect(canWithdrawLeave({ state: 'pending', from: '2026-11-20' }, today)).toBe(true);
    expect(canWithdrawLeave({ state: 'approved', from: '2026-12-01' }, today)).toBe(true);
    expect(canWithdrawLeave({ state: 'approved', from: '2026-11-26' }, today)).toBe(false);
    expect(canWithdrawLeave({ state: 'rejected', from: '2026-12-01' }, today)).toBe(false);
  });
});
