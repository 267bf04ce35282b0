// The survey's screens around the questions: the welcome, the optional comment, and the outcomes —
// thank you, saved until there is signal, and each reason a slip cannot be answered, told kindly.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { formatDay } from '../shared/format';
import { defineTexts, useTexts } from '../shared/i18n';
import { Mark } from './icons';

const texts = defineTexts(
  {
    questions: '共 {count} 题，每题选一个答案，大约一分钟。',
    anonymous: '这是匿名测评：不记录您的姓名、电话、位置或设备。',
    until: '请在 {day} 前完成。',
    start: '开始',
    commentTitle: '您还有什么想说的吗？',
    commentLabel: '意见或建议（可以不填）',
    commentHint: '最多 500 字。',
    submit: '提交',
    sending: '正在提交…',
    back: '上一步',
    thanks: '谢谢您！',
    thanksSent: '您的评价已经提交。',
    thanksEarlier: '这份测评您已经在这部手机上提交过了，谢谢您的参与。',
    thanksClose: '您现在可以关闭这个页面。',
    saved: '已保存，有信号时会自动发送',
    savedLead: '您的答案已经保存在这部手机上。',
    savedText: '有信号时会自动发送；如果没有，下次打开这个链接时也会发送。您可以关闭这个页面。',
    retry: '现在重新发送',
    retrying: '正在发送…',
    stillNoSignal: '还是没有信号，答案仍然保存着，稍后会再发送。',
    tryAgain: '重试',
    answerAgain: '重新作答',
    'token-used.title': '这张测评码已经用过了',
    'token-used.text': '每张测评码只能提交一次。谢谢您的参与！',
    'token-used.help': '如果不是您本人提交的，请联系村委会。',
    'token-unknown.title': '找不到这张测评码',
    'token-unknown.text': '请核对链接或二维码是否完整；如有疑问，请联系村委会。',
    'survey-closed.title': '这次测评已经结束',
    'survey-closed.text': '谢谢您的关心。',
    'survey-closed.late': '很抱歉，您的答案在测评结束后才发送出去，没有计入。谢谢您的关心。',
    'survey-not-open.title': '这次测评还没有开始',
    'survey-not-open.text': '请在开始后再打开这个链接。',
    'survey-not-open.on': '这次测评将于 {day} 开始。',
    'need-signal.title': '需要网络',
    'need-signal.text':
      '第一次打开这份测评需要网络信号。请到有信号的地方再打开一次；打开过一次以后，没有信号也能作答。',
    'busy.title': '请稍后再试',
    'busy.text': '现在打开的人太多，请过几分钟再试。',
    'other.title': '没能提交',
    'other.text': '请重新作答一次；如果还是不行，请联系村委会。',
  },
  {
    questions: '{count} questions, one answer each; about a minute.',
    anonymous:
      'This survey is anonymous: your name, phone number, location and device are not recorded.',
    until: 'Please answer by {day}.',
    start: 'Start',
    commentTitle: 'Anything else you would like to say?',
    commentLabel: 'Comments or suggestions (optional)',
    commentHint: 'At most 500 characters.',
    submit: 'Submit',
    sending: 'Submitting…',
    back: 'Back',
    thanks: 'Thank you!',
    thanksSent: 'Your answers have been submitted.',
    thanksEarlier:
      'You have already submitted this survey from this phone. Thank you for taking part.',
    thanksClose: 'You can close this page now.',
    saved: 'Saved, will be sent when there is signal',
    savedLead: 'Your answers are saved on this phone.',
    savedText:
      'They are sent by themselves when there is signal, or else the next time you open this link. You can close this page.',
    retry: 'Send now',
    retrying: 'Sending…',
    stillNoSignal: 'Still no signal. Your answers are kept and will be sent later.',
    tryAgain: 'Try again',
    answerAgain: 'Answer again',
    'token-used.title': 'This survey code has been used',
    'token-used.text': 'Each code can be answered once. Thank you for taking part!',
    'token-used.help': 'If you did not answer it yourself, please contact the village committee.',
    'token-unknown.title': 'This survey code was not found',
    'token-unknown.text':
      'Please check that the link or QR code is complete; if in doubt, ask the village committee.',
    'survey-closed.title': 'This survey is closed',
    'survey-closed.text': 'Thank you for your interest.',
    'survey-closed.late':
      'Sorry: your answers reached us after the survey had closed and were not counted. Thank you for your interest.',
    'survey-not-open.title': 'This survey has not started yet',
    'survey-not-open.text': 'Please open this link again once it has started.',
    'survey-not-open.on': 'This survey opens on {day}.',
    'need-signal.title': 'Signal needed',
    'need-signal.text':
      'The first time, this survey needs a network signal to load. Please open it again where there is signal; after that it also works without.',
    'busy.title': 'Please try again later',
    'busy.text': 'Many people are answering right now. Please try again in a few minutes.',
    'other.title': 'Not submitted',
    'other.text': 'Please answer again; if that does not work, ask the village committee.',
  },
);

// The first screen of a visit is read from the top anyway; focusing its heading would only draw
// a focus ring on a page nobody has touched yet.
let firstScreen = true;

