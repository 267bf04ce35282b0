// `npm run webhook`: tells Telegram where the bot lives — PUBLIC_URL/bot/webhook with
// TELEGRAM_WEBHOOK_SECRET — and sets the command menu. `npm start` does this itself when it starts;
// a Worker never "starts", so after `npm run deploy` run this once (and after changing the URL or
// the secret), with the same values as the Worker's.
import { Api } from 'grammy';
import { setCommandMenu } from '../../bot/features/start';
import { loadTexts } from '../../bot/i18n';
import { ConfigError, parseConfig } from '../config';
import { readLocaleSources } from '../node-texts';
import { exit } from './shared';

try {
  const config = parseConfig(process.env);
  const missing = (['TELEGRAM_BOT_TOKEN', 'PUBLIC_URL', 'TELEGRAM_WEBHOOK_SECRET'] as const).filter(
    (name) => !config[name],
  );
  if (missing.length > 0)
    exit(`错误：请设置 ${missing.join('、')} / Error: set ${missing.join(', ')}`, 2);

  const api = new Api(config.TELEGRAM_BOT_TOKEN!, { apiRoot: config.TELEGRAM_API_ROOT });
  const url = `${config.PUBLIC_URL}/bot/webhook`;
  const me = await api.getMe();
  await api.setWebhook(url, { secret_token: config.TELEGRAM_WEBHOOK_SECRET });
  await setCommandMenu(api, loadTexts(readLocaleSources()));
  console.log(
    `机器人 @${me.username} 的 webhook 已设为 / bot @${me.username}: webhook set to ${url}`,
  );
} catch (error) {
  if (error instanceof ConfigError) exit(error.line(), 2);
  exit(
    `错误：无法设置 webhook（${(error as Error).message}）/ Error: cannot set the webhook (${(error as Error).message})`,
    1,
  );
}
