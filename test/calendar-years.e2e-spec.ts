import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { phanCapProposal, scratchDatabase, startTestApp, type TestApp } from './support/harness.js';

/**
 * A year's official schedule of days off, as an admin loads it: deadlines counted through a year that
 * has none yet are provisional and say why; loading the year moves them, records each move with who
 * loaded it, and they are no longer provisional. (A database of its own: the schedule of 2027 would
 * move the other files' deadlines.)
 */
describe('calendar years and the deadlines counted through them', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let crossing: string;
  let within: string;

  async function as(user: string, method: 'get' | 'post' | 'put', path: string, body?: object) {
    const req = t.http()[method](path).set('Authorization', await t.login(user));
    return body ? req.send(body) : req;
  }
  async function must(user: string, method: 'get' | 'post' | 'put', path: string, body?: object) {
    const res = await as(user, method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const appraisal = async (id: string) =>
    (await must('reviewer', 'get', `/api/v1/decisions/${id}/deadlines`)).items.find((d: { subject: string }) => d.subject === 'in-appraisal');

  beforeAll(async () => {
    db = await scratchDatabase('calendar');
    t = await startTestApp({ DATABASE_URL: db.url });
    for (const user of ['proposer', 'reviewer.lead', 'reviewer', 'admin']) await t.login(user);
    const start = async (clock: string) => {
      t.clock.set(clock);
      const id = (await must('proposer', 'post', '/api/v1/decisions', phanCapProposal())).decisionId;
      await must('proposer', 'post', `/api/v1/decisions/${id}/submit`, {});
      await must('reviewer.lead', 'post', `/api/v1/decisions/${id}/assign-reviewer`, { reviewerId: 'user-reviewer' });
      return id;
    };
    // Appraisal from Monday 28/12/2026: 15 working days run into 2027, whose schedule is not loaded.
    crossing = await start('2026-12-28T02:00:00Z');
    // Appraisal from Monday 2/11/2026: its 15 working days end in November.
    within = await start('2026-11-02T02:00:00Z');
    t.clock.set('2026-12-28T03:00:00Z');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('shows the official 2026 New Year swap with its document', async () => {
    const year = await must('reviewer', 'get', '/api/v1/calendar/years/2026');
    expect(year.daysOff).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2026-01-02', source: expect.stringContaining('25/12/2025') })]));
    expect(year.makeUpWorkingDays).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2026-01-10', source: expect.stringContaining('25/12/2025') })]));
    // Days of the year's main announcement name it.
    expect(year.daysOff.find((d: { date: string }) => d.date === '2026-02-17').source).toBe(year.source);
  });

  it('marks a deadline counted through a year without an official schedule as provisional, and says why', async () => {
    const d = await appraisal(crossing);
    expect(d).toMatchObject({ dueOn: '2027-01-19', provisional: { years: [2027] }, changes: [] });
    expect(d.provisional.reason.vi).toContain('Tạm tính');
    expect(d.provisional.reason.en).toContain('2027');
    expect((await appraisal(within)).provisional).toBeUndefined();
    const [item] = (await must('reviewer', 'get', `/api/v1/decisions?q=${crossing}`)).items;
    expect(item.deadline).toMatchObject({ dueOn: '2027-01-19', provisional: { years: [2027] } });
  });

  it('refuses a schedule whose per-day document names a day it does not list', async () => {
    const res = await as('admin', 'put', '/api/v1/calendar/years/2027', {
      source: 'Thông báo thử nghiệm', daysOff: ['2027-01-01'], makeUpWorkingDays: [], entrySources: { '2027-01-04': 'Thông báo khác' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['entrySources.2027-01-04']);
  });

  it('moves the deadlines when the year is loaded, records each move, and they are no longer provisional', async () => {
    const saved = await must('admin', 'put', '/api/v1/calendar/years/2027', {
      source: 'Thông báo thử nghiệm về lịch nghỉ năm 2027',
      daysOff: ['2027-01-01', '2027-01-04'],
      makeUpWorkingDays: [],
      entrySources: { '2027-01-04': 'Thông báo thử nghiệm về hoán đổi ngày 04/01/2027' },
    });
    expect(saved.deadlinesRecomputed).toEqual({ year: 2027, decisions: 1, moved: 1 });
    const d = await appraisal(crossing);
    expect(d.dueOn).toBe('2027-01-20'); // Monday 4/1 is now off: one working day later
    expect(d.provisional).toBeUndefined();
    expect(d.changes).toEqual([expect.objectContaining({ year: 2027, dueBefore: '2027-01-19', dueAfter: '2027-01-20', changedBy: 'user-admin' })]);
    // The list carries the moved deadline; the other decision did not move.
    const [item] = (await must('reviewer', 'get', `/api/v1/decisions?q=${crossing}`)).items;
    expect(item.deadline.dueOn).toBe('2027-01-20');
    expect((await appraisal(within)).changes).toEqual([]);
    // Loading the same schedule again moves nothing more.
    const again = await must('admin', 'put', '/api/v1/calendar/years/2027', {
      source: 'Thông báo thử nghiệm về lịch nghỉ năm 2027', daysOff: ['2027-01-01', '2027-01-04'], makeUpWorkingDays: [],
    });
    expect(again.deadlinesRecomputed).toMatchObject({ moved: 0 });
    expect((await appraisal(crossing)).changes).toHaveLength(1);
  });
});
