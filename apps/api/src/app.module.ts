import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { Clock, SystemClock } from './common/clock.js';
import { ProblemFilter } from './common/problem.filter.js';
import { validationPipe } from './common/validation.js';
import { validateEnvironment } from './config/configuration.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { DemoSeeder } from './database/demo-seeder.js';
import { ExecuteDecisionCommandHandler } from './decisions/application/execute-decision-command.js';
import { GetDecisionEventsHandler } from './decisions/application/get-decision-events.query.js';
import { GetDecisionHandler } from './decisions/application/get-decision.query.js';
import { ListDecisionsHandler } from './decisions/application/list-decisions.query.js';
import { DecisionStore } from './decisions/decision-store.js';
import { DecisionsController } from './decisions/decisions.controller.js';
import { ExpirySweep } from './decisions/expiry-sweep.js';
import { HealthController } from './health/health.controller.js';
import { OrganisationController } from './organisation/organisation.controller.js';
import { ReferenceData } from './organisation/reference-data.js';
import { RegistryController } from './registry/registry.controller.js';

export interface AppOptions {
  /** Replaces the system clock (tests). */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: Clock, useValue: options.clock ?? new SystemClock() },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_PIPE, useValue: validationPipe },
      DecisionStore,
      ReferenceData,
      ExecuteDecisionCommandHandler,
      GetDecisionHandler,
      GetDecisionEventsHandler,
      ListDecisionsHandler,
      ExpirySweep,
      DemoSeeder,
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
      controllers: [AuthController, DecisionsController, RegistryController, OrganisationController, HealthController],
      providers,
    };
  }
}
