// The public surface of the organisation domain (bodies with a history). Other code imports only this file.
export * from './types.js';
export * from './events.js';
export * from './commands.js';
export * from './rules.js';
export * from './state.js';
export * from './decide.js';
// The powers catalogue (powers defined, revised, retired on effective dates).
export * from './power-events.js';
export * from './power-rules.js';
export * from './power-state.js';
export * from './power-decide.js';
