import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TableProjection } from '@app/event-store';
import pg from 'pg';
import { compareProjections, IntentDispatcher, ProjectionRegistry } from '@app/operator';
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

  it('rebuilds online: reads never wait on a lock, commands during the rebuild are caught up, the indexes keep their names', async () => {
    // A log large enough that the rebuild takes seconds: the decisions above copied by SQL under new ids
    // (their events only: the copies have no read models until the rebuild makes them).
    await t.db.query(`WITH t AS (SELECT stream_id, row_number() OVER (ORDER BY stream_id) - 1 AS i
        FROM (SELECT DISTINCT stream_id FROM events WHERE stream_type = 'decision') s),
      k AS (SELECT count(*) AS n FROM t),
      clones AS MATERIALIZED (SELECT t.stream_id AS template, gen_random_uuid()::text AS id
        FROM generate_series(0, 5999) g JOIN k ON true JOIN t ON t.i = g % k.n)
      INSERT INTO events (stream_id, stream_type, stream_version, event_type, schema_version, data, metadata, occurred_at)
      SELECT c.id, e.stream_type, e.stream_version, e.event_type, e.schema_version,
             replace(e.data::text, c.template, c.id)::jsonb, replace(e.metadata::text, c.template, c.id)::jsonb, e.occurred_at
        FROM clones c JOIN events e ON e.stream_id = c.template ORDER BY c.id, e.stream_version`);
    const indexNames = () => t.db.query(`SELECT tablename, indexname FROM pg_indexes WHERE tablename IN ('decision_list', 'power_holdings', 'deadlines', 'findings') ORDER BY 1, 2`);
    const indexesBefore = await indexNames();
    const [{ id: one }] = await t.db.query(`SELECT id FROM decision_list ORDER BY id LIMIT 1`);
    const proposer = await t.login('proposer');
    const auditor = await t.login('auditor');

    // Readers on a session of their own with lock_timeout = 1 s: a read that waits longer on a lock fails.
    const reader = new pg.Client({ connectionString: db.url });
    await reader.connect();
    await reader.query(`SET lock_timeout = '1s'`);
    const failures: string[] = [];
    let reads = 0;
    let httpReads = 0;
    let writes = 0;
    let running = true;
    const started = Date.now();
    const rebuild = t.app.get(ProjectionRegistry).rebuildAll().finally(() => { running = false; });
    const readLoop = (async () => {
      while (running) {
        try {
          await reader.query(`SELECT * FROM decision_list WHERE id = $1`, [one]);
          await reader.query(`SELECT id, stage FROM decision_list ORDER BY id LIMIT 50`);
          await reader.query(`SELECT count(*) FROM deadlines WHERE decision_id = $1`, [one]);
          await reader.query(`SELECT count(*) FROM findings WHERE open`);
          await reader.query(`SELECT count(*) FROM power_holdings WHERE decision_id = $1`, [one]);
          reads++;
        } catch (e) {
          failures.push(`read: ${(e as Error).message}`);
        }
      }
    })();
    const httpLoop = (async () => {
      while (running) {
        for (const path of [`/api/v1/decisions/${one}`, '/api/v1/decisions?limit=20']) {
          const res = await t.http().get(path).set('Authorization', auditor);
          if (res.status !== 200) failures.push(`GET ${path}: ${res.status}`);
          else httpReads++;
        }
      }
    })();
    // Commands while the shadow tables are built: the tail the rebuild must catch up.
    const created: string[] = [];
    const writeLoop = (async () => {
      while (running) {
        const res = await t.http().post('/api/v1/decisions').set('Authorization', proposer).send(uyQuyenProposal({ title: `Trong khi dựng lại ${writes}` }));
        if (res.status !== 201) failures.push(`POST: ${res.status}`);
        else {
          created.push(res.body.decisionId);
          const submitted = await t.http().post(`/api/v1/decisions/${res.body.decisionId}/submit`).set('Authorization', proposer).send({});
          if (submitted.status !== 200) failures.push(`submit: ${submitted.status}`);
        }
        writes++;
      }
    })();
    const counts = await rebuild;
    const ms = Date.now() - started;
    await Promise.all([readLoop, httpLoop, writeLoop]);
    await reader.end();
    console.log(JSON.stringify({ rebuildMs: ms, counts, reads, httpReads, writes }));

    expect(failures).toEqual([]);
    expect(counts.decision).toBeGreaterThanOrEqual(6003);
    expect(reads).toBeGreaterThan(5); // the reads ran all along the rebuild
    expect(writes).toBeGreaterThan(0);
    // Every read model equals a rebuild from the log, the commands made during the rebuild included.
    const compared = await compareProjections(t.app.get(ProjectionRegistry).sql, t.app.get(ProjectionRegistry).pipelines, { progress: { write: () => true } });
    expect(compared.tables.filter((x) => x.onlyLive || x.onlyRebuilt)).toEqual([]);
    const stages = await t.db.query(`SELECT stage FROM decision_list WHERE id = ANY($1::uuid[])`, [created]);
    expect(stages.map((r: { stage: string }) => r.stage).sort()).toEqual(created.map(() => 'submitted'));
    expect(await indexNames()).toEqual(indexesBefore);
    expect(await t.db.query(`SELECT relname FROM pg_class WHERE relname ~ '__(rebuild|retired)$'`)).toEqual([]);
  });
});
