import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { EventStore, ephemeralSigningKeys, type EventMetadata } from '@app/event-store';
import { dataSourceOptions } from '@app/operator';
import type { BenchConfig } from '../support/config.js';
import { alternate, closedLoop, median } from '../support/measure.js';
import { log, rate, type Row } from '../support/report.js';

/** A JSON document of exactly `bytes` bytes (ASCII), like a small domain event's data. */
export function eventData(bytes: number): Record<string, string> {
  const empty = JSON.stringify({ text: '' }).length;
  return { text: 'x'.repeat(Math.max(0, bytes - empty)) };
}

const metadata = (): EventMetadata => ({
  actorId: 'user-proposer', actorRole: 'proposer', actorBodyId: 'tv-so-tnmt',
  occurredAt: new Date().toISOString(), correlationId: randomUUID(),
});

// The floor writes the same columns of the same table as the store's append, as one autocommitted
// statement with nothing around it: no version check, no RETURNING, no transaction, no ORM.
const RAW_INSERT = `INSERT INTO events (stream_id, stream_type, stream_version, event_type, schema_version, data, metadata, occurred_at)
  VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::timestamptz)`;

/**
 * Figure 1: EventStore.append, `clients` concurrent clients each on a stream of its own, one event
 * (of `eventBytes` bytes) per append, against a raw single-row INSERT of the same row through a pg Pool
 * of the same size. Each round writes fresh streams for both sides.
 */
export async function appendFigure(url: string, cfg: BenchConfig): Promise<Row> {
  const { clients, eventBytes, seconds, rounds } = cfg.append;
  const base = dataSourceOptions(url);
  // The product's options, with a pool of the same size as the floor's (the product's default is 10).
  const ds = await new DataSource({ ...base, extra: { ...(base.extra as object), max: clients } } as typeof base).initialize();
  const store = new EventStore(ds, undefined, ephemeralSigningKeys());
  const pool = new pg.Pool({ connectionString: url, max: clients });
  const data = eventData(eventBytes);
  log(`\n[1] append: ${clients} clients on distinct streams, ${JSON.stringify(data).length}-byte events, one per append; ${rounds} rounds × ${seconds} s each side`);
  let run = 0;
  const phancap = (s: number) => {
    const streams = Array.from({ length: clients }, (_, c) => `bench-append-${++run}-${c}-${randomUUID()}`);
    return closedLoop(clients, s, async (c, n) => {
      await store.append({
        streamId: streams[c], streamType: 'bench', expectedVersion: n,
        events: [{ type: 'BenchEventRecorded', schemaVersion: 1, data }], metadata: metadata(),
      });
    });
  };
  const floor = (s: number) => {
    const streams = Array.from({ length: clients }, (_, c) => `bench-raw-${++run}-${c}-${randomUUID()}`);
    return closedLoop(clients, s, async (c, n) => {
      const meta = metadata();
      await pool.query(RAW_INSERT, [streams[c], 'bench', n + 1, 'BenchEventRecorded', 1, JSON.stringify(data), JSON.stringify(meta), meta.occurredAt]);
    });
  };
  try {
    if (cfg.warmupSeconds > 0) {
      await phancap(cfg.warmupSeconds);
      await floor(cfg.warmupSeconds);
    }
    const r = await alternate(rounds, () => phancap(seconds), () => floor(seconds), (i, a, b) =>
      log(`    round ${i}: phancap ${rate(a, 'appends/s')}, raw INSERT ${rate(b, 'inserts/s')} (${(a / b).toFixed(2)}×)`));
    const a = median(r.phancap);
    const b = median(r.floor);
    log(`    median: phancap ${rate(a, 'appends/s')}, floor ${rate(b, 'inserts/s')}, ratio ${(a / b).toFixed(2)}×`);
    return {
      figure: `append (${clients} clients, ${eventBytes} B)`, phancap: rate(a, 'appends/s'), floor: rate(b, 'inserts/s'),
      ratio: a / b, target: '≥ 0.6×', met: a / b >= 0.6,
    };
  } finally {
    await pool.end();
    await ds.destroy();
  }
}
