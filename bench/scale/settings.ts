/** The scale run's knobs, from the environment (bench/README.md, "npm run bench -- scale"). */

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${raw} is not a non-negative number`);
  return n;
}

const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const minusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export const SCALE_FIGURES = ['rebuild', 'verify', 'daily', 'http', 'size'] as const;
export type ScaleFigure = (typeof SCALE_FIGURES)[number];

function only(): Set<ScaleFigure> {
  const raw = process.env.SCALE_ONLY;
  if (!raw) return new Set(SCALE_FIGURES);
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(SCALE_FIGURES as readonly string[]).includes(n)) throw new Error(`SCALE_ONLY: unknown figure ${n} (one of ${SCALE_FIGURES.join(', ')})`);
  return new Set(names as ScaleFigure[]);
}

/** The log's last simulated day is yesterday in Vietnam; it starts ten years before. */
const end = process.env.SCALE_END || minusDays(vietnamToday(), 1);

export const scaleSettings = {
  /** Events to generate (about: the plan aims at it; the run reports what it wrote). The default runs in < 30 min here; 1M is the documented target (bench/README.md). */
  events: num('SCALE_EVENTS', 100_000),
  end,
  start: process.env.SCALE_START || `${Number(end.slice(0, 4)) - 10}${end.slice(4)}`,
  /** Decisions whose commands of one simulated day run at once. */
  concurrency: num('SCALE_CONCURRENCY', 6),
  seed: num('SCALE_SEED', 2025),
  only: only(),
  /** Keep the database at the end (its name is printed) and, with SCALE_DATABASE, measure an existing one. */
  keep: process.env.SCALE_KEEP === '1',
  database: process.env.SCALE_DATABASE || '',
  /** Requests per list figure (each a p50/p99 over this many sequential requests). */
  requests: num('SCALE_REQUESTS', 300),
  rebuildRounds: num('SCALE_REBUILD_ROUNDS', 2),
};

export type ScaleSettingsT = typeof scaleSettings;
