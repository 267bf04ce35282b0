// Building blocks every page uses: loading from the API with its states, error notices that say
// what was wrong, form fields with their labels and errors, and dates in the user's language.
import type {
  ComponentChildren,
  InputHTMLAttributes,
  LooseInputHTMLAttributes,
  TextareaHTMLAttributes,
} from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiFailure } from './api';
import { formatDay } from './format';
import { defineTexts, useTexts } from './i18n';

const texts = defineTexts(
  { loading: '正在加载…', retry: '重试', empty: '暂无内容' },
  { loading: 'Loading…', retry: 'Try again', empty: 'Nothing here' },
);

export interface Resource<T> {
  data: T | undefined;
  error: ApiFailure | undefined;
  loading: boolean;
  reload(): void;
}

/** GET `path` (none while it is undefined), again whenever the path changes or reload() is called. */
export function useApi<T>(path: string | undefined): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiFailure; loading: boolean }>({
    loading: path !== undefined,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.get<T>(path).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) =>
        current &&
        setState({
          error: error instanceof ApiFailure ? error : unknownFailure(error),
          loading: false,
        }),
    );
    return () => void (current = false);
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload } as Resource<T>;
}

const unknownFailure = (error: unknown) =>
  new ApiFailure(0, 'client', error instanceof Error ? error.message : String(error));

/** The three states of a resource: a loading line, an error with a retry, or the content. */
export function Loaded<T>(props: {
  resource: Resource<T>;
  children: (data: T) => ComponentChildren;
}) {
  const t = useTexts(texts);
  const { data, error, loading, reload } = props.resource;
  if (error && !data) {
    return (
      <div class="notice error" role="alert">
        <p>{error.message}</p>
        <button type="button" class="button small" onClick={reload}>
          {t('retry')}
        </button>
      </div>
    );
  }
  if (data === undefined) {
    return (
      <p class="muted" role="status" aria-busy={loading}>
        {t('loading')}
      </p>
    );
  }
  return <>{props.children(data)}</>;
}

export function ErrorNotice(props: { error: unknown }) {
  if (!props.error) return null;
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  const clause = props.error instanceof ApiFailure ? props.error.clause : undefined;
  return (
    <div class="notice error" role="alert">
      {message}
      {clause ? ` (${clause})` : ''}
    </div>
  );
}

export function Empty(props: { children?: ComponentChildren }) {
  const t = useTexts(texts);
  return <p class="muted">{props.children ?? t('empty')}</p>;
}

/** A labelled form control; `error` is shown under it and marks it invalid for screen readers. */
export function Field(props: {
  label: string;
  hint?: string;
  error?: string;
  children: (attrs: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => ComponentChildren;
  id: string;
}) {
  const described = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label class="label" for={props.id}>
        {props.label}
      </label>
      {props.children({
        id: props.id,
        'aria-invalid': Boolean(props.error),
        'aria-describedby': described || undefined,
      })}
      {props.hint && (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span class="error" id={`${props.id}-error`}>
          {props.error}
        </span>
      )}
    </div>
  );
}

interface ValueFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onValue(value: string): void;
}
type Passed<A> = Omit<A, 'id' | 'label' | 'value' | 'onInput' | 'children'>;

/** A Field holding an <input>: each keystroke's value goes to `onValue`, the rest pass on. */
export function InputField(props: ValueFieldProps & Passed<LooseInputHTMLAttributes>) {
  const { id, label, hint, error, value, onValue, ...rest } = props;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(attrs) => (
        <input
          {...attrs}
          {...(rest as InputHTMLAttributes)}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** A Field holding a <textarea>, as InputField. */
export function TextAreaField(props: ValueFieldProps & Passed<TextareaHTMLAttributes>) {
  const { id, label, hint, error, value, onValue, ...rest } = props;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(attrs) => (
        <textarea
          {...attrs}
          {...rest}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** A local day in the user's language: 2026年11月26日. */
export function Day(props: { value: string; weekday?: boolean }) {
  const t = useTexts(texts);
  return (
    <time dateTime={props.value}>{formatDay(props.value, t.lang, { weekday: props.weekday })}</time>
  );
}

/** Runs a write, keeps its pending state and its error, and never loses the form on a refusal. */
export function useAction<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiFailure | undefined>();
  const act = async (...args: A): Promise<R | undefined> => {
    setPending(true);
    setError(undefined);
    try {
      return await run(...args);
    } catch (e) {
      setError(e instanceof ApiFailure ? e : unknownFailure(e));
      return undefined;
    } finally {
      setPending(false);
    }
  };
  return { act, pending, error };
}
