// Recording an inspection (督查, §2.2): a finding of presence or absence of a cadre on a day. It
// works with no signal: the finding goes into the phone's outbox first, with its own id (clientId,
// which the server takes once however often it is sent), and is posted from there — now, when the
// network comes back, or by the service worker's Background Sync. The phone's waiting and refused
// findings are listed below the form.
import { useEffect, useRef, useState } from 'preact/hooks';
import { csrfToken } from '../../shared/api';
import { formatDay, formatInstant, todayInChina } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import { entries, enqueue, flush, type OutboxEntry, remove } from '../../shared/outbox';
import { useLocation } from '../../shared/router';
import { onOutboxFlushed, requestSync } from '../../shared/service-worker';
import { ErrorNotice, InputField, TextAreaField } from '../../shared/ui';
import { useCadres } from '../components/people/cadre-list';
import { CadrePicker } from '../components/people/cadre-picker';
import type { CadreRow } from '../components/people/data';
import { useRole } from '../session';
import '../components/people/people.css';

const texts = defineTexts(
  {
    title: '记录督查',
    intro:
      '记录对驻村干部在岗情况的督查（§2.2）。没有信号也可以记录：先保存在本机，联网后自动发送。',
    notAllowed: '督查人员、乡镇党委和县委组织部可以记录督查；您的角色不能记录。',
    date: '督查日期',
    result: '督查结果',
    present: '✓ 在岗（见到本人）',
    absent: '✗ 不在岗',
    note: '情况说明（可选）',
    noteHint: '例如：到村未见本人，电话称在县城办事',
    submit: '保存督查记录',
    submitting: '正在保存…',
    needCadre: '请选择驻村干部。',
    needDate: '请填写督查日期。',
    needResult: '请选择在岗或不在岗。',
    sent: '已记录：{label}。',
    waiting: '已保存在本机：{label}。网络恢复后会自动发送，无需重新填写。',
    signIn: '登录已过期：{label} 已保存在本机，请重新登录，登录后会自动发送。',
    sentLater: '保存在本机的 {n} 条督查记录已发送到服务器。',
    outbox: '本机保存的督查记录',
    outboxIntro: '这些记录还没有被服务器接收。',
    statePending: '等待发送',
    stateSignIn: '需要重新登录后发送',
    stateRefused: '服务器未接收',
    savedAt: '保存于 {time}',
    discard: '删除这条记录',
    retry: '立即发送',
    retrying: '正在发送…',
  },
  {
    title: 'Record an inspection',
    intro:
      'Record a spot check of a cadre’s presence (§2.2). It works with no signal: the finding is saved on this phone and sent when you are online.',
    notAllowed:
      'Inspectors, townships and the county organization department record inspections; your role does not.',
    date: 'Date of the inspection',
    result: 'Finding',
    present: '✓ Present (seen in person)',
    absent: '✗ Absent',
    note: 'Notes (optional)',
    noteHint: 'For example: not in the village; said by phone to be in the county town',
    submit: 'Save the finding',
    submitting: 'Saving…',
    needCadre: 'Please choose the cadre.',
    needDate: 'Please enter the date.',
    needResult: 'Please choose present or absent.',
    sent: 'Recorded: {label}.',
    waiting:
      'Saved on this phone: {label}. It will be sent when you are online; nothing to fill in again.',
    signIn:
      'Your sign-in has expired: {label} is saved on this phone; sign in again and it will be sent.',
    sentLater: '{n} findings saved on this phone have reached the server.',
    outbox: 'Findings saved on this phone',
    outboxIntro: 'The server has not taken these yet.',
    statePending: 'Waiting to be sent',
    stateSignIn: 'Sign in again to send',
    stateRefused: 'Refused by the server',
    savedAt: 'Saved {time}',
    discard: 'Discard this finding',
    retry: 'Send now',
    retrying: 'Sending…',
  },
);

type FieldName = 'cadreId' | 'date' | 'present' | 'note';
type Outcome = { kind: 'sent' | 'waiting' | 'signIn'; label: string; id: string };

/** The field a refusal is about: the server names it (ApiFailure.field), or its code does. */
function fieldOf(error: OutboxEntry['error']): FieldName | undefined {
  const named = (error as { field?: string } | undefined)?.field;
  const byCode: Record<string, FieldName> = {
    'inspection-in-future': 'date',
    'no-assignment-on-date': 'date',
    'not-found': 'cadreId',
  };
  // A 400 names its field in the message only, as in 'Invalid input: date (…)'.
  const inMessage = /^(?:输入有误：|Invalid input: )(\w+)/.exec(error?.message ?? '')?.[1];
  const field = named ?? (error?.code ? byCode[error.code] : undefined) ?? inMessage;
  return field === 'cadreId' || field === 'date' || field === 'present' || field === 'note'
    ? field
    : undefined;
}

const headers = () => ({ 'X-CSRF-Token': csrfToken() });

