// The villagers' survey at /s/<token>: loads the slip (from the service worker's cache when there is
// no signal), walks through welcome → one question per cadre → optional comment, queues the response
// in the outbox before sending it, and tells the villager where it stands: sent, saved until there
// is signal, or refused with the reason. Flushes the outbox on every open and when the signal returns.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, setApiLang } from '../shared/api';
import {
  defineTexts,
  initialLang,
  type Lang,
  LangContext,
  saveLang,
  useTexts,
} from '../shared/i18n';
import { onOutboxFlushed, requestSync } from '../shared/service-worker';
import {
  type Answer,
  type Delivery,
  deliveryOf,
  discard,
  newResponseId,
  sendWaiting,
  submit,
} from './delivery';
import { type AnswerOption, QuestionScreen } from './question';
import {
  CommentScreen,
  type Problem,
  problemOf,
  ProblemScreen,
  SavedScreen,
  ThanksScreen,
  WelcomeScreen,
} from './screens';

const texts = defineTexts(
  {
    app: '驻村干部满意度测评',
    switchLang: 'English',
    loading: '正在打开测评…',
  },
  {
    app: 'Village cadre satisfaction survey',
    switchLang: '中文',
    loading: 'Opening the survey…',
  },
);

/** GET /api/public/surveys/:token (web/api/public-surveys.ts). */
interface Slip {
  title: string;
  village: string;
  opensOn: string;
  closesOn: string;
  questions: { cadreId: number; zh: string; en: string }[];
  answers: AnswerOption[];
}

type Screen =
  | { name: 'loading' }
  | { name: 'welcome' }
  | { name: 'question'; index: number }
  | { name: 'comment' }
  | { name: 'saved' }
  | { name: 'thanks'; earlier: boolean }
  | { name: 'problem'; problem: Problem; message?: string; afterAnswering?: boolean };

/**
 * Keeps the slip for reopening with no signal. The service worker caches what it fetches itself,
 * but on a phone's first open it does not control the page yet (it takes pages from their next
 * load), so that slip never passed through it: the page puts it where the worker's NetworkFirst
 * route looks (sw.ts: the 'survey-slips' cache, keyed by the slip's URL).
 */
async function keepForOffline(path: string, slip: Slip) {
  if (!('caches' in window) || navigator.serviceWorker?.controller) return;
  const cache = await caches.open('survey-slips');
  const body = JSON.stringify(slip);
  await cache.put(path, new Response(body, { headers: { 'content-type': 'application/json' } }));
}

/** The last segment of /s/<token>. */
const tokenFromPath = () =>
  decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');

export function SurveyApp() {
  const [lang, setLang] = useState<Lang>(initialLang);
  setApiLang(lang);
  const switchLang = () => {
    const next = lang === 'zh-CN' ? 'en' : 'zh-CN';
    saveLang(next);
    setLang(next);
  };
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = texts[lang].app;
  }, [lang]);

  return (
    <LangContext.Provider value={lang}>
      <header class="survey-bar">
        <span class="brand">{texts[lang].app}</span>
        <button
          type="button"
          class="button small lang-switch"
          lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
          onClick={switchLang}
        >
          {texts[lang].switchLang}
        </button>
      </header>
      <main class="survey">
        <Survey token={tokenFromPath()} />
      </main>
    </LangContext.Provider>
  );
}

