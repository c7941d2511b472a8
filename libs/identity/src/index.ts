// The identity and access context (@app/identity): users, tokens, the access policy.
export * from './access.policy.js';
export * from './token-verifier.js';
export * from './failed-logins.js';
export * from './user-directory.js';
export * from './user.entity.js';
export * from './migrations/1732400600000-identity-and-access.js';
export * from './authenticated-user.js';
export * from './login-limiter.js';
export * from './passwords.js';
export * from './identity.module.js';
export * from './application/user-accounts.js';
export * from './application/list-failed-logins.query.js';
export * from './application/credentials.js';
