// Test helpers of the event store that need no database (@app/event-store/testing). The PostgreSQL
// helpers beside this file (test-data-source, follower-probes, hash-chain) stay out: importing them loads pg.
export * from './decider-spec.js';
export * from './signing.js';
