// Small helpers the survey, tips and admin pages share: the server's refusal shown next to the field
// it names (or above the form when it names none), a copy button, and a two-step confirmation.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from '../../../shared/api';
import { defineTexts, useTexts } from '../../../shared/i18n';
import { ErrorNotice } from '../../../shared/ui';

const texts = defineTexts(
  {
    copy: '复制',
    copied: '已复制',
    copyFailed: '无法自动复制，请长按选择文字后复制。',
    cancel: '取消',
  },
  {
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy: select the text and copy it by hand.',
    cancel: 'Cancel',
  },
);

/** Whether the refusal is about `field` (or something inside it: 'assignment.villageId', '$.workdays[2]'). */
function about(error: ApiFailure, field: string): boolean {
  const f = error.field;
  if (!f) return false;
  return f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`);
}

/** The server's message when it is about one of `fields`, else undefined. */
export function fieldError(error: ApiFailure | undefined, ...fields: string[]): string | undefined {
  if (!error) return undefined;
  return fields.some((field) => about(error, field)) ? error.message : undefined;
}

/** The refusal above the form when none of the form's fields shows it. */
export function FormError(props: { error: ApiFailure | undefined; fields: string[] }) {
  const { error, fields } = props;
  if (!error || fields.some((field) => about(error, field))) return null;
  return <ErrorNotice error={error} />;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (an http origin, an old browser): the selection way.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** A button that copies `text`; says so for screen readers too. */
export function CopyButton(props: { text: string; label?: string; describedBy?: string }) {
  const t = useTexts(texts);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span class="copy">
      <button
        type="button"
        class="button small"
        aria-describedby={props.describedBy}
        onClick={async () => setState((await copyText(props.text)) ? 'copied' : 'failed')}
      >
        {state === 'copied' ? t('copied') : (props.label ?? t('copy'))}
      </button>
      <span role="status" class={state === 'failed' ? 'adm-error' : 'visually-hidden'}>
        {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}
      </span>
    </span>
  );
}

/**
 * An action that asks first: the button opens a panel that says what will happen, with the confirm
 * and cancel buttons (no browser dialog, so it reads well and works with a screen reader).
 */
export function Confirm(props: {
  label: string;
  confirmLabel: string;
  danger?: boolean;
  pending?: boolean;
  children: ComponentChildren;
  onConfirm(): void | Promise<void>;
}) {
  const t = useTexts(texts);
  const [open, setOpen] = useState(false);
  // Focus follows the panel: to its confirm button on opening, back to the opener on closing.
  const confirm = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    (open ? confirm : opener).current?.focus();
  }, [open]);
  const toggle = (next: boolean) => {
    moved.current = true;
    setOpen(next);
  };
  const kind = props.danger ? 'button danger' : 'button primary';
  if (!open) {
    return (
      <button type="button" class={kind} ref={opener} onClick={() => toggle(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <div class="notice warn adm-confirm" role="group" aria-label={props.label}>
      {props.children}
      <div class="button-row">
        <button
          type="button"
          class={kind}
          ref={confirm}
          disabled={props.pending}
          onClick={async () => {
            await props.onConfirm();
            setOpen(false);
          }}
        >
          {props.confirmLabel}
        </button>
        <button type="button" class="button" onClick={() => toggle(false)}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
