import { Module } from '@nestjs/common';
import { AccountabilityModule } from '@app/accountability';
import { AuditModule } from '@app/audit';
import { CalendarModule } from '@app/calendar';
import { DelegationModule } from '@app/delegation';
import { KernelModule } from '@app/kernel';
import { NotificationsModule } from '@app/notifications';
import { DatabaseModule, OperatorModule } from '@app/operator';
import { OrganisationModule } from '@app/organisation';

/**
 * The worker process: the same context modules as the API, no controllers. Its OperatorModule runs
 * the BullMQ workers of every queue, the log follower that turns events into jobs, the reconciler and
 * the hash chain.
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
})
export class WorkerModule {}
