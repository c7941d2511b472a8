import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EmailChannel, WebhookChannel } from '@app/notifications';
import { AuditController, AuditService } from './audit/index.js';
import { EvidenceController, EvidencePackService } from './evidence/index.js';
import { AccessTrailController, AccessTrailInterceptor } from './audit-trail/index.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { FailedLogins } from './auth/failed-logins.js';
import { LoginThrottlerGuard } from './auth/login-throttler.guard.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { AccessGuard } from './access/access.guard.js';
import { UserDirectory } from './access/user-directory.js';
import { UsersController } from './users/users.controller.js';
import { CalendarController, CalendarService } from './calendar/index.js';
import { CheckContextLoader } from './checks/check-context.loader.js';
import { CheckDecisionProcessor } from './checks/check-decision.processor.js';
import { Clock, SystemClock } from './common/clock.js';
import { ProblemFilter } from './common/problem.filter.js';
import { validationPipe } from './common/validation.js';
import { validateEnvironment } from './config/configuration.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { DemoSeeder } from './database/demo-seeder.js';
import { DeadlinesController } from './deadlines/deadlines.controller.js';
import { CompareVersionsHandler } from './decisions/application/compare-versions.query.js';
import { ExecuteDecisionCommandHandler } from './decisions/application/execute-decision-command.js';
import { GetDecisionEventsHandler } from './decisions/application/get-decision-events.query.js';
import { GetDecisionHandler } from './decisions/application/get-decision.query.js';
import { ListDecisionsHandler } from './decisions/application/list-decisions.query.js';
import { DecisionProjector } from './decisions/decision-projections.js';
import { DecisionStore } from './decisions/decision-store.js';
import { DecisionsController } from './decisions/decisions.controller.js';
import { ExpirySweep } from './decisions/expiry-sweep.js';
import { FindingsController } from './findings/findings.controller.js';
import { HealthController } from './health/health.controller.js';
import { BackgroundJobs, type ProcessRole } from './jobs/background.js';
import { bullSettings } from './jobs/bull-settings.js';
import { BullJobQueue } from './jobs/bullmq-queue.js';
import { InProcessJobQueue } from './jobs/in-process-queue.js';
import { JobHandlers, JobQueue } from './jobs/jobs.js';
import { LogDispatcher } from './jobs/log-dispatcher.js';
import { Reconciler } from './jobs/reconciler.js';
import { NotificationDispatcher, NotificationsController } from './notifications/index.js';
import { BodiesController } from './organisation/bodies.controller.js';
import { PowersController } from './organisation/powers.controller.js';
import { OrganisationController } from './organisation/organisation.controller.js';
import { ReferenceData } from './organisation/reference-data.js';
import { RegistryController } from './registry/registry.controller.js';
import { ReminderProcessor } from './reminders/reminder.processor.js';

export interface AppOptions {
  /** Replaces the system clock (tests). */
  clock?: Clock;
  /** 'api' serves HTTP (and runs the jobs in-process without Redis); 'worker' runs the BullMQ workers. */
  role?: ProcessRole;
}

/** The background machinery: processors, the queue (BullMQ or in-process), the log follower, the reconciler. */
function jobProviders(role: ProcessRole): Provider[] {
  return [
    CheckContextLoader,
    CheckDecisionProcessor,
    ReminderProcessor,
    {
      provide: NotificationDispatcher,
      inject: [getDataSourceToken(), ConfigService],
      useFactory: (db: DataSource, config: ConfigService) => {
        const smtp = config.get<string>('SMTP_URL');
        const webhook = config.get<string>('WEBHOOK_URL');
        return new NotificationDispatcher(db, {
          email: smtp ? new EmailChannel(smtp, config.get<string>('MAIL_FROM') ?? 'phancap <no-reply@phancap.local>') : undefined,
          webhook: webhook ? new WebhookChannel(webhook, config.getOrThrow<string>('WEBHOOK_SECRET')) : undefined,
        });
      },
    },
    {
      provide: JobHandlers,
      inject: [CheckDecisionProcessor, ReminderProcessor],
      useFactory: (checks: CheckDecisionProcessor, reminders: ReminderProcessor) => {
        const handlers = new JobHandlers();
        handlers.register('check-decision', (p) => checks.run(p));
        handlers.register('send-reminder', (p) => reminders.run(p));
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
    LogDispatcher,
    {
      provide: BackgroundJobs,
      inject: [ConfigService, JobHandlers, LogDispatcher, Reconciler, JobQueue, AuditService],
      useFactory: (config: ConfigService, handlers: JobHandlers, logs: LogDispatcher, reconciler: Reconciler, queue: JobQueue, audit: AuditService) =>
        new BackgroundJobs(role, config, handlers, logs, reconciler, queue, audit),
    },
  ];
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions = {}): DynamicModule {
    const role = options.role ?? 'api';
    const providers: Provider[] = [
      { provide: Clock, useValue: options.clock ?? new SystemClock() },
      { provide: APP_GUARD, useClass: AuthGuard },
      // Authorisation in one place (access/access.policy.ts), after authentication.
      { provide: APP_GUARD, useClass: AccessGuard },
      UserDirectory, TokenVerifier, FailedLogins, LoginThrottlerGuard,
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_PIPE, useValue: validationPipe },
      // The auditors' own trail: reading history, comparing, verifying, exporting are recorded (audit-trail/trail-routes.ts).
      { provide: APP_INTERCEPTOR, useClass: AccessTrailInterceptor },
      CalendarService,
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
      ReferenceData,
      ExecuteDecisionCommandHandler,
      GetDecisionHandler,
      GetDecisionEventsHandler,
      ListDecisionsHandler,
      CompareVersionsHandler,
      ExpirySweep,
      DemoSeeder,
      AuditService,
      EvidencePackService,
      ...jobProviders(role),
    ];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: (raw) => ({ ...raw, ...validateEnvironment(raw) }) }),
        CqrsModule.forRoot(),
        TerminusModule,
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({ ...dataSourceOptions(config.getOrThrow('DATABASE_URL')), migrationsRun: true }),
        }),
        JwtModule.registerAsync({
          global: true,
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            // Without JWT_SECRET (development only) each start signs with a fresh random key.
            secret: config.get<string>('JWT_SECRET') ?? randomBytes(48).toString('hex'),
            signOptions: { algorithm: 'HS256', expiresIn: config.get('JWT_EXPIRES_IN') ?? '8h' },
            verifyOptions: { algorithms: ['HS256'] },
          }),
        }),
      ],
      controllers: role === 'worker' ? [] : [
        AuthController, DecisionsController, RegistryController, OrganisationController, HealthController,
        FindingsController, DeadlinesController, CalendarController, NotificationsController, UsersController, BodiesController,
        AuditController, EvidenceController, PowersController, AccessTrailController,
      ],
      providers,
    };
  }
}
