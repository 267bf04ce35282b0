// `npm run jobs`: the scheduled jobs (web/jobs/) by hand, on the same configuration as `npm start`.
//   npm run jobs -- list                                 each job, its rule, next runs, last runs
//   npm run jobs -- run JOB [--at YYYY-MM-DDTHH:mm] [--force]
//                                                        one occurrence (Beijing time; default now)
// Through a running `npm start` when there is one (its bot sends the messages; PGlite opens in one
// process only), else on the database in this process. Exit codes: 0 done, 1 a fault or a failed
// run, 2 wrong input.
import { Api } from 'grammy';
import { join } from 'node:path';
import { loadTexts } from '../../bot/i18n';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import { DatabaseUnreachableError } from '../../db/errors';
import type { JobTools } from '../dev-chat';
import { listJobs, runByHand, type JobListing } from '../jobs/by-hand';
import { jobNamed, jobs } from '../jobs/schedule';
import { devChatToken } from '../node-secrets';
import { readLocaleSources } from '../node-texts';
import { CliError, exit, readConfig, shanghaiTime } from './shared';

const usage = '用法 / Usage: npm run jobs -- list | run JOB [--at YYYY-MM-DDTHH:mm] [--force]';

type Command = { list: true } | { run: string; at?: Date; force: boolean };

class WrongInput extends CliError {}

function parse(args: string[]): Command {
  const [verb, ...rest] = args;
  if (verb === '-h' || verb === '--help') {
    console.log(usage);
    process.exit(0);
  }
  if (verb === 'list' && rest.length === 0) return { list: true };
  if (verb !== 'run') throw new WrongInput('请给出 list 或 run', 'say list or run');
  const [name, ...options] = rest;
  if (!name || name.startsWith('-')) throw new WrongInput('缺少任务名', 'missing job name');
  if (!jobNamed(name)) {
    const names = jobs.map((j) => j.name).join(', ');
    throw new WrongInput(
      `没有任务 "${name}"（可用：${names}）`,
      `no job "${name}" (there are: ${names})`,
    );
  }
  let at: Date | undefined;
  let force = false;
  for (let i = 0; i < options.length; i++) {
    const option = options[i];
    if (option === '--force') force = true;
    else if (option === '--at') {
      const value = options[++i] ?? '';
      if (
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ||
        Number.isNaN(Date.parse(`${value}:00+08:00`))
      ) {
        throw new WrongInput(
          `--at 须为北京时间 YYYY-MM-DDTHH:mm（当前值 "${value}"）`,
          `--at must be a Beijing time YYYY-MM-DDTHH:mm (got "${value}")`,
        );
      }
      at = new Date(`${value}:00+08:00`);
    } else {
      throw new WrongInput(`未知选项 "${option}"`, `unknown option "${option}"`);
    }
  }
  return { run: name, at, force };
}

/** The running server's /dev/jobs, or the database in this process. */
async function connect(): Promise<{ tools: JobTools; via: string; close(): Promise<void> }> {
  const config = readConfig();
  const url = `http://127.0.0.1:${config.PORT}`;
  const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) })
    .then((r) => r.json() as Promise<{ database?: { driver?: string } }>)
    .catch(() => undefined);
  if (health?.database?.driver) {
    const token = devChatToken(config.DATA_DIR, { create: false });
    const call = async <T>(path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) {
        throw new CliError(
          `服务器 ${url} 回答 ${res.status}：请用与 npm start 相同的 DATA_DIR 运行`,
          `the server at ${url} answered ${res.status}: run with the same DATA_DIR as npm start`,
        );
      }
      return (await res.json()) as T;
    };
    if (token || health.database.driver === 'pglite') {
      return {
        via: `npm start (${url})`,
        tools: {
          list: async () => (await call<{ jobs: JobListing[] }>('/dev/jobs')).jobs,
          run: (job, at, force) => call('/dev/jobs/run', { job, at: at.toISOString(), force }),
        },
        close: async () => {},
      };
    }
  }
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(
      config.DATABASE_URL
        ? { url: config.DATABASE_URL }
        : { dataDir: join(config.DATA_DIR, 'pglite') },
    );
    await handle.migrate();
  } catch (error) {
    if (error instanceof DatabaseUnreachableError) {
      throw new CliError(
        `无法打开数据库 ${error.target}（${error.detail}）`,
        `cannot open the database at ${error.target} (${error.detail})`,
      );
    }
    throw error;
  }
  // Without a server, messages go out through the Bot API directly when a token is set.
  const outbox = config.TELEGRAM_BOT_TOKEN
    ? {
        api: new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT }),
        texts: loadTexts(readLocaleSources()),
        db: handle.db,
      }
    : undefined;
  const db = handle.db;
  return {
    via: handle.driver === 'pglite' ? `PGlite (${config.DATA_DIR})` : 'PostgreSQL (DATABASE_URL)',
    tools: {
      list: () => listJobs(db, jobs, new Date()),
      run: (name, at, force) =>
        runByHand(db, jobNamed(name)!, at, {
          now: new Date(),
          force,
          outbox,
          log: (line) => console.log(line),
        }),
    },
    close: () => handle.close(),
  };
}

function printListing(listing: JobListing[]) {
  for (const job of listing) {
    console.log(`${job.name} — ${job.description}`);
    for (const instance of job.instances) {
      const whose = instance.instance
        ? `县 / county ${instance.instance.replace('county:', '')}`
        : '默认 / default';
      console.log(`  ${whose}: ${instance.rule}`);
      console.log(
        `    下次 / next: ${instance.next.map((d) => shanghaiTime(new Date(d))).join(', ')}`,
      );
    }
    if (job.instances.length === 0) console.log('  各县均已关闭 / switched off in every county');
    for (const run of job.lastRuns) {
      const when = shanghaiTime(new Date(run.occurrence));
      const error = run.error ? ` — ${run.error}` : '';
      console.log(`  上次 / last: ${when} ${run.state} (${run.attempts})${error}`);
    }
  }
}

async function main() {
  let command: Command;
  try {
    command = parse(process.argv.slice(2));
  } catch (error) {
    if (error instanceof WrongInput) exit(`${error.line()}\n${usage}`, 2);
    throw error;
  }
  let connection;
  try {
    connection = await connect();
  } catch (error) {
    if (error instanceof CliError) exit(error.line(), 1);
    throw error;
  }
  try {
    if ('list' in command) {
      printListing(await connection.tools.list());
      return;
    }
    const at = command.at ?? new Date();
    const outcome = await connection.tools.run(command.run, at, command.force);
    const when = shanghaiTime(at);
    if ('unknownJob' in outcome)
      exit(`错误：没有任务 ${outcome.unknownJob} / Error: no job ${outcome.unknownJob}`, 2);
    if (!outcome.ran) {
      console.log(
        `${command.run} ${when}：未运行（${outcome.reason}）；用 --force 再运行一次 / not run (${outcome.reason}); --force runs it again`,
      );
    } else if (outcome.state === 'done') {
      console.log(`${command.run} ${when}：完成 / done via ${connection.via}`);
      console.log(JSON.stringify(outcome.result));
    } else {
      console.error(`${command.run} ${when}：失败 / failed: ${outcome.error}`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.line());
      process.exitCode = 1;
    } else throw error;
  } finally {
    await connection.close();
  }
}

await main();
