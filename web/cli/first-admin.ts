// `npm run first-admin`: the first account of a database without the demo (SEED_DEMO=false, and
// always on Workers), where nobody could sign in to create one:
//   npm run first-admin -- --username NAME --province 贵州省 [--name 显示名]
// creates the province at the root of the org tree and an admin scoped to it (db/queries/
// first-admin.ts), on the database of `npm start`: DATABASE_URL, else PGlite in DATA_DIR/pglite.
// The password is FIRST_ADMIN_PASSWORD, else a random one printed once. Refuses once an admin
// exists. Exit codes: 0 done, 1 a fault or a refusal, 2 wrong input.
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import { DatabaseUnreachableError } from '../../db/errors';
import { createFirstAdmin, type FirstAdminResult } from '../../db/queries/first-admin';
import { hashPassword } from '../../db/password';
import { ConfigError, parseConfig } from '../config';
import { CliError, exit } from './shared';

const usage =
  '用法 / Usage: FIRST_ADMIN_PASSWORD=… npm run first-admin -- --username NAME --province 贵州省 [--name 显示名]';

/** The rule of POST /api/users (web/api/users.ts), so the admin could have been created there. */
const usernamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
const minPasswordLength = 10;
const maxPasswordLength = 200;

interface Command {
  username: string;
  province: string;
  displayName: string;
}

function wrongInput(zh: string, en: string): never {
  exit(`${new CliError(zh, en).line()}\n${usage}`, 2);
}

function parse(args: string[]): Command {
  if (args[0] === '-h' || args[0] === '--help') {
    console.log(usage);
    process.exit(0);
  }
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i]!, args[i + 1]];
    if (!['--username', '--province', '--name'].includes(flag))
      wrongInput(`未知参数 "${flag}"`, `unknown argument "${flag}"`);
    if (value === undefined || value.startsWith('--'))
      wrongInput(`${flag} 缺少值`, `${flag} needs a value`);
    options.set(flag, value.trim());
  }
  const username = options.get('--username');
  const province = options.get('--province');
  if (!username) wrongInput('缺少 --username', 'missing --username');
  if (!province) wrongInput('缺少 --province', 'missing --province');
  if (!usernamePattern.test(username)) {
    wrongInput(
      `用户名须为 3–64 个字母、数字、点、下划线或连字符（当前值 "${username}"）`,
      `the user name must be 3–64 letters, digits, dots, underscores or hyphens (got "${username}")`,
    );
  }
  if (province.length > 100) wrongInput('--province 过长', '--province is too long');
  const displayName = options.get('--name') || `${province}系统管理员`;
  if (displayName.length > 100) wrongInput('--name 过长', '--name is too long');
  return { username, province, displayName };
}

/** FIRST_ADMIN_PASSWORD, or a new random one to print (108 bits in 18 base64url characters). */
function password(): { password: string; generated: boolean } {
  // Read here rather than in web/config.ts: it concerns this command alone, never the server.
  const given = process.env.FIRST_ADMIN_PASSWORD;
  if (given === undefined || given === '') {
    const bytes = crypto.getRandomValues(new Uint8Array(14));
    return { password: Buffer.from(bytes).toString('base64url').slice(0, 18), generated: true };
  }
  if (given.length < minPasswordLength || given.length > maxPasswordLength) {
    exit(
      new CliError(
        `FIRST_ADMIN_PASSWORD 须为 ${minPasswordLength}–${maxPasswordLength} 个字符（当前 ${given.length} 个）`,
        `FIRST_ADMIN_PASSWORD must be ${minPasswordLength}–${maxPasswordLength} characters (it has ${given.length})`,
      ).line(),
      2,
    );
  }
  return { password: given, generated: false };
}

async function open(databaseUrl: string | undefined, dataDir: string): Promise<DatabaseHandle> {
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase(
      databaseUrl ? { url: databaseUrl, maxConnections: 1 } : { dataDir },
    );
    await handle.migrate();
    return handle;
  } catch (error) {
    await handle?.close();
    if (!(error instanceof DatabaseUnreachableError)) throw error;
    // PGlite opens in one process only (db/client.ts): the server, a chat or a job holds it.
    const owner = /in use by process (\d+)/.exec(error.detail)?.[1];
    if (owner) {
      throw new CliError(
        `${error.target} 正被进程 ${owner} 使用：请先停止 npm start（或 npm run chat 等），再运行本命令`,
        `${error.target} is in use by process ${owner}: stop npm start (or npm run chat, …) first, then run this again`,
      );
    }
    throw new CliError(
      `无法打开数据库 ${error.target}（${error.detail}）`,
      `cannot open the database at ${error.target} (${error.detail})`,
    );
  }
}

function refusal(result: Exclude<FirstAdminResult, { ok: true }>, username: string): CliError {
  switch (result.reason) {
    case 'admin-exists':
      return new CliError(
        `已有管理员账号（${result.admins.join('、')}），不再创建第一个管理员：请用管理员账号登录，在“用户”页面创建账号`,
        `an admin account exists already (${result.admins.join(', ')}), so there is no first admin to create: sign in as an admin and create accounts on the 用户 (Users) page`,
      );
    case 'several-provinces': {
      const list = result.provinces.map((p) => `${p.id} ${p.name}`).join(', ');
      return new CliError(
        `数据库中有多个省级根单位（${list}），无法确定第一个管理员的范围；未做任何更改`,
        `the database holds several province root units (${list}): cannot tell which one the first admin governs; nothing was changed`,
      );
    }
    case 'username-taken':
      return new CliError(
        `用户名 ${username} 已被使用，请换一个`,
        `the user name ${username} is taken: choose another`,
      );
  }
}

async function main(): Promise<void> {
  const command = parse(process.argv.slice(2));
  const secret = password();
  // No secrets are needed here, so none are generated into DATA_DIR (unlike `npm start`).
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) exit(error.line(), 2);
    throw error;
  }
  const passwordHash = await hashPassword(secret.password);
  let result: FirstAdminResult;
  try {
    const handle = await open(config.DATABASE_URL, join(config.DATA_DIR, 'pglite'));
    try {
      result = await createFirstAdmin(handle.db, { ...command, passwordHash });
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CliError) exit(error.line(), 1);
    throw error;
  }
  if (!result.ok) exit(refusal(result, command.username).line(), 1);

  // Where the supervisors' app answers: the public address, or `npm start` on this machine.
  const where = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  // A province unit that was there already is named as such: the admin governs it, not a new one.
  const [zhUnit, enUnit] = result.orgUnitCreated
    ? [result.orgUnit.name, result.orgUnit.name]
    : [`已有单位 ${result.orgUnit.name}`, `the existing unit ${result.orgUnit.name}`];
  console.log(
    `已创建第一个管理员 ${result.user.username}（${zhUnit}），请在 ${where} 登录 / ` +
      `first admin ${result.user.username} created for ${enUnit}: sign in at ${where}`,
  );
  if (secret.generated) {
    // web/api/users.ts creates, disables and enables accounts; it sets no password after creation.
    console.log(`初始密码 / password: ${secret.password}`);
    console.log(
      '此密码只显示这一次，请立即妥善保存。应用目前不能修改密码：如需更换，请登录后在“用户”页面另建一个管理员账号，再停用本账号 / ' +
        'This password is shown only this once: store it safely now. The app cannot change passwords yet: to replace it, sign in, create another admin account on the 用户 (Users) page, then disable this one',
    );
  }
}

await main();
