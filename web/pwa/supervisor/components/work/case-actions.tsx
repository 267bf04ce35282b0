// The steps of a case the signed-in user may take now — exactly GET /cases/:id's allowedEvents,
// which core computes — each opening a small form with the inputs POST /cases/:id/events asks of
// that step. A refusal (core's reason and clause) is shown where it belongs and the form is kept.
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api';
import { defineTexts, useTexts } from '../../../shared/i18n';
import { Field, InputField, TextAreaField, useAction } from '../../../shared/ui';
import { fieldError, isFieldError, newKey, Refusal } from './parts';
import type { AllowedEvent, CaseDetail, EvidenceKind } from './types';
import { type ActionKey, actionKey, actionTexts, evidenceTexts } from './words';
import './work.css';

const texts = defineTexts(
  {
    none: '您的单位现在没有可以进行的步骤。',
    date: '日期',
    noticeDate: '接到通知日期',
    dateHint: '这一步实际发生的日期，不能晚于今天。',
    kind: '记录的是',
    evidenceText: '意见或陈述的内容',
    opinionText: '初步意见',
    talkText: '谈话记录',
    comment: '说明（可选）',
    textMissing: '请填写这一项。',
    to: '移交给',
    discipline: '纪检机关',
    judicial: '司法机关',
    submit: '提交',
    sending: '正在提交…',
    cancel: '取消',
    formTitle: '{action}（{clause}）',
  },
  {
    none: 'Your office has no step to take on this case now.',
    date: 'Date',
    noticeDate: 'Day the notice was received',
    dateHint: 'The day the step took place; not after today.',
    kind: 'What this records',
    evidenceText: 'What was said',
    opinionText: 'Preliminary opinion',
    talkText: 'Record of the talk',
    comment: 'Comment (optional)',
    textMissing: 'Please fill this in.',
    to: 'Transfer to',
    discipline: 'Discipline inspection',
    judicial: 'Judicial authorities',
    submit: 'Submit',
    sending: 'Sending…',
    cancel: 'Cancel',
    formTitle: '{action} ({clause})',
  },
);

/** Refusals that are about the date the person chose: shown beside the date field. */
const dateRefusals = ['event-after-as-of', 'date-out-of-order'];

/** The text each step carries: required where the API requires it (§3.4, §3.5 records). */
const textLabel: Partial<Record<string, 'evidenceText' | 'opinionText' | 'talkText'>> = {
  evidence: 'evidenceText',
  opinion: 'opinionText',
  talk: 'talkText',
};

interface Step {
  allowed: AllowedEvent;
  key: ActionKey;
}

export function CaseActions(props: {
  case: CaseDetail;
  onDone(next: CaseDetail, action: string): void;
}) {
  const t = useTexts(texts);
  const actions = useTexts(actionTexts);
  const [open, setOpen] = useState<ActionKey>();
  const steps = props.case.allowedEvents.flatMap((allowed): Step[] => {
    const key = actionKey(allowed);
    return key ? [{ allowed, key }] : [];
  });
  if (steps.length === 0) return <p class="muted">{t('none')}</p>;
  const current = steps.find((s) => s.key === open);
  return (
    <>
      <div class="actions-list">
        {steps.map((s) => (
          <button
            key={s.key}
            type="button"
            class={s.key === open ? 'button primary' : 'button'}
            aria-expanded={s.key === open}
            aria-controls={s.key === open ? 'case-action-form' : undefined}
            onClick={() => setOpen(s.key === open ? undefined : s.key)}
          >
            {actions(s.key)}
          </button>
        ))}
      </div>
      {current && (
        <StepForm
          key={current.key}
          case={props.case}
          step={current}
          onCancel={() => setOpen(undefined)}
          onDone={(next) => {
            setOpen(undefined);
            props.onDone(next, actions(current.key));
          }}
        />
      )}
    </>
  );
}

function StepForm(props: {
  case: CaseDetail;
  step: Step;
  onCancel(): void;
  onDone(next: CaseDetail): void;
}) {
  const t = useTexts(texts);
  const actions = useTexts(actionTexts);
  const evidenceNames = useTexts(evidenceTexts);
  const { allowed } = props.step;
  const type = allowed.type;
  const kinds = allowed.kinds ?? [];
  const firstMissing = kinds.find((k) => props.case.evidence.missing.includes(k)) ?? kinds[0];

  const [date, setDate] = useState(props.case.asOf);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<EvidenceKind | undefined>(firstMissing);
  const [to, setTo] = useState<'discipline' | 'judicial'>('discipline');
  const [missing, setMissing] = useState(false);
  // One key while this form is open: a step sent twice (a retry after a lost answer) is recorded once.
  const [key] = useState(newKey);
  const textRequired = textLabel[type] !== undefined;

  const send = useAction(() =>
    api.post<{ case: CaseDetail }>(`/cases/${props.case.id}/events`, {
      type,
      date,
      ...(text.trim() ? { text: text.trim() } : {}),
      ...(type === 'evidence' ? { kind } : {}),
      ...(type === 'transfer' ? { to } : {}),
      ...(type === 'outcome' ? { changed: allowed.when === 'changed' } : {}),
      ...(type === 'appealAnswered' ? { upheld: allowed.when === 'upheld' } : {}),
      idempotencyKey: key,
    }),
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    const empty = textRequired && !text.trim();
    setMissing(empty);
    if (empty) return;
    const result = await send.act();
    if (result) props.onDone(result.case);
  };

  const error = send.error;
  const fields = ['date', 'text', 'kind', 'to'];
  return (
    <form id="case-action-form" class="action-form" onSubmit={submit} noValidate>
      <h3>{t('formTitle', { action: actions(props.step.key), clause: allowed.clause })}</h3>
      {type === 'evidence' && (
        <Field id="case-step-kind" label={t('kind')} error={fieldError(t.lang, error, 'kind')}>
          {(attrs) => (
            <select
              {...attrs}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as EvidenceKind)}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {evidenceNames(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {type === 'transfer' && (
        <Field id="case-step-to" label={t('to')} error={fieldError(t.lang, error, 'to')}>
          {(attrs) => (
            <select
              {...attrs}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value as 'discipline' | 'judicial')}
            >
              <option value="discipline">{t('discipline')}</option>
              <option value="judicial">{t('judicial')}</option>
            </select>
          )}
        </Field>
      )}
      <InputField
        id="case-step-date"
        label={type === 'notice' ? t('noticeDate') : t('date')}
        hint={t('dateHint')}
        error={fieldError(t.lang, error, 'date', dateRefusals)}
        type="date"
        value={date}
        required
        onValue={setDate}
      />
      <TextAreaField
        id="case-step-text"
        label={t(textLabel[type] ?? 'comment')}
        error={missing ? t('textMissing') : fieldError(t.lang, error, 'text')}
        rows={textRequired ? 5 : 2}
        value={text}
        required={textRequired}
        onValue={setText}
      />
      {!isFieldError(error, fields, dateRefusals) && <Refusal error={error} />}
      <div class="button-row">
        <button type="submit" class="button primary" disabled={send.pending}>
          {send.pending ? t('sending') : t('submit')}
        </button>
        <button type="button" class="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
