/** Rounds that alternate phancap and its floor, so drift on a shared machine hits both alike. */

export const median = (xs: number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

export interface Alternated {
  phancap: number[];
  floor: number[];
}

/**
 * Runs `rounds` rounds of both; the order flips every round (A B, B A, A B, …) so neither side always
 * runs on a warmer or a more loaded machine. Each function returns the round's rate.
 */
export async function alternate(
  rounds: number,
  phancap: (round: number) => Promise<number>,
  floor: (round: number) => Promise<number>,
  onRound: (round: number, phancap: number, floor: number) => void,
): Promise<Alternated> {
  const out: Alternated = { phancap: [], floor: [] };
  for (let r = 1; r <= Math.max(1, rounds); r++) {
    let a: number;
    let b: number;
    if (r % 2 === 1) {
      a = await phancap(r);
      b = await floor(r);
    } else {
      b = await floor(r);
      a = await phancap(r);
    }
    out.phancap.push(a);
    out.floor.push(b);
    onRound(r, a, b);
  }
  return out;
}

/**
 * `clients` loops, each calling `op` until `seconds` have passed; returns completed operations per
 * second. Each client gets its own index (for distinct streams) and counts its own operations.
 */
export async function closedLoop(
  clients: number,
  seconds: number,
  op: (client: number, n: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let done = 0;
  await Promise.all(Array.from({ length: clients }, async (_, client) => {
    for (let n = 0; performance.now() < deadline; n++) {
      await op(client, n);
      done++;
    }
  }));
  return done / ((performance.now() - started) / 1000);
}

/** Runs `tasks` with at most `concurrency` in flight; stops at the first failure. */
export async function inParallel<T>(items: T[], concurrency: number, task: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i], i);
    }
  }));
}
