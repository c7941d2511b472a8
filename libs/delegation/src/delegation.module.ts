import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CalendarModule, CalendarService } from '@app/calendar';
import { Clock } from '@app/kernel';
import { OrganisationModule } from '@app/organisation';
import { CompareVersionsHandler } from './application/compare-versions.query.js';
import { DecisionStore } from './application/decision-store.js';
import { ExecuteDecisionCommandHandler } from './application/execute-decision-command.js';
import { ExpirySweep } from './application/expiry-sweep.js';
import { GetDecisionEventsHandler } from './application/get-decision-events.query.js';
import { GetDecisionHandler } from './application/get-decision.query.js';
import { ListDecisionsHandler } from './application/list-decisions.query.js';
import { DecisionProjector } from './projections/decision-projections.js';

/** Delegation decisions: the command handler, the queries, the read models, the expiry of ủy quyền. */
@Module({
  imports: [CalendarModule, OrganisationModule],
  providers: [
    {
      provide: DecisionProjector,
      inject: [CalendarService, Clock, ConfigService],
      useFactory: (calendars: CalendarService, clock: Clock, config: ConfigService) =>
        new DecisionProjector(() => calendars.calendar(), () => clock.now(), {
          reminderLeadWorkingDays: Number(config.get('REMINDER_LEAD_WORKING_DAYS') ?? 2),
          expiryWarningDays: Number(config.get('EXPIRY_WARNING_DAYS') ?? 30),
        }),
    },
    DecisionStore,
    ExecuteDecisionCommandHandler,
    GetDecisionHandler,
    GetDecisionEventsHandler,
    ListDecisionsHandler,
    CompareVersionsHandler,
    ExpirySweep,
  ],
  exports: [DecisionStore, DecisionProjector, ExpirySweep],
})
export class DelegationModule {}
