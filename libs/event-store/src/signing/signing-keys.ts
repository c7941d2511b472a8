import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EventSigningKeys, keyIdOf, publicKeyPem, type PublishedKey } from './event-signature.js';

/** The settings the writer's keys come from (environment variable names). */
export interface EventSigningSettings {
  /** The current private key, PEM (`\n` escapes allowed): production, from the environment. */
  EVENT_SIGNING_KEY?: string;
  /** A file holding it: production, a mounted secret. */
  EVENT_SIGNING_KEY_FILE?: string;
  /** Where the public keys of every key that ever signed are kept (default DATA_DIR/event-signing). */
  EVENT_SIGNING_DIR?: string;
  DATA_DIR?: string;
}

const PRIVATE_FILE = 'signing-key.pem';
const PUBLIC_DIR = 'public';

export const eventSigningDir = (s: EventSigningSettings) => resolve(s.EVENT_SIGNING_DIR || resolve(s.DATA_DIR || '.data', 'event-signing'));

const pem = (text: string) => text.replace(/\\n/g, '\n');

/**
 * The writer's key ring. The private key comes from EVENT_SIGNING_KEY, else EVENT_SIGNING_KEY_FILE, else
 * DATA_DIR/event-signing/signing-key.pem, generated there (mode 0600) on first start: like the JWT secret,
 * it belongs to the machine, never to the database, so whoever can write to the database cannot sign.
 * Every key's public half is kept in event-signing/public/<keyId>.pem (the current one is added on
 * start), so events signed before a rotation stay valid. `generate: false` (a verifying process) never
 * creates a key: without one it can verify, not append.
 */
export function loadEventSigningKeys(settings: EventSigningSettings, opts: { generate?: boolean } = {}): EventSigningKeys {
  const dir = eventSigningDir(settings);
  let privatePem = settings.EVENT_SIGNING_KEY ? pem(settings.EVENT_SIGNING_KEY) : undefined;
  if (!privatePem && settings.EVENT_SIGNING_KEY_FILE) privatePem = readFileSync(settings.EVENT_SIGNING_KEY_FILE, 'utf8');
  if (!privatePem) privatePem = readPrivate(join(dir, PRIVATE_FILE));
  if (!privatePem && opts.generate !== false) privatePem = createPrivateFile(dir);
  let current: ConstructorParameters<typeof EventSigningKeys>[0];
  if (privatePem) {
    const privateKey = createPrivateKey(privatePem);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the event signing key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
    const publicKey = createPublicKey(privateKey);
    current = { keyId: keyIdOf(publicKey), privateKey, publicKey };
    keepPublic(dir, current.keyId, publicKeyPem(publicKey));
  }
  return new EventSigningKeys(current, readPublished(dir));
}

/**
 * Replaces the key in DATA_DIR/event-signing with a new one; the old public key stays in public/, so
 * what it signed stays valid. Processes running pick the new key up when they restart. Returns the new id.
 */
export function rotateEventSigningKey(settings: EventSigningSettings): { keyId: string; previous?: string } {
  if (settings.EVENT_SIGNING_KEY || settings.EVENT_SIGNING_KEY_FILE) {
    throw new Error('the signing key comes from EVENT_SIGNING_KEY(_FILE): rotate it there (the old public key is kept in event-signing/public)');
  }
  const dir = eventSigningDir(settings);
  const before = readPrivate(join(dir, PRIVATE_FILE));
  const previous = before ? keyIdOf(createPublicKey(createPrivateKey(before))) : undefined;
  if (before && previous) keepPublic(dir, previous, publicKeyPem(createPublicKey(createPrivateKey(before))));
  const pair = generateKeyPairSync('ed25519');
  const keyId = keyIdOf(pair.publicKey);
  keepPublic(dir, keyId, publicKeyPem(pair.publicKey));
  const tmp = join(dir, `.${PRIVATE_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(tmp, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600, flag: 'wx' });
  renameSync(tmp, join(dir, PRIVATE_FILE));
  return { keyId, previous };
}

function readPrivate(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
    return text;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Written whole to a temporary file, then linked into place: of two processes starting at once the first key wins. */
function createPrivateFile(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, PRIVATE_FILE);
  const tmp = join(dir, `.${PRIVATE_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(tmp, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  return readFileSync(file, 'utf8');
}

function keepPublic(dir: string, keyId: string, text: string): void {
  const pub = join(dir, PUBLIC_DIR);
  mkdirSync(pub, { recursive: true });
  try {
    writeFileSync(join(pub, `${keyId}.pem`), text, { mode: 0o644, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

function readPublished(dir: string): PublishedKey[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, PUBLIC_DIR));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names.filter((n) => /^[0-9a-f]{16}\.pem$/.test(n)).sort()
    .map((n) => ({ keyId: n.slice(0, 16), publicKey: readFileSync(join(dir, PUBLIC_DIR, n), 'utf8') }));
}

/** A key ring that only verifies, from published public keys (a checkpoint's, an evidence pack's, a file of PEMs). */
export function verifyingKeys(published: readonly PublishedKey[]): EventSigningKeys {
  return new EventSigningKeys(undefined, published);
}

/** The public keys in a PEM bundle (one or more PUBLIC KEY blocks), with their derived ids. */
export function publicKeysFromPem(text: string): PublishedKey[] {
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  return blocks.map((b) => {
    const key = createPublicKey(b);
    return { keyId: keyIdOf(key), publicKey: publicKeyPem(key) };
  });
}
