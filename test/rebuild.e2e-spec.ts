import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { phanCapProposal, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';
import { DecisionStore } from '@app/delegation';

describe('read models rebuilt from the log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const snapshot = async () => ({
    list: await t.db.query(`SELECT * FROM decision_list ORDER BY id`),
    registry: await t.db.query(`SELECT * FROM power_holdings ORDER BY decision_id, seq`),
  });

  it('equal the live (inline) projections, row for row', async () => {
    const proposer = await t.login('proposer');
    const run = async (id: string, action: string, user: string, body: object = {}) => {
      const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
      expect(res.status).toBe(200);
    };
    for (const [i, body] of [phanCapProposal(), uyQuyenProposal(), uyQuyenProposal({ powerIds: ['TV-DD-03'] })].entries()) {
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
    const live = await snapshot();
    expect(live.list.length).toBeGreaterThanOrEqual(3);
    expect(live.registry.length).toBeGreaterThanOrEqual(2);

    // Damage the read models, then rebuild them from the events alone.
    await t.db.query(`UPDATE decision_list SET stage = 'draft'`);
    await t.db.query(`DELETE FROM power_holdings`);
    const rebuilt = await t.app.get(DecisionStore).rebuildProjections();
    expect(rebuilt).toBe(live.list.length);
    expect(await snapshot()).toEqual(live);
  });
});
