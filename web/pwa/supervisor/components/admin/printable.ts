// A POST whose answer is a printable HTML page (the survey's sheet of QR slips): sent with the CSRF
// header like every write, then shown in a window opened at the click (so no popup blocker stops
// it) through a blob: URL, which the app's CSP allows and which never reaches a server log.
import { ApiFailure, csrfToken } from '../../../shared/api';
import type { Lang } from '../../../shared/i18n';

/** The HTML of a POST to /api`path`; a refusal becomes an ApiFailure as with api.post. */
export async function postForHtml(path: string, body: unknown, lang: Lang): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Accept-Language': lang,
        'X-CSRF-Token': csrfToken(),
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(
      0,
      'offline',
      lang === 'en'
        ? 'No network connection. Please try again when you have a signal.'
        : '网络未连接，请在有信号时重试。',
    );
  }
  if (!response.ok) {
    const data = (await response.json().catch(() => undefined)) as
      { error?: string; message?: string; field?: string; clause?: string } | undefined;
    throw new ApiFailure(
      response.status,
      data?.error ?? 'http',
      data?.message ?? `HTTP ${response.status}`,
      data?.field,
      data?.clause,
    );
  }
  return response.text();
}

/**
 * Opens a window now (inside the click), then fills it with the page `load` returns. Returns the
 * blob: URL (for a link, should the browser have refused the window), or throws what `load` threw.
 */
export async function openPrintable(
  load: () => Promise<string>,
  waiting: string,
): Promise<{ url: string; opened: boolean }> {
  const win = window.open('', '_blank');
  try {
    if (win) win.document.body.textContent = waiting;
  } catch {
    // Nothing to say in a window the browser keeps apart.
  }
  try {
    const html = await load();
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    if (win && !win.closed) {
      win.location.replace(url);
      return { url, opened: true };
    }
    return { url, opened: false };
  } catch (error) {
    win?.close();
    throw error;
  }
}
