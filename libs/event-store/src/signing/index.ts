export * from './event-signature.js';
export * from './signing-keys.js';
