// The case procedure of §3 (§3.1–§3.8) and the escalation of its overdue steps (§4.2, §4.3).
export * from './parties';
export * from './tracks';
export * from './table';
export * from './refusals';
export * from './post-notice';
export * from './transition';
export * from './escalation';
