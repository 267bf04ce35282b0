// Every PostgreSQL advisory lock of the product, in one place: two uses of one key wait on each
// other, and a session lock held for a process's life (the scheduler's) would stall the other for
// good. Keys are database-wide; keep them distinct (test/db/locks.test.ts).
export const advisoryLocks = {
  /** Serialises migrations across processes sharing one PostgreSQL (session lock, db/client.ts). */
  migrations: 7_041_955_001,
  /** Serialises audit appends: each row's hash covers the previous row's (transaction lock). */
  audit: 7_041_955_002,
  /** Two first-admin runs cannot both find no admin (transaction lock). */
  firstAdmin: 7_041_955_003,
  /** Held by the one process that runs the scheduled jobs, for its life (session lock). */
  scheduler: 7_041_955_004,
} as const;
