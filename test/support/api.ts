// Talking to the API through app.request(), as a signed-in supervisor.

export interface Client {
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  put(path: string, body?: unknown): Promise<Response>;
  del(path: string): Promise<Response>;
  cookie: string;
  csrf: string;
}

/** What answers a path with a response: a Hono app's request(), or fetch to a running server. */
export interface AppLike {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export async function signIn(
  app: AppLike,
  username: string,
  password = 'zhucun-demo',
): Promise<Client> {
  const res = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201)
    throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return client(app, cookie, csrfToken);
}

export function client(app: AppLike, cookie: string, csrf: string): Client {
  const send = async (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        cookie,
        'X-CSRF-Token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    get: async (path, init) =>
      app.request(path, { ...init, headers: { cookie, ...(init?.headers ?? {}) } }),
    post: (path, body) => send('POST', path, body),
    put: (path, body) => send('PUT', path, body),
    del: (path) => send('DELETE', path),
    cookie,
    csrf,
  };
}
