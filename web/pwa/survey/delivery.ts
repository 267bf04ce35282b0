// Getting a villager's answers to the server through a weak signal: the response goes into the
// outbox (IndexedDB) first, then is posted; it leaves the outbox only when the server has confirmed
// it, so "sent" here means "no longer in the outbox after having been there". The phone also
// remembers which slips it has delivered, so reopening one says "thank you", not "code used".
import { enqueue, entries, flush, remove } from '../shared/outbox';

export type Answer = 'satisfied' | 'basicallySatisfied' | 'dissatisfied';

export interface SurveyResponse {
  /** Chosen here, before queuing: the server's idempotency key. */
  id: string;
  answers: { cadreId: number; answer: Answer }[];
  comment?: string;
}

export type Delivery =
  | { state: 'none' }
  | { state: 'waiting'; id: string }
  | { state: 'sent' }
  | { state: 'refused'; id: string; status: number; code?: string; message?: string };

export const responsesUrl = (token: string) =>
  `/api/public/surveys/${encodeURIComponent(token)}/responses`;

/** Where this slip's answers are: queued (waiting or refused), delivered from this phone, or nowhere. */
export async function deliveryOf(token: string, queuedId?: string): Promise<Delivery> {
  const mine = (await entries('survey')).find((e) => e.url === responsesUrl(token));
  if (mine?.state === 'refused') {
    return { state: 'refused', id: mine.id, status: mine.error?.status ?? 0, ...mine.error };
  }
  if (mine) return { state: 'waiting', id: mine.id };
  // It was queued and is gone: only the server's confirmation takes an entry out.
  if (queuedId) rememberDelivered(token);
  return deliveredHere(token) ? { state: 'sent' } : { state: 'none' };
}

/** Queues the response first, then tries to send everything waiting. */
export async function submit(token: string, title: string, response: SurveyResponse) {
  await enqueue({
    id: response.id,
    kind: 'survey',
    url: responsesUrl(token),
    body: response,
    label: title,
  });
  return sendWaiting(token, response.id);
}

/** Posts the outbox now (a flush already running is joined) and says where this slip stands. */
export async function sendWaiting(token: string, queuedId?: string): Promise<Delivery> {
  const result = await flush().catch(() => undefined);
  const delivery = await deliveryOf(token, queuedId);
  // A flush that was already running when this response was queued did not see it, yet met no
  // network failure: one more round picks it up.
  if (delivery.state !== 'waiting' || !result || result.waiting > 0) return delivery;
  await flush().catch(() => undefined);
  return deliveryOf(token, queuedId);
}

/** Drops a refused response, so the villager can answer the slip again. */
export const discard = (id: string) => remove(id);

const DELIVERED_KEY = 'zhucun-survey-delivered';

function delivered(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(DELIVERED_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

const deliveredHere = (token: string) => delivered().includes(token);

function rememberDelivered(token: string) {
  try {
    // The last few slips are enough: one phone answers a handful, and the server refuses a reuse.
    const list = [...delivered().filter((t) => t !== token), token].slice(-20);
    localStorage.setItem(DELIVERED_KEY, JSON.stringify(list));
  } catch {
    // Not remembered: a reopened slip then says "already used", which is still true.
  }
}

/** A random (v4) UUID, also where crypto.randomUUID is missing (older phones). */
export function newResponseId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