/** Moves the focus to a field with an error, once the error is on screen. */
function focusField(field: FieldName) {
  const id = {
    cadreId: 'inspection-cadre',
    date: 'inspection-date',
    present: 'inspection-present',
    note: 'inspection-note',
  }[field];
  setTimeout(() => document.getElementById(id)?.focus());
}

export function InspectionPage() {
  const t = useTexts(texts);
  const { query } = useLocation();
  const may = useRole('inspector', 'township', 'county');
  const cadres = useCadres();
  const [cadre, setCadre] = useState<CadreRow | undefined>();
  const [date, setDate] = useState(() => todayInChina());
  const [present, setPresent] = useState<boolean | undefined>();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [saving, setSaving] = useState(false);
  // Bumped after a finding is saved: a fresh picker, with the last search cleared.
  const [round, setRound] = useState(0);
  // A finding told "saved on this phone" turns into "recorded" once the server has it.
  const queue = useOutboxQueue((ids) =>
    setOutcome((o) => (o && o.kind !== 'sent' && ids.includes(o.id) ? { ...o, kind: 'sent' } : o)),
  );

  // ?cadreId= from a cadre's page: chosen as soon as the list is there.
  const asked = Number(query.get('cadreId')) || undefined;
  useEffect(() => {
    if (asked && !cadre && cadres.list) setCadre(cadres.list.cadres.find((c) => c.id === asked));
  }, [cadres.list, asked]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing: Partial<Record<FieldName, string>> = {};
    if (!cadre) missing.cadreId = t('needCadre');
    if (!date) missing.date = t('needDate');
    if (present === undefined) missing.present = t('needResult');
    setErrors(missing);
    setGeneral(undefined);
    setOutcome(undefined);
    if (!cadre || !date || present === undefined) {
      focusField(Object.keys(missing)[0] as FieldName);
      return;
    }
    setSaving(true);
    const clientId = crypto.randomUUID();
    const label = `${cadre.name} · ${formatDay(date, t.lang)}`;
    try {
      // The outbox first: from here on the finding survives a lost signal or a closed page.
      await enqueue({
        id: clientId,
        kind: 'inspection',
        url: '/api/inspections',
        body: { cadreId: cadre.id, date, present, note: note.trim() || undefined, clientId },
        headers: headers(),
        label,
      });
      const result = await queue.send(clientId);
      if (result.state === 'refused') {
        // Refused as typed: say why beside the field, keep the form, and drop the entry — the
        // person corrects and saves again (a new finding, with a new id).
        const field = fieldOf(result.entry.error);
        const message = result.entry.error?.message ?? `HTTP ${result.entry.error?.status ?? ''}`;
        if (field) setErrors({ [field]: message });
        else setGeneral(message);
        if (field) focusField(field);
        await remove(clientId);
        await queue.refresh();
        return;
      }
      if (result.state === 'waiting') void requestSync();
      setOutcome({
        kind: result.state === 'sent' ? 'sent' : result.state === 'signIn' ? 'signIn' : 'waiting',
        label,
        id: clientId,
      });
      setCadre(undefined);
      setPresent(undefined);
      setNote('');
      setRound((n) => n + 1);
    } catch (error) {
      setGeneral(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {outcome && (
        <p class={`notice ${outcome.kind === 'sent' ? 'ok' : 'warn'}`} role="status">
          {t(outcome.kind, { label: outcome.label })}
        </p>
      )}
      {queue.sentLater > 0 && (
        <p class="notice ok" role="status">
          {t('sentLater', { n: queue.sentLater })}
        </p>
      )}
      {!may ? (
        <p class="notice info">{t('notAllowed')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          {general && <ErrorNotice error={general} />}
          <CadrePicker
            key={round}
            id="inspection-cadre"
            cadres={cadres}
            value={cadre}
            error={errors.cadreId}
            onChange={(c) => {
              setCadre(c);
              setErrors((e) => ({ ...e, cadreId: undefined }));
            }}
          />
          <InputField
            id="inspection-date"
            label={t('date')}
            error={errors.date}
            type="date"
            value={date}
            max={todayInChina()}
            onValue={setDate}
          />
          <fieldset
            class="people-choice"
            aria-invalid={Boolean(errors.present)}
            aria-describedby={errors.present ? 'inspection-present-error' : undefined}
          >
            <legend>{t('result')}</legend>
            <div class="options">
              <label class="present">
                <input
                  id="inspection-present"
                  type="radio"
                  name="present"
                  checked={present === true}
                  onChange={() => setPresent(true)}
                />
                {t('present')}
              </label>
              <label class="absent">
                <input
                  type="radio"
                  name="present"
                  checked={present === false}
                  onChange={() => setPresent(false)}
                />
                {t('absent')}
              </label>
            </div>
            {errors.present && (
              <span class="error" id="inspection-present-error">
                {errors.present}
              </span>
            )}
          </fieldset>
          <TextAreaField
            id="inspection-note"
            label={t('note')}
            hint={t('noteHint')}
            error={errors.note}
            maxLength={2000}
            value={note}
            onValue={setNote}
          />
          <button type="submit" class="button primary" disabled={saving}>
            {saving ? t('submitting') : t('submit')}
          </button>
        </form>
      )}
      <OutboxList queue={queue} />
    </section>
  );
}

type SendResult =
  { state: 'sent' | 'waiting' | 'signIn' } | { state: 'refused'; entry: OutboxEntry };

/**
 * The phone's inspection findings in the outbox, posted when the page opens, when the network
 * comes back and when asked; the service worker's flushes are reported too. `sentLater` counts the
 * waiting findings that have since reached the server.
 */
function useOutboxQueue(onSent: (ids: string[]) => void) {
  const [list, setList] = useState<OutboxEntry[]>([]);
  const [sentLater, setSentLater] = useState(0);
  const [sending, setSending] = useState(false);
  const known = useRef(new Set<string>());
  const alive = useRef(true);

  const refresh = async () => {
    const now = await entries('inspection');
    if (!alive.current) return now;
    // Waiting findings that left the outbox were confirmed by the server (flush deletes only those).
    const gone = [...known.current].filter((id) => !now.some((e) => e.id === id));
    if (gone.length) {
      setSentLater((n) => n + gone.length);
      onSent(gone);
    }
    known.current = new Set(now.filter((e) => e.state !== 'refused').map((e) => e.id));
    setList(now.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)));
    return now;
  };

  const flushAll = async () => {
    setSending(true);
    try {
      await flush(fetch, headers());
    } finally {
      if (alive.current) setSending(false);
      await refresh();
    }
  };

  /** Posts the outbox for the finding just queued, and says what became of it. */
  const send = async (id: string): Promise<SendResult> => {
    // Twice at most: a flush already running (the page's opening, an 'online' event) may have
    // read the outbox before this finding was in it.
    for (let i = 0; i < 2; i++) {
      const result = await flush(fetch, headers());
      if (result.sent.includes(id)) return { state: 'sent' };
      const entry = (await entries('inspection')).find((e) => e.id === id);
      if (!entry) return { state: 'sent' }; // taken by the service worker's flush
      if (entry.state === 'refused') return { state: 'refused', entry };
      if (entry.state === 'needs-sign-in') break;
      if (entry.attempts > 0 || result.waiting > 0) break;
    }
    // Told in the form's notice; from now on it counts among the waiting ones.
    const now = await entries('inspection');
    const entry = now.find((e) => e.id === id);
    known.current = new Set(now.filter((e) => e.state !== 'refused').map((e) => e.id));
    setList(now.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)));
    if (!entry) return { state: 'sent' };
    return { state: entry.state === 'needs-sign-in' ? 'signIn' : 'waiting' };
  };

  const discard = async (id: string) => {
    await remove(id);
    known.current.delete(id);
    await refresh();
  };

  useEffect(() => {
    alive.current = true;
    void refresh().then(() => flushAll());
    const online = () => void flushAll();
    addEventListener('online', online);
    // The service worker flushed on a Background Sync: show what it sent, and try what is left.
    const stop = onOutboxFlushed(() => void refresh().then(() => flushAll()));
    return () => {
      alive.current = false;
      removeEventListener('online', online);
      stop();
    };
  }, []);

  return { list, sentLater, sending, send, refresh, flushAll, discard };
}

