// Today (今日待办): what needs the signed-in supervisor, most urgent first — overdue deadlines, flags
// to confirm or dismiss, leave waiting for my decision, deadlines due within two working days. A
// list the role may not read (403) is left out without a word; the others load side by side.
import { ApiFailure } from '../../shared/api';
import { formatDay, todayInChina } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import { type Resource, useApi } from '../../shared/ui';
import { DueBadge, EscalatedNote, SOON_WORKDAYS } from '../components/work/due-badge';
import { aside, CountHeading, sentence, WorkRow } from '../components/work/parts';
import type { DueItem, Flag, Leave } from '../components/work/types';
import { leaveKindTexts } from '../components/work/words';

const texts = defineTexts(
  {
    title: '今日待办',
    today: '今天是{date}',
    loading: '正在加载待办事项…',
    overdue: '已逾期的期限',
    flags: '待确认或排除的预警',
    leave: '等待我审批的请假',
    soon: '{n}个工作日内到期',
    due: '期限：{date}',
    raised: '预警日期：{date}',
    leaveDates: '{kind} {days}天：{from}至{to}',
    waiting: '等待您审批',
    allClear: '今天没有需要您处理的事项。',
    allClearMore: '没有逾期或两个工作日内到期的期限，也没有等待您处理的预警或请假。',
    nothingIn: '今天没有{names}。',
    retry: '重试',
    failed: '“{name}”未能加载：{message}',
  },
  {
    title: 'Today',
    today: 'Today is {date}',
    loading: 'Loading what needs you…',
    overdue: 'Overdue deadlines',
    flags: 'Flags to confirm or dismiss',
    leave: 'Leave waiting for my decision',
    soon: 'Due within {n} working days',
    due: 'Due {date}',
    raised: 'Raised {date}',
    leaveDates: '{kind}, {days} days: {from} to {to}',
    waiting: 'Waiting for you',
    allClear: 'Nothing needs you today.',
    allClearMore:
      'No deadline is overdue or due within two working days, and no flag or leave is waiting for you.',
    nothingIn: 'Nothing today in: {names}.',
    retry: 'Try again',
    failed: '“{name}” could not be loaded: {message}',
  },
);

type Section<T> =
  | { state: 'hidden' }
  | { state: 'loading' }
  | { state: 'failed'; error: ApiFailure }
  | { state: 'ready'; items: T[] };

/** A resource as a section: hidden when the role may not read it, else its items. */
function section<D, T>(resource: Resource<D>, items: (data: D) => T[]): Section<T> {
  if (resource.data !== undefined) return { state: 'ready', items: items(resource.data) };
  if (resource.error) {
    return resource.error.status === 403
      ? { state: 'hidden' }
      : { state: 'failed', error: resource.error };
  }
  return { state: 'loading' };
}

