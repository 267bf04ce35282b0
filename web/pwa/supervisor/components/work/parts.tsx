// Small pieces the daily-work pages share: a heading with its count, the state filter as links,
// a server refusal with its clause, a tappable row, and an id a retried write carries.
import type { ComponentChildren } from 'preact';
import { ApiFailure } from '../../../shared/api';
import { defineTexts, type Lang, useTexts } from '../../../shared/i18n';
import { Link } from '../../../shared/router';
import './work.css';

const texts = defineTexts({ clause: '依据：{clause}' }, { clause: 'Clause: {clause}' });

export function CountHeading(props: { id: string; count: number; children: ComponentChildren }) {
  return (
    <h2 id={props.id}>
      {props.children}
      <span class="count">{props.count}</span>
    </h2>
  );
}

/** A filter as links (the state lives in the URL, so back and reload keep it). */
export function FilterTabs(props: {
  label: string;
  current: string;
  options: { value: string; label: string; href: string }[];
}) {
  return (
    <nav class="filter-tabs" aria-label={props.label}>
      {props.options.map((o) => (
        <Link
          key={o.value}
          href={o.href}
          aria-current={o.value === props.current ? 'page' : undefined}
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}

/** A large row linking to a page: a title line, more lines, badges underneath. */
export function WorkRow(props: {
  href: string;
  title: ComponentChildren;
  lines?: ComponentChildren[];
  badges?: ComponentChildren;
  tone?: 'urgent' | 'soon';
}) {
  return (
    <li class={props.tone}>
      <Link href={props.href} class="work-row">
        <span class="row-main">
          <span class="row-title">{props.title}</span>
          {props.lines?.map((line, i) => (
            <span key={i} class="row-meta">
              {line}
            </span>
          ))}
          {props.badges && <span class="row-badges">{props.badges}</span>}
        </span>
      </Link>
    </li>
  );
}

/** The server's refusal, said plainly, with the clause it cites. */
export function Refusal(props: { error: unknown; id?: string }) {
  const t = useTexts(texts);
  if (!props.error) return null;
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  const clause = props.error instanceof ApiFailure ? props.error.clause : undefined;
  return (
    <div class="refusal" role="alert" id={props.id}>
      {message}
      {clause && <span class="clause">{t('clause', { clause })}</span>}
    </div>
  );
}

/** A remark in brackets after a text: full-width in Chinese, spaced in English. */
export function aside(lang: Lang, text: string): string {
  return lang === 'en' ? ` (${text})` : `（${text}）`;
}

/** A name the API sends in lower case ('appeal window') as it starts a line in English. */
export function sentence(lang: Lang, text: string): string {
  return lang === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** The message of `error` when it is about `field` (ApiFailure.field or one of `codes`). */
export function fieldError(
  lang: Lang,
  error: ApiFailure | undefined,
  field: string,
  codes: readonly string[] = [],
): string | undefined {
  if (!error) return undefined;
  if (error.field === field || codes.includes(error.code)) {
    return error.clause ? error.message + aside(lang, error.clause) : error.message;
  }
  return undefined;
}

/** Whether `error` belongs beside one of `fields` rather than above the form. */
export function isFieldError(
  error: ApiFailure | undefined,
  fields: readonly string[],
  codes: readonly string[] = [],
): boolean {
  return Boolean(
    error && ((error.field && fields.includes(error.field)) || codes.includes(error.code)),
  );
}

/** A fresh idempotency key: kept while a form is open, so a retried write is recorded once. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
