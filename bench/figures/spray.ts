import { Agent, request } from 'node:http';
import type { BenchConfig } from '../support/config.js';
import { median, percentile } from '../support/measure.js';
import { log, ms, type Row } from '../support/report.js';

/** One POST /auth/login from the local address `from` (a loopback address of its own: the sprayer's IP). */
function loginFrom(base: URL, agent: Agent, username: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ username, password: 'Mua-xuan-2026' });
    const req = request({
      host: base.hostname, port: base.port, agent, method: 'POST', path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Sequential GETs (one at a time, kept-alive) until `until` says stop or `max` are done; their latencies. */
async function gets(url: string, token: string, until: () => boolean, max: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < max && !until()) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    out.push(performance.now() - t0);
  }
  return out;
}

export interface SpraySides {
  base: string;
  /** Another user's token (logged in before the spray) and a decision it reads. */
  token: string;
  decisionId: string;
}

/**
 * Password spraying beside the same user's idle latency: another user's GET of one decision, one request
 * at a time, p50 while `names` different user names are tried from one address (`concurrency` in flight),
 * against its p50 with nothing else running. Rounds alternate (idle, spray, spray, idle, …); each spray
 * comes from a loopback address of its own (127.0.0.2, .3, …), as a fresh attacker would, so the per-IP
 * limit it meets is the one a first spray meets.
 */
export async function sprayFigure(s: SpraySides, cfg: BenchConfig): Promise<Row> {
  const { names, concurrency, rounds, idleSamples } = cfg.spray;
  const url = `${s.base}/api/v1/decisions/${s.decisionId}`;
  const base = new URL(s.base);
  log(`\n[5] password spray: ${names} user names from one address, ${concurrency} in flight, while another user GETs one decision (sequential); ${rounds} rounds against its idle p50`);
  await gets(url, s.token, () => false, 50); // warm-up
  const idle: number[] = [];
  const spray: number[] = [];
  const statuses = new Map<number, number>();
  let sprayMs = 0;
  const idleRound = async () => {
    const xs = await gets(url, s.token, () => false, idleSamples);
    idle.push(...xs);
    return median(xs);
  };
  const sprayRound = async (round: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency, localAddress: `127.0.0.${1 + round}` });
    let done = false;
    let next = 0;
    const t0 = performance.now();
    const attacker = Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < names) {
        const status = await loginFrom(base, agent, `spray.${round}.${next++}`);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    })).finally(() => { done = true; sprayMs += performance.now() - t0; agent.destroy(); });
    const xs = await gets(url, s.token, () => done, Number.MAX_SAFE_INTEGER);
    await attacker;
    spray.push(...xs);
    return median(xs);
  };
  for (let r = 1; r <= Math.max(1, rounds); r++) {
    let a: number;
    let b: number;
    if (r % 2 === 1) {
      a = await idleRound();
      b = await sprayRound(r);
    } else {
      b = await sprayRound(r);
      a = await idleRound();
    }
    log(`    round ${r}: idle p50 ${ms(a)}; during the spray p50 ${ms(b)} (${(b / a).toFixed(2)}×)`);
  }
  const p50Idle = median(idle);
  const p50Spray = median(spray);
  const answers = [...statuses].sort(([x], [y]) => x - y).map(([code, n]) => `${n} × ${code}`).join(', ');
  log(`    idle: p50 ${ms(p50Idle)}, p99 ${ms(percentile(idle, 99))} (${idle.length} GETs); during the spray: p50 ${ms(p50Spray)}, p99 ${ms(percentile(spray, 99))} (${spray.length} GETs)`);
  log(`    the spray's answers: ${answers}; each spray of ${names} took ${ms(sprayMs / Math.max(1, rounds))} on average`);
  const ratio = p50Spray / p50Idle;
  return {
    figure: `GET p50 during a ${names}-name spray vs idle`, phancap: `p50 ${ms(p50Spray)}`, floor: `idle p50 ${ms(p50Idle)}`,
    ratio, target: '≤ 3×', met: ratio <= 3, note: `the spray's answers: ${answers}`,
  };
}
