// The survey's pictures, drawn inline so they cost no request and work offline: a face per answer
// (smiling, level, frowning), a speaker for "read aloud", and the marks of the outcome screens.
// Decorative only: every one stands beside its words and is hidden from screen readers.
import type { Answer } from './delivery';

const faces: Record<Answer, { fill: string; ink: string; mouth: string }> = {
  satisfied: { fill: '#e3f1e6', ink: '#1e6b34', mouth: 'M15 28 Q24 38 33 28' },
  basicallySatisfied: { fill: '#fff1d6', ink: '#7a4a00', mouth: 'M16 31 L32 31' },
  dissatisfied: { fill: '#fde7e5', ink: '#a01a14', mouth: 'M15 35 Q24 26 33 35' },
};

export function Face(props: { answer: Answer }) {
  const f = faces[props.answer];
  return (
    <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false" class="face">
      <circle cx="24" cy="24" r="21" fill={f.fill} stroke={f.ink} stroke-width="3" />
      <circle cx="17" cy="19" r="3" fill={f.ink} />
      <circle cx="31" cy="19" r="3" fill={f.ink} />
      <path d={f.mouth} fill="none" stroke={f.ink} stroke-width="3.5" stroke-linecap="round" />
    </svg>
  );
}

export function Speaker() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="icon">
      <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
      <path
        d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
      />
    </svg>
  );
}

/** A large mark for the outcome screens: a tick (done), a clock (waiting), a "!" (a problem). */
export function Mark(props: { kind: 'done' | 'waiting' | 'problem' }) {
  const colour = { done: '#1e6b34', waiting: '#0b57d0', problem: '#7a4a00' }[props.kind];
  return (
    <svg viewBox="0 0 64 64" aria-hidden="true" focusable="false" class="mark">
      <circle cx="32" cy="32" r="29" fill="none" stroke={colour} stroke-width="5" />
      {props.kind === 'done' && (
        <path
          d="M18 33l9 9 19-20"
          fill="none"
          stroke={colour}
          stroke-width="6"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      )}
      {props.kind === 'waiting' && (
        <path
          d="M32 16v17l11 7"
          fill="none"
          stroke={colour}
          stroke-width="5"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      )}
      {props.kind === 'problem' && (
        <>
          <path d="M32 15v22" stroke={colour} stroke-width="6" stroke-linecap="round" />
          <circle cx="32" cy="47" r="3.5" fill={colour} />
        </>
      )}
    </svg>
  );
}
