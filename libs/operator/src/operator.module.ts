import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AccountabilityModule, CheckDecisionProcessor } from '@app/accountability';
import { AuditModule, AuditService } from '@app/audit';
import { DelegationModule } from '@app/delegation';
import { OrganisationModule } from '@app/organisation';
import { BullJobQueue, InProcessJobQueue, JobHandlers, JobQueue, bullSettings } from '@app/jobs';
import { Clock } from '@app/kernel';
import { HandoffNotifier, NotificationsModule, ReminderProcessor } from '@app/notifications';
import { BackgroundJobs, type ProcessRole } from './background/background.js';
import { IntentDispatcher } from './background/intent-dispatcher.js';
import { Reconciler } from './background/reconciler.js';
import { DemoSeeder } from './demo/demo-seeder.js';
import { ProjectionRegistry } from './projections/projection-registry.js';
import { Startup } from './startup.js';

/**
 * Running the system: the job handlers (one per job, checked at start-up), the queue (BullMQ with
 * REDIS_URL, else in this process), the log follower that turns events into jobs, the reconciler,
 * the background loops of this process's role, and the demo seed.
 */
@Module({})
export class OperatorModule {
  static forRoot(options: { role: ProcessRole }): DynamicModule {
    return {
      module: OperatorModule,
      imports: [OrganisationModule, DelegationModule, AccountabilityModule, NotificationsModule, AuditModule],
      providers: [
        {
          provide: JobHandlers,
          inject: [CheckDecisionProcessor, ReminderProcessor, HandoffNotifier],
          useFactory: (checks: CheckDecisionProcessor, reminders: ReminderProcessor, handoffs: HandoffNotifier) => {
            const handlers = new JobHandlers();
            handlers.register('check-decision', (p) => checks.run(p));
            handlers.register('send-reminder', (p) => reminders.run(p));
            handlers.register('notify-handoff', (p) => handoffs.run(p));
            return handlers;
          },
        },
        {
          provide: JobQueue,
          inject: [ConfigService, JobHandlers, Clock],
          useFactory: (config: ConfigService, handlers: JobHandlers, clock: Clock) => {
            const redis = config.get<string>('REDIS_URL');
            return redis ? new BullJobQueue(bullSettings(redis, config.get('QUEUE_PREFIX'))) : new InProcessJobQueue(handlers, () => clock.now());
          },
        },
        Reconciler,
        IntentDispatcher,
        {
          provide: BackgroundJobs,
          inject: [ConfigService, JobHandlers, IntentDispatcher, Reconciler, JobQueue, AuditService],
          useFactory: (config: ConfigService, handlers: JobHandlers, logs: IntentDispatcher, reconciler: Reconciler, queue: JobQueue, audit: AuditService) =>
            new BackgroundJobs(options.role, config, handlers, logs, reconciler, queue, audit),
        },
        DemoSeeder,
        ProjectionRegistry,
        // The CLI runs its own commands (migrate, rebuild-projections, seed-demo) and nothing at start-up.
        ...(options.role === 'cli' ? [] : [Startup]),
      ],
      exports: [JobHandlers, JobQueue, IntentDispatcher, Reconciler, DemoSeeder, ProjectionRegistry],
    };
  }
}
