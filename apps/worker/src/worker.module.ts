import { Module, type OnModuleInit } from '@nestjs/common';
import { assertOneProcessorPerQueue } from '@app/jobs';
import { AccountabilityModule } from '@app/accountability';
import { AuditModule } from '@app/audit';
import { CalendarModule } from '@app/calendar';
import { DelegationModule } from '@app/delegation';
import { KernelModule } from '@app/kernel';
import { NotificationsModule } from '@app/notifications';
import { DatabaseModule, OperatorModule } from '@app/operator';
import { OrganisationModule } from '@app/organisation';
import { ChecksProcessor } from './processors/checks.processor.js';
import { RemindersProcessor } from './processors/reminders.processor.js';

/**
 * The worker process: the same context modules as the API, no controllers, and one processor per
 * queue (refused at start-up when a queue has none, or two). Its OperatorModule runs the intent
 * dispatcher that turns what the workflows asked for into jobs, the reconciler and the hash chain.
 */
@Module({
  imports: [
    KernelModule.forRoot(),
    DatabaseModule.forRoot(),
    CalendarModule,
    OrganisationModule,
    DelegationModule,
    AccountabilityModule,
    NotificationsModule,
    AuditModule,
    OperatorModule.forRoot({ role: 'worker' }),
  ],
  providers: [ChecksProcessor, RemindersProcessor],
})
export class WorkerModule implements OnModuleInit {
  constructor(
    private readonly checks: ChecksProcessor,
    private readonly reminders: RemindersProcessor,
  ) {}

  onModuleInit(): void {
    assertOneProcessorPerQueue([this.checks, this.reminders]);
  }
}
