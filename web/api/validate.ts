// The hook every validator uses: a bad input is a 400 naming the field, in the request's language.
// zod's own messages come in Chinese from its zh-CN locale; a schema's own message is written
// 'Chinese / English' (a message in English alone falls back to zod's Chinese wording of the issue).
import { zhCN } from 'zod/locales';
import { ApiError } from './errors';

interface Issue {
  path?: readonly (PropertyKey | { key: PropertyKey })[];
  message: string;
  code?: string;
}

const chinese = zhCN().localeError;

/** The issue's message in both languages. */
export function issueText(issue: Issue): { zh: string; en: string } {
  const bilingual = /^(.+?) \/ (.+)$/s.exec(issue.message);
  if (bilingual) return { zh: bilingual[1]!, en: bilingual[2]! };
  const zh = issue.code ? chinese(issue as Parameters<typeof chinese>[0]) : undefined;
  const zhText = typeof zh === 'string' ? zh : zh?.message;
  return { zh: zhText ?? issue.message, en: issue.message };
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
  const text = first ? issueText(first) : undefined;
  throw new ApiError(
    400,
    'invalid-input',
    field ? `输入有误：${field}（${text!.zh}）` : '输入有误。',
    field ? `Invalid input: ${field} (${text!.en})` : 'Invalid input.',
    field || undefined,
  );
}
