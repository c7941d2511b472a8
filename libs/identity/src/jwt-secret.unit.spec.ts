import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtSecret, JWT_SECRET_FILE } from './jwt-secret.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'phancap-jwt-'));

describe('the JWT signing secret', () => {
  it('in development without JWT_SECRET: generated once under DATA_DIR (mode 0600), the same after a restart', () => {
    const dir = join(dataDir(), 'nested');
    const first = jwtSecret({ NODE_ENV: 'development', DATA_DIR: dir });
    const file = join(dir, JWT_SECRET_FILE);
    expect(first).toMatch(/^[0-9a-f]{96}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    // A restart (a new call, nothing cached) signs with the same key: tokens issued before stay valid.
    expect(jwtSecret({ DATA_DIR: dir })).toBe(first);
  });

  it('JWT_SECRET wins and writes nothing; production without it refuses; tests get a key per process', () => {
    const dir = dataDir();
    expect(jwtSecret({ JWT_SECRET: 's'.repeat(40), NODE_ENV: 'production', DATA_DIR: dir })).toBe('s'.repeat(40));
    expect(() => jwtSecret({ NODE_ENV: 'production', DATA_DIR: dir })).toThrow('JWT_SECRET is required when NODE_ENV=production');
    const a = jwtSecret({ NODE_ENV: 'test', DATA_DIR: dir });
    expect(a).not.toBe(jwtSecret({ NODE_ENV: 'test', DATA_DIR: dir }));
    expect(() => statSync(join(dir, JWT_SECRET_FILE))).toThrow(/ENOENT/);
  });

  it('a file restored with looser permissions is tightened; a truncated one is refused, naming the file', () => {
    const dir = dataDir();
    const file = join(dir, JWT_SECRET_FILE);
    writeFileSync(file, `${'a'.repeat(64)}\n`);
    chmodSync(file, 0o644);
    expect(jwtSecret({ DATA_DIR: dir })).toBe('a'.repeat(64));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, 'short\n');
    expect(() => jwtSecret({ DATA_DIR: dir })).toThrow(`${file} holds no usable JWT secret`);
  });
});
