// Anonymous tips from the web (举报, §2.12), for anyone: send one and get a receipt code; follow it up
// with the code — its status, the handlers' replies — and add to it. No session, no address, no user
// agent is kept; the content is sealed like the bot's tips (db/tip-crypto.ts), and a wrong code gets
// the same answer, after the same work, whether or not it exists. Rate-limited in memory.
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { situations } from '../../core/situations';
import {
  addTipsterMessage,
  createTip,
  findTipByReceipt,
  matchOrgUnit,
  tipMessages,
} from '../../db/queries/tips';
import type { TipKeyring } from '../../db/tip-crypto';
import { formatReceiptCode } from '../../db/tip-crypto';
import { today } from './common';
import type { ApiEnv } from './env';
import { ApiError, tooMany } from './errors';
import { clientAddress, createRateLimiter } from './rate-limit';
import { invalidInput } from './validate';

const text = (max: number) => z.string().trim().min(1).max(max);

const tipBody = z.object({
  subject: text(200),
  situation: z.enum(['other', ...situations.map((s) => s.id)]),
  when: z.string().trim().max(200).default(''),
  where: z.string().trim().max(200).default(''),
  details: z.string().trim().min(10).max(4000),
});

export function publicTipRoutes(keyring: TipKeyring | undefined) {
  // A few tips an hour and a few code look-ups a minute per address (the address is only a key in
  // this memory, never stored).
  const sending = createRateLimiter({ max: 5, windowMs: 3_600_000 });
  const looking = createRateLimiter({ max: 10, windowMs: 60_000 });
  const routes = new Hono<ApiEnv>();

  const ready = () => {
    if (!keyring) {
      throw new ApiError(503, 'tips-unavailable', '举报功能暂未开放。', 'Tips are not open yet.');
    }
    return keyring;
  };
  const unknownCode = () =>
    new ApiError(
      404,
      'unknown-receipt',
      '没有找到这个回执码，请核对后再试。',
      'No tip has this receipt code; check it and try again.',
    );

  routes.post(
    '/',
    describeRoute({
      tags: ['public'],
      summary: 'Send an anonymous tip; the receipt code is shown once',
    }),
    validator('json', tipBody, invalidInput),
    async (c) => {
      if (!sending.hit([clientAddress(c)], c.var.now.getTime())) throw tooMany();
      const body = c.req.valid('json');
      const content = {
        subject: body.subject,
        situation: body.situation as never,
        when: body.when,
        where: body.where,
        details: body.details,
        files: [],
      };
      const place = await matchOrgUnit(c.var.db, `${body.subject} ${body.where}`);
      const { receiptCode } = await createTip(c.var.db, ready(), {
        content,
        orgUnitId: place?.id ?? null,
        receivedOn: today(c),
      });
      return c.json({ receiptCode: formatReceiptCode(receiptCode) }, 201);
    },
  );

  routes.get(
    '/:code',
    describeRoute({ tags: ['public'], summary: 'Follow a tip up with its receipt code' }),
    async (c) => {
      if (!looking.hit([clientAddress(c)], c.var.now.getTime())) throw tooMany();
      const tip = await findTipByReceipt(c.var.db, ready(), c.req.param('code'));
      if (!tip) throw unknownCode();
      const messages = await tipMessages(c.var.db, ready(), tip.id);
      return c.json({
        status: tip.status,
        receivedOn: tip.receivedOn,
        messages: messages.map((m) => ({
          author: m.author,
          sentOn: m.sentOn,
          text: m.content.text,
        })),
      });
    },
  );

  routes.post(
    '/:code/messages',
    describeRoute({ tags: ['public'], summary: 'Add to a tip, with its receipt code' }),
    validator('json', z.object({ text: text(4000) }), invalidInput),
    async (c) => {
      if (!looking.hit([clientAddress(c)], c.var.now.getTime())) throw tooMany();
      const tip = await findTipByReceipt(c.var.db, ready(), c.req.param('code'));
      if (!tip) throw unknownCode();
      if (tip.status === 'closed') {
        throw new ApiError(
          409,
          'tip-closed',
          '这条举报已经办结，不能再补充。',
          'This tip is closed.',
        );
      }
      await addTipsterMessage(
        c.var.db,
        ready(),
        tip.id,
        { text: c.req.valid('json').text, files: [] },
        today(c),
      );
      return c.json({ ok: true }, 201);
    },
  );

  return routes;
}
