import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { EventStore } from '../event-store.js';
import { canonicalEvent } from '../chain/canonical.js';
import { HashChainer } from '../chain/hash-chainer.js';
import { Verifier } from '../chain/verifier.js';
import { chainAll, openChainDataSource, seed, tamper } from '../testing/hash-chain.js';
import { TEST_SIGNING_KEYS } from '../testing/signing.js';
import { meta } from '../testing/test-data-source.js';
import { MerkleLog } from './merkle-log.js';
import { leafHash, memoryTree, verifyConsistency, verifyInclusion } from './rfc9162.js';

const SCHEMA = 'es_merkle_spec';
let ds: DataSource;
let store: EventStore;
let chainer: HashChainer;
let tree: MerkleLog;
const buf = (h: string) => Buffer.from(h, 'hex');

beforeAll(async () => {
  ds = await openChainDataSource(SCHEMA);
  store = new EventStore(ds, undefined, TEST_SIGNING_KEYS);
  chainer = new HashChainer(ds, { batchSize: 7, chunkSize: 3 }); // small chunks: the tree grows across many transactions
  tree = new MerkleLog(ds);
  await seed(store);
  await chainAll(ds, chainer);
});
afterAll(async () => ds?.destroy());
jest.setTimeout(30_000);

describe('the Merkle tree the chainer builds', () => {
  it('has the RFC 9162 root of the canonical events in chain order, at every size', async () => {
    const events = await store.readAll({ limit: 1000 });
    const leaves = events.map((e) => leafHash(canonicalEvent(e)));
    expect(await tree.size()).toBe(20);
    const memory = memoryTree(leaves);
    for (let n = 0; n <= 20; n++) expect(await tree.root(n)).toBe((await memory.range(0, n)).toString('hex'));
    const verified = await new Verifier(ds, TEST_SIGNING_KEYS).verifyLog();
    expect(verified).toMatchObject({ status: 'intact', head: { rootHash: await tree.root(20) } });
  });

  it('gives an inclusion proof for every event that verifies against the root, and a consistency proof for every pair of sizes', async () => {
    const events = await store.readAll({ limit: 1000 });
    for (const size of [events.length, 13, 8]) {
      const root = buf(await tree.root(size));
      for (const e of events.slice(0, size)) {
        const p = await tree.inclusion(e.globalPosition, size);
        if (!p || p === 'beyond') throw new Error('no proof');
        expect(p.leafHash).toBe(leafHash(canonicalEvent(e)).toString('hex'));
        expect(verifyInclusion(buf(p.leafHash), p.leafIndex, size, p.path.map(buf), root)).toBe(true);
      }
    }
    for (let a = 0; a <= 20; a++) {
      for (let b = a; b <= 20; b++) {
        const c = await tree.consistency(a, b);
        expect({ a, b, ok: verifyConsistency(a, b, buf(c.fromRoot), buf(c.toRoot), c.proof.map(buf)) }).toEqual({ a, b, ok: true });
      }
    }
  });

  it('keeps growing across appends; the old root is a prefix of the new one', async () => {
    const before = await tree.root(20);
    await store.append({ streamId: 's-e', streamType: 'Decision', expectedVersion: 0, events: [{ type: 'X', schemaVersion: 1, data: { n: 1 } }, { type: 'Y', schemaVersion: 1, data: { n: 2 } }], metadata: meta() });
    await chainAll(ds, chainer);
    expect(await tree.size()).toBe(22);
    const c = await tree.consistency(20, 22);
    expect(c.fromRoot).toBe(before);
    expect(verifyConsistency(20, 22, buf(before), buf(c.toRoot), c.proof.map(buf))).toBe(true);
  });

  it('a tree node on the right edge edited in SQL: the verifier finds the stored tree does not give the events\' root', async () => {
    // 22 leaves: the root is MTH(0..16) + MTH(16..20) + MTH(20..22); the last is node (1, 10). A node under a
    // stored larger subtree only enters proofs, which then fail to verify for whoever checks them.
    await tamper(ds, `UPDATE merkle_nodes SET hash = sha256(hash) WHERE level = 1 AND idx = 10`);
    expect(await new Verifier(ds, TEST_SIGNING_KEYS).verifyLog()).toMatchObject({ status: 'altered', reason: expect.stringMatching(/stored Merkle tree/) });
  });
});
