import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DelegationModule } from '@app/delegation';
import { KernelModule } from '@app/kernel';
import { DatabaseModule, OperatorModule } from '@app/operator';
import { OrganisationModule } from '@app/organisation';

/**
 * The operator commands' process: the same context modules as the API and the worker, no controllers,
 * nothing running by itself (the migrations run only when asked for, by `migrate`).
 */
@Module({
  imports: [
    KernelModule.forRoot(),
    DatabaseModule.forRoot({ migrationsRun: false }),
    OrganisationModule,
    DelegationModule,
    AuditModule,
    OperatorModule.forRoot({ role: 'cli' }),
  ],
})
export class CliModule {}
