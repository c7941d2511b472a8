// The public surface of the accountability checks (@app/accountability). Pure TypeScript: no I/O, no clock.
export * from './domain/types.js';
export * from './settings.js';
export * from './domain/periods.js';
export { ENDED_STAGES, SUBMITTED_STAGES, findingIdOf, validityOf, overlaps, contains, type Interval } from './domain/support.js';
export * from './reconcile.js';
export * from './rules/index.js';
export * from './application/check-context.loader.js';
export * from './application/check-decision.js';
export * from './application/due-checks.js';
export { delegateRecords, type DelegateRecord } from './application/delegate-records.js';
export * from './migrations/1732402130000-indexed-checks.js';
export * from './accountability.module.js';
export * from './rules/guide.js';
