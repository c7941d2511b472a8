/** Every knob of the run, from the environment, so a short smoke run and a careful one share the code. */

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${raw} is not a non-negative number`);
  return n;
}

const seconds = num('BENCH_SECONDS', 3);
const rounds = num('BENCH_ROUNDS', 5);

export const FIGURES = ['append', 'signing', 'http', 'stream', 'rebuild', 'spray', 'reminders'] as const;
export type FigureName = (typeof FIGURES)[number];

/**
 * `npm run bench -- scale` (or BENCH_ONLY=scale): the national-scale simulation instead of the figures
 * above (bench/scale/run-scale.ts; its own settings are SCALE_*). Never part of the default run.
 */
export const SCALE = process.argv.slice(2).includes('scale') || (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).includes('scale');

function only(): Set<FigureName> {
  const raw = process.env.BENCH_ONLY;
  if (!raw || SCALE) return new Set(FIGURES);
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(FIGURES as readonly string[]).includes(n)) throw new Error(`BENCH_ONLY: unknown figure ${n} (one of ${FIGURES.join(', ')})`);
  return new Set(names as FigureName[]);
}

export const config = {
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  only: only(),
  /** One round of a throughput figure, for phancap and again for its floor. */
  seconds,
  rounds,
  warmupSeconds: num('BENCH_WARMUP_SECONDS', 1),
  append: {
    clients: num('BENCH_APPEND_CLIENTS', 8),
    eventBytes: num('BENCH_EVENT_BYTES', 500),
    seconds: num('BENCH_APPEND_SECONDS', seconds),
    rounds: num('BENCH_APPEND_ROUNDS', rounds),
  },
  http: {
    connections: num('BENCH_HTTP_CONNECTIONS', 32),
    seconds: num('BENCH_HTTP_SECONDS', seconds),
    rounds: num('BENCH_HTTP_ROUNDS', rounds),
    /** The fixed-rate run for the POST's latency percentiles. */
    latencySeconds: num('BENCH_LATENCY_SECONDS', 2 * seconds),
  },
  stream: {
    longVersion: num('BENCH_LONG_STREAM', 1000),
    shortVersion: num('BENCH_SHORT_STREAM', 5),
    samples: num('BENCH_STREAM_SAMPLES', 200),
  },
  spray: {
    /** User names tried from one address (the 300), and how many at once. */
    names: num('BENCH_SPRAY_NAMES', 300),
    concurrency: num('BENCH_SPRAY_CONCURRENCY', 20),
    rounds: num('BENCH_SPRAY_ROUNDS', Math.min(rounds, 4)),
    /** The other user's sequential GETs per idle round. */
    idleSamples: num('BENCH_SPRAY_IDLE_SAMPLES', 300),
  },
  reminders: {
    /** Reminders per round, the span their due times are spread over, rounds of each side. */
    count: num('BENCH_REMINDERS', 10_000),
    spreadSeconds: num('BENCH_REMINDER_SPREAD_SECONDS', 60),
    rounds: num('BENCH_REMINDER_ROUNDS', 2),
    /** How long after scheduling the first job is due. */
    leadSeconds: num('BENCH_REMINDER_LEAD_SECONDS', 5),
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  },
  rebuild: {
    decisions: num('BENCH_REBUILD_DECISIONS', 2000),
    /** Of those, how many go through the API; the rest are copies of them made by SQL. */
    templates: num('BENCH_REBUILD_TEMPLATES', 100),
    rounds: num('BENCH_REBUILD_ROUNDS', 3),
    /** Requests in flight while seeding the log through the API. */
    seedConcurrency: num('BENCH_SEED_CONCURRENCY', 8),
  },
};

export type BenchConfig = typeof config;
