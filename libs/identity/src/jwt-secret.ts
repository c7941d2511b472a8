import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const JWT_SECRET_FILE = 'jwt-secret';

export interface JwtSecretSettings {
  JWT_SECRET?: string;
  NODE_ENV?: string;
  DATA_DIR?: string;
}

/**
 * The key that signs access tokens:
 * - JWT_SECRET when set (required with NODE_ENV=production: the configuration refuses to start without it);
 * - in development (the default, embedded or with DATABASE_URL alike), DATA_DIR/jwt-secret, generated
 *   the first time (48 random bytes, hex, mode 0600), so a restart does not log everyone out. Like the
 *   checkpoint keys under DATA_DIR, it belongs to the machine's data, never to the repository;
 * - under NODE_ENV=test, random per process (tests never write into DATA_DIR).
 */
export function jwtSecret(settings: JwtSecretSettings): string {
  if (settings.JWT_SECRET) return settings.JWT_SECRET;
  const env = settings.NODE_ENV ?? 'development';
  if (env === 'production') throw new Error('JWT_SECRET is required when NODE_ENV=production');
  if (env === 'test') return randomBytes(48).toString('hex');
  return loadOrCreateSecret(resolve(settings.DATA_DIR || '.data', JWT_SECRET_FILE));
}

function loadOrCreateSecret(file: string): string {
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(resolve(file, '..'), { recursive: true });
  // Written whole to a temporary file, then linked into place: link() fails when the file exists, so
  // of two processes starting at once the first one's secret wins, and nobody reads a half-written one.
  const tmp = join(resolve(file, '..'), `.${JWT_SECRET_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(tmp, `${randomBytes(48).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  return readSecret(file)!;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (text.length < 32) throw new Error(`${file} holds no usable JWT secret (fewer than 32 characters): delete it to have a new one generated (everyone is logged out)`);
  // Only its owner may read it: tighten a copy restored with looser permissions.
  if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
  return text;
}
