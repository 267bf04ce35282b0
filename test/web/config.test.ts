// The configuration module: defaults, validation that names the variable, generated secrets.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, decodeKey, parseConfig } from '../../web/config';
import { withGeneratedSecrets } from '../../web/node-secrets';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has defaults for a newcomer’s machine: port 8787, ./data, demo data on, Asia/Shanghai', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      PORT: 8787,
      DATA_DIR: './data',
      SEED_DEMO: true,
      DEMO_PASSWORD: 'zhucun-demo',
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      timeZone: 'Asia/Shanghai',
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('keeps the product in Asia/Shanghai whatever TZ the process has', () => {
    expect(parseConfig({ TZ: 'America/New_York' }).timeZone).toBe('Asia/Shanghai');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ TELEGRAM_BOT_TOKEN: 'not-a-token' }, 'TELEGRAM_BOT_TOKEN'],
    [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT'],
    [{ TELEGRAM_WEBHOOK_SECRET: 'short' }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ PUBLIC_URL: 'example.org' }, 'PUBLIC_URL'],
    [{ TIP_ENCRYPTION_KEY: 'dG9vIHNob3J0' }, 'TIP_ENCRYPTION_KEY'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ DEMO_PASSWORD: 'abc' }, 'DEMO_PASSWORD'],
    [{ TZ: 'Mars/Olympus' }, 'TZ'],
  ])('refuses %j and names %s', (env, variable) => {
    expect(problemsOf(env)).toEqual([variable]);
  });

  it('names every bad variable at once, in one line with Chinese first', () => {
    try {
      parseConfig({ PORT: 'abc', SEED_DEMO: 'maybe' });
      expect.unreachable();
    } catch (error) {
      const line = (error as ConfigError).line();
      expect(line).not.toContain('\n');
      expect(line).toMatch(
        /^配置错误：PORT .*SEED_DEMO.* \/ Configuration error: PORT must be an integer/,
      );
      expect(line).toContain('"abc"');
    }
  });

  it('accepts a full production environment', () => {
    const config = parseConfig({
      PORT: '3000',
      DATABASE_URL: 'postgres://zhucun:secret@db.internal:5432/zhucun',
      TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
      TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(32),
      PUBLIC_URL: 'https://zhucun.example.org/',
      TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      SESSION_SECRET: 's'.repeat(40),
      SEED_DEMO: 'false',
    });
    expect(config).toMatchObject({
      PORT: 3000,
      SEED_DEMO: false,
      PUBLIC_URL: 'https://zhucun.example.org',
    });
    expect(decodeKey(config.TIP_ENCRYPTION_KEY!)).toHaveLength(32);
  });

  it('treats empty variables as unset', () => {
    const config = parseConfig({ PORT: '', DATABASE_URL: ' ' });
    expect(config.PORT).toBe(8787);
    expect(config.DATABASE_URL).toBeUndefined();
  });
});

describe('generated secrets', () => {
  it('generates missing secrets once, keeps them in DATA_DIR/secrets.json (0600), and warns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhucun-secrets-'));
    const warnings: string[] = [];
    const first = withGeneratedSecrets({ DATA_DIR: dir }, (w) => warnings.push(w));
    const second = withGeneratedSecrets({ DATA_DIR: dir }, (w) => warnings.push(w));
    expect(decodeKey(first.TIP_ENCRYPTION_KEY!)).toHaveLength(32);
    expect(first.SESSION_SECRET!.length).toBeGreaterThanOrEqual(32);
    expect(second.TIP_ENCRYPTION_KEY).toBe(first.TIP_ENCRYPTION_KEY);
    expect(second.SESSION_SECRET).toBe(first.SESSION_SECRET);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/TIP_ENCRYPTION_KEY.*Warning/);
  });

  it('uses the environment’s secrets and writes nothing when all are set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhucun-secrets-'));
    const warnings: string[] = [];
    const env = {
      DATA_DIR: dir,
      TIP_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      SESSION_SECRET: 'x'.repeat(32),
      TELEGRAM_WEBHOOK_SECRET: 'y'.repeat(32),
    };
    expect(withGeneratedSecrets(env, (w) => warnings.push(w)).SESSION_SECRET).toBe('x'.repeat(32));
    expect(warnings).toEqual([]);
    expect(() => readFileSync(join(dir, 'secrets.json'))).toThrow();
  });

  it('stops with a clear error when the kept secrets file is damaged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhucun-secrets-'));
    writeFileSync(join(dir, 'secrets.json'), '{ not json');
    expect(() => withGeneratedSecrets({ DATA_DIR: dir }, () => {})).toThrow(/secrets\.json/);
  });
});
