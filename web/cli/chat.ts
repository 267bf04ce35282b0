// `npm run chat`: a terminal chat with the production bot over the local database, without
// Telegram (issue #4): through a running `npm start` (its /dev/chat), or in this process
// (web/cli/shared.ts).
//   text → a text message · /loc LAT LON → a location sent just now (/loc: the village centre)
//   /as ID · /as user NAME · /as guest → speak as a cadre, a supervisor or an unlinked user
//   /press N (or N) → press inline button N · /photo [caption], /voice → fake media · /quit, Ctrl-D
// Other /commands go to the bot. Messages to other chats print as "→ who: …". `--en`: English.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Update } from 'grammy/types';
import { type ApiCall, type Identity, localBotInfo, terminalUser } from '../dev-chat';
import { CliError, connectLocalTools, exit, readConfig } from './shared';

interface Button {
  text: string;
  data?: string;
  url?: string;
}
/** The last message with inline buttons in a chat, as /press needs it. */
interface Pressable {
  message: { message_id: number; date: number; text?: string };
  buttons: Button[];
}

const help = [
  '命令 / Commands:',
  '  /as 干部编号 · /as user 用户名 · /as guest    以驻村干部、上级用户或未绑定游客的身份说话 / speak as a cadre, a supervisor or an unlinked guest',
  '  /loc 纬度 经度（/loc 单独：本村中心）         发送刚刚的位置 / send a location now (/loc alone: the village centre)',
  '  /press N 或 N                                按最近一条消息的第 N 个按钮 / press button N of the last message with buttons',
  '  /photo [说明] · /voice                       发送假照片或语音 / send a fake photo or voice note',
  '  ? 帮助 / help · /quit 或 Ctrl-D 退出 / quit',
  '其余文字和命令（/start 绑定码、/help、/leave …）都发给机器人 / Anything else, commands too, goes to the bot.',
].join('\n');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.some((a) => a !== '--en')) {
    exit('用法 / Usage: npm run chat [-- --en]', 2);
  }
  const languageCode = args.includes('--en') ? 'en' : 'zh-hans';
  const config = readConfig();
  const tools = await connectLocalTools(config, { chat: true });
  const out = (line: string) => console.log(line);

  out('驻村助手 · 本地聊天，不经过 Telegram / Zhucun bot · local chat, without Telegram');
  if (tools.via.kind === 'server') {
    out(`已连接 npm start：${tools.via.url} / Connected to npm start at ${tools.via.url}`);
  } else {
    out(`直接打开数据库 / On the database itself: ${tools.via.description}`);
    if (tools.via.empty) {
      out(
        '数据库是空的：先运行一次 npm start 写入演示数据 / The database is empty: run npm start once to seed the demo',
      );
    }
  }
  out(help);

  let identity: Identity = { kind: 'guest', telegramUserId: terminalUser.guest };
  // What a Telegram app keeps on the phone: the chats' names, last buttons and keyboards. Kept
  // in DATA_DIR, so a button sent before a restart (a leave to approve) can still be pressed.
  const historyFile = join(config.DATA_DIR, 'chat-history.json');
  const history = loadHistory(historyFile);
  const names = new Map<number, string>([...history.names, [terminalUser.guest, '游客 guest']]);
  const pressable = new Map<number, Pressable>(history.pressable);
  const keyboards = new Map<number, { text: string; location: boolean }[][]>(history.keyboards);
  const saveHistory = () => {
    try {
      const entries = { names: [...names], pressable: [...pressable], keyboards: [...keyboards] };
      writeFileSync(historyFile, JSON.stringify(entries) + '\n', { mode: 0o600 });
    } catch {
      // a read-only DATA_DIR only costs the history
    }
  };
  let messageId = Date.now() % 1_000_000_000;
  let callbackId = 0;

  const nameOf = (who: Identity): string =>
    who.kind === 'cadre'
      ? `${who.name}${who.village ? `·${who.village.name}` : ''}`
      : who.kind === 'user'
        ? `${who.name}（${who.username}）`
        : '游客 guest';
  const chatName = (chatId: number): string => {
    const known = names.get(chatId);
    if (known) return known;
    const ours = terminalUser.parse(chatId);
    if (ours?.kind === 'cadre') return `驻村干部 cadre ${ours.id}`;
    if (ours?.kind === 'user') return `用户 user ${ours.id}`;
    return `Telegram ${chatId}`;
  };
  const from = () => ({
    id: identity.telegramUserId,
    is_bot: false as const,
    first_name: identity.kind === 'guest' ? '游客' : identity.name,
    language_code: languageCode,
  });
  const chat = () => ({
    id: identity.telegramUserId,
    type: 'private' as const,
    first_name: from().first_name,
  });
  const now = () => Math.floor(Date.now() / 1000);

  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY === true,
  });
  const prompt = () => {
    rl.setPrompt(`[${nameOf(identity)}] > `);
    rl.prompt();
  };

  /** Prints what the bot did, and remembers buttons and keyboards per chat. */
  function show(calls: ApiCall[]): void {
    for (const { method, payload, result } of calls) {
      const chatId = Number(payload.chat_id);
      const here = chatId === identity.telegramUserId;
      const print = (text: string, mark = '🤖') => {
        const [first, ...rest] = text.trimEnd().split('\n');
        const head = here ? `${mark} ` : `→ ${chatName(chatId)}: `;
        out(head + first);
        for (const line of rest) out(' '.repeat(here ? 3 : 4) + line);
      };
      if (method.startsWith('send') && method !== 'sendChatAction') {
        const text = String(payload.text ?? payload.caption ?? `(${method})`);
        print(text);
        const sent = result as { message_id: number; date: number };
        remember(chatId, { message_id: sent.message_id, date: sent.date, text }, payload);
      } else if (method === 'editMessageText') {
        print(String(payload.text), '✏️');
        const held = pressable.get(chatId);
        if (held?.message.message_id === payload.message_id && !payload.reply_markup) {
          pressable.delete(chatId);
        }
        const edited = { message_id: Number(payload.message_id), date: now() };
        remember(chatId, { ...edited, text: String(payload.text) }, payload);
      } else if (method === 'editMessageReplyMarkup') {
        const held = pressable.get(chatId);
        if (held && held.message.message_id === payload.message_id) {
          pressable.delete(chatId);
          remember(chatId, held.message, payload);
        }
      } else if (method === 'answerCallbackQuery') {
        if (payload.text) out(`💬 ${String(payload.text)}`);
      } else if (!['getMe', 'sendChatAction', 'deleteMessage', 'setMyCommands'].includes(method)) {
        out(`（${method}）`);
      }
    }
  }

  function remember(
    chatId: number,
    message: Pressable['message'],
    payload: Record<string, unknown>,
  ): void {
    const markup = payload.reply_markup as
      | {
          inline_keyboard?: { text: string; callback_data?: string; url?: string }[][];
          keyboard?: (string | { text: string; request_location?: boolean })[][];
          remove_keyboard?: boolean;
        }
      | undefined;
    const indent = chatId === identity.telegramUserId ? '   ' : '    ';
    if (markup?.inline_keyboard && markup.inline_keyboard.length > 0) {
      const buttons = markup.inline_keyboard
        .flat()
        .map((b) => ({ text: b.text, data: b.callback_data, url: b.url }));
      pressable.set(chatId, { message, buttons });
      out(
        indent +
          buttons.map((b, i) => `[${i + 1}] ${b.text}${b.url ? ` ${b.url}` : ''}`).join('  '),
      );
    }
    if (markup?.keyboard) {
      const rows = markup.keyboard.map((row) =>
        row.map((b) =>
          typeof b === 'string'
            ? { text: b, location: false }
            : { text: b.text, location: b.request_location === true },
        ),
      );
      keyboards.set(chatId, rows);
      out(indent + '⌨ ' + rows.map((row) => row.map((b) => `[${b.text}]`).join(' ')).join(' / '));
    }
    if (markup?.remove_keyboard) keyboards.delete(chatId);
  }

  async function send(message: Record<string, unknown>): Promise<void> {
    const update = {
      message: { message_id: ++messageId, date: now(), chat: chat(), from: from(), ...message },
    } as Omit<Update, 'update_id'>;
    show(await tools.send(update));
  }

  async function press(n: number): Promise<void> {
    const held = pressable.get(identity.telegramUserId);
    const button = held?.buttons[n - 1];
    if (!held || !button) {
      out('这个聊天里没有第 ' + n + ' 个按钮 / No button ' + n + ' in this chat');
      return;
    }
    if (button.url) return out(`🔗 ${button.url}`);
    show(
      await tools.send({
        callback_query: {
          id: String(++callbackId),
          from: from(),
          chat_instance: String(identity.telegramUserId),
          data: button.data ?? '',
          message: { ...held.message, chat: chat(), from: localBotInfo },
        },
      } as Omit<Update, 'update_id'>),
    );
  }

  async function switchTo(spec: string): Promise<void> {
    const [first, second] = spec.split(/\s+/);
    const target =
      first === 'guest'
        ? ('guest' as const)
        : first === 'user' && second
          ? { username: second }
          : first && /^\d+$/.test(first) && !second
            ? { cadreId: Number(first) }
            : undefined;
    if (!target) {
      out('用法 / Usage: /as 干部编号 | /as user 用户名 | /as guest  (npm run invite -- --list)');
      return;
    }
    const result = await tools.linkAs(target, languageCode);
    if (!result.ok) {
      const line =
        result.reason === 'unknown-user'
          ? `没有用户名为 ${second} 的账号 / No account named ${second}`
          : result.reason === 'no-open-assignment'
            ? `驻村干部 ${first} 目前没有在岗的派驻任务 / Cadre ${first} has no open assignment`
            : `没有编号为 ${first} 的驻村干部（npm run invite -- --list 可列出） / No cadre with id ${first} (npm run invite -- --list lists them)`;
      out(line);
      return;
    }
    identity = result.identity;
    names.set(identity.telegramUserId, nameOf(identity));
    const id = identity.telegramUserId;
    if (identity.kind === 'cadre') {
      const v = identity.village;
      out(
        `现在您是驻村干部 ${identity.name}（编号 ${identity.cadreId}${v ? `，${v.name}` : ''}），Telegram 用户 ${id} / ` +
          `You are now cadre ${identity.name} (id ${identity.cadreId}${v ? `, ${v.name}` : ''}), Telegram user ${id}`,
      );
      if (v) out(`本村中心 / village centre: /loc ${v.latitude} ${v.longitude}`);
    } else if (identity.kind === 'user') {
      out(
        `现在您是 ${identity.name}（${identity.username}），Telegram 用户 ${id} / ` +
          `You are now ${identity.name} (${identity.username}), Telegram user ${id}`,
      );
    } else {
      out(
        `现在您是未绑定的游客，Telegram 用户 ${id} / You are now an unlinked guest, Telegram user ${id}`,
      );
    }
    if (identity.kind !== 'guest' && identity.movedFrom !== null) {
      out(
        `（原来绑定的 Telegram 用户 ${identity.movedFrom} 已解除绑定 / unlinked from Telegram user ${identity.movedFrom}）`,
      );
    }
    const held = pressable.get(id);
    if (held) {
      out(
        '这个聊天里可按的按钮 / Buttons in this chat: ' +
          held.buttons.map((b, i) => `[${i + 1}] ${b.text}`).join('  '),
      );
    }
  }

  async function handle(line: string): Promise<void> {
    const input = line.trim();
    if (!input) return;
    if (input === '?') return out(help);
    if (/^\/(quit|exit)$/.test(input)) {
      rl.close();
      return;
    }
    const as = /^\/as(?:\s+(.*))?$/.exec(input);
    if (as) return switchTo(as[1]?.trim() ?? '');
    const loc = /^\/loc(?:\s+(.*))?$/.exec(input);
    if (loc) {
      const numbers = (loc[1] ?? '')
        .split(/[\s,，]+/)
        .filter(Boolean)
        .map(Number);
      let [latitude, longitude] = numbers;
      if (numbers.length === 0 && identity.kind === 'cadre' && identity.village) {
        ({ latitude, longitude } = identity.village);
      }
      if (
        latitude === undefined ||
        longitude === undefined ||
        numbers.length > 2 ||
        !(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)
      ) {
        return out('用法 / Usage: /loc 纬度 经度 (LAT LON), e.g. /loc 26.4985 108.177');
      }
      return send({ location: { latitude, longitude } });
    }
    const pressed = /^(?:\/press\s+)?(\d+)$/.exec(input);
    if (pressed && (input.startsWith('/press') || pressable.has(identity.telegramUserId))) {
      return press(Number(pressed[1]));
    }
    const photo = /^\/photo(?:\s+(.*))?$/.exec(input);
    if (photo) {
      const id = `terminal-photo-${Date.now()}`;
      return send({
        photo: [
          { file_id: `${id}-s`, file_unique_id: `${id}-s`, width: 320, height: 240 },
          { file_id: id, file_unique_id: id, width: 1280, height: 960, file_size: 180_000 },
        ],
        ...(photo[1] ? { caption: photo[1] } : {}),
      });
    }
    if (input === '/voice') {
      const id = `terminal-voice-${Date.now()}`;
      return send({
        voice: { file_id: id, file_unique_id: id, duration: 5, mime_type: 'audio/ogg' },
      });
    }
    if (input.startsWith('/')) {
      const command = input.split(/\s/)[0]!;
      return send({
        text: input,
        entities: [{ type: 'bot_command', offset: 0, length: command.length }],
      });
    }
    const button = keyboards
      .get(identity.telegramUserId)
      ?.flat()
      .find((b) => b.text === input && b.location);
    if (button) {
      const centre =
        identity.kind === 'cadre' && identity.village
          ? `/loc ${identity.village.latitude} ${identity.village.longitude}`
          : '/loc 纬度 经度';
      return out(
        `这个按钮在 Telegram 里会发送您的位置；这里请用 ${centre} / In Telegram this button sends your location; here use ${centre}`,
      );
    }
    return send({ text: input });
  }

  // One line at a time, in order, even when stdin is a pipe that delivers them all at once.
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      try {
        await handle(line);
      } catch (error) {
        if (error instanceof CliError) out(error.line());
        else console.error(error);
      }
      saveHistory();
      if (!closed) prompt();
    });
  });
  let closed = false;
  rl.on('SIGINT', () => rl.close());
  rl.on('close', () => {
    closed = true;
    void queue.then(async () => {
      out('');
      await tools.close();
      process.exit(0);
    });
  });
  prompt();
}

function loadHistory(file: string): {
  names: [number, string][];
  pressable: [number, Pressable][];
  keyboards: [number, { text: string; location: boolean }[][]][];
} {
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return {
      names: list(kept.names),
      pressable: list(kept.pressable),
      keyboards: list(kept.keyboards),
    };
  } catch {
    return { names: [], pressable: [], keyboards: [] };
  }
}

main().catch((error: unknown) => {
  if (error instanceof CliError) exit(error.line(), 1);
  console.error(error);
  process.exit(1);
});
