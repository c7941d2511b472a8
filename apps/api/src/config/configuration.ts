import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** Environment variables the API reads. Each is validated at start-up with a message naming it. */
export class Environment {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'PORT must be an integer' })
  @Min(1, { message: 'PORT must be between 1 and 65535' })
  @Max(65535, { message: 'PORT must be between 1 and 65535' })
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  HOST: string = '0.0.0.0';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must look like 15m, 8h or 1d' })
  JWT_EXPIRES_IN: string = '8h';

  /** Where the embedded PostgreSQL keeps its files when DATABASE_URL is not set. */
  @IsOptional()
  @IsString()
  DATA_DIR: string = '.data';

  /** Seed the demo province, catalogue and users. Defaults to true on the embedded database only. */
  @IsOptional()
  @IsBooleanString({ message: 'SEED_DEMO must be true or false' })
  SEED_DEMO?: string;

  @IsOptional()
  @Matches(/^\d+(kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT: string = '256kb';

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'EXPIRY_SWEEP_INTERVAL_MS must be an integer' })
  @Min(0, { message: 'EXPIRY_SWEEP_INTERVAL_MS must be ≥ 0 (0 turns the sweep off)' })
  EXPIRY_SWEEP_INTERVAL_MS: number = 60_000;

  @IsOptional()
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: string = 'development';
}

/** Validates process.env; throws one message listing every bad variable and why. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${m} (got ${JSON.stringify(e.value)})`));
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) problems.push('  - JWT_SECRET is required when NODE_ENV=production');
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  return env;
}
