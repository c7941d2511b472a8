import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore } from '../event-store.js';
import type { LogFollower } from '../log-follower.js';
import type { StoredEvent } from '../types.js';
import { meta } from './test-data-source.js';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One event on `streamId`; `inTransaction` lets a test hold the append's transaction open. */
export const appendOne = (store: EventStore, streamId: string, expectedVersion: number, inTransaction?: () => Promise<void>) =>
  store.append({
    streamId, streamType: 'Decision', expectedVersion, metadata: meta(),
    events: [{ type: 'Touched', schemaVersion: 1, data: { streamId } }],
    inTransaction: inTransaction && (async () => inTransaction()),
  });

/** The followers' projection: written in the batch transaction, so it shows exactly-once effects. */
export const createDeliveredTable = (ds: DataSource) =>
  ds.query(`CREATE TABLE delivered (seq bigserial, follower text, global_position bigint, stream_id text, stream_version int)`);

export const project = (name: string) => async (events: StoredEvent[], m: EntityManager) => {
  for (const e of events) {
    await m.query(`INSERT INTO delivered (follower, global_position, stream_id, stream_version) VALUES ($1, $2, $3, $4)`,
      [name, e.globalPosition, e.streamId, e.streamVersion]);
  }
};

export const deliveredTo = async (ds: DataSource, name: string, prefix: string) =>
  (await ds.query(`SELECT global_position::int AS p, stream_id, stream_version FROM delivered
    WHERE follower = $1 AND stream_id LIKE $2 ORDER BY seq`, [name, `${prefix}%`])) as Array<{ p: number; stream_id: string; stream_version: number }>;

/** What a follower keyed on global_position alone would do: the design the library avoids. */
export function naiveReader(source: DataSource, prefix: string) {
  let checkpoint = 0;
  const seen: number[] = [];
  return {
    seen,
    async poll() {
      const rows: Array<{ p: number }> = await source.query(
        `SELECT global_position::int AS p FROM events WHERE global_position > $1 AND stream_id LIKE $2 ORDER BY global_position`,
        [checkpoint, `${prefix}%`]);
      for (const r of rows) seen.push(r.p);
      if (rows.length) checkpoint = rows[rows.length - 1].p;
    },
  };
}

/** Polls until the checkpoint is past every event; an unrelated open transaction only delays it. */
export async function drain(ds: DataSource, follower: LogFollower<any>, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if ((await follower.pollOnce()) > 0) continue;
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM events e JOIN follower_checkpoints c ON c.name = $1
      WHERE (e.transaction_id, e.global_position) > (c.transaction_id, c.position)`, [follower.name]);
    if (n === 0) return;
    await sleep(10);
  }
  throw new Error(`follower ${follower.name} never caught up`);
}
