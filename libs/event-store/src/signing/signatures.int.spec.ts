import { describe, it, expect, beforeEach, afterEach, jest } from '@jest/globals';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventStore } from '../event-store.js';
import { HashChainer } from '../chain/hash-chainer.js';
import { Verifier } from '../chain/verifier.js';
import { chainAll, eventAt, openChainDataSource, recomputeChain, seed, tamper } from '../testing/hash-chain.js';
import { TEST_SIGNING_KEYS } from '../testing/signing.js';
import { meta } from '../testing/test-data-source.js';
import { EventSigningKeys, ephemeralSigningKeys, eventSigningPayload, keyIdOf, verifyingKeys } from './index.js';

const SCHEMA = 'es_signatures_spec';
let ds: DataSource;
let store: EventStore;
let chainer: HashChainer;
let verifier: Verifier;

beforeEach(async () => {
  ds = await openChainDataSource(SCHEMA);
  store = new EventStore(ds, undefined, TEST_SIGNING_KEYS);
  chainer = new HashChainer(ds, { batchSize: 7 });
  verifier = new Verifier(ds, TEST_SIGNING_KEYS);
  await seed(store);
  await chainAll(ds, chainer);
});
afterEach(async () => ds?.destroy());
jest.setTimeout(30_000);

/** Inserts, as plain SQL, the next event of `s-a` (version 6): a revocation nobody decided. */
async function forgeRevocation(extra: { signature?: string; keyId?: string } = {}) {
  const metadata = meta('2025-06-01T00:00:00.000Z');
  await tamper(ds, `INSERT INTO events (stream_id, stream_type, stream_version, event_type, schema_version, data, metadata, occurred_at, signature, key_id)
    VALUES ('s-a', 'Decision', 6, 'DecisionRevoked', 1, '{"reason": "Giả mạo"}', $1, $2, $3, $4)`,
  [JSON.stringify(metadata), metadata.occurredAt, extra.signature ?? null, extra.keyId ?? null]);
  return { metadata, data: { reason: 'Giả mạo' } };
}

