import autocannon from 'autocannon';
import type { BenchConfig } from '../support/config.js';
import { phanCapProposal } from '../support/api.js';
import { sessionStates } from '../support/database.js';
import { alternate, median } from '../support/measure.js';
import { log, ms, notMeasured, rate, type Row } from '../support/report.js';

interface Target {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** The status every response must have; anything else makes the figure fail. */
  status: number;
}

interface Shot {
  rate: number;
  p50: number;
  p99: number;
  result: autocannon.Result;
}

/** One autocannon run; refuses to report a rate made of errors or unexpected statuses. */
async function shoot(t: Target, connections: number, seconds: number, overallRate?: number): Promise<Shot> {
  const result = await autocannon({
    url: t.url, method: t.method, headers: t.headers, body: t.body, connections, duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  });
  const good = result.statusCodeStats?.[String(t.status) as `${number}`]?.count ?? 0;
  const total = result.requests.total;
  if (result.errors > 0 || good !== total) {
    const codes = Object.entries(result.statusCodeStats ?? {}).map(([c, v]) => `${c}: ${v.count}`).join(', ');
    throw new Error(`${t.method} ${t.url}: ${total} responses (${codes}), ${result.errors} errors, ${result.timeouts} timeouts; expected every one ${t.status}`);
  }
  return { rate: good / result.duration, p50: result.latency.p50, p99: result.latency.p99, result };
}

/** A round in which requests went unanswered for the whole round: a stall, worth saying out loud. */
function stallOf(shot: Shot, side: string, seconds: number): string | undefined {
  const { total, sent } = shot.result.requests;
  if (total > 0) return undefined;
  return `${side} answered none of the ${sent} request(s) sent in ${seconds} s (no error, no timeout: they were still open when the round ended)`;
}

export interface HttpSides {
  /** The bench database, to say what its sessions were doing when a side stalled. */
  url: string;
  phancap: { base: string; token: string; decisionId: string };
  floor: { base: string };
}

/**
 * Figure 2: requests per second of a GET of one decision and a POST of a proposal, phancap's real
 * API against a bare NestJS app (bench/servers/bare.ts), alternating; then the POST's latency at half
 * the peak rate phancap reached.
 */
export async function httpFigures(s: HttpSides, cfg: BenchConfig): Promise<Row[]> {
  const { connections, seconds, rounds, latencySeconds } = cfg.http;
  const auth = { authorization: `Bearer ${s.phancap.token}` };
  const json = { 'content-type': 'application/json' };
  const proposal = JSON.stringify(phanCapProposal());
  const pairs = [
    {
      name: 'GET one decision', target: '≥ 0.5×', min: 0.5,
      phancap: { url: `${s.phancap.base}/api/v1/decisions/${s.phancap.decisionId}`, method: 'GET', headers: auth, status: 200 } as Target,
      floor: { url: `${s.floor.base}/floor/${s.phancap.decisionId}`, method: 'GET', headers: {}, status: 200 } as Target,
    },
    {
      name: 'POST propose', target: '≥ 0.3×', min: 0.3,
      phancap: { url: `${s.phancap.base}/api/v1/decisions`, method: 'POST', headers: { ...auth, ...json }, body: proposal, status: 201 } as Target,
      floor: { url: `${s.floor.base}/floor`, method: 'POST', headers: json, body: proposal, status: 201 } as Target,
    },
  ];
  const rows: Row[] = [];
  let postPeak = 0;
  for (const p of pairs) {
    log(`\n[2] HTTP ${p.name}: autocannon, ${connections} connections; ${rounds} rounds × ${seconds} s each side`);
    if (cfg.warmupSeconds > 0) {
      await shoot(p.phancap, connections, cfg.warmupSeconds);
      await shoot(p.floor, connections, cfg.warmupSeconds);
    }
    const stalls: string[] = [];
    const side = async (t: Target, name: string) => {
      const shot = await shoot(t, connections, seconds);
      const stall = stallOf(shot, name, seconds);
      if (stall) stalls.push(`${stall}; database sessions right after: ${await sessionStates(s.url)}`);
      return shot.rate;
    };
    const r = await alternate(
      rounds,
      () => side(p.phancap, 'phancap'),
      () => side(p.floor, 'the bare app'),
      (i, a, b) => {
        log(`    round ${i}: phancap ${rate(a, 'req/s')}, bare NestJS ${rate(b, 'req/s')} (${(a / b).toFixed(2)}×)`);
        for (const stall of stalls.splice(0)) log(`    WARNING round ${i}: ${stall}`);
      },
    );
    const stalled = [r.phancap, r.floor].map((xs) => xs.filter((x) => x === 0).length);
    const a = median(r.phancap);
    const b = median(r.floor);
    log(`    median: phancap ${rate(a, 'req/s')}, floor ${rate(b, 'req/s')}, ratio ${(a / b).toFixed(2)}×`);
    const note = stalled.some((n) => n > 0)
      ? `rounds in which no request was answered at all: phancap ${stalled[0]}, bare app ${stalled[1]} of ${r.phancap.length} (see the WARNING lines)`
      : undefined;
    rows.push({
      figure: `HTTP ${p.name} (${connections} conn)`, phancap: rate(a, 'req/s'), floor: rate(b, 'req/s'), ratio: a / b, target: p.target, met: a / b >= p.min,
      ...(note ? { note } : {}),
    });
    if (p.name === 'POST propose') postPeak = a;
  }

  const [, post] = pairs;
  const half = Math.max(1, Math.floor(postPeak / 2));
  log(`\n[2] HTTP POST propose at half its peak: ${half} req/s (autocannon overallRate), ${connections} connections, ${latencySeconds} s`);
  const shot = await shoot(post.phancap, connections, latencySeconds, half);
  const stall = stallOf(shot, 'phancap', latencySeconds);
  if (stall) {
    log(`    WARNING: ${stall}; database sessions right after: ${await sessionStates(s.url)}`);
    rows.push(notMeasured(`POST p99 @ ${half} req/s (½ peak)`, 'p99/p50 < 5×', stall));
    return rows;
  }
  log(`    achieved ${rate(shot.rate, 'req/s')}; p50 ${ms(shot.p50)}, p99 ${ms(shot.p99)}, p99/p50 ${(shot.p99 / shot.p50).toFixed(2)}×`);
  const achieved = shot.rate >= 0.9 * half ? '' : `; only ${rate(shot.rate, 'req/s')} of the ${half} asked were achieved`;
  rows.push({
    figure: `POST p99 @ ${half} req/s (½ peak)`, phancap: `p99 ${ms(shot.p99)}`, floor: `p50 ${ms(shot.p50)}`,
    ratio: shot.p99 / shot.p50, target: 'p99/p50 < 5×', met: shot.p99 / shot.p50 < 5,
    note: `phancap's own p50 stands in the floor column: the ratio is p99/p50 of the same run${achieved}`,
  });
  return rows;
}
