import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { phanCapProposal, scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/**
 * Each decision gets a readable case number at proposal, per province, kind and year, with no gap:
 * a refused or failed proposal takes none, and concurrent proposals take consecutive numbers.
 */
describe('case numbers', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    db = await scratchDatabase('cases');
    t = await startTestApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('numbers proposals PC-2026-0001, UQ-2026-0001, …; a refused proposal takes no number', async () => {
    const proposer = await t.login('proposer');
    const propose = (body: object) => t.http().post('/api/v1/decisions').set('Authorization', proposer).send(body);
    const first = await propose(phanCapProposal());
    expect(first.status).toBe(201);
    expect(first.body.caseNumber).toBe('PC-2026-0001');
    expect((await propose(uyQuyenProposal())).body.caseNumber).toBe('UQ-2026-0001');
    // Refused by a business rule (422) and by validation (400): no number is burnt.
    expect((await propose(phanCapProposal({ delegateBodyId: 'tv-ubnd' }))).status).toBe(422);
    expect((await propose(phanCapProposal({ powerIds: ['NO-SUCH-POWER'] }))).status).toBe(400);
    expect((await propose(phanCapProposal())).body.caseNumber).toBe('PC-2026-0002');

    const view = await t.http().get(`/api/v1/decisions/${first.body.decisionId}`).set('Authorization', proposer);
    expect(view.body.caseNumber).toBe('PC-2026-0001');
  });

  it('gives 30 concurrent proposals 30 consecutive numbers, each once', async () => {
    const proposer = await t.login('proposer');
    const answers = await Promise.all(Array.from({ length: 30 }, () =>
      t.http().post('/api/v1/decisions').set('Authorization', proposer).send(phanCapProposal())));
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(201));
    const numbers = answers.map((r) => r.body.caseNumber as string).sort();
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => `PC-2026-${String(i + 3).padStart(4, '0')}`));
  });

  it('counts each province apart, and a repeat of a keyed proposal answers the same number', async () => {
    const qn = await t.login('qn.proposer');
    const body = phanCapProposal({ delegatorBodyId: 'qn-ubnd-nui-thanh', delegateBodyId: 'qn-ubnd-tt-nui-thanh', powerIds: ['QN-XD-01'] });
    const once = await t.http().post('/api/v1/decisions').set('Authorization', qn).set('Idempotency-Key', 'qn-case-1').send(body);
    const again = await t.http().post('/api/v1/decisions').set('Authorization', qn).set('Idempotency-Key', 'qn-case-1').send(body);
    expect([once.status, once.body.caseNumber]).toEqual([201, 'PC-2026-0001']);
    expect(again.body).toEqual({ ...once.body, duplicate: true });
  });
});
