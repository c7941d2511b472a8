import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { phanCapProposal, scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

const DECISIONS = 240;
const ISSUED = 12;

/**
 * The lists at a realistic size (hundreds of decisions, on a database of their own): paged on the server
 * by cursor or offset past any 100-row ceiling, sorted, filtered, searched with and without diacritics,
 * each item with its deadline, assignee and case number, and the true total.
 */
describe(`decision lists with ${DECISIONS} decisions`, () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  const ids: string[] = [];
  const issued: string[] = [];

  async function as(user: string, method: 'get' | 'post', path: string, body?: object) {
    const req = t.http()[method](path).set('Authorization', await t.login(user));
    const res = await (body ? req.send(body) : req);
    if (res.status >= 300) throw new Error(`${method} ${path} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const act = (id: string, action: string, user: string, body: object = {}) => as(user, 'post', `/api/v1/decisions/${id}/${action}`, body);
  const list = (query: string, user = 'reviewer') => as(user, 'get', `/api/v1/decisions?${query}`);
  async function inBatches<T>(items: T[], size: number, work: (item: T, i: number) => Promise<unknown>) {
    for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((x, j) => work(x, i + j)));
  }

  beforeAll(async () => {
    db = await scratchDatabase('lists');
    t = await startTestApp({ DATABASE_URL: db.url });
    // Logged in one at a time: concurrent first logins of one user would meet the login limit.
    for (const user of ['proposer', 'reviewer', 'reviewer.lead', 'committee']) await t.login(user);
    t.clock.set('2026-03-02T02:00:00Z');
    await inBatches(Array.from({ length: DECISIONS }), 16, async (_, i) => {
      const body = i % 3 === 0
        ? uyQuyenProposal({ title: `Ủy quyền cấp giấy chứng nhận quyền sử dụng đất, đợt ${i}` })
        : phanCapProposal({ title: `Phân cấp cấp giấy phép xây dựng công trình, đợt ${i}` });
      ids[i] = (await as('proposer', 'post', '/api/v1/decisions', body)).decisionId;
    });
    // Most are submitted; some assigned; a few ủy quyền issued.
    t.clock.set('2026-03-03T02:00:00Z');
    await inBatches(ids.slice(0, 200), 16, (id) => act(id, 'submit', 'proposer'));
    t.clock.set('2026-03-04T02:00:00Z');
    await inBatches(ids.slice(0, 60), 16, (id) => act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' }));
    const uq = ids.slice(0, 60).filter((_, i) => i % 3 === 0).slice(0, ISSUED);
    await inBatches(uq, 6, async (id, i) => {
      await act(id, 'appraise', 'reviewer', { opinion: 'favourable', reportNumber: `${i}/BC-SNV`, summary: 'Đủ điều kiện' });
      await act(id, 'decide', 'committee', { outcome: 'approved', decidedBy: 'chairman' });
      await act(id, 'issue', 'committee', { documentNumber: `${700 + i}/QĐ-UBND`, signer: 'Lê Văn Hảo', signedOn: '2026-03-04', effectiveFrom: '2026-04-01' });
      issued.push(id);
    });
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('says the true total and pages through every decision by cursor, 100 and more at a time, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Array<{ id: string }>; total: number; nextCursor: string | null } =
        await list(`limit=110${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.total).toBe(DECISIONS);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(DECISIONS / 110));
    expect(new Set(seen).size).toBe(DECISIONS);
    expect(new Set(seen)).toEqual(new Set(ids));
    // Offset paging reaches past 100 as well.
    expect((await list('limit=50&offset=200')).items).toHaveLength(DECISIONS - 200);
    expect((await list('limit=500')).items).toHaveLength(DECISIONS);
  });

  it('carries each decision\'s current deadline, assignee and case number (no request per card)', async () => {
    const { items } = await list(`assigneeId=user-reviewer&stage=in-appraisal&limit=100`);
    expect(items.length).toBe(60 - ISSUED);
    for (const d of items) {
      expect(d.assignee).toEqual({ id: 'user-reviewer', displayName: expect.any(String) });
      expect(d.assignee.displayName).not.toBe('user-reviewer');
      expect(d.caseNumber).toMatch(/^(PC|UQ)-2026-\d{4}$/);
      expect(d.deadline).toMatchObject({ kind: 'stage', subject: 'in-appraisal', status: 'open', dueOn: expect.stringMatching(/^2026-03-\d\d$/), overdue: false });
      expect(d.deadline.workingDaysLeft).toBeGreaterThan(0);
      expect(d.waitingOn).toMatchObject({ bodyId: 'tv-so-noi-vu', userId: 'user-reviewer' });
    }
    const drafts = await list('stage=draft&limit=100');
    expect(drafts.total).toBe(DECISIONS - 200);
    expect(drafts.items[0].deadline).toBeNull();
    expect(drafts.items[0].waitingOn).toMatchObject({ role: 'proposer', bodyId: 'tv-so-tnmt' });
  });

  it('sorts by deadline, case number and title, and keeps the order across cursor pages', async () => {
    const byDeadline = await list('open=true&sort=deadline&limit=500');
    const due = byDeadline.items.map((d: { deadline: { dueOn: string } | null }) => d.deadline?.dueOn ?? '9999-12-31');
    expect(due).toEqual([...due].sort());
    const first = await list('sort=caseNumber&limit=100');
    const second = await list(`sort=caseNumber&limit=100&cursor=${encodeURIComponent(first.nextCursor)}`);
    const numbers = [...first.items, ...second.items].map((d: { caseNumber: string }) => d.caseNumber);
    expect(numbers).toEqual([...numbers].sort());
    expect(numbers[0]).toBe('PC-2026-0001');
    const titles = (await list('sort=-title&limit=30')).items.map((d: { title: string }) => d.title);
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    // A cursor belongs to its sort.
    const wrong = await t.http().get(`/api/v1/decisions?sort=title&cursor=${encodeURIComponent(first.nextCursor)}`).set('Authorization', await t.login('reviewer'));
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('cursor');
  });

  it('searches title, case number and document number, with and without diacritics', async () => {
    const withMarks = await list(`q=${encodeURIComponent('Ủy quyền cấp giấy')}&limit=500`);
    const without = await list(`q=${encodeURIComponent('uy quyen cap giay')}&limit=500`);
    expect(withMarks.total).toBe(DECISIONS / 3);
    expect(without.total).toBe(withMarks.total);
    const one = await list(`q=${encodeURIComponent('đợt 217')}`);
    expect(one.items.map((d: { title: string }) => d.title)).toEqual(['Phân cấp cấp giấy phép xây dựng công trình, đợt 217']);
    expect((await list('q=DOT%20217')).total).toBe(1);
    expect((await list(`q=${encodeURIComponent('đợt 21')}`)).total).toBe(11);
    const byCase = await list(`q=${one.items[0].caseNumber.toLowerCase()}`);
    expect(byCase.items.map((d: { id: string }) => d.id)).toEqual([one.items[0].id]);
    // An issued decision is found by its document number, and shows it.
    const byDocument = await list(`q=${encodeURIComponent('705/QĐ-UBND')}`);
    expect(byDocument.total).toBe(1);
    expect(byDocument.items[0]).toMatchObject({ stage: 'issued', documentNumber: '705/QĐ-UBND' });
    expect((await list('q=%25')).total).toBe(0);
  });

  it('filters by stages, open or closed, kind, body, and what waits on me', async () => {
    expect((await list('stage=draft,submitted')).total).toBe(DECISIONS - 60);
    expect((await list('stage=draft&stage=issued')).total).toBe(DECISIONS - 200 + ISSUED);
    expect((await list('kind=uy-quyen&stage=issued')).total).toBe(ISSUED);
    expect((await list('open=false')).total).toBe(0);
    expect((await list('bodyId=tv-so-xay-dung')).total).toBe((DECISIONS * 2) / 3);
    expect((await list('bodyId=tv-so-tnmt')).total).toBe(DECISIONS);
    // The reviewer lead assigns what was submitted; the reviewer appraises what was assigned to them.
    expect((await list('waitsOnMe=true', 'reviewer.lead')).total).toBe(140);
    expect((await list('waitsOnMe=true', 'reviewer')).total).toBe(60 - ISSUED);
    // The proposer's drafts wait on the proposing body; reports of issued decisions only once their reminder is near.
    expect((await list('waitsOnMe=true', 'proposer')).total).toBe(DECISIONS - 200);
    t.clock.set('2026-06-11T02:00:00Z'); // the Q2 report (due 14/6, a Sunday) is reminded 2 working days before: Thursday 11/6
    const late = await list('waitsOnMe=true&sort=deadline', 'proposer');
    expect(late.total).toBe(DECISIONS - 200 + ISSUED);
    expect(late.items[0].deadline).toMatchObject({ kind: 'report', subject: '2026-Q2' });
    // Past every stage deadline: the overdue filter sees the open stages late.
    expect((await list('overdue=true')).total).toBe(200 - ISSUED);
    t.clock.set('2026-03-04T02:00:00Z');
  });
});
