import { Module } from '@nestjs/common';
import { DelegationModule } from '@app/delegation';
import { CheckContextLoader } from './application/check-context.loader.js';
import { CheckDecisionProcessor } from './application/check-decision.js';

/** The accountability checks run on a decision, and what they look at. */
@Module({
  imports: [DelegationModule],
  providers: [CheckContextLoader, CheckDecisionProcessor],
  exports: [CheckDecisionProcessor],
})
export class AccountabilityModule {}
