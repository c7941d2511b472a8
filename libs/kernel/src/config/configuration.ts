import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** Environment variables the API reads. Each is validated at start-up with a message naming it. */
export class Environment {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Connections in this process's PostgreSQL pool. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'DB_POOL_SIZE must be an integer' })
  @Min(1, { message: 'DB_POOL_SIZE must be between 1 and 500' })
  @Max(500, { message: 'DB_POOL_SIZE must be between 1 and 500' })
  DB_POOL_SIZE: number = 10;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'PORT must be an integer' })
  @Min(1, { message: 'PORT must be between 1 and 65535' })
  @Max(65535, { message: 'PORT must be between 1 and 65535' })
  PORT: number = 3000;

  /** Where the API listens. Unset: 127.0.0.1 on the embedded default (its demo password is published), else 0.0.0.0. */
  @IsOptional()
  @IsString()
  HOST?: string;

  /** The embedded PostgreSQL's port (default 54329, or a free one when that is taken); only without DATABASE_URL. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'EMBEDDED_PG_PORT must be an integer' })
  @Min(1, { message: 'EMBEDDED_PG_PORT must be between 1 and 65535' })
  @Max(65535, { message: 'EMBEDDED_PG_PORT must be between 1 and 65535' })
  EMBEDDED_PG_PORT?: number;

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

  /** Longest time a client may take to send a whole request (headers and body); then 408 and the connection closes. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'REQUEST_TIMEOUT_MS must be an integer' })
  @Min(100, { message: 'REQUEST_TIMEOUT_MS must be between 100 and 3600000' })
  @Max(3_600_000, { message: 'REQUEST_TIMEOUT_MS must be between 100 and 3600000' })
  REQUEST_TIMEOUT_MS: number = 30_000;

  /** Longest time a client may take to send a request's headers (at most REQUEST_TIMEOUT_MS). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'HEADERS_TIMEOUT_MS must be an integer' })
  @Min(100, { message: 'HEADERS_TIMEOUT_MS must be between 100 and 3600000' })
  @Max(3_600_000, { message: 'HEADERS_TIMEOUT_MS must be between 100 and 3600000' })
  HEADERS_TIMEOUT_MS: number = 10_000;

  /** How long an idle keep-alive connection stays open. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'KEEP_ALIVE_TIMEOUT_MS must be an integer' })
  @Min(100, { message: 'KEEP_ALIVE_TIMEOUT_MS must be between 100 and 600000' })
  @Max(600_000, { message: 'KEEP_ALIVE_TIMEOUT_MS must be between 100 and 600000' })
  KEEP_ALIVE_TIMEOUT_MS: number = 5_000;

  /** How long to wait for a new PostgreSQL connection; past it the request answers 503 (Retry-After). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'DB_CONNECT_TIMEOUT_MS must be an integer' })
  @Min(100, { message: 'DB_CONNECT_TIMEOUT_MS must be between 100 and 600000' })
  @Max(600_000, { message: 'DB_CONNECT_TIMEOUT_MS must be between 100 and 600000' })
  DB_CONNECT_TIMEOUT_MS: number = 5_000;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'EXPIRY_SWEEP_INTERVAL_MS must be an integer' })
  @Min(0, { message: 'EXPIRY_SWEEP_INTERVAL_MS must be ≥ 0 (0 turns the sweep off)' })
  EXPIRY_SWEEP_INTERVAL_MS: number = 60_000;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Reminder jobs a worker runs at once (they are batched: REMINDER_BATCH_SIZE share each database round trip). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'REMINDER_CONCURRENCY must be an integer' })
  @Min(1, { message: 'REMINDER_CONCURRENCY must be between 1 and 5000' })
  @Max(5000, { message: 'REMINDER_CONCURRENCY must be between 1 and 5000' })
  REMINDER_CONCURRENCY: number = 400;

  /** Most reminders one batch of the reminder processor sends together. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'REMINDER_BATCH_SIZE must be an integer' })
  @Min(1, { message: 'REMINDER_BATCH_SIZE must be between 1 and 1000' })
  @Max(1000, { message: 'REMINDER_BATCH_SIZE must be between 1 and 1000' })
  REMINDER_BATCH_SIZE: number = 100;

  /**
   * How old an attempt without a recorded outcome (its worker died between sending and recording) must
   * be before it is re-sent; longer than any send can still be running (the SMTP timeouts are 15 s).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'DELIVERY_IN_DOUBT_AFTER_MS must be an integer' })
  @Min(1000, { message: 'DELIVERY_IN_DOUBT_AFTER_MS must be between 1000 and 86400000' })
  @Max(86_400_000, { message: 'DELIVERY_IN_DOUBT_AFTER_MS must be between 1000 and 86400000' })
  DELIVERY_IN_DOUBT_AFTER_MS: number = 120_000;

  /** SMTP connections kept open and shared by the e-mails of this process. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'SMTP_CONNECTIONS must be an integer' })
  @Min(1, { message: 'SMTP_CONNECTIONS must be between 1 and 100' })
  @Max(100, { message: 'SMTP_CONNECTIONS must be between 1 and 100' })
  SMTP_CONNECTIONS: number = 5;

  /** Key prefix of the BullMQ queues in Redis. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,100}$/, { message: 'QUEUE_PREFIX must be letters, digits, _ . or - (at most 100)' })
  QUEUE_PREFIX: string = 'phancap';

  @IsOptional()
  @IsIn(['on', 'off'], { message: 'BACKGROUND_JOBS must be on or off' })
  BACKGROUND_JOBS: string = 'on';

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'REMINDER_LEAD_WORKING_DAYS must be an integer' })
  @Min(0, { message: 'REMINDER_LEAD_WORKING_DAYS must be between 0 and 30' })
  @Max(30, { message: 'REMINDER_LEAD_WORKING_DAYS must be between 0 and 30' })
  REMINDER_LEAD_WORKING_DAYS: number = 2;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'EXPIRY_WARNING_DAYS must be an integer' })
  @Min(0, { message: 'EXPIRY_WARNING_DAYS must be between 0 and 365' })
  @Max(365, { message: 'EXPIRY_WARNING_DAYS must be between 0 and 365' })
  EXPIRY_WARNING_DAYS: number = 30;

  @IsOptional()
  @Type(() => Number)
  @Min(0, { message: 'CAPACITY_THRESHOLD must be between 0 and 1' })
  @Max(1, { message: 'CAPACITY_THRESHOLD must be between 0 and 1' })
  CAPACITY_THRESHOLD: number = 0.3;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM: string = 'phancap <no-reply@phancap.local>';

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'WEBHOOK_URL must be an http:// or https:// URL' })
  WEBHOOK_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'WEBHOOK_SECRET must be at least 16 characters long' })
  WEBHOOK_SECRET?: string;

  /** Browser origins allowed to call the API (CORS). Unset = none: no Access-Control-Allow-Origin is ever sent. */
  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s/,]+\s*(,\s*https?:\/\/[^\s/,]+\s*)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of origins, each scheme://host[:port] without a path or trailing slash, e.g. https://phancap.travinh.gov.vn,http://localhost:5173',
  })
  CORS_ORIGINS?: string;

  /** Login attempts allowed per minute for one client IP and user name; more get 429. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'LOGIN_RATE_LIMIT must be an integer' })
  @Min(1, { message: 'LOGIN_RATE_LIMIT must be between 1 and 1000 (attempts per minute per IP and user name)' })
  @Max(1000, { message: 'LOGIN_RATE_LIMIT must be between 1 and 1000 (attempts per minute per IP and user name)' })
  LOGIN_RATE_LIMIT: number = 10;

  /**
   * Login attempts allowed per minute from one client IP, whatever the user names, that did not succeed
   * (a successful login gives its attempt back): against password spraying. An office behind one NAT shares it.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'LOGIN_IP_RATE_LIMIT must be an integer' })
  @Min(1, { message: 'LOGIN_IP_RATE_LIMIT must be between 1 and 100000 (unsuccessful attempts per minute per IP)' })
  @Max(100_000, { message: 'LOGIN_IP_RATE_LIMIT must be between 1 and 100000 (unsuccessful attempts per minute per IP)' })
  LOGIN_IP_RATE_LIMIT: number = 60;

  /** Failed logins on one account (any IP) before it backs off: then 1 s, 2 s, 4 s … up to LOGIN_BACKOFF_MAX_SECONDS. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'LOGIN_BACKOFF_AFTER must be an integer' })
  @Min(1, { message: 'LOGIN_BACKOFF_AFTER must be between 1 and 1000 (failed logins before an account backs off)' })
  @Max(1000, { message: 'LOGIN_BACKOFF_AFTER must be between 1 and 1000 (failed logins before an account backs off)' })
  LOGIN_BACKOFF_AFTER: number = 5;

  /** The longest wait an account backs off for after failed logins (0: no backoff). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'LOGIN_BACKOFF_MAX_SECONDS must be an integer' })
  @Min(0, { message: 'LOGIN_BACKOFF_MAX_SECONDS must be between 0 and 3600 (0 turns the backoff off)' })
  @Max(3600, { message: 'LOGIN_BACKOFF_MAX_SECONDS must be between 0 and 3600 (0 turns the backoff off)' })
  LOGIN_BACKOFF_MAX_SECONDS: number = 60;

  /** Where signed checkpoints of the hash chain's head are written (default DATA_DIR/checkpoints). */
  @IsOptional()
  @IsString()
  CHECKPOINT_DIR?: string;

  /** Ed25519 keys (PEM) that sign checkpoints; without them a pair is generated under DATA_DIR/checkpoint-keys. */
  @IsOptional()
  @IsString()
  CHECKPOINT_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  CHECKPOINT_PUBLIC_KEY?: string;

  /**
   * The Ed25519 key (PKCS#8 PEM) that signs every event as it is appended; or EVENT_SIGNING_KEY_FILE, a
   * mounted secret holding it. Without either, DATA_DIR/event-signing/signing-key.pem, generated on first start.
   */
  @IsOptional()
  @IsString()
  EVENT_SIGNING_KEY?: string;

  @IsOptional()
  @IsString()
  EVENT_SIGNING_KEY_FILE?: string;

  /** Where the public keys of every signing key ever used are kept (default DATA_DIR/event-signing). */
  @IsOptional()
  @IsString()
  EVENT_SIGNING_DIR?: string;

  /** Checkpoints are also e-mailed here (needs SMTP_URL). */
  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'AUDITOR_EMAIL must be an e-mail address' })
  AUDITOR_EMAIL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'CHECKPOINT_INTERVAL_MS must be an integer' })
  @Min(60_000, { message: 'CHECKPOINT_INTERVAL_MS must be at least 60000 (a checkpoint re-verifies the whole log)' })
  CHECKPOINT_INTERVAL_MS: number = 3_600_000;

  @IsOptional()
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: string = 'development';
}

/** CORS_ORIGINS as a list (empty when unset). */
export const corsOrigins = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);

/** Validates process.env; throws one message listing every bad variable and why. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  // An empty variable (`FOO=`, common in compose files) means unset.
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
  const env = plainToInstance(Environment, given, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${m} (got ${JSON.stringify(e.value)})`));
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) problems.push('  - JWT_SECRET is required when NODE_ENV=production');
  if (env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) problems.push('  - HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (the headers are part of the request)');
  if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) problems.push('  - WEBHOOK_SECRET is required with WEBHOOK_URL (webhooks are signed)');
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  return env;
}
