import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../chain/canonical.js';

/** Which key signed an event, and its Ed25519 signature (base64). */
export interface EventSignature {
  keyId: string;
  value: string;
}

/** What a writer signature covers: where the event sits (stream, version) and everything it says. */
export interface SignedEventFields {
  streamId: string;
  streamType: string;
  streamVersion: number;
  type: string;
  /** The schema version as stored (never the upcast one). */
  storedSchemaVersion: number;
  /** The data as stored. */
  data: unknown;
  metadata: unknown;
}

// A prefix of its own, so that no other signed text of the system (a tree head, a checkpoint) can be
// passed off as an event's.
const DOMAIN = 'phancap:event:v1\n';

/** The bytes an event's signature covers: canonical JSON of the fields above. */
export function eventSigningPayload(e: SignedEventFields): Buffer {
  return Buffer.from(DOMAIN + canonicalJson({
    streamId: e.streamId,
    streamType: e.streamType,
    streamVersion: e.streamVersion,
    type: e.type,
    schemaVersion: e.storedSchemaVersion,
    data: e.data,
    metadata: e.metadata,
  }), 'utf8');
}

/** A key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). Stable, derived, not chosen. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export const publicKeyPem = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }) as string;

/** A public key as published: its id and its PEM, and since when it is retired (absent: the current key). */
export interface PublishedKey {
  keyId: string;
  publicKey: string;
  retiredAt?: string;
}

/**
 * The writer's keys: the current one (private, to sign appends; absent on a process that only
 * verifies) and every public key that ever signed, so that events signed before a rotation stay valid.
 */
export class EventSigningKeys {
  private readonly known = new Map<string, KeyObject>();

  constructor(
    readonly current: { keyId: string; privateKey: KeyObject; publicKey: KeyObject } | undefined,
    published: readonly PublishedKey[],
  ) {
    for (const k of published) {
      const key = createPublicKey(k.publicKey);
      if (keyIdOf(key) !== k.keyId) throw new Error(`event signing key ${k.keyId}: the id does not match the public key (it is ${keyIdOf(key)})`);
      this.known.set(k.keyId, key);
    }
    this.retired = published.filter((k) => k.keyId !== current?.keyId);
    if (current) this.known.set(current.keyId, current.publicKey);
  }

  private readonly retired: PublishedKey[];

  /** Signs one event with the current key; throws when this process holds no private key. */
  sign(e: SignedEventFields): EventSignature {
    if (!this.current) throw new Error('no event signing key in this process: it can verify events, not append them');
    return { keyId: this.current.keyId, value: sign(null, eventSigningPayload(e), this.current.privateKey).toString('base64') };
  }

  /** Null when the signature is valid; otherwise why not, in words. */
  check(e: SignedEventFields, signature: EventSignature | undefined): string | null {
    if (!signature) return 'the event carries no writer signature (it was not written by the application)';
    const key = this.known.get(signature.keyId);
    if (!key) return `the event is signed with key ${signature.keyId}, which is not a known signing key (known: ${[...this.known.keys()].join(', ') || 'none'})`;
    let ok = false;
    try {
      ok = verify(null, eventSigningPayload(e), key, Buffer.from(signature.value, 'base64'));
    } catch {
      ok = false;
    }
    return ok ? null : `the writer signature (key ${signature.keyId}) does not match the event: it was changed, moved or copied from another event`;
  }

  /** Every public key, the current one first: what checkpoints and evidence packs publish. */
  publicKeys(): PublishedKey[] {
    const out: PublishedKey[] = this.current ? [{ keyId: this.current.keyId, publicKey: publicKeyPem(this.current.publicKey) }] : [];
    return [...out, ...this.retired];
  }
}

/** A fresh key ring held in memory only (tests, benchmarks): nothing written anywhere. */
export function ephemeralSigningKeys(): EventSigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return new EventSigningKeys({ keyId: keyIdOf(publicKey), privateKey, publicKey }, []);
}
