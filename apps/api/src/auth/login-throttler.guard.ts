import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ProblemException } from '@app/kernel';
import { FailedLogins, SlidingWindowLimiter, loginTracker } from '@app/identity';

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
