import { Module } from '@nestjs/common';
import { DelegationModule } from '@app/delegation';
import { AccessTrail } from './application/access-trail.js';
import { AuditService } from './audit.service.js';
import { EvidencePackService } from './evidence/evidence-pack.service.js';

/** Tamper evidence (the hash chain's checkpoints) and the auditors' evidence packs. */
@Module({
  imports: [DelegationModule],
  providers: [AuditService, EvidencePackService, AccessTrail],
  exports: [AuditService, EvidencePackService, AccessTrail],
})
export class AuditModule {}
