// The villagers' survey in a phone-sized Chromium: answering a slip, answering one with no signal
// that arrives exactly once when the signal returns, a reused slip, read aloud, English, and
// axe-core's check — each asserted on the screen and on the server's database.
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../../core/calendar/local-date';
import { surveyResponses } from '../../../db/schema';
import { formatDay } from '../../../web/pwa/shared/format';
import { type Client, signIn } from '../../support/api';
import {
  launchChromium,
  phone,
  type PwaServer,
  screenshot,
  seriousViolations,
  startPwaServer,
} from '../../support/browser';

let server: PwaServer;
let browser: Browser;
let county: Client;
const villages: number[] = [];

beforeAll(async () => {
  server = await startPwaServer('pglite');
  browser = await launchChromium();
  // The API over HTTP, as the county would use it from its own app.
  const overHttp = {
    request: (path: string, init?: RequestInit) => fetch(server.url + path, init),
  };
  county = await signIn(overHttp as never, 'demo-county');
  const list = (await (await county.get('/api/villages')).json()) as { id: number }[];
  villages.push(...list.map((v) => v.id));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Slip {
  title: string;
  questions: { cadreId: number; zh: string; en: string }[];
}

/** A survey of a village with cadres, opening today or later, and its slip tokens. */
async function createSurvey(tokens: number, opensInDays = 0) {
  const today = shanghaiDate(new Date());
  for (const villageId of villages) {
    const created = await county.post('/api/surveys', {
      villageId,
      title: '2026年群众满意度测评',
      opensOn: addDays(today, opensInDays),
      closesOn: addDays(today, 14),
    });
    if (created.status !== 201) continue; // no cadre stationed there
    const { survey } = (await created.json()) as { survey: { id: number } };
    const issued = await county.post(`/api/surveys/${survey.id}/tokens`, { count: tokens });
    expect(issued.status).toBe(201);
    const body = (await issued.json()) as { tokens: { token: string }[] };
    return { surveyId: survey.id, tokens: body.tokens.map((t) => t.token) };
  }
  throw new Error('no village with cadres in the demo seed');
}

/** A survey open today, its tokens, and what a slip shows (read over HTTP: a GET uses nothing). */
async function openSurvey(tokens = 1) {
  const created = await createSurvey(tokens);
  const response = await fetch(`${server.url}/api/public/surveys/${created.tokens[0]}`);
  return { ...created, slip: (await response.json()) as Slip };
}

const responsesOf = (surveyId: number) =>
  server.test.handle.db
    .select()
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));

/** The outbox's entries, read straight from IndexedDB. */
const outbox = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Array<{ id: string; kind: string; state: string; body: unknown }>>(
        (resolve, reject) => {
          const open = indexedDB.open('zhucun-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('entries').objectStore('entries').getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          };
        },
      ),
  );

const labels = { satisfied: '满意', basicallySatisfied: '基本满意', dissatisfied: '不满意' };
type Answer = keyof typeof labels;
const choose = (page: Page, answer: Answer) =>
  page.getByRole('button', { name: new RegExp(`^${labels[answer]}`) }).click();

/** Start → one answer per question (checking the progress line) → the comment → submit. */
async function answerAll(
  page: Page,
  slip: Slip,
  answers: Answer[],
  comment = '',
  commentShot?: string,
) {
  await page.getByRole('button', { name: '开始' }).click();
  for (const [i, answer] of answers.entries()) {
    await expect
      .poll(() => page.getByText(`第 ${i + 1} 题，共 ${slip.questions.length} 题`).isVisible())
      .toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(slip.questions[i]!.zh);
    await choose(page, answer);
  }
  await page.getByRole('heading', { name: '您还有什么想说的吗？' }).waitFor();
  if (comment) await page.getByLabel('意见或建议（可以不填）').fill(comment);
  if (commentShot) await screenshot(page, commentShot);
  await page.getByRole('button', { name: '提交' }).click();
}

/** One answer per question, cycling through the three. */
const answersFor = (slip: Slip): Answer[] =>
  slip.questions.map(
    (_, i) => (['satisfied', 'basicallySatisfied', 'dissatisfied'] as const)[i % 3]!,
  );

async function newPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phone(browser);
  return { context, page: await context.newPage() };
}

