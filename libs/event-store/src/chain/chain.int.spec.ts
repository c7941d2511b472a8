import { TEST_SIGNING_KEYS } from '../testing/signing.js';
import { describe, it, expect, beforeEach, afterEach, jest } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { EventStore } from '../event-store.js';
import { chainAll, eventAt, openChainDataSource, recomputeChain, seed, STREAMS, tamper } from '../testing/hash-chain.js';
import { meta } from '../testing/test-data-source.js';
import { canonicalEvent, chainHash } from './canonical.js';
import { CheckpointPublisher, loadCheckpointKeys, verifyCheckpointFile, type Checkpoint } from './checkpoint.js';
import { HashChainer } from './hash-chainer.js';
import { Verifier } from './verifier.js';

const SCHEMA = 'es_chain_spec';
let ds: DataSource;
let store: EventStore;
let chainer: HashChainer;
let verifier: Verifier;

// Every test starts from a freshly built, fully chained log: each tamper happens on its own copy.
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

describe('the hash chain', () => {
  it('chains every event once, in commit order, and verifies intact', async () => {
    const rows: Array<{ log_seq: number; global_position: number; stream_id: string; stream_version: number; stream_hash: string; log_hash: string }> =
      await ds.query(`SELECT log_seq::int, global_position::int, stream_id, stream_version, stream_hash, log_hash FROM event_hashes ORDER BY log_seq`);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM events`);
    expect(rows.map((r) => r.log_seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));

    // Recomputed by hand from the raw rows in commit-safe order.
    const raw = await store.readAll({ limit: 1000 });
    expect(rows.map((r) => r.global_position)).toEqual(raw.map((e) => e.globalPosition));
    let log = '';
    const streams = new Map<string, string>();
    raw.forEach((e, i) => {
      log = chainHash(log, canonicalEvent(e));
      const s = chainHash(streams.get(e.streamId) ?? '', canonicalEvent(e));
      streams.set(e.streamId, s);
      expect(rows[i]).toMatchObject({ stream_id: e.streamId, stream_version: e.streamVersion, stream_hash: s, log_hash: log });
    });

    const result = await verifier.verifyLog();
    expect(result).toEqual({ status: 'intact', checked: n, pending: 0, head: { logSeq: n, logHash: log, globalPosition: rows[n - 1].global_position, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    for (const s of STREAMS) expect(await verifier.verifyStream(s)).toMatchObject({ status: 'intact', checked: 5 });
  });

  it('hashes the data as stored, so the canonical form ignores key order and spacing', async () => {
    const [e] = await store.readStream('s-a', { toVersion: 1 });
    const data = e.data as Record<string, unknown>;
    const shuffled = { ...e, data: Object.fromEntries(Object.keys(data).reverse().map((k) => [k, data[k]])) };
    expect(Object.keys(shuffled.data)).not.toEqual(Object.keys(data));
    expect(canonicalEvent(shuffled)).toBe(canonicalEvent(e));
    expect(canonicalEvent(e)).not.toMatch(/\s"|":\s/);
  });

  it('catches an event edited in SQL as altered, at that event', async () => {
    const target = await eventAt(ds, 's-b', 3);
    await tamper(ds, `UPDATE events SET data = jsonb_set(data, '{title}', '"Giả mạo"') WHERE stream_id = 's-b' AND stream_version = 3`);
    expect(await verifier.verifyLog()).toMatchObject({
      status: 'altered', checked: target.logSeq - 1,
      at: { globalPosition: target.globalPosition, streamId: 's-b', streamVersion: 3, logSeq: target.logSeq },
    });
    expect(await verifier.verifyStream('s-b')).toMatchObject({ status: 'altered', checked: 2, at: { streamId: 's-b', streamVersion: 3 } });
    expect(await verifier.verifyStream('s-a')).toMatchObject({ status: 'intact' });
  });

  it('catches edited metadata and an edited event type too', async () => {
    const target = await eventAt(ds, 's-c', 2);
    await tamper(ds, `UPDATE events SET metadata = metadata || '{"actorId": "someone-else"}' WHERE global_position = $1`, [target.globalPosition]);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'altered', at: { streamId: 's-c', streamVersion: 2 } });
    await tamper(ds, `UPDATE events SET metadata = metadata || '{"actorId": "user-1"}', event_type = 'DecisionIssued' WHERE global_position = $1`, [target.globalPosition]);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'altered', at: { streamId: 's-c', streamVersion: 2 } });
  });

  it('catches a deleted event, located', async () => {
    const target = await eventAt(ds, 's-c', 2);
    await tamper(ds, `DELETE FROM events WHERE global_position = $1`, [target.globalPosition]);
    expect(await verifier.verifyLog()).toMatchObject({
      status: 'deleted', at: { globalPosition: target.globalPosition, streamId: 's-c', streamVersion: 2, logSeq: target.logSeq },
    });
    expect(await verifier.verifyStream('s-c')).toMatchObject({ status: 'deleted', at: { streamId: 's-c', streamVersion: 2 } });
  });

  it('catches an event deleted together with its hash row (a hole in the chain and in the stream)', async () => {
    const target = await eventAt(ds, 's-d', 4);
    await tamper(ds, `DELETE FROM events WHERE global_position = $1`, [target.globalPosition]);
    await tamper(ds, `DELETE FROM event_hashes WHERE global_position = $1`, [target.globalPosition]);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'deleted', at: { logSeq: target.logSeq } });
    expect(await verifier.verifyStream('s-d')).toMatchObject({ status: 'deleted', at: { streamId: 's-d', streamVersion: 4 } });
  });

  it('catches the newest events cut off with their hash rows', async () => {
    const [{ g }] = await ds.query(`SELECT max(global_position)::int AS g FROM event_hashes`);
    await tamper(ds, `DELETE FROM events WHERE global_position = $1`, [g]);
    await tamper(ds, `DELETE FROM event_hashes WHERE global_position = $1`, [g]);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'deleted', at: { globalPosition: g } });
  });

  it('catches a forged event inserted before the chained head, with a valid-looking stream version', async () => {
    const early = await eventAt(ds, 's-a', 2);
    // The next version of s-a, placed in the past: the transaction id of an early, already chained write.
    await tamper(ds, `INSERT INTO events (transaction_id, stream_id, stream_type, stream_version, event_type, schema_version, data, metadata, occurred_at)
      VALUES ($1::xid8, 's-a', 'Decision', 6, 'DecisionIssued', 1, '{"documentNumber": "99/QĐ-UBND"}', $2, '2025-01-02T00:00:00Z')`,
    [early.transactionId, JSON.stringify(meta('2025-01-02T00:00:00.000Z'))]);
    const forged = await eventAt(ds, 's-a', 6);
    expect(await verifier.verifyLog()).toMatchObject({
      status: 'inserted', at: { globalPosition: forged.globalPosition, streamId: 's-a', streamVersion: 6 },
    });
    expect(await verifier.verifyStream('s-a')).toMatchObject({ status: 'inserted', at: { streamId: 's-a', streamVersion: 6 } });
    expect(await verifier.verifyStream('s-b')).toMatchObject({ status: 'intact' });
  });

  it('catches a stored hash edited in place', async () => {
    const target = await eventAt(ds, 's-b', 1);
    await tamper(ds, `UPDATE event_hashes SET log_hash = repeat('0', 64) WHERE log_seq = $1`, [target.logSeq]);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'altered', at: { logSeq: target.logSeq, streamId: 's-b', streamVersion: 1 } });
  });

  it('reports the FIRST problem in chain order when there are several', async () => {
    const later = await eventAt(ds, 's-d', 5);
    const earlier = await eventAt(ds, 's-a', 1);
    await tamper(ds, `DELETE FROM events WHERE global_position = $1`, [later.globalPosition]);
    await tamper(ds, `UPDATE events SET data = '{}' WHERE global_position = $1`, [earlier.globalPosition]);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'altered', at: { logSeq: earlier.logSeq } });
  });
});

describe('checkpoints', () => {
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'phancap-cp-'));
    const keys = loadCheckpointKeys({ keyDir: join(dir, 'keys') });
    const delivered: Checkpoint[] = [];
    const publisher = new CheckpointPublisher(ds, {
      dir: join(dir, 'checkpoints'), keys, verifier, deliver: async (cp) => { delivered.push(cp); },
    });
    return { dir, keys, publisher, delivered };
  };

  it('publishes a signed file that verifies, and still verifies after more appends', async () => {
    const { dir, keys, publisher, delivered } = setup();
    const { checkpoint, file } = await publisher.publish();
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM events`);
    expect(file).toBe(join(dir, 'checkpoints', `checkpoint-${n}.json`));
    expect(checkpoint).toMatchObject({ logSeq: n, logHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(delivered).toEqual([checkpoint]);
    expect(await verifyCheckpointFile(file, verifier, keys.publicKey)).toMatchObject({ status: 'intact', checked: n, checkpoint });
    expect((await publisher.publish({ onlyIfMoved: true })).published).toBe(false);

    await store.append({ streamId: 's-e', streamType: 'Decision', expectedVersion: 0, events: [{ type: 'X', schemaVersion: 1, data: {} }], metadata: meta() });
    await chainAll(ds, chainer);
    expect(await verifyCheckpointFile(file, verifier, keys.publicKey)).toMatchObject({ status: 'intact', checked: n });
    expect(await publisher.publish({ onlyIfMoved: true })).toMatchObject({ published: true, checkpoint: { logSeq: n + 1 } });
    expect((await publisher.list()).map((c) => c.checkpoint.logSeq)).toEqual([n + 1, n]);
    // The same key pair is read back, not generated again.
    expect(loadCheckpointKeys({ keyDir: join(dir, 'keys') }).publicKey.equals(keys.publicKey)).toBe(true);
  });

  it('refuses a checkpoint file whose hash, signature or key was changed', async () => {
    const { keys, publisher } = setup();
    const { file, checkpoint } = await publisher.publish();
    const write = (cp: object) => { writeFileSync(file, JSON.stringify(cp)); return file; };
    const flipped = (checkpoint.logHash[0] === 'a' ? 'b' : 'a') + checkpoint.logHash.slice(1);
    expect(await verifyCheckpointFile(write({ ...checkpoint, logHash: flipped }), verifier, keys.publicKey)).toMatchObject({ status: 'refused' });
    const sig = Buffer.from(checkpoint.signature, 'base64');
    sig[0] ^= 1;
    expect(await verifyCheckpointFile(write({ ...checkpoint, signature: sig.toString('base64') }), verifier, keys.publicKey)).toMatchObject({ status: 'refused' });
    expect(await verifyCheckpointFile(write({ ...checkpoint, logSeq: checkpoint.logSeq - 1 }), verifier, keys.publicKey)).toMatchObject({ status: 'refused' });
    const other = generateKeyPairSync('ed25519');
    expect(await verifyCheckpointFile(write(checkpoint), verifier, other.publicKey)).toMatchObject({ status: 'refused' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(checkpoint);
    expect(await verifyCheckpointFile(file, verifier, keys.publicKey)).toMatchObject({ status: 'intact' });
  });

  it('catches an edit before the checkpoint head, even by a thief of the signing key who recomputes every hash', async () => {
    const { keys, publisher } = setup();
    const { file } = await publisher.publish();
    const target = await eventAt(ds, 's-c', 1);
    await tamper(ds, `UPDATE events SET data = '{"title": "Viết lại"}' WHERE global_position = $1`, [target.globalPosition]);
    expect(await verifyCheckpointFile(file, verifier, keys.publicKey)).toMatchObject({ status: 'altered', at: { logSeq: target.logSeq, streamId: 's-c' } });
    // Without the key, the edit shows as forged even once the chain is recomputed; with the stolen key the thief re-signs it.
    const [edited] = await store.readStream('s-c', { toVersion: 1 });
    expect(TEST_SIGNING_KEYS.check(edited, edited.signature)).toMatch(/does not match/);
    await tamper(ds, `UPDATE events SET signature = $2 WHERE global_position = $1`, [target.globalPosition, TEST_SIGNING_KEYS.sign(edited).value]);

    // Rewrite the whole chain and tree from the edited events: the database alone now looks intact…
    await recomputeChain(ds, chainer);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'intact' });
    // …but not against the archived checkpoint.
    expect(await verifyCheckpointFile(file, verifier, keys.publicKey)).toMatchObject({ status: 'altered', reason: expect.stringMatching(/rewritten/) });
    await expect(publisher.publish()).resolves.toMatchObject({ published: true }); // it cannot know: that is what the archive is for
  });

  it('a tail cut off, every hash and tree node recomputed: the archived tree head catches it', async () => {
    const { keys, publisher } = setup();
    const { file, checkpoint } = await publisher.publish();
    expect(checkpoint).toMatchObject({ treeSize: checkpoint.logSeq, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const [{ g }] = await ds.query(`SELECT max(global_position)::int AS g FROM events`);
    // The tail cut off, then the chain and the tree rebuilt from what is left: the database alone looks intact.
    await tamper(ds, `DELETE FROM events WHERE global_position = $1`, [g]);
    await recomputeChain(ds, chainer);
    expect(await verifier.verifyLog()).toMatchObject({ status: 'intact' });
    expect(await verifyCheckpointFile(file, verifier, keys.publicKey)).toMatchObject({ status: 'deleted', at: { logSeq: checkpoint.logSeq } });
  });

  it('refuses to sign a chain that does not verify', async () => {
    const { publisher } = setup();
    const target = await eventAt(ds, 's-a', 3);
    await tamper(ds, `DELETE FROM events WHERE global_position = $1`, [target.globalPosition]);
    await expect(publisher.publish()).rejects.toThrow(/does not verify \(deleted\)/);
  });
});

describe('commit order across a transaction-id digit boundary', () => {
  it('chains in numeric (not textual) transaction-id order when the xids go from 9…9 to 10…0', async () => {
    const [{ x }] = await ds.query(`SELECT pg_current_xact_id()::text AS x`); // burns one xid, autocommitted
    const next = 10 ** String(x).length;
    const burn = next - Number(x) - 4;
    if (burn > 500_000) return; // a server far along: no cheap boundary to cross
    if (burn > 0) await ds.query(`DO $$ BEGIN FOR i IN 1..${burn} LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$`);
    for (let v = 0; v < 8; v++) {
      await store.append({ streamId: 'boundary', streamType: 'Decision', expectedVersion: v, events: [{ type: 'Touched', schemaVersion: 1, data: { v } }], metadata: meta() });
    }
    const txids: Array<{ t: string }> = await ds.query(`SELECT transaction_id::text AS t FROM events WHERE stream_id = 'boundary' ORDER BY stream_version`);
    expect(txids.some((r) => r.t.length < String(next).length) && txids.some((r) => r.t.length === String(next).length)).toBe(true);
    await chainAll(ds, chainer);
    expect(await verifier.verifyStream('boundary')).toMatchObject({ status: 'intact', checked: 8 });
    expect(await verifier.verifyLog()).toMatchObject({ status: 'intact' });
  });
});

describe('exactly once', () => {
  it('two chainers racing in two pools, while writers append, chain every event once, in commit order', async () => {
    const ds2 = await openChainDataSource(SCHEMA, { fresh: false, poolSize: 4 });
    try {
      const chainers = [new HashChainer(ds, { batchSize: 5 }), new HashChainer(ds2, { batchSize: 5 })];
      let writing = true;
      const race = chainers.map(async (c) => {
        while (writing) {
          await c.pollOnce();
          await new Promise((r) => setImmediate(r));
        }
      });
      await Promise.all(Array.from({ length: 8 }, async (_, w) => {
        for (let v = 0; v < 10; v++) {
          await store.append({ streamId: `race-${w}`, streamType: 'Decision', expectedVersion: v, events: [{ type: 'Touched', schemaVersion: 1, data: { w, v } }], metadata: meta() });
        }
      }));
      writing = false;
      await Promise.all(race);
      await chainAll(ds, chainers[1]);
      const [{ n, rows, seqs, max }] = await ds.query(`SELECT (SELECT count(*)::int FROM events) AS n, count(*)::int AS rows,
        count(DISTINCT global_position)::int AS seqs, max(log_seq)::int AS max FROM event_hashes`);
      expect({ rows, seqs, max }).toEqual({ rows: n, seqs: n, max: n });
      const order = (await store.readAll({ limit: 1000 })).map((e) => e.globalPosition);
      const chained = (await ds.query(`SELECT global_position::int AS g FROM event_hashes ORDER BY log_seq`)).map((r: { g: number }) => r.g);
      expect(chained).toEqual(order);
      expect(await verifier.verifyLog()).toMatchObject({ status: 'intact', checked: n });
    } finally {
      await ds2.destroy();
    }
  });
});
