import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { phanCapProposal, scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

const DECISIONS = 130;

/**
 * What the web app's dashboard and people picker read: the summary counted in SQL over every decision
 * (past any page size, every stage whatever its count, the on-time rate as a rate), and the eligible
 * reviewers of the caller's province by name.
 */
describe('the dashboard summary and the people picker', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  const ids: string[] = [];

  async function as(user: string, path: string, method: 'get' | 'post' = 'get', body?: object) {
    const req = t.http()[method](path).set('Authorization', await t.login(user));
    return body ? req.send(body) : req;
  }
  async function ok(user: string, path: string, method: 'get' | 'post' = 'get', body?: object) {
    const res = await as(user, path, method, body);
    if (res.status >= 300) throw new Error(`${method} ${path} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const act = (id: string, action: string, user: string, body: object = {}) => ok(user, `/api/v1/decisions/${id}/${action}`, 'post', body);
  async function inBatches<T>(items: T[], size: number, work: (item: T, i: number) => Promise<unknown>) {
    for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((x, j) => work(x, i + j)));
  }

  beforeAll(async () => {
    db = await scratchDatabase('summary');
    t = await startTestApp({ DATABASE_URL: db.url });
    for (const user of ['proposer', 'reviewer', 'reviewer.lead', 'committee', 'qn.reviewer.lead']) await t.login(user);
    t.clock.set('2026-03-02T02:00:00Z');
    await inBatches(Array.from({ length: DECISIONS }), 16, async (_, i) => {
      const body = i % 4 === 0 ? uyQuyenProposal({ title: `Ủy quyền thử tổng hợp ${i}` }) : phanCapProposal({ title: `Phân cấp thử tổng hợp ${i}` });
      ids[i] = (await ok('proposer', '/api/v1/decisions', 'post', body)).decisionId;
    });
    t.clock.set('2026-03-03T02:00:00Z');
    await inBatches(ids.slice(0, 110), 16, (id) => act(id, 'submit', 'proposer'));
    // 20 assigned the next day (on time), 10 a week later (the two-day limit passed).
    t.clock.set('2026-03-04T02:00:00Z');
    await inBatches(ids.slice(0, 20), 10, (id) => act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' }));
    t.clock.set('2026-03-12T02:00:00Z');
    await inBatches(ids.slice(20, 30), 10, (id) => act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' }));
    await act(ids[30], 'withdraw', 'proposer', { reason: 'Không còn cần thiết' });
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('counts every decision by stage, kind and sector, with every stage listed in workflow order, and agrees with the list totals', async () => {
    const s = await ok('reviewer', '/api/v1/decisions/summary');
    expect(s.total).toBe(DECISIONS);
    const stage = (id: string) => s.byStage.find((x: { stage: string }) => x.stage === id)?.count;
    expect(stage('draft')).toBe(DECISIONS - 110);
    expect(stage('submitted')).toBe(110 - 31);
    expect(stage('in-appraisal')).toBe(30);
    expect(stage('withdrawn')).toBe(1);
    // Stages nobody is in are bars of 0, not missing bars.
    expect(stage('issued')).toBe(0);
    expect(stage('rejected')).toBe(0);
    const order = s.byStage.map((x: { stage: string }) => x.stage);
    expect(order.indexOf('legal-appraisal')).toBeLessThan(order.indexOf('appraised'));
    expect(order).toContain('expired');
    expect(s.open).toBe(DECISIONS - 1);
    expect(s.byKind).toEqual(expect.arrayContaining([{ kind: 'phan-cap', count: 97 }, { kind: 'uy-quyen', count: 33 }]));
    expect(s.bySector.reduce((a: number, x: { count: number }) => a + x.count, 0)).toBe(DECISIONS);
    // The list says the same totals, filter by filter.
    for (const [query, n] of [['', s.total], ['stage=submitted', stage('submitted')], ['overdue=true', s.overdue], ['kind=uy-quyen', 33]] as const) {
      expect((await ok('reviewer', `/api/v1/decisions?limit=1&${query}`)).total).toBe(n);
    }
    // On 12 March the submitted ones have waited past their two working days.
    expect(s.overdue).toBe(stage('submitted'));
    // The same filters as the list.
    const uq = await ok('reviewer', '/api/v1/decisions/summary?kind=uy-quyen&q=tong%20hop');
    expect(uq.total).toBe(33);
    expect(uq.byKind).toEqual([{ kind: 'uy-quyen', count: 33 }]);
  });

  it('gives the on-time rate of finished stages as a rate, by stage and by body and month', async () => {
    const { onTime } = await ok('reviewer', '/api/v1/decisions/summary');
    // 20 "submitted" stages finished within their limit; 10 assigned after it, and the one withdrawn after it, late.
    const submitted = onTime.byStage.find((x: { stage: string }) => x.stage === 'submitted');
    expect(submitted).toMatchObject({ met: 20, late: 11 });
    expect(submitted.rate).toBeCloseTo(20 / 31, 6);
    expect(onTime.met).toBeGreaterThanOrEqual(20);
    expect(onTime.rate).toBeCloseTo(onTime.met / (onTime.met + onTime.late), 6);
    expect(onTime.rate).toBeGreaterThan(0);
    expect(onTime.rate).toBeLessThanOrEqual(1);
    const months = onTime.byBodyMonth.filter((x: { month: string }) => x.month === '2026-03');
    expect(months.reduce((a: number, x: { met: number; late: number }) => a + x.met + x.late, 0)).toBe(onTime.met + onTime.late);
  });

  it('counts only what the caller may see, and refuses an unknown filter naming it', async () => {
    const qn = await ok('qn.reviewer.lead', '/api/v1/decisions/summary');
    expect(qn.total).toBe(0);
    expect(qn.byStage.every((x: { count: number }) => x.count === 0)).toBe(true);
    const bad = await as('reviewer', '/api/v1/decisions/summary?stage=nowhere');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('stage');
  });

  it('lists the eligible reviewers of the caller\'s province by name, searchable without diacritics', async () => {
    const all = await ok('reviewer.lead', '/api/v1/people?role=reviewer,reviewer-lead');
    const names = all.items.map((p: { displayName: string }) => p.displayName);
    expect(names).toEqual(expect.arrayContaining(['Trần Thị Bình', 'Lê Văn Cường']));
    expect(names).not.toContain('Huỳnh Thị Mai'); // Quảng Nam's reviewer
    expect(all.items.every((p: { role: string }) => ['reviewer', 'reviewer-lead'].includes(p.role))).toBe(true);
    expect(all.total).toBe(all.items.length);
    expect(Object.keys(all.items[0]).sort()).toEqual(['bodyId', 'displayName', 'id', 'role']);
    const binh = await ok('reviewer.lead', '/api/v1/people?role=reviewer,reviewer-lead&q=binh');
    expect(binh.items).toEqual([{ id: 'user-reviewer', displayName: 'Trần Thị Bình', role: 'reviewer', bodyId: 'tv-so-noi-vu' }]);
    const qn = await ok('qn.reviewer.lead', '/api/v1/people?role=reviewer&q=mai');
    expect(qn.items.map((p: { displayName: string }) => p.displayName)).toEqual(['Huỳnh Thị Mai']);
    // The id the picker sends is the one assign-reviewer accepts.
    await act(ids[40], 'assign-reviewer', 'reviewer.lead', { reviewerId: binh.items[0].id });
    const bad = await as('reviewer.lead', '/api/v1/people?role=boss');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('role');
  });
});
