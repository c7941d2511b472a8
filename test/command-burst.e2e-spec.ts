import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CalendarService } from '@app/calendar';
import { DecisionReferences } from '@app/delegation';
import { phanCapProposal, scratchDatabase, startTestApp, type TestApp } from './support/harness.js';

const BURST = 64;

/**
 * A burst of concurrent commands just after the reference caches expired used to freeze the API for
 * minutes: each append transaction waited on a second connection to load the calendar. Nothing inside
 * an append transaction may wait on anything else. On a pool of two connections, anything that does
 * deadlocks at once (checked: loading the projections' reference data inside the transaction fails
 * this test), so that is the pool this test runs on.
 */
describe(`${BURST} concurrent commands at a cache miss, on a pool of 2`, () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    db = await scratchDatabase('burst');
    t = await startTestApp({ DATABASE_URL: db.url, DB_POOL_SIZE: '2' });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const expire = () => {
    t.app.get(CalendarService).invalidate();
    t.app.get(DecisionReferences).invalidate();
  };

  it('answers every command of five bursts, each right after the caches expired', async () => {
    const proposer = await t.login('proposer');
    const drafts: string[] = [];
    for (let round = 1; round <= 5; round++) {
      expire();
      // Half propose new decisions, half submit the drafts of the previous round (or propose, in the first).
      const submits = drafts.splice(0, BURST / 2);
      const answers = await Promise.all([
        ...submits.map((id) => t.http().post(`/api/v1/decisions/${id}/submit`).set('Authorization', proposer).send({})),
        ...Array.from({ length: BURST - submits.length }, () => t.http().post('/api/v1/decisions').set('Authorization', proposer).send(phanCapProposal())),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([...Array(submits.length).fill(200), ...Array(BURST - submits.length).fill(201)].sort());
      drafts.push(...answers.filter((r) => r.status === 201).map((r) => r.body.decisionId as string));
    }
    // Every submitted decision is in its new stage on the board, and nothing is left in a transaction.
    const idle = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`);
    expect(idle).toEqual([{ n: 0 }]);
    const board = await t.http().get('/api/v1/decisions?stage=submitted&limit=100').set('Authorization', proposer);
    expect(board.body.total).toBeGreaterThanOrEqual(4 * (BURST / 2));
  });

  it('answers 64 concurrent reads at a cache miss too (login, list, one decision)', async () => {
    const proposer = await t.login('proposer');
    const [first] = (await t.http().get('/api/v1/decisions?limit=1').set('Authorization', proposer)).body.items;
    expire();
    const answers = await Promise.all(Array.from({ length: BURST }, (_, i) =>
      i % 3 === 0 ? t.http().post('/api/v1/auth/login').send({ username: 'reviewer', password: 'PhanCap@2026' })
        : i % 3 === 1 ? t.http().get('/api/v1/decisions?limit=5').set('Authorization', proposer)
          : t.http().get(`/api/v1/decisions/${first.id}`).set('Authorization', proposer)));
    // Login is limited per IP and user name: the limiter may answer 429, never a 5xx or a hang.
    expect(answers.filter((r) => r.status >= 500)).toEqual([]);
    expect(answers.filter((r, i) => i % 3 !== 0 && r.status !== 200)).toEqual([]);
  });
});
