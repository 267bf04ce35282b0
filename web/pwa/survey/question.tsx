// One question on one screen: which question of how many, the question in large type, a button
// that reads it aloud, three large answers with faces, and a way back to change an earlier answer.
import { useEffect } from 'preact/hooks';
import { defineTexts, type Lang, useTexts } from '../shared/i18n';
import type { Answer } from './delivery';
import { Face, Speaker } from './icons';
import { ScreenHeading } from './screens';

const texts = defineTexts(
  {
    progress: '第 {n} 题，共 {total} 题',
    readAloud: '朗读题目',
    choose: '请选择：{options}。',
    chosen: '已选',
    back: '上一步',
  },
  {
    progress: 'Question {n} of {total}',
    readAloud: 'Read aloud',
    choose: 'Choose: {options}.',
    chosen: 'Chosen',
    back: 'Back',
  },
);

export interface AnswerOption {
  value: Answer;
  zh: string;
  en: string;
}

export function QuestionScreen(props: {
  index: number;
  total: number;
  question: string;
  options: readonly AnswerOption[];
  chosen: Answer | undefined;
  onAnswer(answer: Answer): void;
  onBack(): void;
}) {
  const t = useTexts(texts);
  const label = (o: AnswerOption) => (t.lang === 'en' ? o.en : o.zh);
  const spoken = `${props.question} ${t('choose', { options: props.options.map(label).join(t.lang === 'en' ? ', ' : '，') })}`;
  const headingId = `question-${props.index}`;
  return (
    <>
      <p class="progress-text">{t('progress', { n: props.index + 1, total: props.total })}</p>
      <div class="progress" aria-hidden="true">
        <span style={{ width: `${((props.index + 1) / props.total) * 100}%` }} />
      </div>
      <ScreenHeading id={headingId} class="question">
        {props.question}
      </ScreenHeading>
      <ReadAloud text={spoken} lang={t.lang} label={t('readAloud')} />
      <div class="answers" role="group" aria-labelledby={headingId}>
        {props.options.map((option) => (
          <button
            key={option.value}
            type="button"
            class="answer"
            aria-pressed={props.chosen === option.value}
            onClick={() => props.onAnswer(option.value)}
          >
            <Face answer={option.value} />
            <span class="answer-label">{label(option)}</span>
            {props.chosen === option.value && (
              <span class="answer-chosen" aria-hidden="true">
                ✓ {t('chosen')}
              </span>
            )}
          </button>
        ))}
      </div>
      <button type="button" class="button back" onClick={props.onBack}>
        <span aria-hidden="true">←</span> {t('back')}
      </button>
    </>
  );
}

/** Speaks the text with the browser's speech synthesis; not shown where the browser has none. */
function ReadAloud(props: { text: string; lang: Lang; label: string }) {
  const available = typeof window !== 'undefined' && 'speechSynthesis' in window;
  // Stop speaking when the person moves to another screen.
  useEffect(() => () => void (available && window.speechSynthesis.cancel()), [available]);
  if (!available) return null;
  const speak = () => {
    const synth = window.speechSynthesis;
    const utterance = new SpeechSynthesisUtterance(props.text);
    utterance.lang = props.lang;
    // Mandarin where the phone has a voice for it (Android lists zh-CN or zh_CN); the lang alone
    // lets the browser pick otherwise.
    const wanted = props.lang.toLowerCase();
    const voice = synth.getVoices().find((v) => {
      const lang = v.lang.replace('_', '-').toLowerCase();
      return lang === wanted || lang.startsWith(`${wanted}-`);
    });
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9;
    synth.cancel();
    synth.speak(utterance);
  };
  return (
    <button type="button" class="button read-aloud" onClick={speak}>
      <Speaker />
      {props.label}
    </button>
  );
}
