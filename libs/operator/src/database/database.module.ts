import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventSigningKeys, loadEventSigningKeys } from '@app/event-store';
import { dataSourceOptions } from './data-source-options.js';

/**
 * The PostgreSQL connection of a process; a serving process runs every context's migrations at start-up.
 * With it, for every context's event store, the writer's signing keys: they live outside the database
 * (EVENT_SIGNING_KEY, EVENT_SIGNING_KEY_FILE, or DATA_DIR/event-signing, generated on first start).
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: { migrationsRun?: boolean } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [{
        provide: EventSigningKeys,
        inject: [ConfigService],
        useFactory: (config: ConfigService) => loadEventSigningKeys({
          EVENT_SIGNING_KEY: config.get<string>('EVENT_SIGNING_KEY'),
          EVENT_SIGNING_KEY_FILE: config.get<string>('EVENT_SIGNING_KEY_FILE'),
          EVENT_SIGNING_DIR: config.get<string>('EVENT_SIGNING_DIR'),
          DATA_DIR: config.get<string>('DATA_DIR'),
        }),
      }],
      exports: [EventSigningKeys],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            ...dataSourceOptions(config.getOrThrow('DATABASE_URL'), {
              poolSize: Number(config.get('DB_POOL_SIZE') ?? 10),
              connectTimeoutMs: Number(config.get('DB_CONNECT_TIMEOUT_MS') ?? 5000),
            }),
            migrationsRun: options.migrationsRun ?? true,
          }),
        }),
      ],
    };
  }
}
