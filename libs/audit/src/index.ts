// The audit context (@app/audit): checkpoints of the hash chain, evidence packs, the auditors' access trail.
export * from './audit.service.js';
export * from './audit-kit.js';
export * from './checkpoint-mailer.js';
export * from './evidence/evidence-pack.service.js';
export type * from './evidence/evidence-pack.types.js';
export * from './evidence/evidence-pdf.js';
export * from './evidence/evidence-text.js';
export * from './evidence/export.js';
export * from './migrations/1732400970000-access-trail.js';
export * from './audit.module.js';
export * from './application/access-trail.js';
export * from './evidence/verify-pack.js';
