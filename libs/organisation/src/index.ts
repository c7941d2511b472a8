// The public surface of the organisation domain (bodies with a history). Other code imports only this file.
export * from './domain/types.js';
export * from './domain/events.js';
export * from './domain/commands.js';
export * from './domain/rules.js';
export * from './domain/state.js';
export * from './domain/decide.js';
export * from './domain/body-decider.js';
// The powers catalogue (powers defined, revised, retired on effective dates).
export * from './domain/power-events.js';
export * from './domain/power-rules.js';
export * from './domain/power-state.js';
export * from './domain/power-decide.js';
export * from './domain/power-decider.js';
export * from './domain/sectors.js';
export * from './application/body-store.js';
export * from './application/power-store.js';
export * from './projections/body.entity.js';
export * from './projections/power.entity.js';
export * from './migrations/1732400500000-organisation-history.js';
export * from './migrations/1732400800000-power-catalogue.js';
export * from './organisation.module.js';
export * from './projections/body.projections.js';
export * from './projections/power.projections.js';
export * from './application/list-bodies.query.js';
export * from './application/list-powers.query.js';
export * from './application/get-power.query.js';
export * from './application/organisation-scope.js';
