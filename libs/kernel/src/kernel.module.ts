import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { Clock, SystemClock } from './clock.js';
import { validateEnvironment } from './config/configuration.js';

export interface KernelOptions {
  /** Replaces the system clock (tests). */
  clock?: Clock;
}

/**
 * What every process shares: the validated configuration, the command and query buses, and the one
 * clock (the domain never reads the time itself; tests set it here).
 */
@Global()
@Module({})
export class KernelModule {
  static forRoot(options: KernelOptions = {}): DynamicModule {
    return {
      module: KernelModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: (raw) => ({ ...raw, ...validateEnvironment(raw) }) }),
        CqrsModule.forRoot(),
      ],
      providers: [{ provide: Clock, useValue: options.clock ?? new SystemClock() }],
      exports: [Clock],
    };
  }
}
