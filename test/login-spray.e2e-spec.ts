import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '@app/operator';
import { startTestApp, type TestApp } from './support/harness.js';

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> }

/**
 * Password spraying: the login limit used to be per (IP, user name), so 300 names from one address all
 * got 401, never 429, each costing a bcrypt check. Now one address gets LOGIN_IP_RATE_LIMIT (60) attempts
 * a minute that do not succeed, an account backs off after LOGIN_BACKOFF_AFTER (5) failures, and a user
 * from another address still logs in. The requests come from distinct loopback addresses (127.0.0.x).
 */
describe('login: password spraying is throttled per IP; accounts back off', () => {
  let t: TestApp;
  let port: number;

  /** POST /auth/login from the local address `from`. */
  const loginFrom = (from: string, username: string, password: string) => new Promise<Answer>((resolve, reject) => {
    const payload = JSON.stringify({ username, password });
    const req = httpRequest({
      host: '127.0.0.1', port, localAddress: from, method: 'POST', path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'accept-language': 'en' },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
    });
    req.on('error', reject);
    req.end(payload);
  });

  beforeAll(async () => {
    t = await startTestApp();
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('300 user names from one address: 60 checked (401), the other 240 refused 429 with Retry-After; another address still logs in', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 300; i += 20) {
      answers.push(...(await Promise.all(Array.from({ length: 20 }, (_, k) => loginFrom('127.0.0.11', `spray.${i + k}`, 'Mua-xuan-2026')))));
    }
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(240);
    for (const a of answers.filter((x) => x.status === 429)) {
      expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
      expect(a.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(a.body).toMatchObject({ type: 'urn:phancap:problem:too-many-requests', limitedBy: 'ip', limit: 60 });
    }
    const one = answers.find((a) => a.status === 429)!;
    expect(one.body.detail).toMatch(/unsuccessful login attempts from your address/);
    expect((one.body.messages as { detail: { vi: string } }).detail.vi).toMatch(/^Quá nhiều lần đăng nhập không thành công từ địa chỉ của bạn/);
    // The sprayer's next try, even with a real account and password, waits too: the address is throttled.
    expect((await loginFrom('127.0.0.11', 'auditor', DEMO_PASSWORD)).status).toBe(429);
    // A legitimate user from another address logs in.
    const legit = await loginFrom('127.0.0.12', 'auditor', DEMO_PASSWORD);
    expect(legit.status).toBe(200);
    expect(legit.body.accessToken).toEqual(expect.any(String));
  });

  it('the refused attempts are in the failed-login log as throttled', async () => {
    const log = await t.http().get('/api/v1/admin/failed-logins').query({ username: 'spray.299' }).set('Authorization', await t.login('admin'));
    expect(log.body.items).toEqual([expect.objectContaining({ username: 'spray.299', reason: 'throttled' })]);
  });

  it('an account backs off after 5 failures, from any address; the right password then works and resets it', async () => {
    for (let i = 0; i < 5; i++) expect((await loginFrom(`127.0.0.${20 + i}`, 'legal', 'not-the-password')).status).toBe(401);
    const refused = await loginFrom('127.0.0.30', 'legal', DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ limitedBy: 'account' });
    expect(refused.body.detail).toMatch(/This account has just had several failed logins/);
    expect(Number(refused.headers['retry-after'])).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await loginFrom('127.0.0.30', 'legal', DEMO_PASSWORD)).status).toBe(200);
    expect((await loginFrom('127.0.0.31', 'legal', 'not-the-password')).status).toBe(401); // the count started again
  });

  it('an office behind one address: 80 successful logins (more than 60) are never throttled', async () => {
    // Ten staff, eight logins each: under the per-(IP, user name) limit of 10, over the per-IP one of 60.
    const users = ['proposer', 'proposer.xd', 'reviewer', 'reviewer.lead', 'legal', 'council', 'committee', 'auditor', 'admin', 'qn.auditor'];
    for (let i = 0; i < 80; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, k) => loginFrom(`127.0.0.40`, users[(i + k) % users.length], DEMO_PASSWORD)));
      expect(batch.map((a) => a.status)).toEqual(Array(10).fill(200));
    }
  });
});
