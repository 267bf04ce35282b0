// The one way the pages talk to /api: JSON in and out, the session cookie, the CSRF header on every
// write, the language of the errors. A refusal arrives as an ApiFailure carrying the server's own
// message (already in the user's language), the field it is about and the clause it cites.
import type { Lang } from './i18n';
import { STALE_HEADER } from './outbox';

export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly clause?: string,
  ) {
    super(message);
  }
  /** No network at all (fetch threw), as opposed to a server that answered. */
  get offline() {
    return this.status === 0;
  }
}

const CSRF_KEY = 'zhucun-csrf';
let lang: Lang = 'zh-CN';

export const setApiLang = (next: Lang) => (lang = next);
export const csrfToken = () => sessionStorage.getItem(CSRF_KEY) ?? '';
export const setCsrfToken = (token: string | undefined) =>
  token ? sessionStorage.setItem(CSRF_KEY, token) : sessionStorage.removeItem(CSRF_KEY);

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        'Accept-Language': lang,
        ...(method === 'GET' ? {} : { 'X-CSRF-Token': csrfToken() }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    setReachable(false);
    throw new ApiFailure(
      0,
      'offline',
      lang === 'en'
        ? 'No network connection. Please try again when you have a signal.'
        : '网络未连接，请在有信号时重试。',
    );
  }
  setReachable(response.headers.get(STALE_HEADER) !== '1');
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => undefined)) as
    { error?: string; message?: string; field?: string; clause?: string } | undefined;
  if (!response.ok) {
    if (response.status === 401) onUnauthorized?.();
    throw new ApiFailure(
      response.status,
      data?.error ?? 'http',
      data?.message ?? `HTTP ${response.status}`,
      data?.field,
      data?.clause,
    );
  }
  return data as T;
}

// Whether the last request reached the server; a copy from the service worker's cache or a failed
// fetch says no. The layout shows an offline banner from it (navigator.onLine alone is unreliable).
let reachable = true;
const reachabilityListeners = new Set<(reachable: boolean) => void>();
function setReachable(next: boolean) {
  if (next === reachable) return;
  reachable = next;
  reachabilityListeners.forEach((l) => l(next));
}
export const serverReachable = () => reachable;
export function onReachability(listener: (reachable: boolean) => void): () => void {
  reachabilityListeners.add(listener);
  return () => void reachabilityListeners.delete(listener);
}

/** Called when the session has ended (401): the app shows the sign-in page. */
let onUnauthorized: (() => void) | undefined;
export const whenSignedOut = (handler: () => void) => (onUnauthorized = handler);

export const api = {
  get: <T>(path: string) => send<T>('GET', path),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => send<T>('PUT', path, body ?? {}),
  del: <T>(path: string) => send<T>('DELETE', path),
};

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return entries.length
    ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`
    : '';
}
