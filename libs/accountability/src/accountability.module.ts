import { Module } from '@nestjs/common';
import { DelegationModule } from '@app/delegation';
import { CheckContextLoader } from './application/check-context.loader.js';
import { CheckDecisionProcessor } from './application/check-decision.js';
import { DueChecks } from './application/due-checks.js';

/** The accountability checks run on a decision, and what they look at. */
@Module({
  imports: [DelegationModule],
  providers: [CheckContextLoader, CheckDecisionProcessor, DueChecks],
  exports: [CheckDecisionProcessor, CheckContextLoader, DueChecks],
})
export class AccountabilityModule {}
