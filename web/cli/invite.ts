// Invitations from the terminal (issue #4), on the same configuration and database as `npm start`:
//   npm run invite -- --list           one cadre in post a line: id, name, village, lat, lon (TABs)
//   npm run invite -- --cadre ID       a deep link https://t.me/<bot>?start=<code> for the cadre
//   npm run invite -- --user USERNAME  the same for a supervisor's account (demo-township, …)
// A code is single use and expires after 7 days. Exit codes: 0 done, 1 a fault, 2 wrong input.
import { Api } from 'grammy';
import type { Refusal, Target } from '../dev-chat';
import { CliError, connectLocalTools, exit, readConfig, shanghaiTime } from './shared';

const usage = '用法 / Usage: npm run invite -- --list | --cadre ID | --user USERNAME';

type Command = { list: true } | { target: Target };

/** Wrong input: the line, then the usage, exit 2 (thrown, so the database is closed first). */
class WrongInput extends CliError {}

function wrongInput(zh: string, en: string): never {
  throw new WrongInput(zh, en);
}

function parse(args: string[]): Command {
  const [flag, value, ...rest] = args;
  if (flag === '-h' || flag === '--help') {
    console.log(usage);
    process.exit(0);
  }
  if (flag === undefined) wrongInput('缺少参数', 'missing argument');
  if (flag === '--list' && value === undefined) return { list: true };
  if (flag === '--cadre' && value !== undefined && rest.length === 0) {
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      wrongInput(
        `干部编号必须是整数（当前值 "${value}"）`,
        `the cadre id must be an integer (got "${value}")`,
      );
    }
    return { target: { cadreId: Number(value) } };
  }
  if (flag === '--user' && value !== undefined && rest.length === 0) {
    return { target: { username: value } };
  }
  wrongInput(`参数不正确：${args.join(' ')}`, `unexpected arguments: ${args.join(' ')}`);
}

function refused(refusal: Refusal, target: Target): never {
  if ('username' in target) {
    wrongInput(`没有用户名为 ${target.username} 的账号`, `no account named ${target.username}`);
  }
  if (refusal.reason === 'no-open-assignment') {
    wrongInput(
      `驻村干部 ${target.cadreId} 目前没有在岗的派驻任务`,
      `cadre ${target.cadreId} has no open assignment`,
    );
  }
  wrongInput(`没有编号为 ${target.cadreId} 的驻村干部`, `no cadre with id ${target.cadreId}`);
}

async function main(): Promise<void> {
  const command = parse(process.argv.slice(2));
  const config = readConfig();
  const tools = await connectLocalTools(config, { chat: false });
  try {
    if ('list' in command) {
      const cadres = await tools.cadres();
      for (const c of cadres) {
        console.log([c.id, c.name, c.village, c.latitude ?? '', c.longitude ?? ''].join('\t'));
      }
      if (cadres.length === 0) {
        console.error(
          '没有在岗的驻村干部；第一次运行 npm start 会写入演示数据 / No cadres in post; the first npm start seeds the demo',
        );
      }
      return;
    }

    // The bot's name before the code, so a Telegram failure leaves no unused invitation behind.
    let username: string | undefined;
    if (config.TELEGRAM_BOT_TOKEN) {
      try {
        const api = new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT });
        username = (await api.getMe()).username;
      } catch (error) {
        throw new CliError(
          `无法从 ${config.TELEGRAM_API_ROOT} 获取机器人名称（${(error as Error).message}），请检查 TELEGRAM_BOT_TOKEN`,
          `cannot get the bot's name from ${config.TELEGRAM_API_ROOT} (${(error as Error).message}); check TELEGRAM_BOT_TOKEN`,
        );
      }
    }
    const result = await tools.invite(command.target);
    if (!result.ok) refused(result, command.target);
    console.log(`https://t.me/${username ?? '<your-bot>'}?start=${result.code}`);
    if (!username) {
      console.log(
        `未设置 TELEGRAM_BOT_TOKEN：在 npm run chat 中发送 /start ${result.code} 即可绑定 / ` +
          `TELEGRAM_BOT_TOKEN is not set: send /start ${result.code} in npm run chat to link`,
      );
    }
    console.error(
      `只能使用一次，有效期至 ${shanghaiTime(result.expiresAt)}（北京时间） / ` +
        `Single use, valid until ${shanghaiTime(result.expiresAt)} (Beijing time)`,
    );
  } finally {
    await tools.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof WrongInput) {
      console.error(error.line());
      exit(usage, 2);
    }
    if (error instanceof CliError) exit(error.line(), 1);
    console.error(error);
    process.exit(1);
  },
);
