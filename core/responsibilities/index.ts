// The responsibilities of §4: findings against units and offices (§4.1–§4.3), sanctions (§4.4),
// the ledger (§4.5), support minimums (§4.6) and the recognition criteria (§4.7–§4.8).
export * from './unit-findings';
export * from './sanctions';
export * from './ledger';
export * from './support';
export * from './recognition';
