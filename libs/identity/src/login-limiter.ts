const WINDOW_MS = 60_000;
const MAX_TRACKED = 50_000;

/** The user name as the limiters count it: case, Unicode form and surrounding spaces folded. */
export function loginName(username: unknown): string {
  return typeof username === 'string' ? username.normalize('NFC').trim().toLowerCase().slice(0, 100) : '';
}

/** The login form as the limiter sees it: one bucket per client IP and user name. */
export function loginTracker(req: { ip?: string; body?: { username?: unknown } }): string {
  return `${req.ip ?? '?'}|${loginName(req.body?.username)}`;
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

  /** Gives back the newest slot of `key` (an attempt that turned out not to count). */
  release(key: string): void {
    const times = this.hits.get(key);
    if (!times?.length) return;
    times.pop();
    if (!times.length) this.hits.delete(key);
  }

  private prune(t: number): void {
    for (const [key, times] of this.hits) if (!times.length || t - times[times.length - 1] >= this.windowMs) this.hits.delete(key);
  }
}

const BACKOFF_BASE_MS = 1_000;
/** An account's failures are forgotten this long after its last one. */
const BACKOFF_MEMORY_MS = 15 * 60_000;

/**
 * Backs off per account (user name, whatever the IP): the first `freeFailures` failed logins cost
 * nothing; from then on each failure makes the account wait before the next attempt, 1 s, 2 s, 4 s …
 * up to `maxMs`. While the account is backing off, one attempt at a time is let through. A success
 * forgets the failures. In memory, per API process, like the other limiters.
 */
export class AccountBackoff {
  private readonly accounts = new Map<string, { failures: number; lastFailure: number; inFlight: number }>();

  constructor(
    readonly freeFailures: number,
    readonly maxMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The wait after `failures` failures. */
  delayAfter(failures: number): number {
    if (this.maxMs <= 0 || failures < this.freeFailures) return 0;
    return Math.min(this.maxMs, BACKOFF_BASE_MS * 2 ** Math.min(30, failures - this.freeFailures));
  }

  /** Whether an attempt on `name` may go ahead now; if so it is in flight until `settle`. */
  admit(name: string): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const t = this.now();
    const a = this.accounts.get(name);
    if (a && a.inFlight === 0 && t - a.lastFailure >= BACKOFF_MEMORY_MS) this.accounts.delete(name);
    const account = this.accounts.get(name);
    if (account) {
      const wait = account.lastFailure + this.delayAfter(account.failures) - t;
      if (wait > 0) return { allowed: false, retryAfterMs: wait };
      // Backing off: attempts that arrive together are not all let through before the first fails.
      if (this.delayAfter(account.failures + 1) > 0 && account.inFlight > 0) return { allowed: false, retryAfterMs: BACKOFF_BASE_MS };
      account.inFlight += 1;
    } else {
      this.accounts.set(name, { failures: 0, lastFailure: -Infinity, inFlight: 1 });
      if (this.accounts.size > 50_000) this.prune(t);
    }
    return { allowed: true };
  }

  /** The outcome of an admitted attempt: failed (wrong password or unknown name), succeeded, or neither (a bad request). */
  settle(name: string, outcome: 'failed' | 'succeeded' | 'neither'): void {
    const account = this.accounts.get(name);
    if (!account) return;
    account.inFlight = Math.max(0, account.inFlight - 1);
    if (outcome === 'succeeded') {
      this.accounts.delete(name);
    } else if (outcome === 'failed') {
      account.failures += 1;
      account.lastFailure = this.now();
    } else if (account.failures === 0 && account.inFlight === 0) {
      this.accounts.delete(name);
    }
  }

  private prune(t: number): void {
    for (const [name, a] of this.accounts) if (a.inFlight === 0 && t - a.lastFailure >= BACKOFF_MEMORY_MS) this.accounts.delete(name);
  }
}

export interface LoginThrottleSettings {
  /** LOGIN_RATE_LIMIT: attempts a minute per client IP and user name. */
  perIpAndName: number;
  /** LOGIN_IP_RATE_LIMIT: attempts a minute per client IP, whatever the user names, that did not succeed. */
  perIp: number;
  /** LOGIN_BACKOFF_AFTER: failures on one account before it backs off. */
  backoffAfter: number;
  /** LOGIN_BACKOFF_MAX_SECONDS, in ms: the longest wait (0: no backoff). */
  backoffMaxMs: number;
}

export type LoginRefusal = { allowed: false; reason: 'ip' | 'ip-and-name' | 'account'; retryAfterMs: number; limit: number; windowSeconds: number };

/** An admitted attempt, to settle once its outcome is known. */
export interface LoginTicket {
  readonly ip: string;
  readonly name: string;
}

/**
 * The three limits of POST /auth/login, checked before the password is:
 *  - per client IP and user name (LOGIN_RATE_LIMIT a minute, every attempt counts);
 *  - per client IP, whatever the user name (LOGIN_IP_RATE_LIMIT a minute of attempts that did not succeed:
 *    one that succeeds, or is refused before any password is checked, gives its slot back), so an office
 *    behind one address logging in each morning is not throttled, while a password spray from one address is;
 *  - per account, whatever the IP (AccountBackoff).
 */
export class LoginThrottle {
  private readonly pair: SlidingWindowLimiter;
  private readonly perIp: SlidingWindowLimiter;
  private readonly backoff: AccountBackoff;

  constructor(readonly settings: LoginThrottleSettings, now: () => number = () => performance.now()) {
    this.pair = new SlidingWindowLimiter(settings.perIpAndName, WINDOW_MS, now);
    this.perIp = new SlidingWindowLimiter(settings.perIp, WINDOW_MS, now);
    this.backoff = new AccountBackoff(settings.backoffAfter, settings.backoffMaxMs, now);
  }

  admit(ip: string, username: unknown): { allowed: true; ticket: LoginTicket } | LoginRefusal {
    const name = loginName(username);
    const window = WINDOW_MS / 1000;
    const account = this.backoff.admit(name);
    if (!account.allowed) return { allowed: false, reason: 'account', retryAfterMs: account.retryAfterMs, limit: this.settings.backoffAfter, windowSeconds: window };
    const pairKey = `${ip}|${name}`;
    const pair = this.pair.take(pairKey);
    if (!pair.allowed) {
      this.backoff.settle(name, 'neither');
      return { allowed: false, reason: 'ip-and-name', retryAfterMs: pair.retryAfterMs, limit: this.pair.limit, windowSeconds: window };
    }
    const perIp = this.perIp.take(ip);
    if (!perIp.allowed) {
      this.pair.release(pairKey);
      this.backoff.settle(name, 'neither');
      return { allowed: false, reason: 'ip', retryAfterMs: perIp.retryAfterMs, limit: this.perIp.limit, windowSeconds: window };
    }
    return { allowed: true, ticket: { ip, name } };
  }

  /**
   * Once the attempt's answer is known. `succeeded` (200) and `refused` (answered otherwise, e.g. 400: no
   * password was checked) give the IP's slot back; `failed` (401) keeps it and counts against the account;
   * `aborted` (the client hung up before the answer, while its password may be being checked) keeps it.
   */
  settle(ticket: LoginTicket, outcome: 'succeeded' | 'failed' | 'refused' | 'aborted'): void {
    if (outcome === 'succeeded' || outcome === 'refused') this.perIp.release(ticket.ip);
    this.backoff.settle(ticket.name, outcome === 'succeeded' || outcome === 'failed' ? outcome : 'neither');
  }
}
