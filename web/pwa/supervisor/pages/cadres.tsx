// The cadres in my scope (驻村干部): a list to search by name, village, township or dispatching unit,
// each opening the cadre's page. Works from the phone's last copy when there is no signal.
import { useState } from 'preact/hooks';
import { formatInstant } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Empty, ErrorNotice } from '../../shared/ui';
import { matches, useCadres } from '../components/people/cadre-list';
import { peopleWords } from '../components/people/words';
import '../components/people/people.css';

const texts = defineTexts(
  {
    title: '驻村干部',
    search: '查找',
    searchHint: '输入姓名、村、乡镇或派出单位',
    count: '共 {n} 名',
    shown: '显示 {shown} / {n} 名',
    more: '只列出了前 {n} 名，请输入姓名缩小范围。',
    none: '没有符合条件的干部。',
    loading: '正在加载…',
    copy: '网络未连接：这是本机 {time} 保存的名单，可能不是最新的。',
    unit: '派出单位：{name}',
  },
  {
    title: 'Cadres',
    search: 'Search',
    searchHint: 'Name, village, township or dispatching unit',
    count: '{n} in all',
    shown: '{shown} of {n}',
    more: 'Only the first {n} are listed; type a name to narrow it down.',
    none: 'No cadre matches.',
    loading: 'Loading…',
    copy: 'Offline: this is the list saved on this phone at {time}; it may be out of date.',
    unit: 'Sent by {name}',
  },
);

export function CadresPage() {
  const t = useTexts(texts);
  const words = useTexts(peopleWords);
  const cadres = useCadres();
  const [q, setQ] = useState('');
  const all = cadres.list?.cadres ?? [];
  const found = q.trim() ? all.filter((c) => matches(c, q)) : all;
  return (
    <section>
      <h1>{t('title')}</h1>
      <div class="field">
        <label class="label" for="cadre-search">
          {t('search')}
        </label>
        <input
          id="cadre-search"
          type="search"
          value={q}
          aria-describedby="cadre-search-hint"
          autocomplete="off"
          onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
        />
        <span class="hint" id="cadre-search-hint">
          {t('searchHint')}
        </span>
      </div>
      {cadres.savedAt && (
        <p class="notice warn" role="status">
          {t('copy', { time: formatInstant(cadres.savedAt, t.lang) })}
        </p>
      )}
      <ErrorNotice error={cadres.error} />
      {!cadres.list ? (
        cadres.loading && (
          <p class="muted" role="status">
            {t('loading')}
          </p>
        )
      ) : (
        <>
          <p class="muted" role="status">
            {q.trim()
              ? t('shown', { shown: found.length, n: all.length })
              : t('count', { n: cadres.list.total })}
          </p>
          {cadres.list.total > all.length && <p class="muted">{t('more', { n: all.length })}</p>}
          {found.length === 0 ? (
            <Empty>{t('none')}</Empty>
          ) : (
            <ul class="list" aria-label={t('title')}>
              {found.map((c) => (
                <li key={c.id}>
                  <Link href={`/cadres/${c.id}`} class="row-link">
                    <span class="people-row-head">
                      <strong class="people-name">{c.name}</strong>
                      <span class="muted">{words(c.assignment.role)}</span>
                      {!c.assignment.inPost && <span class="badge warn">{words('notInPost')}</span>}
                    </span>
                    <span class="muted people-line">
                      {c.assignment.township ? `${c.assignment.township.name} · ` : ''}
                      {c.assignment.village.name}
                    </span>
                    <span class="muted people-line">
                      {t('unit', { name: c.dispatchingUnit.name })}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
