import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ProblemException } from '../common/problem.js';
import { FailedLogins } from './failed-logins.js';

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

/**
 * Throttles POST /auth/login to LOGIN_RATE_LIMIT attempts a minute per (IP, user name): past it,
 * 429 as a problem document with Retry-After, and the refused attempt is recorded in failed_logins
 * (reason `throttled`). The attempt is counted before the password is checked.
 */
@Injectable()
export class LoginThrottlerGuard implements CanActivate {
  private readonly limiter: SlidingWindowLimiter;

  constructor(
    config: ConfigService,
    private readonly failedLogins: FailedLogins,
  ) {
    this.limiter = new SlidingWindowLimiter(Number(config.get('LOGIN_RATE_LIMIT') ?? 10));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest();
    const taken = this.limiter.take(loginTracker(req));
    if (taken.allowed) return true;
    const retryAfter = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
    context.switchToHttp().getResponse().setHeader('Retry-After', String(retryAfter));
    await this.failedLogins.record(req.body?.username, req.ip, 'throttled');
    throw new ProblemException(
      429,
      'too-many-requests',
      { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
      {
        vi: `Quá nhiều lần đăng nhập cho tài khoản này từ địa chỉ của bạn; hãy thử lại sau ${retryAfter} giây.`,
        en: `Too many login attempts for this account from your address; try again in ${retryAfter} seconds.`,
      },
      { retryAfterSeconds: retryAfter, limit: this.limiter.limit, windowSeconds: this.limiter.windowMs / 1000 },
    );
  }
}