function Survey(props: { token: string }) {
  const { token } = props;
  const t = useTexts(texts);
  const [slip, setSlip] = useState<Slip>();
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const [answers, setAnswers] = useState<Record<number, Answer>>({});
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const [stillWaiting, setStillWaiting] = useState(false);
  const responseId = useRef(newResponseId());
  /** The id of the response queued during this visit or found waiting when it began. */
  const queuedId = useRef<string | undefined>(undefined);

  /** Shows where the queued response stands; false when nothing of this slip is queued or sent. */
  const showDelivery = (delivery: Delivery): boolean => {
    if (delivery.state === 'none') return false;
    if (delivery.state === 'waiting') {
      queuedId.current = delivery.id;
      setScreen({ name: 'saved' });
    } else if (delivery.state === 'sent') {
      setScreen({ name: 'thanks', earlier: queuedId.current === undefined });
    } else {
      queuedId.current = delivery.id;
      const problem = problemOf(delivery.code, delivery.status);
      setScreen({ name: 'problem', problem, message: delivery.message, afterAnswering: true });
    }
    return true;
  };

  const loadSlip = () => {
    setScreen({ name: 'loading' });
    const path = `/public/surveys/${encodeURIComponent(token)}`;
    api.get<Slip>(path).then(
      (loaded) => {
        void keepForOffline(`/api${path}`, loaded).catch(() => undefined);
        setSlip(loaded);
        setScreen({ name: 'welcome' });
      },
      (error: unknown) => {
        const failure = error instanceof ApiFailure ? error : new ApiFailure(0, 'client', '');
        setScreen({
          name: 'problem',
          problem: problemOf(failure.code, failure.status),
          message: failure.message,
        });
      },
    );
  };

  /** Posts the outbox and updates the screen if this slip's response moved. */
  const sendNow = async () => {
    const delivery = await sendWaiting(token, queuedId.current).catch((): Delivery => ({
      state: 'none',
    }));
    if (delivery.state === 'waiting') void requestSync();
    showDelivery(delivery);
    return delivery;
  };

  useEffect(() => {
    void (async () => {
      // Queued or delivered from this phone earlier: say so, rather than load the slip again
      // (the server would call it used).
      const delivery = await deliveryOf(token).catch((): Delivery => ({ state: 'none' }));
      if (!showDelivery(delivery)) loadSlip();
      // Whatever waits in the outbox (this slip or an earlier one) goes now: "on the next open".
      await sendNow();
    })();
    const online = () => void sendNow();
    window.addEventListener('online', online);
    const stopListening = onOutboxFlushed(
      () => void deliveryOf(token, queuedId.current).then(showDelivery),
    );
    return () => {
      window.removeEventListener('online', online);
      stopListening();
    };
  }, [token]);

  const retry = async () => {
    setRetrying(true);
    const delivery = await sendNow();
    setRetrying(false);
    setStillWaiting(delivery.state === 'waiting');
  };

  const submitAnswers = async () => {
    if (!slip || sending) return;
    setSending(true);
    queuedId.current = responseId.current;
    const trimmed = comment.trim();
    try {
      const delivery = await submit(token, slip.title, {
        id: responseId.current,
        answers: slip.questions.map((q) => ({ cadreId: q.cadreId, answer: answers[q.cadreId]! })),
        ...(trimmed ? { comment: trimmed } : {}),
      });
      if (delivery.state === 'waiting') void requestSync();
      showDelivery(delivery);
    } catch (error) {
      // The phone could not even store it (storage blocked or full).
      const message = error instanceof Error ? error.message : String(error);
      setScreen({ name: 'problem', problem: 'other', message });
    } finally {
      setSending(false);
    }
  };

  const answerAgain = async () => {
    if (queuedId.current) await discard(queuedId.current);
    queuedId.current = undefined;
    responseId.current = newResponseId();
    setAnswers({});
    setComment('');
    loadSlip();
  };

  switch (screen.name) {
    case 'loading':
      return (
        <p role="status" class="loading">
          {t('loading')}
        </p>
      );
    case 'welcome':
      return (
        <WelcomeScreen
          title={slip!.title}
          village={slip!.village}
          questions={slip!.questions.length}
          closesOn={slip!.closesOn}
          onStart={() => setScreen({ name: 'question', index: 0 })}
        />
      );
    case 'question': {
      const { index } = screen;
      const question = slip!.questions[index]!;
      return (
        <QuestionScreen
          key={index}
          index={index}
          total={slip!.questions.length}
          question={t.lang === 'en' ? question.en : question.zh}
          options={slip!.answers}
          chosen={answers[question.cadreId]}
          onAnswer={(answer) => {
            setAnswers((a) => ({ ...a, [question.cadreId]: answer }));
            const last = index === slip!.questions.length - 1;
            setScreen(last ? { name: 'comment' } : { name: 'question', index: index + 1 });
          }}
          onBack={() =>
            setScreen(index === 0 ? { name: 'welcome' } : { name: 'question', index: index - 1 })
          }
        />
      );
    }
    case 'comment':
      return (
        <CommentScreen
          value={comment}
          sending={sending}
          onInput={setComment}
          onSubmit={() => void submitAnswers()}
          onBack={() => setScreen({ name: 'question', index: slip!.questions.length - 1 })}
        />
      );
    case 'saved':
      return (
        <SavedScreen retrying={retrying} stillWaiting={stillWaiting} onRetry={() => void retry()} />
      );
    case 'thanks':
      return <ThanksScreen earlier={screen.earlier} />;
    case 'problem': {
      const { problem } = screen;
      const canReload =
        !screen.afterAnswering && ['need-signal', 'busy', 'other'].includes(problem);
      return (
        <ProblemScreen
          problem={problem}
          message={screen.message}
          afterAnswering={screen.afterAnswering}
          onRetry={canReload ? loadSlip : undefined}
          onAnswerAgain={
            screen.afterAnswering && problem === 'other' ? () => void answerAgain() : undefined
          }
        />
      );
    }
  }
}