describe('writer signatures', () => {
  it('signs every appended event where it is written, and reads the signature back', async () => {
    const events = await store.readStream('s-b');
    expect(events).toHaveLength(5);
    for (const e of events) {
      expect(e.signature).toEqual({ keyId: TEST_SIGNING_KEYS.current!.keyId, value: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) });
      expect(TEST_SIGNING_KEYS.check(e, e.signature)).toBeNull();
    }
    expect(await verifier.verifyLog()).toMatchObject({ status: 'intact', checked: 20 });
  });

  it('catches a revocation INSERTed in SQL at the end of a stream and chained by the follower as if it were real', async () => {
    await forgeRevocation();
    await chainAll(ds, chainer); // the app restarts: its follower chains the forged row like any other
    const forged = await eventAt(ds, 's-a', 6);
    const found = { status: 'forged', at: { globalPosition: forged.globalPosition, streamId: 's-a', streamVersion: 6 }, reason: expect.stringMatching(/no writer signature/) };
    expect(await verifier.verifyLog()).toMatchObject({ ...found, checked: forged.logSeq - 1 });
    expect(await verifier.verifyStream('s-a')).toMatchObject({ ...found, checked: 5 });
    expect(await verifier.verifyStream('s-b')).toMatchObject({ status: 'intact' });
  });

  it('catches a forged event carrying a signature copied from another event', async () => {
    const [real] = await store.readStream('s-a', { fromVersion: 5 });
    await forgeRevocation({ signature: real.signature!.value, keyId: real.signature!.keyId });
    await chainAll(ds, chainer);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'forged', at: { streamId: 's-a', streamVersion: 6 }, reason: expect.stringMatching(/does not match/) });
  });

  it('catches a forged event signed with a key of the forger\'s own', async () => {
    const own = generateKeyPairSync('ed25519');
    const body = { streamId: 's-a', streamType: 'Decision', streamVersion: 6, type: 'DecisionRevoked', storedSchemaVersion: 1, data: { reason: 'Giả mạo' }, metadata: meta('2025-06-01T00:00:00.000Z') };
    await forgeRevocation({ signature: sign(null, eventSigningPayload(body), own.privateKey).toString('base64'), keyId: keyIdOf(own.publicKey) });
    await chainAll(ds, chainer);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'forged', at: { streamId: 's-a', streamVersion: 6 }, reason: expect.stringMatching(/not a known signing key/) });
  });

  it('catches data edited in SQL even when every hash is recomputed from scratch', async () => {
    const target = await eventAt(ds, 's-c', 3);
    await tamper(ds, `UPDATE events SET data = jsonb_set(data, '{title}', '"Giả mạo"') WHERE global_position = $1`, [target.globalPosition]);
    await recomputeChain(ds, chainer);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'forged', at: { globalPosition: target.globalPosition, streamId: 's-c', streamVersion: 3 } });
    expect(await verifier.verifyStream('s-c')).toMatchObject({ status: 'forged', at: { streamVersion: 3 } });
  });

  it('catches two events of a stream swapped (versions exchanged)', async () => {
    const [two, three] = [await eventAt(ds, 's-d', 2), await eventAt(ds, 's-d', 3)];
    await tamper(ds, `UPDATE events SET stream_version = 1000 WHERE global_position = $1`, [two.globalPosition]);
    await tamper(ds, `UPDATE events SET stream_version = 2 WHERE global_position = $1`, [three.globalPosition]);
    await tamper(ds, `UPDATE events SET stream_version = 3 WHERE global_position = $1`, [two.globalPosition]);
    // (The chainer refuses to chain a stream whose versions go backwards in the log's order.)
    const r = await verifier.verifyStream('s-d');
    expect(r.status).toMatch(/^(altered|forged|inserted)$/);
    expect(r).toMatchObject({ at: { streamId: 's-d' } });
    expect([2, 3]).toContain((r as { at: { streamVersion: number } }).at.streamVersion);
  });

  it('keeps events signed before a key rotation valid under the retired key', async () => {
    const next = ephemeralSigningKeys();
    const ring = new EventSigningKeys(next.current, [...TEST_SIGNING_KEYS.publicKeys()]);
    await new EventStore(ds, undefined, ring).append({
      streamId: 's-a', streamType: 'Decision', expectedVersion: 5, events: [{ type: 'Touched', schemaVersion: 1, data: { after: 'rotation' } }], metadata: meta(),
    });
    await chainAll(ds, chainer);
    const [last] = await store.readStream('s-a', { fromVersion: 6 });
    expect(last.signature!.keyId).toBe(next.current!.keyId);
    expect(await new Verifier(ds, ring).verifyLog()).toMatchObject({ status: 'intact', checked: 21 });
    // Published keys alone (no private key) verify the same.
    expect(await new Verifier(ds, verifyingKeys(ring.publicKeys())).verifyLog()).toMatchObject({ status: 'intact', checked: 21 });
    // A verifier that was never told of the old key refuses the events it signed, naming the first.
    const first = await new Verifier(ds, verifyingKeys(next.publicKeys())).verifyLog();
    expect(first).toMatchObject({ status: 'forged', checked: 0, reason: expect.stringMatching(new RegExp(TEST_SIGNING_KEYS.current!.keyId)) });
  });

  it('refuses to append without a signing key', async () => {
    await expect(new EventStore(ds).append({ streamId: 's-z', streamType: 'Decision', expectedVersion: 0, events: [{ type: 'X', schemaVersion: 1, data: {} }], metadata: meta() }))
      .rejects.toThrow(/no signing key/);
    await expect(new EventStore(ds, undefined, verifyingKeys(TEST_SIGNING_KEYS.publicKeys())).append({
      streamId: 's-z', streamType: 'Decision', expectedVersion: 0, events: [{ type: 'X', schemaVersion: 1, data: {} }], metadata: meta(),
    })).rejects.toThrow(/no event signing key/);
    expect(await store.streamVersion('s-z')).toBe(0);
  });
});
