// Picking a cadre in my scope: type a name, village or unit, tap one of the matches. Reads the list
// through useCadres, so it works from the phone's copy when there is no signal.
import { useState } from 'preact/hooks';
import { formatInstant } from '../../../shared/format';
import { defineTexts, useTexts } from '../../../shared/i18n';
import { ErrorNotice } from '../../../shared/ui';
import { type Cadres, matches } from './cadre-list';
import type { CadreRow } from './data';
import { peopleWords } from './words';

const texts = defineTexts(
  {
    label: '驻村干部',
    hint: '输入姓名、村或派出单位查找',
    change: '更换干部',
    results: '找到的干部',
    none: '没有符合条件的干部。',
    more: '还有 {n} 名，请输入更多字缩小范围。',
    loading: '正在加载干部名单…',
    copy: '网络未连接：干部名单是本机 {time} 保存的，可能不是最新的。',
    noCopy: '网络未连接，本机也没有保存过干部名单：请联网后打开一次本页。',
    chosen: '已选：{name}',
  },
  {
    label: 'Cadre',
    hint: 'Type a name, village or dispatching unit',
    change: 'Choose another cadre',
    results: 'Matching cadres',
    none: 'No cadre matches.',
    more: '{n} more; type more to narrow it down.',
    loading: 'Loading the cadres…',
    copy: 'Offline: the list of cadres was saved on this phone at {time}; it may be out of date.',
    noCopy: 'Offline, and no list of cadres saved on this phone yet: open this page once online.',
    chosen: 'Chosen: {name}',
  },
);

const SHOWN = 8;

export function CadrePicker(props: {
  id: string;
  cadres: Cadres;
  value: CadreRow | undefined;
  error?: string;
  onChange(cadre: CadreRow | undefined): void;
}) {
  const t = useTexts(texts);
  const words = useTexts(peopleWords);
  const [q, setQ] = useState('');
  const { cadres, value } = props;
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [hintId, props.error && errorId].filter(Boolean).join(' ');
  const found = q.trim() ? (cadres.list?.cadres ?? []).filter((c) => matches(c, q)) : [];

  return (
    <div class="field">
      {cadres.savedAt && (
        <p class="notice warn" role="status">
          {t('copy', { time: formatInstant(cadres.savedAt, t.lang) })}
        </p>
      )}
      {cadres.error &&
        (cadres.error.offline ? (
          <p class="notice warn" role="status">
            {t('noCopy')}
          </p>
        ) : (
          <ErrorNotice error={cadres.error} />
        ))}
      {value ? (
        <>
          <span class="label" id={`${props.id}-label`}>
            {t('label')}
          </span>
          <div class="people-picked card" aria-labelledby={`${props.id}-label`} role="group">
            <span>
              <strong>{value.name}</strong>{' '}
              <span class="muted">
                {value.assignment.village.name} · {words(value.assignment.role)}
              </span>
            </span>
            <button
              type="button"
              class="button small"
              onClick={() => {
                props.onChange(undefined);
                setQ('');
              }}
            >
              {t('change')}
            </button>
          </div>
          {props.error && (
            <span class="error" id={errorId} role="alert">
              {props.error}
            </span>
          )}
        </>
      ) : (
        <>
          <label class="label" for={props.id}>
            {t('label')}
          </label>
          <input
            id={props.id}
            type="search"
            autocomplete="off"
            value={q}
            aria-invalid={Boolean(props.error)}
            aria-describedby={describedBy}
            aria-controls={`${props.id}-results`}
            onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
          />
          <span class="hint" id={hintId}>
            {cadres.loading && !cadres.list ? t('loading') : t('hint')}
          </span>
          {props.error && (
            <span class="error" id={errorId}>
              {props.error}
            </span>
          )}
          <div id={`${props.id}-results`} aria-live="polite">
            {q.trim() &&
              cadres.list &&
              (found.length === 0 ? (
                <p class="muted">{t('none')}</p>
              ) : (
                <>
                  <ul class="people-results" aria-label={t('results')}>
                    {found.slice(0, SHOWN).map((c) => (
                      <li key={c.id}>
                        <button type="button" onClick={() => props.onChange(c)}>
                          <strong>{c.name}</strong>{' '}
                          <span class="muted">
                            {c.assignment.village.name} · {words(c.assignment.role)}
                            {c.assignment.inPost ? '' : ` · ${words('notInPost')}`}
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                  {found.length > SHOWN && (
                    <p class="muted">{t('more', { n: found.length - SHOWN })}</p>
                  )}
                </>
              ))}
          </div>
        </>
      )}
    </div>
  );
}
