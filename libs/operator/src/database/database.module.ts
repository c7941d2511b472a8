import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** The PostgreSQL connection of a process; a serving process runs every context's migrations at start-up. */
@Module({})
export class DatabaseModule {
  static forRoot(options: { migrationsRun?: boolean } = {}): DynamicModule {
    return {
      module: DatabaseModule,
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
