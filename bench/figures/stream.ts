import type { BenchConfig } from '../support/config.js';
import type { Api } from '../support/api.js';
import { inParallel, median, percentile } from '../support/measure.js';
import { log, ms, type Row } from '../support/report.js';

/** Builds a fresh decision to `version` (propose, then update-draft), returning its id. */
async function decisionAt(api: Api, version: number, tag: string): Promise<string> {
  const { decisionId: id } = await api.propose();
  for (let v = 1; v < version; v++) await api.act(id, 'update-draft', 'proposer', { changes: { title: `Bench ${tag} ${v}` } });
  return id;
}

/**
 * Figure 3: the latency of one update-draft command (over HTTP, one at a time) on a decision at
 * version ~shortVersion against one at version ~longVersion. The samples interleave short and long,
 * so a busy moment on the machine hits both. Each short sample uses a fresh decision at exactly
 * shortVersion; the long stream grows by one event per sample (longVersion … longVersion + samples).
 */
export async function streamFigure(api: Api, cfg: BenchConfig): Promise<Row> {
  const { longVersion, shortVersion, samples } = cfg.stream;
  log(`\n[3] command latency: update-draft at stream version ${shortVersion} vs ${longVersion}, ${samples} samples each, sequential, interleaved`);
  const built = performance.now();
  const { decisionId: long } = await api.propose();
  let last = performance.now();
  for (let v = 1; v < longVersion; v++) {
    await api.act(long, 'update-draft', 'proposer', { changes: { title: `Bench long ${v}` } });
    if ((v + 1) % 250 === 0) {
      const now = performance.now();
      log(`    long stream at version ${v + 1} (last 250 commands: ${ms((now - last) / 250)} each)`);
      last = now;
    }
  }
  log(`    built the long stream (${longVersion} events) in ${((performance.now() - built) / 1000).toFixed(1)} s`);
  const shorts: string[] = new Array(samples);
  await inParallel([...shorts.keys()], 8, async (i) => {
    shorts[i] = await decisionAt(api, shortVersion, `short ${i}`);
  });
  log(`    built ${samples} decisions at version ${shortVersion}`);
  const short: number[] = [];
  const longer: number[] = [];
  const timed = async (id: string, n: number) => {
    const t0 = performance.now();
    await api.act(id, 'update-draft', 'proposer', { changes: { title: `Bench sample ${n}` } });
    return performance.now() - t0;
  };
  for (let i = 0; i < samples; i++) {
    if (i % 2 === 0) {
      short.push(await timed(shorts[i], i));
      longer.push(await timed(long, i));
    } else {
      longer.push(await timed(long, i));
      short.push(await timed(shorts[i], i));
    }
  }
  const a = median(longer);
  const b = median(short);
  log(`    version ${shortVersion}: median ${ms(b)}, p90 ${ms(percentile(short, 90))}; version ${longVersion}–${longVersion + samples}: median ${ms(a)}, p90 ${ms(percentile(longer, 90))}; ratio ${(a / b).toFixed(2)}×`);
  return {
    figure: `update-draft @ v${longVersion} vs v${shortVersion}`, phancap: `median ${ms(a)}`, floor: `median ${ms(b)}`,
    ratio: a / b, target: '≤ 2×', met: a / b <= 2,
    note: `the floor column is phancap's own latency at version ${shortVersion}; the long stream ran from version ${longVersion} to ${longVersion + samples}`,
  };
}
