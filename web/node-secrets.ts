// Node only: secrets missing from the environment are generated once and kept in
// DATA_DIR/secrets.json (mode 0600), with a warning, so `npm start` works on a fresh clone.
// Production sets them in the environment: several processes must share them, and a lost
// TIP_ENCRYPTION_KEY makes every stored tip unreadable.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, ConfigError, type Env, parseConfig, secretNames } from './config';

export function withGeneratedSecrets(env: Env, warn: (line: string) => void): Config {
  const config = parseConfig(env);
  const missing = secretNames.filter((name) => config[name] === undefined);
  if (missing.length === 0) return config;

  const file = join(config.DATA_DIR, 'secrets.json');
  let kept: Record<string, string> = {};
  if (existsSync(file)) {
    try {
      kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      throw new ConfigError([
        {
          variable: 'DATA_DIR',
          zh: `中的 secrets.json 已损坏，请修复或删除 ${file}`,
          en: `holds a damaged secrets.json: repair or remove ${file}`,
        },
      ]);
    }
  }
  const generated = missing.filter((name) => !kept[name]);
  for (const name of generated) kept[name] = newSecret(name);
  if (generated.length > 0) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(kept, null, 2) + '\n', { mode: 0o600 });
  }
  warn(
    `警告：${missing.join('、')} 未设置，使用 ${file} 中${generated.length ? '新生成' : '保存'}的值；生产环境请在环境变量中设置。` +
      ` / Warning: ${missing.join(', ')} not set; using ${generated.length ? 'newly generated' : 'kept'} values from ${file}. Set them in the environment in production.`,
  );
  // Parse again so the kept values pass the same checks as the environment's.
  return parseConfig({ ...env, ...Object.fromEntries(missing.map((n) => [n, kept[n]])) });
}

function newSecret(name: (typeof secretNames)[number]): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  if (name === 'TIP_ENCRYPTION_KEY') return Buffer.from(bytes).toString('base64');
  return Buffer.from(bytes).toString('base64url');
}
