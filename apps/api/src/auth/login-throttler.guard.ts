import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemException, type Text } from '@app/kernel';
import { FailedLogins, LoginThrottle, type LoginRefusal } from '@app/identity';

const TOO_MANY: Record<LoginRefusal['reason'], (seconds: number) => Text> = {
  'ip-and-name': (s) => ({
    vi: `Quá nhiều lần đăng nhập cho tài khoản này từ địa chỉ của bạn; hãy thử lại sau ${s} giây.`,
    en: `Too many login attempts for this account from your address; try again in ${s} seconds.`,
  }),
  ip: (s) => ({
    vi: `Quá nhiều lần đăng nhập không thành công từ địa chỉ của bạn; hãy thử lại sau ${s} giây.`,
    en: `Too many unsuccessful login attempts from your address; try again in ${s} seconds.`,
  }),
  account: (s) => ({
    vi: `Tài khoản này vừa bị đăng nhập sai nhiều lần; hãy thử lại sau ${s} giây.`,
    en: `This account has just had several failed logins; try again in ${s} seconds.`,
  }),
};

/**
 * Throttles POST /auth/login before the password is checked (LoginThrottle, libs/identity): per (IP, user
 * name), per IP whatever the names, and per account with a growing wait. Past a limit: 429 as a problem
 * document with Retry-After, and the refused attempt is recorded in failed_logins (reason `throttled`).
 * An admitted attempt is settled by its answer: 200 succeeded, 401 failed, another answer refused, none aborted.
 */
@Injectable()
export class LoginThrottlerGuard implements CanActivate {
  constructor(
    private readonly throttle: LoginThrottle,
    private readonly failedLogins: FailedLogins,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const admitted = this.throttle.admit(req.ip ?? '?', req.body?.username);
    if (admitted.allowed) {
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        const outcome = !res.writableFinished ? 'aborted' : res.statusCode === 200 ? 'succeeded' : res.statusCode === 401 ? 'failed' : 'refused';
        this.throttle.settle(admitted.ticket, outcome);
      };
      res.once('finish', settle);
      res.once('close', settle);
      return true;
    }
    const retryAfter = Math.max(1, Math.ceil(admitted.retryAfterMs / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    await this.failedLogins.record(req.body?.username, req.ip, 'throttled');
    throw new ProblemException(
      429,
      'too-many-requests',
      { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
      TOO_MANY[admitted.reason](retryAfter),
      { retryAfterSeconds: retryAfter, limit: admitted.limit, windowSeconds: admitted.windowSeconds, limitedBy: admitted.reason },
    );
  }
}