function OutboxList(props: { queue: ReturnType<typeof useOutboxQueue> }) {
  const t = useTexts(texts);
  const { queue } = props;
  if (queue.list.length === 0) return null;
  const stateText = (e: OutboxEntry) =>
    e.state === 'refused'
      ? t('stateRefused')
      : e.state === 'needs-sign-in'
        ? t('stateSignIn')
        : t('statePending');
  return (
    <section class="card people-outbox-card" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox')}</h2>
      <p class="muted">{t('outboxIntro')}</p>
      <ul class="list people-outbox">
        {queue.list.map((e) => (
          <li key={e.id} data-state={e.state}>
            <strong>{e.label}</strong>
            <span>
              <span class={`badge ${e.state === 'refused' ? 'bad' : 'warn'}`}>
                {e.state === 'refused' ? '✗ ' : '… '}
                {stateText(e)}
              </span>{' '}
              <span class="muted">{t('savedAt', { time: formatInstant(e.queuedAt, t.lang) })}</span>
            </span>
            {e.state === 'refused' && e.error?.message && (
              <span class="people-refusal">{e.error.message}</span>
            )}
            {e.state === 'refused' && (
              <span>
                <button
                  type="button"
                  class="button small danger"
                  onClick={() => void queue.discard(e.id)}
                >
                  {t('discard')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {queue.list.some((e) => e.state !== 'refused') && (
        <button
          type="button"
          class="button small"
          disabled={queue.sending}
          onClick={() => void queue.flushAll()}
        >
          {queue.sending ? t('retrying') : t('retry')}
        </button>
      )}
    </section>
  );
}
