import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventSigningKeys, EventStore, ephemeralSigningKeys, type EventSignature } from '@app/event-store';
import { dataSourceOptions } from '@app/operator';
import type { BenchConfig } from '../support/config.js';
import { alternate, closedLoop, median } from '../support/measure.js';
import { log, rate, type Row } from '../support/report.js';
import { eventData } from './append.js';

/**
 * The same key ring, signing nothing: each event is stored with NULL signature and key id, through
 * the very same statement. What separates the two sides is the signature alone: canonical JSON,
 * Ed25519 and the 88 bytes a row carries more.
 */
class NotSigning extends EventSigningKeys {
  override sign(): EventSignature {
    return { keyId: null, value: null } as unknown as EventSignature;
  }
}

/**
 * Figure 1b: EventStore.append with writer signatures against the same append without them, in one
 * run, alternating rounds: `clients` clients each on a stream of its own, one event per append.
 */
export async function signingFigure(url: string, cfg: BenchConfig): Promise<Row> {
  const { clients, eventBytes, seconds, rounds } = cfg.append;
  const base = dataSourceOptions(url);
  const ds = await new DataSource({ ...base, extra: { ...(base.extra as object), max: clients } } as typeof base).initialize();
  const keys = ephemeralSigningKeys();
  const signed = new EventStore(ds, undefined, keys);
  const unsigned = new EventStore(ds, undefined, new NotSigning(keys.current, []));
  const data = eventData(eventBytes);
  log(`\n[1b] signing: append with and without Ed25519 writer signatures, ${clients} clients, ${JSON.stringify(data).length}-byte events; ${rounds} rounds × ${seconds} s each side`);
  let run = 0;
  const side = (store: EventStore, label: string) => (s: number) => {
    const streams = Array.from({ length: clients }, (_, c) => `bench-${label}-${++run}-${c}-${randomUUID()}`);
    return closedLoop(clients, s, async (c, n) => {
      await store.append({
        streamId: streams[c], streamType: 'bench', expectedVersion: n,
        events: [{ type: 'BenchEventRecorded', schemaVersion: 1, data }],
        metadata: { actorId: 'user-proposer', actorRole: 'proposer', occurredAt: new Date().toISOString(), correlationId: randomUUID() },
      });
    });
  };
  try {
    if (cfg.warmupSeconds > 0) {
      await side(signed, 'signed')(cfg.warmupSeconds);
      await side(unsigned, 'unsigned')(cfg.warmupSeconds);
    }
    const r = await alternate(rounds, () => side(signed, 'signed')(seconds), () => side(unsigned, 'unsigned')(seconds), (i, a, b) =>
      log(`    round ${i}: signed ${rate(a, 'appends/s')}, unsigned ${rate(b, 'appends/s')} (${(a / b).toFixed(3)}×)`));
    const a = median(r.phancap);
    const b = median(r.floor);
    const cost = 1 - a / b;
    log(`    median: signed ${rate(a, 'appends/s')}, unsigned ${rate(b, 'appends/s')}, ratio ${(a / b).toFixed(3)}× (signing costs ${(cost * 100).toFixed(1)} %)`);
    return {
      figure: `append signed vs unsigned (${clients} clients)`, phancap: rate(a, 'appends/s'), floor: rate(b, 'appends/s'),
      ratio: a / b, target: '≥ 0.9× (≤ 10 %)', met: a / b >= 0.9,
    };
  } finally {
    await ds.destroy();
  }
}
