// "A new version is available": shown after a deploy, applied only when the person taps it.
import { useEffect, useState } from 'preact/hooks';
import { defineTexts, useTexts } from './i18n';
import { registerServiceWorker } from './service-worker';

const texts = defineTexts(
  { ready: '有新版本可用。', apply: '立即更新' },
  { ready: 'A new version is available.', apply: 'Update now' },
);

export function UpdatePrompt() {
  const t = useTexts(texts);
  const [apply, setApply] = useState<(() => void) | undefined>();
  useEffect(() => registerServiceWorker((fn) => setApply(() => fn)), []);
  if (!apply) return null;
  return (
    <div class="update-prompt" role="status">
      <span>{t('ready')}</span>
      <button type="button" class="button primary" onClick={apply}>
        {t('apply')}
      </button>
    </div>
  );
}
