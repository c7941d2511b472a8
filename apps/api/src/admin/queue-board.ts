import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { can, rolesWith } from '@app/identity';
import { TokenVerifier } from '@app/identity';
import { BullJobQueue } from '@app/jobs';
import { JobQueue } from '@app/jobs';

const COOKIE = 'phancap_admin';

function deny(req: Request, res: Response, status: number, vi: string, en: string): void {
  const title = status === 401 ? { vi: 'Chưa xác thực', en: 'Unauthorized' } : { vi: 'Vai trò không được phép', en: 'Role not allowed' };
  const english = /^\s*en\b/i.test(req.headers['accept-language'] ?? '');
  res.status(status).type('application/problem+json').send(JSON.stringify({
    type: `urn:phancap:problem:${status === 401 ? 'unauthorized' : 'role-not-allowed'}`,
    title: english ? title.en : title.vi, status, detail: english ? en : vi, messages: { title, detail: { vi, en } },
    ...(status === 403 ? { permission: 'queues:manage', allowedRoles: rolesWith('queues:manage') } : {}),
  }));
}

/**
 * The queue dashboard (bull-board) at /admin/queues, for roles with `queues:manage`: the national operator only. The
 * queues hold every province's jobs and its controls (pause, retry, clean) act on all of them, so a province's admin
 * may not open it. A browser opens it once with `?token=<access token>`; the token is then kept in an HTTP-only
 * cookie for the page's assets and its API.
 */
export function mountQueueBoard(app: INestApplication): boolean {
  const queue = app.get(JobQueue);
  if (!(queue instanceof BullJobQueue)) return false;
  const tokens = app.get(TokenVerifier);
  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({ queues: [...queue.queues.values()].map((q) => new BullMQAdapter(q)), serverAdapter: board });
  const adminOnly = async (req: Request, res: Response, next: NextFunction) => {
    const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const fromQuery = typeof req.query.token === 'string' ? req.query.token : undefined;
    const fromCookie = /(?:^|;\s*)phancap_admin=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const token = header ?? fromQuery ?? fromCookie;
    if (!token) return deny(req, res, 401, 'Cần đăng nhập với vai trò vận hành hệ thống.', 'Log in as the system operator.');
    try {
      // The same checks as every API route: signature, expiry, active user, token version; then the policy.
      const user = await tokens.verify(token);
      if (!can(user.role, 'queues:manage')) {
        return deny(req, res, 403,
          'Chỉ người vận hành hệ thống (cấp quốc gia) được xem và điều khiển hàng đợi: hàng đợi chứa công việc của mọi tỉnh.',
          'Only the national system operator may see and control the queues: they hold every province\'s jobs.');
      }
      if (fromQuery) res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/admin/queues' });
      next();
    } catch {
      deny(req, res, 401, 'Mã truy cập không hợp lệ hoặc đã hết hạn.', 'The access token is invalid or expired.');
    }
  };
  app.use('/admin/queues', adminOnly, board.getRouter());
  return true;
}
