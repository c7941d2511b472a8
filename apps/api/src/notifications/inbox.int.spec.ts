import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, type CanActivate, type ExecutionContext, type INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { renderPeriodEnding, renderReminder, renderReportDue } from '@app/notifications';
import { Clock } from '@app/kernel';
import { ProblemFilter } from '../common/problem.filter.js';
import { validationPipe } from '../common/validation.js';
import { Inbox, NotificationDispatcher } from '@app/notifications';
import { NotificationsController } from './notifications.controller.js';
import { openNotificationsDb } from '@app/notifications/testing';

/** Stands in for the app's AuthGuard: `X-Test-User: <userId>` becomes req.user. */
@Injectable()
class HeaderAuthGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest();
    const userId = req.headers['x-test-user'];
    req.user = { userId, username: userId, displayName: userId, role: 'reviewer', bodyId: 'tv-so-noi-vu' };
    return typeof userId === 'string';
  }
}

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-25T03:00:00.000Z');
  }
}

describe('GET/POST api/v1/me/notifications', () => {
  let db: DataSource;
  let app: INestApplication;
  const ids: string[] = [];
  const as = (user: string) => ({
    get: (path: string) => request(app.getHttpServer()).get(`/api/v1/me/notifications${path}`).set('X-Test-User', user),
    post: (path: string) => request(app.getHttpServer()).post(`/api/v1/me/notifications${path}`).set('X-Test-User', user),
  });

  beforeAll(async () => {
    db = await openNotificationsDb('notifications_inbox');
    const moduleRef = await Test.createTestingModule({
      controllers: [NotificationsController],
      providers: [
        { provide: getDataSourceToken(), useValue: db },
        { provide: Clock, useValue: new FixedClock() },
        Inbox,
        { provide: APP_GUARD, useClass: HeaderAuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useValue: validationPipe },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();

    // Inbox only (no e-mail or webhook channel configured), three notices an hour apart.
    const dispatcher = new NotificationDispatcher(db, {});
    const decisionId = randomUUID();
    const base = { decisionId, title: 'Phân cấp cấp giấy phép xây dựng cho Sở Xây dựng', recipients: [{ userId: 'user-reviewer' }] };
    for (const m of [
      renderReminder({ ...base, deadlineId: randomUUID(), dueOn: '2026-11-27', workingDaysLeft: 2, now: '2026-11-25T01:00:00Z' }),
      renderReportDue({ ...base, reportId: randomUUID(), dueOn: '2026-12-15', workingDaysLeft: 10, period: { vi: 'quý IV/2026', en: 'Q4 2026' }, now: '2026-11-25T02:00:00Z' }),
      renderPeriodEnding({ ...base, endsOn: '2026-12-31', daysLeft: 30, documentNumber: '12/QĐ-UBND', now: '2026-11-25T02:30:00Z' }),
    ]) {
      const report = await dispatcher.dispatch(m);
      expect(report.deliveries).toEqual([]);
      ids.push(m.id);
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('lists the user\'s notifications newest first, both languages, with the unread count; pages with limit/offset', async () => {
    const res = await as('user-reviewer').get('?limit=2');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, unreadCount: 3, limit: 2, offset: 0 });
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    const item = res.body.items[1];
    expect(item).toMatchObject({ kind: 'report-due', readAt: null, createdAt: '2026-11-25T02:00:00.000Z' });
    expect(item.subject.vi).toBe('[Báo cáo] Hồ sơ «Phân cấp cấp giấy phép xây dựng cho Sở Xây dựng»: hạn nộp báo cáo quý IV/2026 là 15/12/2026 — còn 10 ngày làm việc');
    expect(item.subject.en).toContain('is due on 15 Dec 2026');
    expect(item.body.vi).toContain('Kính gửi');
    const page2 = await as('user-reviewer').get('?limit=2&offset=2');
    expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);

    const other = await as('user-legal').get('');
    expect(other.body).toMatchObject({ items: [], total: 0, unreadCount: 0 });
  });

  it('marks one read (404 problem when not the user\'s), filters unread, marks all read', async () => {
    const notMine = await as('user-legal').post(`/${encodeURIComponent(ids[0])}/read`);
    expect(notMine.status).toBe(404);
    expect(notMine.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(notMine.body).toMatchObject({ type: 'urn:phancap:problem:not-found', status: 404, title: 'Không tìm thấy' });
    expect(notMine.body.messages.detail.vi).toContain('Không có thông báo');

    const read = await as('user-reviewer').post(`/${encodeURIComponent(ids[0])}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ id: ids[0], readAt: '2026-11-25T03:00:00.000Z', unreadCount: 2 });
    expect((await as('user-reviewer').post(`/${encodeURIComponent(ids[0])}/read`)).body.unreadCount).toBe(2);

    const unread = await as('user-reviewer').get('?unread=true');
    expect(unread.body).toMatchObject({ total: 2, unreadCount: 2 });
    expect(unread.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);

    const all = await as('user-reviewer').post('/read-all');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ marked: 2, unreadCount: 0 });
    const after = await as('user-reviewer').get('');
    expect(after.body.unreadCount).toBe(0);
    expect(after.body.items.every((i: { readAt: string | null }) => i.readAt === '2026-11-25T03:00:00.000Z')).toBe(true);
    expect((await as('user-reviewer').get('?unread=true')).body.items).toEqual([]);
  });

  it('refuses a bad page size with a validation problem', async () => {
    const res = await as('user-reviewer').get('?limit=0&unread=maybe');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'unread']);
  });
});
