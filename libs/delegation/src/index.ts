// The public surface of the delegation domain. Other code imports only this file.
export * from './domain/types.js';
export * from './domain/commands.js';
export * from './domain/events.js';
export * from './domain/state.js';
export * from './domain/errors.js';
export * from './domain/decide.js';
export * from './domain/evolve.js';
export * from './domain/upcasters.js';
export * from './domain/rules/index.js';
export * from './workflows/definition.js';
export * from './workflows/registry.js';
export * from './registry/holdings.js';
