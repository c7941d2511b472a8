import { describe, it, expect } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyIdOf, publicKeysFromPem, verifyingKeys } from './index.js';
import { loadEventSigningKeys, rotateEventSigningKey } from './signing-keys.js';

const event = { streamId: 'd-1', streamType: 'decision', streamVersion: 1, type: 'DecisionDrafted', storedSchemaVersion: 1, data: { title: 'Ủy quyền' }, metadata: { actorId: 'u' } };

describe('the writer\'s signing keys', () => {
  it('are generated once under DATA_DIR (private key mode 0600) and read back the same', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'phancap-sign-'));
    const first = loadEventSigningKeys({ DATA_DIR: dataDir });
    const file = join(dataDir, 'event-signing', 'signing-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadEventSigningKeys({ DATA_DIR: dataDir });
    expect(again.current!.keyId).toBe(first.current!.keyId);
    expect(again.check(event, first.sign(event))).toBeNull();
    expect(readdirSync(join(dataDir, 'event-signing', 'public'))).toEqual([`${first.current!.keyId}.pem`]);
    // A verifying process never creates a key.
    const elsewhere = mkdtempSync(join(tmpdir(), 'phancap-sign-'));
    expect(loadEventSigningKeys({ DATA_DIR: elsewhere }, { generate: false }).current).toBeUndefined();
  });

  it('rotate: the new key signs, what the old one signed stays valid, and both are published', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'phancap-sign-'));
    const old = loadEventSigningKeys({ DATA_DIR: dataDir });
    const signedBefore = old.sign(event);
    const { keyId, previous } = rotateEventSigningKey({ DATA_DIR: dataDir });
    expect(previous).toBe(old.current!.keyId);
    const ring = loadEventSigningKeys({ DATA_DIR: dataDir });
    expect(ring.current!.keyId).toBe(keyId);
    expect(ring.check(event, signedBefore)).toBeNull();
    expect(ring.publicKeys().map((k) => k.keyId).sort()).toEqual([keyId, previous].sort());
    expect(ring.publicKeys()[0].keyId).toBe(keyId);
  });

  it('takes the key from EVENT_SIGNING_KEY (one line, \\n escapes) or a mounted file, and refuses a non-Ed25519 key', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'phancap-sign-'));
    const pair = generateKeyPairSync('ed25519');
    const text = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(loadEventSigningKeys({ DATA_DIR: dataDir, EVENT_SIGNING_KEY: text.replace(/\n/g, '\\n') }).current!.keyId).toBe(keyIdOf(pair.publicKey));
    const secret = join(dataDir, 'mounted.pem');
    writeFileSync(secret, text);
    expect(loadEventSigningKeys({ DATA_DIR: dataDir, EVENT_SIGNING_KEY_FILE: secret }).current!.keyId).toBe(keyIdOf(pair.publicKey));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => loadEventSigningKeys({ DATA_DIR: dataDir, EVENT_SIGNING_KEY: rsa })).toThrow(/Ed25519/);
  });

  it('checks name what is wrong: no signature, an unknown key, a signature that does not match', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'phancap-sign-'));
    const keys = loadEventSigningKeys({ DATA_DIR: dataDir });
    const sig = keys.sign(event);
    const pems = keys.publicKeys().map((k) => k.publicKey).join('');
    const outside = verifyingKeys(publicKeysFromPem(pems));
    expect(outside.check(event, sig)).toBeNull();
    expect(outside.check(event, undefined)).toMatch(/no writer signature/);
    expect(outside.check(event, { ...sig, keyId: '0123456789abcdef' })).toMatch(/0123456789abcdef, which is not a known signing key/);
    expect(outside.check({ ...event, streamVersion: 2 }, sig)).toMatch(/does not match/);
    expect(outside.check({ ...event, data: { title: 'Phân cấp' } }, sig)).toMatch(/does not match/);
    // The canonical form: key order does not matter.
    expect(outside.check({ ...event, metadata: { actorId: 'u' }, data: { title: 'Ủy quyền' } }, sig)).toBeNull();
  });
});
