// The whole schema, one module per aggregate.
export * from './enums';
export * from './org';
export * from './cadres';
export * from './users';
export * from './bot';
export * from './attendance';
export * from './leave';
export * from './assessment';
export * from './tips';
export * from './cases';
export * from './support';
export * from './system';
