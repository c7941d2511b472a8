import type { DataSource } from 'typeorm';
import type { EventStore } from '../event-store.js';
import { CHAIN_MIGRATIONS } from '../chain/1732400050000-event-hash-chain.js';
import type { HashChainer } from '../chain/hash-chainer.js';
import { createSchema, meta, openDataSource } from './test-data-source.js';

/** A fresh schema with the event store and the hash chain (tests only). */
export async function openChainDataSource(schema: string, opts: { poolSize?: number; fresh?: boolean } = {}): Promise<DataSource> {
  if (opts.fresh ?? true) await createSchema(schema);
  const ds = await openDataSource(schema, { poolSize: opts.poolSize, migrate: opts.fresh ?? true });
  if (opts.fresh ?? true) {
    for (const M of CHAIN_MIGRATIONS) {
      const runner = ds.createQueryRunner();
      try {
        await new M().up(runner);
      } finally {
        await runner.release();
      }
    }
  }
  return ds;
}

/** Runs SQL as an attacker with table-owner rights would: with the append-only triggers off. */
export async function tamper(ds: DataSource, sql: string, params: unknown[] = []): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query(`ALTER TABLE events DISABLE TRIGGER events_append_only`);
    await m.query(`ALTER TABLE event_hashes DISABLE TRIGGER event_hashes_append_only`);
    await m.query(`ALTER TABLE merkle_nodes DISABLE TRIGGER merkle_nodes_append_only`);
    await m.query(sql, params);
    await m.query(`ALTER TABLE events ENABLE TRIGGER events_append_only`);
    await m.query(`ALTER TABLE event_hashes ENABLE TRIGGER event_hashes_append_only`);
    await m.query(`ALTER TABLE merkle_nodes ENABLE TRIGGER merkle_nodes_append_only`);
  });
}

export const STREAMS = ['s-a', 's-b', 's-c', 's-d'];

/** Four streams of five events each, written concurrently (two events per append, then one). */
export async function seed(store: EventStore, prefix = ''): Promise<void> {
  await Promise.all(STREAMS.map(async (s, i) => {
    const id = `${prefix}${s}`;
    let v = 0;
    for (const n of [2, 2, 1]) {
      await store.append({
        streamId: id, streamType: 'Decision', expectedVersion: v,
        events: Array.from({ length: n }, (_, k) => ({
          type: v + k === 0 ? 'DecisionDrafted' : 'Touched', schemaVersion: 1,
          data: { stream: id, n: v + k + 1, title: `Quyết định ${i}`, nested: { z: 1, a: [1, 'hai', null] } },
        })),
        metadata: meta(`2025-0${i + 1}-0${v + 1}T08:00:00.000Z`),
      });
      v += n;
    }
  }));
}

/** Chains until every committed event is chained (another test file's open transaction only delays it). */
export async function chainAll(ds: DataSource, chainer: HashChainer): Promise<void> {
  for (let i = 0; i < 500; i++) {
    await chainer.catchUp();
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_hashes h WHERE h.global_position = e.global_position)`,
    );
    if (n === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the hash chain never caught up');
}

/** One stored event's coordinates. */
export async function eventAt(ds: DataSource, streamId: string, version: number) {
  const [row] = await ds.query(
    `SELECT e.global_position::int AS "globalPosition", h.log_seq::int AS "logSeq", e.transaction_id::text AS "transactionId"
     FROM events e LEFT JOIN event_hashes h ON h.global_position = e.global_position
     WHERE e.stream_id = $1 AND e.stream_version = $2`,
    [streamId, version],
  );
  return row as { globalPosition: number; logSeq: number; transactionId: string };
}

/**
 * What an insider with the database's superuser rights does after editing events: throws the whole
 * chain and tree away and has the chainer recompute every hash and every tree node from the log as it now is.
 */
export async function recomputeChain(ds: DataSource, chainer: HashChainer): Promise<void> {
  await tamper(ds, `DELETE FROM event_hashes`);
  await tamper(ds, `DELETE FROM merkle_nodes`);
  await tamper(ds, `UPDATE follower_checkpoints SET position = 0, transaction_id = '0' WHERE name = 'hash-chain'`);
  await chainAll(ds, chainer);
}
