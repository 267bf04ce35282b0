// The regulation as code (关于进一步从严管理村党组织第一书记和驻村干部的意见, 2017): the public API
// of core/, in the regulation's order. Pure: no I/O, no clock, no environment. See README.md.
export * from './calendar';
export * from './calendar/local-date';
export * from './parameters';
export * from './attendance'; // §1.1, §1.2, §2.4, §2.5
export * from './situations'; // §2.1–§2.13
export * from './procedure'; // §3.1–§3.8
export * from './responsibilities'; // §4.1–§4.8
export * from './scenarios'; // shared/policy/scenarios
