// A bad input's message in the request's language: zod's own wording from its zh-CN locale, a
// schema's own message written 'Chinese / English', and never English inside the Chinese text.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../../../web/api/errors';
import { invalidInput } from '../../../web/api/validate';

function refusal(schema: z.ZodType, input: unknown): ApiError {
  const result = schema.safeParse(input);
  try {
    invalidInput({ success: result.success, error: result.error?.issues });
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('accepted');
}

describe('invalid input', () => {
  it('words zod’s own issues in Chinese from its locale, and in English', () => {
    const error = refusal(z.object({ count: z.number().int().max(500) }), { count: 900 });
    expect(error).toMatchObject({ status: 400, field: 'count' });
    expect(error.zh).toBe('输入有误：count（数值过大：期望 number <=500）');
    expect(error.en).toBe('Invalid input: count (Too big: expected number to be <=500)');
  });

  it('splits a schema’s own message written “Chinese / English”', () => {
    const schema = z.object({
      name: z.string().regex(/^[a-z]+$/, '只能用小写字母 / lower-case letters only'),
    });
    const error = refusal(schema, { name: 'ABC' });
    expect(error.zh).toBe('输入有误：name（只能用小写字母）');
    expect(error.en).toBe('Invalid input: name (lower-case letters only)');
  });

  it('falls back to zod’s Chinese wording when a schema’s message is in English alone', () => {
    const schema = z.object({ day: z.string().regex(/^\d{4}$/, 'four digits') });
    const error = refusal(schema, { day: 'x' });
    expect(error.zh).toMatch(/^输入有误：day（无效字符串/);
    expect(error.zh).not.toContain('four digits');
    expect(error.en).toBe('Invalid input: day (four digits)');
  });
});
