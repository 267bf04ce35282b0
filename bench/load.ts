// A small closed-loop load generator: `concurrency` workers, each sending its next request as soon as
// the last one is answered, over kept-alive HTTP connections. Latencies are recorded for every request,
// so percentiles are exact: POSTs (the webhook), GETs (the API), or any other async operation timed
// the same way (the raw inserts).
import { Agent, type OutgoingHttpHeaders, request as httpRequest } from 'node:http';

export interface LoadResult {
  count: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** The first failures' statuses or messages, for the report. */
  failures: string[];
}

/** Runs `operation(i)` for i = 0 … count-1 with `concurrency` in flight; times each. */
export async function timed(
  count: number,
  concurrency: number,
  operation: (i: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies = new Float64Array(count);
  const failures: string[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      try {
        await operation(i);
      } catch (error) {
        errors++;
        if (failures.length < 5)
          failures.push(error instanceof Error ? error.message : String(error));
      }
      latencies[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    count,
    errors,
    seconds,
    perSecond: count / seconds,
    ...percentiles(latencies),
    failures,
  };
}

/** The 50th, 95th and 99th percentiles of some latencies (sorts them in place). */
export function percentiles(latencies: Float64Array): { p50: number; p95: number; p99: number } {
  latencies.sort();
  const n = latencies.length;
  const at = (q: number) => latencies[Math.min(n - 1, Math.floor(q * n))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/**
 * One request over a kept-alive `agent`, resolving with the response body; a status other than
 * `expect` (200) rejects with it.
 */
export function send(
  agent: Agent,
  url: URL,
  options: { method?: string; headers?: OutgoingHttpHeaders; body?: string; expect?: number } = {},
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const req = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          res.statusCode === (options.expect ?? 200)
            ? resolve(Buffer.concat(chunks).toString('utf8'))
            : reject(new Error(`HTTP ${res.statusCode} ${url.pathname}${url.search}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** GETs `url(i)` for i = 0 … count-1 (the body read whole); a status other than 200 is an error. */
export async function getLoad(options: {
  url: (i: number) => string;
  count: number;
  concurrency: number;
  headers?: OutgoingHttpHeaders;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    return await timed(options.count, options.concurrency, async (i) => {
      await send(agent, new URL(options.url(i)), { headers: options.headers });
    });
  } finally {
    agent.destroy();
  }
}

/** POSTs `body(i)` to `url` for i = 0 … count-1; a status other than 200 counts as an error. */
export async function postLoad(options: {
  url: string;
  count: number;
  concurrency: number;
  headers?: Record<string, string>;
  body: (i: number) => string;
}): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    return await timed(options.count, options.concurrency, (i) => {
      const body = options.body(i);
      return new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          {
            agent,
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              ...options.headers,
            },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    });
  } finally {
    agent.destroy();
  }
}
