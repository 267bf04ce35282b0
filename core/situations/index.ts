// The situations of §2: the catalogue, who may file each, and the detectors that raise flags.
export * from './catalogue';
export type * from './detection';
export * from './reviews';
export * from './inspections';
export * from './surveys';
export * from './month-close';
export * from './flags';
