export { EventStore } from './event-store.js';
export { sqlPool, type Sql, type SqlPool } from './sql.js';
export { LogFollower, type LogFollowerOptions, type LogHandler } from './log-follower.js';
export { readLog, positionOf } from './log-reader.js';
export { createUpcaster, type UpcastSteps } from './upcasters.js';
export { WrongExpectedVersionError, IdempotencyKeyReusedError, SequenceClaimLostError } from './errors.js';
export { EventStoreMigration1732400000000, EVENT_STORE_MIGRATIONS } from './migrations/1732400000000-event-store.js';
export {
  LOG_START,
  type AppendRequest,
  type AppendResult,
  type CommandRef,
  type EventMetadata,
  type Intent,
  type LogPosition,
  type NewEvent,
  type ReadStreamOptions,
  type SequenceClaim,
  type StoredEvent,
  type Upcaster,
} from './types.js';
export * from './chain/index.js';
export * from './decider.js';
export { ExpectedVersionMismatchError, ConcurrencyConflictError } from './errors.js';
export * from './handle-command.js';
export * from './projections/table-projection.js';
export * from './projections/rebuild.js';
export * from './projections/online-rebuild.js';
export { ProjectionVersions1732401000000 } from './migrations/1732401000000-projection-versions.js';
export { Intents1732401200000 } from './migrations/1732401200000-intents.js';
export { Sequences1732402010000 } from './migrations/1732402010000-sequences.js';
export { EventSignatures1732402200000 } from './migrations/1732402200000-event-signatures.js';
export * from './signing/index.js';
export * from './merkle/index.js';
