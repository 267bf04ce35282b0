// The supervisors' app: loads the session, shows the sign-in page until there is one, then the
// page of the current path inside the layout (a header with the language switch, the menu, and a
// bottom bar with the four most used pages of the person's role).
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  api,
  onReachability,
  serverReachable,
  setApiLang,
  setCsrfToken,
  whenSignedOut,
} from '../shared/api';
import {
  defineTexts,
  initialLang,
  LangContext,
  type Lang,
  saveLang,
  useTexts,
} from '../shared/i18n';
import { Link, match, navigate, useLocation } from '../shared/router';
import { UpdatePrompt } from '../shared/update-prompt';
import { SignInPage } from './pages/sign-in';
import { menu } from './menu';
import { routes } from './routes';
import { roleNames, type Session, SessionContext, type SessionUser, useSession } from './session';

const texts = defineTexts(
  {
    app: '驻村',
    menu: '全部功能',
    more: '更多',
    signOut: '退出登录',
    notFound: '没有这个页面。',
    home: '返回今日待办',
    language: 'English',
    offline: '网络未连接：显示的是上次加载的内容，操作将在联网后才能提交。',
    navigation: '主导航',
  },
  {
    app: 'Zhucun',
    menu: 'All pages',
    more: 'More',
    signOut: 'Sign out',
    notFound: 'There is no such page.',
    home: 'Back to Today',
    language: '中文',
    offline: 'Offline: showing what was last loaded; changes can be sent once you are online.',
    navigation: 'Main navigation',
  },
);

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  setApiLang(lang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    whenSignedOut(() => setUser(null));
    // The session's CSRF token comes with it: a reopened app (sessionStorage gone) can still write.
    api.get<SessionUser & { csrfToken: string }>('/session').then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setUser(session);
      },
      () => setUser(null),
    );
  }, []);

  const switchLang = () => {
    const next = lang === 'zh-CN' ? 'en' : 'zh-CN';
    saveLang(next);
    setApiLang(next);
    setLang(next);
  };

  const session: Session | undefined = user
    ? {
        user,
        async signOut() {
          await api.del('/session').catch(() => undefined);
          setCsrfToken(undefined);
          // What the service worker kept for offline use goes with the session (sw.ts).
          if ('caches' in window) await caches.delete('supervisor-data');
          setUser(null);
          navigate('/', { replace: true });
        },
      }
    : undefined;

  return (
    <LangContext.Provider value={lang}>
      {user === undefined ? null : session ? (
        <SessionContext.Provider value={session}>
          <Layout onSwitchLang={switchLang} />
        </SessionContext.Provider>
      ) : (
        <SignInPage onSignedIn={setUser} onSwitchLang={switchLang} />
      )}
      <UpdatePrompt />
    </LangContext.Provider>
  );
}

function Layout(props: { onSwitchLang(): void }) {
  const t = useTexts(texts);
  const { user, signOut } = useSession();
  const { path } = useLocation();
  const online = useOnline();
  useFocusOnNavigation(path);
  const mine = menu.filter((entry) => entry.roles.includes(user.role));
  const found = routes
    .map((route) => ({ route, params: match(route.path, path) }))
    .find((r) => r.params);

  return (
    <>
      <header class="topbar">
        <Link href="/" class="brand">
          {t('app')}
        </Link>
        <span class="who">
          {user.displayName} · {roleNames[user.role][t.lang]}
        </span>
        <button
          type="button"
          class="button small"
          onClick={props.onSwitchLang}
          lang={t.lang === 'en' ? 'zh-CN' : 'en'}
        >
          {t('language')}
        </button>
      </header>
      {!online && (
        <div class="notice warn offline-banner" role="status">
          {t('offline')}
        </div>
      )}
      <main class="page" id="main">
        {path === '/menu' ? (
          <section>
            <h1>{t('menu')}</h1>
            <ul class="list">
              {mine.map((r) => (
                <li key={r.path}>
                  <Link href={r.path} class="row-link">
                    {r[t.lang]}
                  </Link>
                </li>
              ))}
            </ul>
            <button type="button" class="button" onClick={() => void signOut()}>
              {t('signOut')}
            </button>
          </section>
        ) : found ? (
          <found.route.page params={found.params!} />
        ) : (
          <section>
            <h1>{t('notFound')}</h1>
            <Link href="/">{t('home')}</Link>
          </section>
        )}
      </main>
      <nav class="tabbar" aria-label={t('navigation')}>
        {mine.slice(0, 4).map((r) => (
          <Link
            key={r.path}
            href={r.path}
            aria-current={isCurrent(r.path, path) ? 'page' : undefined}
          >
            {r[t.lang]}
          </Link>
        ))}
        <Link href="/menu" aria-current={path === '/menu' ? 'page' : undefined}>
          {t('more')}
        </Link>
      </nav>
    </>
  );
}

const isCurrent = (route: string, path: string) =>
  route === '/' ? path === '/' : path === route || path.startsWith(`${route}/`);

/** Offline when the phone says so or when the last answer came from the cache, not the server. */
function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine && serverReachable());
  useEffect(() => {
    const update = () => setOnline(navigator.onLine && serverReachable());
    addEventListener('online', update);
    addEventListener('offline', update);
    const stop = onReachability(update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
      stop();
    };
  }, []);
  return online;
}

/**
 * After moving to another page, focus goes to its heading, so a screen reader announces the new
 * page and the next Tab starts from the top of it (not from the link tapped on the last page).
 */
function useFocusOnNavigation(path: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }, [path]);
}
