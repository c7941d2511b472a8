import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AccountabilityModule } from '@app/accountability';
import { AuditModule } from '@app/audit';
import { CalendarModule } from '@app/calendar';
import { DelegationModule } from '@app/delegation';
import { IdentityModule } from '@app/identity';
import { KernelModule, type KernelOptions } from '@app/kernel';
import { NotificationsModule } from '@app/notifications';
import { DatabaseModule, OperatorModule } from '@app/operator';
import { OrganisationModule } from '@app/organisation';
import { ReportingModule } from '@app/reporting';
import { AccessGuard } from './access/access.guard.js';
import { AccessTrailController } from './audit/access-trail.controller.js';
import { AccessTrailInterceptor } from './audit/access-trail.interceptor.js';
import { AuditController } from './audit/audit.controller.js';
import { EvidenceController } from './audit/evidence.controller.js';
import { TreeController } from './audit/tree.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { LoginThrottlerGuard } from './auth/login-throttler.guard.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { ProblemFilter } from './common/problem.filter.js';
import { validationPipe } from './common/validation.js';
import { DeadlinesController } from './decisions/deadlines.controller.js';
import { DecisionsController } from './decisions/decisions.controller.js';
import { FindingsController } from './decisions/findings.controller.js';
import { RegistryController } from './decisions/registry.controller.js';
import { HealthController } from './health/health.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { DocumentsController } from './decisions/documents.controller.js';
import { NotificationPreferencesController } from './notifications/notification-preferences.controller.js';
import { BodiesController } from './organisation/bodies.controller.js';
import { OrganisationController } from './organisation/organisation.controller.js';
import { WorkflowsController } from './organisation/workflows.controller.js';
import { PowersController } from './organisation/powers.controller.js';
import { UsersController } from './users/users.controller.js';
import { PeopleController } from './users/people.controller.js';
import { QuarterlyReportsController } from './reports/quarterly-reports.controller.js';
import { YearlyEvaluationsController } from './reports/yearly-evaluations.controller.js';

export type AppOptions = KernelOptions;

/**
 * The HTTP application: the context modules (each with its own application layer) and, here, only
 * what HTTP needs: controllers, authentication and the access policy's guard, problem documents,
 * validation, the auditors' access trail. Without REDIS_URL it also runs the background jobs in-process.
 */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KernelModule.forRoot(options),
        DatabaseModule.forRoot(),
        TerminusModule,
        IdentityModule,
        CalendarModule,
        OrganisationModule,
        DelegationModule,
        AccountabilityModule,
        NotificationsModule,
        AuditModule,
        ReportingModule,
        OperatorModule.forRoot({ role: 'api' }),
      ],
      controllers: [
        AuthController, DecisionsController, RegistryController, OrganisationController, WorkflowsController, HealthController,
        FindingsController, DeadlinesController, CalendarController, NotificationsController, NotificationPreferencesController, DocumentsController, UsersController, PeopleController, BodiesController,
        AuditController, TreeController, EvidenceController, PowersController, AccessTrailController, QuarterlyReportsController, YearlyEvaluationsController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        // Authorisation in one place (libs/identity/src/access.policy.ts), after authentication.
        { provide: APP_GUARD, useClass: AccessGuard },
        LoginThrottlerGuard,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useValue: validationPipe },
        // The auditors' own trail: reading history, comparing, verifying, exporting are recorded (audit/trail-routes.ts).
        { provide: APP_INTERCEPTOR, useClass: AccessTrailInterceptor },
      ],
    };
  }
}
