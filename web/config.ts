// The one place that reads configuration: an environment record (process.env on Node, the bindings
// on Workers) parsed with a schema. Bad values fail fast with the variable's name, in Chinese and
// English.
import { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: { variable: string; zh: string; en: string }[]) {
    super(problems.map((p) => `${p.variable}: ${p.en}`).join('; '));
  }

  /** One line for a terminal: 配置错误 … / Configuration error … */
  line(): string {
    const zh = this.problems.map((p) => `${p.variable} ${p.zh}`).join('；');
    const en = this.problems.map((p) => `${p.variable} ${p.en}`).join('; ');
    return `配置错误：${zh} / Configuration error: ${en}`;
  }
}

const TELEGRAM_API = 'https://api.telegram.org';

/** Each variable, its rule and the message that says what was wrong with it. */
const variables = {
  PORT: z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(65_535))
    .default(8787)
    .describe('必须是 1–65535 之间的整数|must be an integer from 1 to 65535'),
  DATA_DIR: z.string().min(1).default('./data').describe('不能为空|must not be empty'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/)
    .refine(isUrl)
    .optional()
    .describe('必须是 postgres:// 开头的连接地址|must be a postgres:// connection URL'),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/)
    .optional()
    .describe(
      '格式应为 123456:ABC…（来自 @BotFather）|must look like 123456:ABC… (from @BotFather)',
    ),
  TELEGRAM_API_ROOT: z
    .string()
    .refine(isHttpUrl)
    .transform((s) => s.replace(/\/+$/, ''))
    .default(TELEGRAM_API)
    .describe('必须是 http(s) 地址|must be an http(s) URL'),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/)
    .optional()
    .describe(
      '须为 16–256 位字母、数字、_ 或 -|must be 16–256 characters of A–Z, a–z, 0–9, _ or -',
    ),
  PUBLIC_URL: z
    .string()
    .refine(isHttpUrl)
    .transform((s) => s.replace(/\/+$/, ''))
    .optional()
    .describe('必须是 http(s) 地址|must be an http(s) URL'),
  TIP_ENCRYPTION_KEY: z
    .string()
    .refine((s) => decodeKey(s) !== null)
    .optional()
    .describe(
      '必须是 32 字节密钥的 base64（openssl rand -base64 32）|must be a 32-byte key in base64 (openssl rand -base64 32)',
    ),
  SESSION_SECRET: z
    .string()
    .min(32)
    .optional()
    .describe('至少 32 个字符|must be at least 32 characters'),
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((s) => ['true', '1', 'yes'].includes(s))
    .default(true)
    .describe('只能是 true 或 false|must be true or false'),
  DEMO_PASSWORD: z
    .string()
    .min(8)
    .default('zhucun-demo')
    .describe('至少 8 个字符|must be at least 8 characters'),
  TZ: z
    .string()
    .refine(isTimeZone)
    .optional()
    .describe('不是有效的时区名称|is not a valid time zone name'),
};

const schema = z.object(variables);

export type Config = z.output<typeof schema> & {
  /** The product's own time zone, whatever the process's TZ is. */
  timeZone: 'Asia/Shanghai';
};

export type Env = Readonly<Record<string, string | undefined>>;

/** Parses the environment; throws ConfigError naming every bad variable. Empty strings count as unset. */
export function parseConfig(env: Env): Config {
  const input: Record<string, string> = {};
  for (const name of Object.keys(variables)) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') input[name] = value.trim();
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const seen = new Set<string>();
    const problems = [];
    for (const issue of result.error.issues) {
      const variable = String(issue.path[0]);
      if (seen.has(variable)) continue;
      seen.add(variable);
      const [zh, en] = (variables[variable as keyof typeof variables].description ?? '|').split(
        '|',
      );
      const got = JSON.stringify(input[variable] ?? '');
      problems.push({
        variable,
        zh: `${zh}（当前值 ${got}）`,
        en: `${en} (got ${got})`,
      });
    }
    throw new ConfigError(problems);
  }
  return { ...result.data, timeZone: 'Asia/Shanghai' };
}

/** The secrets a running product must have; the Node entry generates missing ones for PGlite. */
export const secretNames = [
  'TIP_ENCRYPTION_KEY',
  'SESSION_SECRET',
  'TELEGRAM_WEBHOOK_SECRET',
] as const;

/** Decodes a 32-byte AES key from base64 (or base64url); null when it is not one. */
export function decodeKey(text: string): Uint8Array | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    if (binary.length !== 32) return null;
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function isUrl(s: string): boolean {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

function isHttpUrl(s: string): boolean {
  return isUrl(s) && /^https?:$/.test(new URL(s).protocol);
}

function isTimeZone(s: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: s });
    return true;
  } catch {
    return false;
  }
}
