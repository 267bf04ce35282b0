// Accounts (账号) for admins: those whose org unit lies in my subtree, a form to create one with a
// role and an org unit (picked from the tree), and disabling or enabling an account — a disabled
// account is signed out everywhere at once.
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api';
import { defineTexts, useTexts } from '../../../shared/i18n';
import { Empty, Field, InputField, Loaded, useAction, useApi } from '../../../shared/ui';
import { fieldError, FormError } from '../../components/admin/forms';
import { type OrgNode, OrgUnitSelect } from '../../components/admin/org-units';
import { type Role, roleNames, useSession } from '../../session';
import '../../components/admin/admin.css';

const texts = defineTexts(
  {
    title: '账号',
    intro: '您管理范围内的账号。停用的账号会立即在所有设备上退出登录。',
    newUser: '新建账号',
    hideForm: '收起',
    username: '用户名',
    usernameHint: '3–64 个字母、数字、点、下划线或连字符',
    displayName: '显示名称',
    displayNameHint: '如：西江镇党委（张三）',
    password: '初始密码',
    passwordHint: '至少 10 位。不填则只能通过机器人的登录链接登录。',
    role: '角色',
    orgUnit: '所属组织',
    dispatchingUnit: '派出单位',
    cadre: '驻村干部',
    choose: '请选择',
    create: '创建账号',
    creating: '正在创建…',
    created: '账号 {username} 已创建。',
    list: '账号列表',
    search: '搜索用户名或名称',
    searchButton: '搜索',
    none: '没有账号。',
    disabled: '已停用',
    noPassword: '仅机器人登录',
    disable: '停用',
    enable: '启用',
    disableLabel: '停用 {name}',
    enableLabel: '启用 {name}',
    you: '（您自己）',
  },
  {
    title: 'Accounts',
    intro: 'The accounts in your area. A disabled account is signed out on every device at once.',
    newUser: 'New account',
    hideForm: 'Hide',
    username: 'User name',
    usernameHint: '3 to 64 letters, digits, dots, underscores or hyphens',
    displayName: 'Display name',
    displayNameHint: 'e.g. Xijiang township (Zhang San)',
    password: 'First password',
    passwordHint:
      'At least 10 characters. Without one, the account signs in only by the bot’s link.',
    role: 'Role',
    orgUnit: 'Org unit',
    dispatchingUnit: 'Dispatching unit',
    cadre: 'Cadre',
    choose: 'Choose…',
    create: 'Create account',
    creating: 'Creating…',
    created: 'The account {username} is created.',
    list: 'Accounts',
    search: 'Search by user name or name',
    searchButton: 'Search',
    none: 'No accounts.',
    disabled: 'Disabled',
    noPassword: 'Bot sign-in only',
    disable: 'Disable',
    enable: 'Enable',
    disableLabel: 'Disable {name}',
    enableLabel: 'Enable {name}',
    you: '(you)',
  },
);

interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgUnit: { id: number; name: string; level: string };
  dispatchingUnit: { id: number; name: string } | null;
  cadreId: number | null;
  disabled: boolean;
  hasPassword: boolean;
}

const roles = Object.keys(roleNames) as Role[];

