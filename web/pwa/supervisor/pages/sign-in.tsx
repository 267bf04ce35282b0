// Signing in: with a user name and password, or with the one-time link the bot's /login sends
// (/login#<token>; the token stays in the fragment, so it never reaches a server log).
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken } from '../../shared/api';
import { defineTexts, useTexts } from '../../shared/i18n';
import { navigate } from '../../shared/router';
import { ErrorNotice, Field, InputField, useAction } from '../../shared/ui';
import type { SessionUser } from '../session';

const texts = defineTexts(
  {
    title: '驻村干部管理 · 登录',
    intro: '乡镇、县委组织部、派出单位、纪检和督查人员使用。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    linking: '正在用登录链接登录…',
    language: 'English',
    missing: '请填写用户名和密码。',
  },
  {
    title: 'Village cadres · Sign in',
    intro: 'For township, county, dispatching unit, discipline and inspection staff.',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    linking: 'Signing in with your link…',
    language: '中文',
    missing: 'Please enter your user name and password.',
  },
);

type Signed = SessionUser & { csrfToken: string };

export function SignInPage(props: { onSignedIn(user: SessionUser): void; onSwitchLang(): void }) {
  const t = useTexts(texts);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const done = (user: Signed) => {
    setCsrfToken(user.csrfToken);
    if (location.pathname === '/login') navigate('/', { replace: true });
    props.onSignedIn(user);
  };
  const byPassword = useAction(() => api.post<Signed>('/session', { username, password }));
  const byLink = useAction((token: string) => api.post<Signed>('/session/link', { token }));
  const linkToken = location.pathname === '/login' ? location.hash.slice(1) : '';

  useEffect(() => {
    if (!linkToken) return;
    history.replaceState(null, '', '/login');
    void byLink.act(linkToken).then((user) => user && done(user));
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setMissing(!username || !password);
    if (!username || !password) return;
    const user = await byPassword.act();
    if (user) done(user);
  };

  return (
    <main class="sign-in">
      <div class="section-head">
        <h1>{t('title')}</h1>
        <button type="button" class="button small" onClick={props.onSwitchLang}>
          {t('language')}
        </button>
      </div>
      <p class="muted">{t('intro')}</p>
      {byLink.pending && <p role="status">{t('linking')}</p>}
      <ErrorNotice error={byLink.error ?? byPassword.error} />
      <form onSubmit={submit} noValidate>
        <Field
          id="username"
          label={t('username')}
          error={missing && !username ? t('missing') : undefined}
        >
          {(attrs) => (
            <input
              {...attrs}
              name="username"
              autocomplete="username"
              autocapitalize="none"
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value.trim())}
            />
          )}
        </Field>
        <InputField
          id="password"
          label={t('password')}
          error={missing && !password ? t('missing') : undefined}
          type="password"
          name="password"
          autocomplete="current-password"
          value={password}
          onValue={setPassword}
        />
        <button type="submit" class="button primary" disabled={byPassword.pending}>
          {byPassword.pending ? t('submitting') : t('submit')}
        </button>
      </form>
    </main>
  );
}
