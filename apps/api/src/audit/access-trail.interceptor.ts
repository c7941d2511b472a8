import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, Observable, throwError } from 'rxjs';
import { AccessTrail } from '@app/audit';
import type { AuthenticatedUser } from '../auth/public.decorator.js';
import { Clock } from '@app/kernel';
import { matchTrailRoute, type TrailMatch } from './trail-routes.js';

/** Query parameters kept in `detail` (bounded; nothing else of the request is stored). */
const MAX_DETAIL_VALUE = 200;

/**
 * The auditors' own trail, written by ONE global interceptor: after a route of TRAIL_ROUTES answers
 * (successfully or not), one access_trail row says who (user, role, body, IP) looked at what (action,
 * target decision or 'log', the query) and when. Writing the trail never fails the request: an insert
 * that fails is logged and the answer goes out unchanged.
 */
@Injectable()
export class AccessTrailInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AccessTrail');

  constructor(
    private readonly trail: AccessTrail,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
    const match = matchTrailRoute(req.method, path, (req.query ?? {}) as Record<string, unknown>);
    if (!match || !req.user) return next.handle();
    const record = (status: number) => from(this.record(req, match, status));
    return next.handle().pipe(
      concatMap((body) => record(context.switchToHttp().getResponse<Response>().statusCode ?? 200).pipe(concatMap(async () => body))),
      catchError((err: unknown) => record(statusOf(err)).pipe(concatMap(() => throwError(() => err)))),
    );
  }

  /** Inserts the row; never throws. */
  private async record(req: Request & { user?: AuthenticatedUser }, match: TrailMatch, status: number): Promise<void> {
    const user = req.user!;
    const query = Object.fromEntries(
      Object.entries(req.query ?? {}).map(([k, v]) => [k.slice(0, 50), String(v).slice(0, MAX_DETAIL_VALUE)]),
    );
    try {
      await this.trail.record({
        at: this.clock.now().toISOString(), userId: user.userId, role: user.role, bodyId: user.bodyId, action: match.action,
        target: match.target.slice(0, 200), detail: { method: req.method, route: match.pattern, query, status }, ip: req.ip ?? null,
      });
    } catch (e) {
      this.logger.error(`access trail not written (${match.action} ${match.target} by ${user.userId}): ${(e as Error).message}`);
    }
  }
}

function statusOf(err: unknown): number {
  const s = (err as { getStatus?: () => number })?.getStatus?.();
  return typeof s === 'number' ? s : 500;
}