export function HomePage() {
  const t = useTexts(texts);
  const kinds = useTexts(leaveKindTexts);
  const deadlinesResource = useApi<{ asOf: string; deadlines: DueItem[] }>(
    `/deadlines?within=${SOON_WORKDAYS}`,
  );
  const flagsResource = useApi<{ flags: Flag[] }>('/flags?state=open');
  const leaveResource = useApi<{ leave: Leave[] }>('/leave/waiting');

  const overdue = section(deadlinesResource, (d) => d.deadlines.filter((x) => x.overdue));
  const soon = section(deadlinesResource, (d) => d.deadlines.filter((x) => !x.overdue));
  // Only the flags my office decides (the API's mayDecide, from core's track table).
  const flags = section(flagsResource, (d) => d.flags.filter((f) => f.mayDecide));
  const leave = section(leaveResource, (d) => d.leave);

  const all = [overdue, flags, leave, soon];
  const settled = all.every((s) => s.state !== 'loading');
  const total = all.reduce((n, s) => n + (s.state === 'ready' ? s.items.length : 0), 0);
  const failed = all.some((s) => s.state === 'failed');
  // The server's day (its clock decides what is overdue); the phone's only when it cannot be had.
  const today =
    deadlinesResource.data?.asOf ?? (deadlinesResource.error ? todayInChina() : undefined);

  const names = [
    { s: overdue, name: t('overdue') },
    { s: flags, name: t('flags') },
    { s: leave, name: t('leave') },
    { s: soon, name: t('soon', { n: SOON_WORKDAYS }) },
  ];
  const emptyNames = names.filter((x) => x.s.state === 'ready' && x.s.items.length === 0);

  const failure = (s: Section<unknown>, name: string, reload: () => void) =>
    s.state === 'failed' ? (
      <div class="notice error" role="alert" key={name}>
        <p>{t('failed', { name, message: s.error.message })}</p>
        <button type="button" class="button small" onClick={reload}>
          {t('retry')}
        </button>
      </div>
    ) : null;

  const dueRow = (d: DueItem, tone: 'urgent' | 'soon' | undefined) => (
    <WorkRow
      key={`${d.caseId}-${d.step}`}
      href={`/cases/${d.caseId}`}
      tone={tone}
      title={`${d.cadre.name} · ${d.village.name}`}
      lines={[
        sentence(t.lang, d.name) + aside(t.lang, d.clause),
        t('due', { date: formatDay(d.due, t.lang) }),
      ]}
      badges={
        <>
          <DueBadge
            status={d.overdue ? 'overdue' : 'open'}
            workdaysLeft={d.overdue ? null : d.workdaysLeft}
            overdueWorkdays={d.overdue ? -d.workdaysLeft : null}
            provisional={d.provisional}
          />
          {d.escalate && d.escalateTo && <EscalatedNote level={d.escalateTo} />}
        </>
      }
    />
  );

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('title')}</h1>
      <p class="today-date">
        {today ? t('today', { date: formatDay(today, t.lang, { weekday: true }) }) : '\u00a0'}
      </p>

      {!settled && (
        <p class="muted" role="status">
          {t('loading')}
        </p>
      )}

      {failure(overdue, t('overdue'), deadlinesResource.reload)}
      {overdue.state === 'ready' && overdue.items.length > 0 && (
        <section class="work-section urgent" aria-labelledby="home-overdue">
          <CountHeading id="home-overdue" count={overdue.items.length}>
            {t('overdue')}
          </CountHeading>
          <ul class="work-list">{overdue.items.map((d) => dueRow(d, 'urgent'))}</ul>
        </section>
      )}

      {failure(flags, t('flags'), flagsResource.reload)}
      {flags.state === 'ready' && flags.items.length > 0 && (
        <section class="work-section" aria-labelledby="home-flags">
          <CountHeading id="home-flags" count={flags.items.length}>
            {t('flags')}
          </CountHeading>
          <ul class="work-list">
            {flags.items.map((f) => (
              <WorkRow
                key={f.id}
                href={`/flags/${f.id}`}
                title={`${f.cadre.name} · ${f.village.name}`}
                lines={[
                  <span class="clamp">
                    {f.clause} {f.situation}
                  </span>,
                  t('raised', { date: formatDay(f.raisedOn, t.lang) }),
                ]}
              />
            ))}
          </ul>
        </section>
      )}

      {failure(leave, t('leave'), leaveResource.reload)}
      {leave.state === 'ready' && leave.items.length > 0 && (
        <section class="work-section" aria-labelledby="home-leave">
          <CountHeading id="home-leave" count={leave.items.length}>
            {t('leave')}
          </CountHeading>
          <ul class="work-list">
            {leave.items.map((l) => (
              <WorkRow
                key={l.id}
                href={`/leave#leave-${l.id}`}
                title={`${l.cadreName} · ${l.village}`}
                lines={[
                  t('leaveDates', {
                    kind: kinds(l.kind),
                    days: l.days,
                    from: formatDay(l.startsOn, t.lang),
                    to: formatDay(l.endsOn, t.lang),
                  }),
                ]}
                badges={<span class="badge warn">{t('waiting')}</span>}
              />
            ))}
          </ul>
        </section>
      )}

      {soon.state === 'ready' && soon.items.length > 0 && (
        <section class="work-section" aria-labelledby="home-soon">
          <CountHeading id="home-soon" count={soon.items.length}>
            {t('soon', { n: SOON_WORKDAYS })}
          </CountHeading>
          <ul class="work-list">{soon.items.map((d) => dueRow(d, 'soon'))}</ul>
        </section>
      )}

      {settled && !failed && total === 0 && (
        <div class="notice ok all-clear" role="status">
          <strong>{t('allClear')}</strong>
          {t('allClearMore')}
        </div>
      )}
      {settled && total > 0 && emptyNames.length > 0 && (
        <p class="muted">
          {t('nothingIn', {
            names: emptyNames.map((x) => x.name).join(t.lang === 'en' ? ', ' : '、'),
          })}
        </p>
      )}
    </section>
  );
}