/** The screen's one h1, focused when the screen changes so a screen reader announces it. */
export function ScreenHeading(props: { id?: string; class?: string; children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!firstScreen) ref.current?.focus();
    firstScreen = false;
  }, []);
  return (
    <h1 id={props.id} class={props.class} tabIndex={-1} ref={ref}>
      {props.children}
    </h1>
  );
}

export function WelcomeScreen(props: {
  title: string;
  village: string;
  questions: number;
  closesOn: string;
  onStart(): void;
}) {
  const t = useTexts(texts);
  return (
    <>
      <p class="village">{props.village}</p>
      <ScreenHeading>{props.title}</ScreenHeading>
      <ul class="facts">
        <li>{t('questions', { count: props.questions })}</li>
        <li>{t('anonymous')}</li>
        <li>{t('until', { day: formatDay(props.closesOn, t.lang) })}</li>
      </ul>
      <button type="button" class="button primary big" onClick={props.onStart}>
        {t('start')}
      </button>
    </>
  );
}

export function CommentScreen(props: {
  value: string;
  sending: boolean;
  onInput(value: string): void;
  onSubmit(): void;
  onBack(): void;
}) {
  const t = useTexts(texts);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <ScreenHeading>{t('commentTitle')}</ScreenHeading>
      <label class="field">
        <span class="label">{t('commentLabel')}</span>
        <textarea
          name="comment"
          rows={4}
          maxLength={500}
          value={props.value}
          aria-describedby="comment-hint"
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
        <span class="hint" id="comment-hint">
          {t('commentHint')}
        </span>
      </label>
      <button type="submit" class="button primary big" disabled={props.sending}>
        {props.sending ? t('sending') : t('submit')}
      </button>
      <button type="button" class="button back" onClick={props.onBack} disabled={props.sending}>
        <span aria-hidden="true">←</span> {t('back')}
      </button>
    </form>
  );
}

export function ThanksScreen(props: { earlier?: boolean }) {
  const t = useTexts(texts);
  return (
    <div class="outcome">
      <Mark kind="done" />
      <ScreenHeading>{t('thanks')}</ScreenHeading>
      <p class="lead">{props.earlier ? t('thanksEarlier') : t('thanksSent')}</p>
      <p>{t('thanksClose')}</p>
    </div>
  );
}

export function SavedScreen(props: { retrying: boolean; stillWaiting: boolean; onRetry(): void }) {
  const t = useTexts(texts);
  return (
    <div class="outcome">
      <Mark kind="waiting" />
      <ScreenHeading>{t('saved')}</ScreenHeading>
      <p class="lead">{t('savedLead')}</p>
      <p>{t('savedText')}</p>
      <p role="status" class="status">
        {props.retrying ? t('retrying') : props.stillWaiting ? t('stillNoSignal') : ''}
      </p>
      <button type="button" class="button" onClick={props.onRetry} disabled={props.retrying}>
        {t('retry')}
      </button>
    </div>
  );
}

export type Problem =
  | 'token-used'
  | 'token-unknown'
  | 'survey-closed'
  | 'survey-not-open'
  | 'need-signal'
  | 'busy'
  | 'other';

export const problemOf = (code: string | undefined, status: number): Problem =>
  status === 0
    ? 'need-signal'
    : status === 429
      ? 'busy'
      : code === 'token-used' ||
          code === 'token-unknown' ||
          code === 'survey-closed' ||
          code === 'survey-not-open'
        ? code
        : 'other';

/** Why this slip cannot be answered (now), and what the villager can do. */
export function ProblemScreen(props: {
  problem: Problem;
  /** The server's own words: shown for an unforeseen refusal; the opening day is taken from them. */
  message?: string;
  /** The answers were queued and the server refused them when they arrived. */
  afterAnswering?: boolean;
  onRetry?(): void;
  onAnswerAgain?(): void;
}) {
  const t = useTexts(texts);
  const p = props.problem;
  const kind = p === 'token-used' ? 'done' : 'problem';
  // The server names the opening day only inside its message ('… 2026-12-01 …'): written here
  // the Chinese way.
  const opensOn =
    p === 'survey-not-open' ? props.message?.match(/\d{4}-\d{2}-\d{2}/)?.[0] : undefined;
  const lead = opensOn
    ? t('survey-not-open.on', { day: formatDay(opensOn, t.lang) })
    : p === 'other'
      ? props.message
      : undefined;
  return (
    <div class="outcome">
      <Mark kind={kind} />
      <ScreenHeading>{t(`${p}.title`)}</ScreenHeading>
      {lead && <p class="lead">{lead}</p>}
      <p class={lead ? '' : 'lead'}>
        {p === 'survey-closed' && props.afterAnswering ? t('survey-closed.late') : t(`${p}.text`)}
      </p>
      {p === 'token-used' && <p>{t('token-used.help')}</p>}
      {props.onRetry && (
        <button type="button" class="button primary big" onClick={props.onRetry}>
          {t('tryAgain')}
        </button>
      )}
      {props.onAnswerAgain && (
        <button type="button" class="button primary big" onClick={props.onAnswerAgain}>
          {t('answerAgain')}
        </button>
      )}
    </div>
  );
}
