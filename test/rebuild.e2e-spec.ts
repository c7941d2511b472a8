import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TableProjection } from '@app/event-store';
import { IntentDispatcher, ProjectionRegistry } from '@app/operator';
import { phanCapProposal, scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

describe('read models rebuilt from the log', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    // A database of its own: the rebuild must give back every row, and the other files change users
    // (which body answers for a role is read when a deadline is written).
    db = await scratchDatabase('rebuild');
    t = await startTestApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const projections = () => t.app.get(ProjectionRegistry).pipelines.flatMap((p) => (p.spec.projections ?? []) as Array<TableProjection<unknown, unknown>>);
  /** Every projection's table, the projected columns of every row, in key order. */
  const snapshot = async () => Object.fromEntries(await Promise.all(projections().map(async (p) =>
    [p.table, await t.db.query(`SELECT ${p.columns.join(', ')} FROM ${p.table} ORDER BY ${p.key.join(', ')}`)] as const)));

  it('equal the live (inline) projections, row for row', async () => {
    const proposer = await t.login('proposer');
    const run = async (id: string, action: string, user: string, body: object = {}) => {
      const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
      expect(res.status).toBe(200);
    };
    for (const [i, body] of [phanCapProposal({ delegateBodyId: 'tv-so-tnmt', powerIds: ['TV-DD-01'], sector: 'dat-dai' }), uyQuyenProposal(), uyQuyenProposal({ powerIds: ['TV-DD-03'] })].entries()) {
      t.clock.set(`2026-0${i + 3}-02T02:00:00Z`);
      const id = (await t.http().post('/api/v1/decisions').set('Authorization', proposer).send(body)).body.decisionId;
      await run(id, 'submit', 'proposer');
      if (i === 0) continue;
      await run(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
      await run(id, 'appraise', 'reviewer', { opinion: 'favourable', reportNumber: `${i}/BC-SNV`, summary: 'Đạt' });
      await run(id, 'decide', 'committee', { outcome: 'approved', decidedBy: 'committee' });
      await run(id, 'issue', 'committee', { documentNumber: `${i}/QĐ-UBND`, signer: 'A', signedOn: '2026-04-01', effectiveFrom: '2026-04-01' });
      if (i === 2) await run(id, 'revoke', 'committee', { documentNumber: 'R/QĐ', reason: 'r', effectiveFrom: '2026-08-01' });
    }
    while ((await t.app.get(IntentDispatcher).poll()) > 0); // the checks record their findings
    const live = await snapshot();
    expect(Object.keys(live)).toEqual(['bodies', 'body_versions', 'powers', 'power_versions', 'decision_list', 'power_holdings', 'deadlines', 'findings']);
    expect(live.decision_list.length).toBe(3);
    expect(live.power_holdings.length).toBeGreaterThanOrEqual(2);
    expect(live.deadlines.length).toBeGreaterThan(10);
    expect(live.bodies.length).toBeGreaterThan(10);
    expect(live.findings.length).toBeGreaterThan(0);

    // Damage every read model, then rebuild them from the events alone.
    await t.db.query(`UPDATE decision_list SET stage = 'draft'`);
    await t.db.query(`DELETE FROM power_holdings`);
    await t.db.query(`UPDATE deadlines SET status = 'late', due_on = '2000-01-01'`);
    await t.db.query(`DELETE FROM body_versions`);
    await t.db.query(`UPDATE bodies SET name_vi = 'hỏng'`);
    await t.db.query(`UPDATE powers SET title_vi = 'hỏng'`);
    await t.db.query(`DELETE FROM power_versions`);
    await t.db.query(`UPDATE findings SET open = NOT open`);
    const damaged = await snapshot();
    for (const table of ['decision_list', 'power_holdings', 'deadlines', 'findings', 'bodies', 'body_versions', 'powers', 'power_versions']) {
      expect({ table, same: JSON.stringify(damaged[table]) === JSON.stringify(live[table]) }).toEqual({ table, same: false });
    }
    const rebuilt = await t.app.get(ProjectionRegistry).rebuildAll();
    expect(rebuilt.decision).toBe(3);
    expect(await snapshot()).toEqual(live);
  });
});