it('a villager answers a survey on a phone: each question, a changed answer, a comment, thank you; the server has exactly that response', async () => {
  const { surveyId, tokens, slip } = await openSurvey(1);
  const { context, page } = await newPhone();
  await page.goto(`${server.url}/s/${tokens[0]}`);
  await page.getByRole('heading', { name: slip.title }).waitFor();
  expect(await page.getByText(`共 ${slip.questions.length} 题`).isVisible()).toBe(true);
  expect(await page.getByText('这是匿名测评').isVisible()).toBe(true);
  await screenshot(page, 'survey-welcome');

  const wanted = answersFor(slip);
  await page.getByRole('button', { name: '开始' }).click();
  await page.getByText(`第 1 题，共 ${slip.questions.length} 题`).waitFor();
  await screenshot(page, 'survey-question');
  // First 不满意, then back from question 2 to change it: the earlier choice is shown as chosen.
  await choose(page, 'dissatisfied');
  if (slip.questions.length > 1) {
    await page.getByText(`第 2 题`).waitFor();
    await page.getByRole('button', { name: '上一步' }).click();
    await page.getByText(`第 1 题`).waitFor();
    expect(await page.getByRole('button', { name: /^不满意/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await screenshot(page, 'survey-question-chosen');
    await page.getByRole('button', { name: '上一步' }).click();
    await page.getByRole('button', { name: '开始' }).waitFor();
  }
  await answerAll(page, slip, wanted, '希望干部多到农户家里走走。', 'survey-comment');
  await page.getByRole('heading', { name: '谢谢您！' }).waitFor();
  expect(await page.getByText('您的评价已经提交').isVisible()).toBe(true);
  await screenshot(page, 'survey-thanks');

  const responses = await responsesOf(surveyId);
  expect(responses).toHaveLength(1);
  expect(responses[0]!.comment).toBe('希望干部多到农户家里走走。');
  const results = (await (await county.get(`/api/surveys/${surveyId}/results`)).json()) as {
    responses: number;
    cadres: { cadreId: number; counts: Record<Answer, number> }[];
    comments: string[];
  };
  expect(results.responses).toBe(1);
  for (const [i, q] of slip.questions.entries()) {
    const counts = results.cadres.find((c) => c.cadreId === q.cadreId)!.counts;
    expect(counts[wanted[i]!]).toBe(1);
    expect(counts.satisfied + counts.basicallySatisfied + counts.dissatisfied).toBe(1);
  }
  expect(await outbox(page)).toEqual([]);

  // The same phone reopening its slip is thanked again, not told the code was used.
  await page.reload();
  await page.getByText('这份测评您已经在这部手机上提交过了').waitFor();
  await context.close();

  // (c) Someone else with the same slip: the kind explanation.
  const other = await newPhone();
  await other.page.goto(`${server.url}/s/${tokens[0]}`);
  await other.page.getByRole('heading', { name: '这张测评码已经用过了' }).waitFor();
  expect(await other.page.getByText('每张测评码只能提交一次').isVisible()).toBe(true);
  expect(await other.page.getByText('如果不是您本人提交的，请联系村委会').isVisible()).toBe(true);
  await screenshot(other.page, 'survey-token-used');
  await other.context.close();
  expect(await responsesOf(surveyId)).toHaveLength(1);
});

/**
 * Opens a slip once with signal, goes offline, reopens it from the cache and answers it: the
 * answers wait in the outbox and nothing reached the server.
 */
async function answerWithNoSignal(options: { backgroundSync: boolean }) {
  const { surveyId, tokens, slip } = await openSurvey(2);
  const { context, page } = await newPhone();
  if (!options.backgroundSync) {
    // A browser without Background Sync (Firefox, Safari): requestSync() finds no registration.sync.
    await page.addInitScript(() => {
      delete (ServiceWorkerRegistration.prototype as { sync?: unknown }).sync;
    });
  }
  await page.goto(`${server.url}/s/${tokens[0]}`);
  await page.getByRole('heading', { name: slip.title }).waitFor();
  // A villager's first open: the slip is fetched before the worker installs (precaching the survey
  // page and its script) and takes the page, so the page itself keeps the slip in the worker's cache.
  await page.evaluate(() => navigator.serviceWorker.ready);
  expect(await page.evaluate(async () => 'sync' in (await navigator.serviceWorker.ready))).toBe(
    options.backgroundSync,
  );
  await expect
    .poll(() =>
      page.evaluate(async () => (await (await caches.open('survey-slips')).keys()).length),
    )
    .toBe(1);

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: slip.title }).waitFor();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  // The slip came from the cache, not the server: while "offline" the worker's own fetches fail
  // too (in Chromium 150 with playwright-core 1.65 they do). An unknown code is not in the cache,
  // so the worker's NetworkFirst fetch of it can only fail; it would be a 404 with a network.
  const probe = await page.evaluate(() =>
    fetch('/api/public/surveys/not-a-real-code-0000').then(
      (r) => `answered ${r.status}`,
      () => 'failed',
    ),
  );
  expect(probe).toBe('failed');

  await answerAll(page, slip, answersFor(slip), '路修好了，谢谢。');
  await page.getByRole('heading', { name: '已保存，有信号时会自动发送' }).waitFor();
  const queued = await outbox(page);
  expect(queued).toHaveLength(1);
  expect(queued[0]).toMatchObject({ kind: 'survey', state: 'pending' });
  expect(await responsesOf(surveyId)).toHaveLength(0);
  return { surveyId, tokens, context, page, queued: queued[0]! };
}

/** Exactly one response on the server, the outbox empty, and a repeated post recorded once. */
async function expectDeliveredOnce(page: Page, surveyId: number, token: string, body: unknown) {
  expect(await outbox(page)).toEqual([]);
  const stored = await responsesOf(surveyId);
  expect(stored).toHaveLength(1);
  expect(stored[0]!.comment).toBe('路修好了，谢谢。');
  expect(stored[0]!.id).toBe((body as { id: string }).id);
  // The same response posted again (a retry after a lost reply) is answered 200, recorded once.
  const again = await fetch(`${server.url}/api/public/surveys/${token}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(again.status).toBe(200);
  expect(await responsesOf(surveyId)).toHaveLength(1);
}

// Playwright's offline emulation leaves navigator.onLine true in this Chromium, so no 'online'
// event reaches the page when the signal "returns": these tests cover the two other ways the
// answers go out — the worker's Background Sync, and the next open of the slip.
it('a villager with no signal answers from the cache; Background Sync sends the answers exactly once when the signal returns', async () => {
  const { surveyId, tokens, context, page, queued } = await answerWithNoSignal({
    backgroundSync: true,
  });
  await screenshot(page, 'survey-saved-offline');

  // Another slip never opened with signal cannot load: the page says so instead of failing blank.
  const unseen = await context.newPage();
  await unseen.goto(`${server.url}/s/${tokens[1]}`);
  await unseen.getByRole('heading', { name: '需要网络' }).waitFor();
  expect(await unseen.getByText('第一次打开这份测评需要网络信号').isVisible()).toBe(true);
  await unseen.close();

  const posts: string[] = [];
  context.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.serviceWorker() ? 'worker' : 'page');
  });
  await context.setOffline(false);
  // The worker posts the outbox and tells the page, which turns "saved" into "thank you".
  await page.getByRole('heading', { name: '谢谢您！' }).waitFor({ timeout: 20_000 });
  expect(await page.getByText('您的评价已经提交').isVisible()).toBe(true);
  expect(posts).toContain('worker');
  await expectDeliveredOnce(page, surveyId, tokens[0]!, queued.body);
  await context.close();
});

it('without Background Sync, the answers saved offline are sent on the next open of the slip, exactly once', async () => {
  const { surveyId, tokens, context, page, queued } = await answerWithNoSignal({
    backgroundSync: false,
  });
  await context.setOffline(false);
  await page.reload();
  await page.getByRole('heading', { name: '谢谢您！' }).waitFor();
  expect(await page.getByText('您的评价已经提交').isVisible()).toBe(true);
  await expectDeliveredOnce(page, surveyId, tokens[0]!, queued.body);
  await context.close();
});

it("without Background Sync, the page's 'online' handler sends the answers saved offline, exactly once", async () => {
  const { surveyId, tokens, context, page, queued } = await answerWithNoSignal({
    backgroundSync: false,
  });
  await context.setOffline(false);
  // What a phone does when its signal returns (the emulation does not fire it: see above).
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.getByRole('heading', { name: '谢谢您！' }).waitFor();
  await expectDeliveredOnce(page, surveyId, tokens[0]!, queued.body);
  await context.close();
});

it('axe-core finds no serious or critical violation on the question and thank-you screens', async () => {
  const { tokens, slip } = await openSurvey(1);
  const { context, page } = await newPhone();
  await page.goto(`${server.url}/s/${tokens[0]}`);
  await page.getByRole('button', { name: '开始' }).click();
  await page.getByText(`第 1 题`).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  const answers = answersFor(slip);
  for (const answer of answers) await choose(page, answer);
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByRole('heading', { name: '谢谢您！' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

it('"read aloud" speaks the question in Mandarin with a zh-CN voice', async () => {
  const { tokens, slip } = await openSurvey(1);
  const { context, page } = await newPhone();
  // A recording stand-in for the browser's speech synthesis (headless Chromium has no voices).
  await page.addInitScript(() => {
    const spoken: unknown[] = [];
    const voices = [
      { lang: 'en-US', name: 'English' },
      { lang: 'zh_CN', name: '普通话' },
    ];
    Object.assign(window, { spoken });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', {
      configurable: true,
      value: class {
        lang = '';
        voice: unknown = null;
        rate = 1;
        constructor(readonly text: string) {}
      },
    });
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => voices,
        cancel: () => {},
        speak: (u: { text: string; lang: string; voice: { name: string } | null }) =>
          spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name }),
      },
    });
  });
  await page.goto(`${server.url}/s/${tokens[0]}`);
  await page.getByRole('button', { name: '开始' }).click();
  await page.getByRole('button', { name: '朗读题目' }).click();
  const spoken = (await page.evaluate(
    () => (window as unknown as { spoken: unknown[] }).spoken,
  )) as {
    text: string;
    lang: string;
    voice: string;
  }[];
  expect(spoken).toHaveLength(1);
  expect(spoken[0]!.lang).toBe('zh-CN');
  expect(spoken[0]!.voice).toBe('普通话');
  expect(spoken[0]!.text).toContain(slip.questions[0]!.zh);
  expect(spoken[0]!.text).toContain('满意，基本满意，不满意');
  await context.close();
});

it('the English switch shows the survey in English, and a browser without speech has no read-aloud button', async () => {
  const { tokens, slip } = await openSurvey(1);
  const { context, page } = await newPhone();
  await page.addInitScript(() => {
    // Chromium defines it on the window itself; a browser without speech has none.
    delete (window as { speechSynthesis?: unknown }).speechSynthesis;
  });
  await page.goto(`${server.url}/s/${tokens[0]}`);
  await page.getByRole('button', { name: 'English' }).click();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await page.getByText(`${slip.questions.length} questions, one answer each`).waitFor();
  expect(await page.getByText('This survey is anonymous').isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText(`Question 1 of ${slip.questions.length}`).waitFor();
  await screenshot(page, 'survey-question-en');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(slip.questions[0]!.en);
  for (const name of ['Satisfied', 'Basically satisfied', 'Dissatisfied', 'Back']) {
    expect(await page.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
  }
  expect(await page.getByRole('button', { name: 'Read aloud' }).count()).toBe(0);
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByText(`第 1 题，共 ${slip.questions.length} 题`).waitFor();
  await context.close();
});

it('a slip that cannot be answered says why: unknown code, survey not open yet, survey closed', async () => {
  const { context, page } = await newPhone();
  await page.goto(`${server.url}/s/NoSuchCode0000000000`);
  await page.getByRole('heading', { name: '找不到这张测评码' }).waitFor();

  const later = await createSurvey(1, 3);
  await page.goto(`${server.url}/s/${later.tokens[0]}`);
  await page.getByRole('heading', { name: '这次测评还没有开始' }).waitFor();
  const opensOn = addDays(shanghaiDate(new Date()), 3);
  expect(await page.getByText(`这次测评将于 ${formatDay(opensOn, 'zh-CN')} 开始`).isVisible()).toBe(
    true,
  );

  const { surveyId, tokens } = await createSurvey(1);
  expect((await county.post(`/api/surveys/${surveyId}/close`)).status).toBe(200);
  await page.goto(`${server.url}/s/${tokens[0]}`);
  await page.getByRole('heading', { name: '这次测评已经结束' }).waitFor();
  await context.close();
});
