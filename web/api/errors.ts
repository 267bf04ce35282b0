// API errors: thrown by handlers, translated in one place (index.ts onError) into
// `{ error, message, field? }` with the message in the request's language.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
    /** The clause a domain refusal cites (§3.8, …). */
    readonly clause?: string,
  ) {
    super(`${code}: ${en}`);
  }
}

export const badRequest = (code: string, zh: string, en: string, field?: string) =>
  new ApiError(400, code, zh, en, field);
export const unauthorized = () =>
  new ApiError(401, 'unauthorized', '请先登录。', 'Please sign in first.');
export const forbidden = (zh = '您没有权限进行这个操作。', en = 'You may not do this.') =>
  new ApiError(403, 'forbidden', zh, en);
export const notFound = (
  zh = '没有找到，或不在您的管理范围内。',
  en = 'Not found, or not in your area.',
) => new ApiError(404, 'not-found', zh, en);
export const conflict = (code: string, zh: string, en: string) => new ApiError(409, code, zh, en);
export const tooMany = () =>
  new ApiError(
    429,
    'too-many-requests',
    '尝试次数太多，请稍后再试。',
    'Too many attempts; please try again later.',
  );

/** A refusal from core (a value, not an exception) as a 422 that says why and which clause. */
export function refused(
  reason: string,
  clause: string | undefined,
  zh: string,
  en: string,
): ApiError {
  return new ApiError(422, reason, zh, en, undefined, clause);
}
