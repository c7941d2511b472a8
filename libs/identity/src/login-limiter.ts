const WINDOW_MS = 60_000;
const MAX_TRACKED = 50_000;

/** The login form as the limiter sees it: one bucket per client IP and user name. */
export function loginTracker(req: { ip?: string; body?: { username?: unknown } }): string {
  const name = typeof req.body?.username === 'string' ? req.body.username.normalize('NFC').trim().toLowerCase().slice(0, 100) : '';
  return `${req.ip ?? '?'}|${name}`;
}

/**
 * A sliding one-minute window per key, in memory (per API process). Uses the real monotonic time, not
 * the app's Clock: throttling is about how fast requests arrive, not about the business date.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs = WINDOW_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts one attempt; answers whether it is within the limit, and if not, in how many ms a slot frees. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const t = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => t - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { allowed: false, retryAfterMs: this.windowMs - (t - recent[0]) };
    }
    recent.push(t);
    this.hits.set(key, recent);
    if (this.hits.size > MAX_TRACKED) this.prune(t);
    return { allowed: true };
  }

  private prune(t: number): void {
    for (const [key, times] of this.hits) if (!times.length || t - times[times.length - 1] >= this.windowMs) this.hits.delete(key);
  }
}
