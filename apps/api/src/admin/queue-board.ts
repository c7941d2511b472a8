import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { can } from '@app/identity';
import { TokenVerifier } from '@app/identity';
import { BullJobQueue } from '@app/jobs';
import { JobQueue } from '@app/jobs';

const COOKIE = 'phancap_admin';

function deny(res: Response, status: number, vi: string, en: string): void {
  res.status(status).type('application/problem+json').send(JSON.stringify({
    type: `urn:phancap:problem:${status === 401 ? 'unauthorized' : 'role-not-allowed'}`,
    title: status === 401 ? 'Chưa xác thực' : 'Không có quyền', status, detail: vi, messages: { detail: { vi, en } },
  }));
}

/**
 * The queue dashboard (bull-board) at /admin/queues, for roles with `queues:manage` (admins). A browser opens it once
 * with `?token=<access token>`; the token is then kept in an HTTP-only cookie for the page's assets.
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
    if (!token) return deny(res, 401, 'Cần đăng nhập với vai trò quản trị.', 'Log in as an admin.');
    try {
      // The same checks as every API route: signature, expiry, active user, token version; then the policy.
      const user = await tokens.verify(token);
      if (!can(user.role, 'queues:manage')) return deny(res, 403, 'Chỉ quản trị viên được xem hàng đợi.', 'Only admins may see the queues.');
      if (fromQuery) res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/admin/queues' });
      next();
    } catch {
      deny(res, 401, 'Mã truy cập không hợp lệ hoặc đã hết hạn.', 'The access token is invalid or expired.');
    }
  };
  app.use('/admin/queues', adminOnly, board.getRouter());
  return true;
}
