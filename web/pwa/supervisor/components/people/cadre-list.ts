// The cadres in my scope (GET /api/cadres), kept on the phone after each load so the inspection
// form can still pick a cadre with no signal — then said to be the copy of a given time. The copy
// is per account: someone else signing in on the same phone never sees it.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiFailure } from '../../../shared/api';
import { useSession } from '../../session';
import type { CadreList, CadreRow } from './data';

const KEY = 'zhucun-cadres';
/** GET /api/cadres answers at most this many at once. */
const LIMIT = 1000;

interface Saved {
  savedAt: string;
  list: CadreList;
}

export interface Cadres {
  list: CadreList | undefined;
  /** When the list is the phone's copy (offline): the time it was saved. */
  savedAt: string | undefined;
  error: ApiFailure | undefined;
  loading: boolean;
  reload(): void;
}

function readCopy(userId: number): Saved | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(`${KEY}:${userId}`) ?? 'null') as Saved | null;
    return saved?.list?.cadres ? saved : undefined;
  } catch {
    return undefined;
  }
}

function keepCopy(userId: number, list: CadreList): void {
  try {
    const saved: Saved = { savedAt: new Date().toISOString(), list };
    localStorage.setItem(`${KEY}:${userId}`, JSON.stringify(saved));
  } catch {
    // Storage full or blocked: the list still shows; only the offline copy is missing.
  }
}

export function useCadres(): Cadres {
  const { user } = useSession();
  const [state, setState] = useState<Omit<Cadres, 'reload'>>({
    list: undefined,
    savedAt: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.get<CadreList>(`/cadres?limit=${LIMIT}`).then(
      (list) => {
        // An answer while the phone is offline came from the browser's HTTP cache: as old as the
        // phone's own copy, and said to be so.
        const copy = navigator.onLine ? undefined : readCopy(user.id);
        if (!copy) keepCopy(user.id, list);
        if (current) {
          setState({
            list: copy?.list ?? list,
            savedAt: copy?.savedAt,
            error: undefined,
            loading: false,
          });
        }
      },
      (error: unknown) => {
        if (!current) return;
        const failure =
          error instanceof ApiFailure ? error : new ApiFailure(0, 'client', String(error));
        // Only a missing network falls back to the copy; a refusal is shown as it is.
        const copy = failure.offline ? readCopy(user.id) : undefined;
        setState({
          list: copy?.list,
          savedAt: copy?.savedAt,
          error: copy ? undefined : failure,
          loading: false,
        });
      },
    );
    return () => void (current = false);
  }, [user.id, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

/** Whether a cadre matches the words typed: name, village, township or dispatching unit. */
export function matches(cadre: CadreRow, words: string): boolean {
  const text = [
    cadre.name,
    cadre.assignment.village.name,
    cadre.assignment.township?.name ?? '',
    cadre.dispatchingUnit.name,
    cadre.title ?? '',
  ]
    .join(' ')
    .toLowerCase();
  return words
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}
