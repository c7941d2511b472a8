import { describe, expect, it } from '@jest/globals';
import { validateEnvironment } from './configuration.js';

describe('configuration from the environment', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: '.data', BODY_LIMIT: '256kb', JWT_EXPIRES_IN: '8h' });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reads numbers from their string form', () => {
    expect(validateEnvironment({ PORT: '8080', EXPIRY_SWEEP_INTERVAL_MS: '0' })).toMatchObject({ PORT: 8080, EXPIRY_SWEEP_INTERVAL_MS: 0 });
  });

  it('names every bad variable and why, in one message', () => {
    let message = '';
    try {
      validateEnvironment({ PORT: '70000', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', SEED_DEMO: 'yes', BODY_LIMIT: 'huge' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('PORT must be between 1 and 65535 (got 70000)');
    expect(message).toContain('DATABASE_URL must be a postgres:// URL');
    expect(message).toContain('JWT_SECRET must be at least 32 characters long');
    expect(message).toContain('SEED_DEMO must be true or false');
    expect(message).toContain('BODY_LIMIT must look like 100kb or 1mb');
  });

  it('bounds slow clients and a silent database by default, and refuses header timeouts beyond the request timeout', () => {
    expect(validateEnvironment({})).toMatchObject({ REQUEST_TIMEOUT_MS: 30_000, HEADERS_TIMEOUT_MS: 10_000, KEEP_ALIVE_TIMEOUT_MS: 5_000, DB_CONNECT_TIMEOUT_MS: 5_000 });
    expect(() => validateEnvironment({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '2000' })).toThrow('HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS');
    expect(() => validateEnvironment({ REQUEST_TIMEOUT_MS: 'soon' })).toThrow('REQUEST_TIMEOUT_MS must be an integer');
    expect(() => validateEnvironment({ DB_CONNECT_TIMEOUT_MS: '0' })).toThrow('DB_CONNECT_TIMEOUT_MS must be between 100 and 600000');
  });

  it('requires a JWT secret in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db' })).toThrow('JWT_SECRET is required when NODE_ENV=production');
  });
});
