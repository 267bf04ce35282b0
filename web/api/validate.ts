// The hook every validator uses: a bad input is a 400 naming the field, in the request's language.
import { ApiError } from './errors';

interface Issue {
  path?: readonly (PropertyKey | { key: PropertyKey })[];
  message: string;
}

export function invalidInput(result: {
  success: boolean;
  error?: readonly Issue[] | unknown;
}): void {
  if (result.success) return;
  const issues = (Array.isArray(result.error) ? result.error : []) as Issue[];
  const first = issues[0];
  const field = first?.path
    ?.map((p) => (typeof p === 'object' && p !== null && 'key' in p ? String(p.key) : String(p)))
    .join('.');
  throw new ApiError(
    400,
    'invalid-input',
    field ? `输入有误：${field}（${first!.message}）` : '输入有误。',
    field ? `Invalid input: ${field} (${first!.message})` : 'Invalid input.',
    field || undefined,
  );
}
