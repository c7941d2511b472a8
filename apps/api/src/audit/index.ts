export { AuditController } from './audit.controller.js';
export { AuditService } from './audit.service.js';
export { AuditKit, checkpointDir, checkpointKeyDir, type AuditSettings } from './audit-kit.js';
export { CheckpointMailer } from './checkpoint-mailer.js';
