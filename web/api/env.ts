// What every API handler can reach through the context: the request's database (a transaction
// for writes), who is asking, in which language, and when.
import type { Database } from '../../db/database';
import type { TipKeyring } from '../../db/tip-crypto';
import type { Config } from '../config';

export type Language = 'zh-CN' | 'en';

/** A signed-in supervisor, with the path of the org subtree they see. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role:
    | 'cadre'
    | 'inspector'
    | 'township'
    | 'county'
    | 'dispatchingUnit'
    | 'discipline'
    | 'province'
    | 'admin';
  orgUnitId: number;
  scopePath: string;
  /** The level of the user's org unit: a county officer at a city unit acts as the city department. */
  scopeLevel: 'province' | 'city' | 'county' | 'township' | 'village';
  dispatchingUnitId: number | null;
  cadreId: number | null;
  csrfToken: string;
  sessionHash: string;
}

/** Messages to people the API's changes concern, through the bot (bot/notify.ts createNotifier). */
export interface Notifier {
  flagsRaised(flagIds: number[]): Promise<void>;
  leaveDecided(leaveId: number, step: number): Promise<void>;
}

export interface ApiEnv {
  Variables: {
    db: Database;
    user: SessionUser | null;
    lang: Language;
    now: Date;
    /** Run once the request's transaction has committed (notifications), never before. */
    afterCommit: (() => Promise<void>)[];
    notifier: Notifier | null;
  };
}

export interface ApiDependencies {
  db: Database;
  config: Config;
  clock?: () => Date;
  /** Present when the bot runs: changes made in the app are told to the people they concern. */
  notifier?: Notifier;
  /** The bot's @username, known once the bot started: invitations then come as deep links. */
  botUsername?: string;
  /** Opens tips for their handlers (TIP_ENCRYPTION_KEY); without it the inbox answers 503. */
  tipKeyring?: TipKeyring;
}