export function UsersPage() {
  const t = useTexts(texts);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const users = useApi<Account[]>(`/users${search ? `?q=${encodeURIComponent(search)}` : ''}`);
  const [showForm, setShowForm] = useState(false);
  const [created, setCreated] = useState<string | undefined>();
  return (
    <section>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {created && (
        <p class="notice ok" role="status">
          {t('created', { username: created })}
        </p>
      )}
      {showForm ? (
        <div class="card">
          <div class="section-head">
            <h2>{t('newUser')}</h2>
            <button type="button" class="button small" onClick={() => setShowForm(false)}>
              {t('hideForm')}
            </button>
          </div>
          <CreateUserForm
            onCreated={(username) => {
              setCreated(username);
              setShowForm(false);
              users.reload();
            }}
          />
        </div>
      ) : (
        <div class="button-row">
          <button
            type="button"
            class="button primary"
            onClick={() => {
              setCreated(undefined);
              setShowForm(true);
            }}
          >
            {t('newUser')}
          </button>
        </div>
      )}
      <h2>{t('list')}</h2>
      <form
        class="adm-inline adm-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <InputField id="users-q" label={t('search')} type="search" value={q} onValue={setQ} />
        <button type="submit" class="button">
          {t('searchButton')}
        </button>
      </form>
      <Loaded resource={users}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t('none')}</Empty>
          ) : (
            <ul class="list">
              {list.map((u) => (
                <AccountRow key={u.id} account={u} onChanged={users.reload} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

function AccountRow(props: { account: Account; onChanged(): void }) {
  const t = useTexts(texts);
  const me = useSession().user;
  const u = props.account;
  const toggle = useAction(() =>
    api.post<Account>(`/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`),
  );
  return (
    <li>
      <div class="adm-row-head">
        <strong>
          {u.displayName} {u.id === me.id && <span class="muted">{t('you')}</span>}
        </strong>
        <span class="adm-row-actions">
          {u.disabled && <span class="badge bad">{t('disabled')}</span>}
          {u.id !== me.id && (
            <button
              type="button"
              class={u.disabled ? 'button small' : 'button small danger'}
              aria-label={t(u.disabled ? 'enableLabel' : 'disableLabel', { name: u.username })}
              disabled={toggle.pending}
              onClick={async () => {
                if (await toggle.act()) props.onChanged();
              }}
            >
              {u.disabled ? t('enable') : t('disable')}
            </button>
          )}
        </span>
      </div>
      <p class="adm-row-meta">
        <span>{u.username}</span>
        <span>{roleNames[u.role][t.lang]}</span>
        <span>{u.orgUnit.name}</span>
        {u.dispatchingUnit && <span>{u.dispatchingUnit.name}</span>}
        {!u.hasPassword && <span>{t('noPassword')}</span>}
      </p>
      <FormError error={toggle.error} fields={[]} />
    </li>
  );
}

function CreateUserForm(props: { onCreated(username: string): void }) {
  const t = useTexts(texts);
  const tree = useApi<OrgNode>('/org-units');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('township');
  const [orgUnitId, setOrgUnitId] = useState<number | undefined>();
  const [dispatchingUnitId, setDispatchingUnitId] = useState('');
  const [cadreId, setCadreId] = useState('');
  const units = useApi<{ id: number; name: string }[]>(
    role === 'dispatchingUnit' ? '/dispatching-units' : undefined,
  );
  const cadres = useApi<{
    cadres: { id: number; name: string; assignment: { village: { name: string } } }[];
  }>(role === 'cadre' ? '/cadres?limit=1000' : undefined);
  const create = useAction(() =>
    api.post<Account>('/users', {
      username,
      displayName,
      ...(password ? { password } : {}),
      role,
      orgUnitId,
      ...(role === 'dispatchingUnit' && dispatchingUnitId
        ? { dispatchingUnitId: Number(dispatchingUnitId) }
        : {}),
      ...(role === 'cadre' && cadreId ? { cadreId: Number(cadreId) } : {}),
    }),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    const account = await create.act();
    if (account) props.onCreated(account.username);
  };
  const fields = [
    'username',
    'displayName',
    'password',
    'role',
    'orgUnitId',
    'dispatchingUnitId',
    'cadreId',
  ];
  const e = (field: string) => fieldError(create.error, field);
  return (
    <form onSubmit={submit} noValidate>
      <FormError error={create.error} fields={fields} />
      <InputField
        id="user-username"
        label={t('username')}
        hint={t('usernameHint')}
        error={e('username')}
        autocomplete="off"
        autocapitalize="none"
        spellcheck={false}
        value={username}
        onValue={setUsername}
      />
      <InputField
        id="user-display-name"
        label={t('displayName')}
        hint={t('displayNameHint')}
        error={e('displayName')}
        value={displayName}
        onValue={setDisplayName}
      />
      <InputField
        id="user-password"
        label={t('password')}
        hint={t('passwordHint')}
        error={e('password')}
        type="password"
        autocomplete="new-password"
        value={password}
        onValue={setPassword}
      />
      <Field id="user-role" label={t('role')} error={e('role')}>
        {(attrs) => (
          <select
            {...attrs}
            value={role}
            onChange={(ev) => setRole(ev.currentTarget.value as Role)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleNames[r][t.lang]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="user-org-unit" label={t('orgUnit')} error={e('orgUnitId')}>
        {(attrs) =>
          tree.data ? (
            <OrgUnitSelect
              tree={tree.data}
              value={orgUnitId}
              onChange={setOrgUnitId}
              placeholder={t('choose')}
              attrs={attrs}
            />
          ) : (
            <select {...attrs} disabled>
              <option>{t('choose')}</option>
            </select>
          )
        }
      </Field>
      {role === 'dispatchingUnit' && (
        <Field
          id="user-dispatching-unit"
          label={t('dispatchingUnit')}
          error={e('dispatchingUnitId')}
        >
          {(attrs) => (
            <select
              {...attrs}
              value={dispatchingUnitId}
              onChange={(ev) => setDispatchingUnitId(ev.currentTarget.value)}
            >
              <option value="">{t('choose')}</option>
              {(units.data ?? []).map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {role === 'cadre' && (
        <Field id="user-cadre" label={t('cadre')} error={e('cadreId')}>
          {(attrs) => (
            <select
              {...attrs}
              value={cadreId}
              onChange={(ev) => setCadreId(ev.currentTarget.value)}
            >
              <option value="">{t('choose')}</option>
              {(cadres.data?.cadres ?? []).map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name}（{c.assignment.village.name}）
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <button type="submit" class="button primary" disabled={create.pending}>
        {create.pending ? t('creating') : t('create')}
      </button>
    </form>
  );
}
