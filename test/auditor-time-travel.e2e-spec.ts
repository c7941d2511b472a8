import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  compareProjections, logStats, runRebuildCompare, runReplay, runStats, type CliIo,
} from '@app/operator';
import { IntentDispatcher, ProjectionRegistry } from '@app/operator';
import { phanCapProposal, startTestApp, type TestApp } from './support/harness.js';

/** Time travel for auditors: comparisons of versions, findings open on a date, their own trail, the operator commands. */
describe("auditors' time travel and trail", () => {
  let t: TestApp;
  let revised = ''; // a phân cấp taken through two revision rounds
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const act = async (id: string, action: string, user: string, body: object = {}) => {
    const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
    if (res.status !== 200) throw new Error(`${action} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { version: number; stage: string };
  };
  const get = async (path: string, user = 'auditor') => t.http().get(path).set('Authorization', await t.login(user));
  const follow = async () => {
    while ((await t.app.get(IntentDispatcher).poll()) > 0);
  };
  const capture = (): CliIo & { lines: string[]; progress: string[] } => {
    const lines: string[] = [];
    const progress: string[] = [];
    return { lines, progress, out: (l) => lines.push(l), err: { isTTY: false, write: (s: string) => progress.push(s) } };
  };

  describe('comparing two versions', () => {
    beforeAll(async () => {
      t.clock.set('2026-03-02T02:00:00Z');
      const created = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(phanCapProposal());
      expect(created.status).toBe(201);
      revised = created.body.decisionId;
      t.clock.set('2026-03-03T02:00:00Z');
      await act(revised, 'submit', 'proposer'); // v2
      await act(revised, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' }); // v3
      t.clock.set('2026-03-04T02:00:00Z');
      await act(revised, 'request-revision', 'reviewer', { reasons: ['Bổ sung thuyết minh nguồn lực'] }); // v4
      t.clock.set('2026-03-05T02:00:00Z');
      await act(revised, 'resubmit', 'proposer', {
        response: 'Đã bổ sung',
        changes: {
          resources: { budgetVnd: 2_000_000_000, staffPositions: 3, facilities: ['Bộ phận một cửa'] },
          conditions: ['Báo cáo kết quả thực hiện hằng quý', 'Công khai kết quả giải quyết'],
        },
      }); // v5
      t.clock.set('2026-03-09T02:00:00Z');
      await act(revised, 'request-revision', 'reviewer', { reasons: ['Làm rõ điều kiện thực hiện'] }); // v6
      t.clock.set('2026-03-10T02:00:00Z');
      expect(await act(revised, 'resubmit', 'proposer', { response: 'Đã làm rõ', changes: { conditions: ['Báo cáo hằng quý', 'Công khai kết quả giải quyết'] } }))
        .toMatchObject({ version: 7, stage: 'in-appraisal' });
    });

    it('version 3 vs 5: the first revision round changed the budget and the conditions', async () => {
      const res = await get(`/api/v1/decisions/${revised}/compare?from=3&to=5`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ decisionId: revised, from: { version: 3, stage: 'in-appraisal' }, to: { version: 5, stage: 'in-appraisal' } });
      const byPath = Object.fromEntries(res.body.changes.map((c: { path: string }) => [c.path, c]));
      expect(byPath['content.resources.budgetVnd']).toEqual({ path: 'content.resources.budgetVnd', kind: 'changed', before: 1_500_000_000, after: 2_000_000_000 });
      expect(byPath['content.conditions']).toMatchObject({
        kind: 'changed', added: ['Công khai kết quả giải quyết'], removed: [],
        after: ['Báo cáo kết quả thực hiện hằng quý', 'Công khai kết quả giải quyết'],
      });
      expect(byPath.revisionRound).toMatchObject({ kind: 'changed', before: 0, after: 1 });
      expect(byPath['content.resources.staffPositions']).toBeUndefined(); // unchanged
    });

    it('by instants: the second round changed only the conditions; no `to` means now', async () => {
      const res = await get(`/api/v1/decisions/${revised}/compare?fromAt=2026-03-06T00:00:00%2B07:00&toAt=2026-03-11T00:00:00%2B07:00`);
      expect(res.status).toBe(200);
      expect(res.body.from).toMatchObject({ version: 5 });
      expect(res.body.to).toMatchObject({ version: 7 });
      const paths = res.body.changes.map((c: { path: string }) => c.path);
      expect(paths).toContain('content.conditions');
      expect(paths).toContain('revisionRound');
      expect(paths).not.toContain('content.resources.budgetVnd');
      const condition = res.body.changes.find((c: { path: string }) => c.path === 'content.conditions');
      expect(condition).toMatchObject({ added: ['Báo cáo hằng quý'], removed: ['Báo cáo kết quả thực hiện hằng quý'] });

      const toNow = await get(`/api/v1/decisions/${revised}/compare?from=7`);
      expect(toNow.body).toMatchObject({ from: { version: 7 }, to: { version: 7 }, changes: [] });
      const added = await get(`/api/v1/decisions/${revised}/compare?from=1&to=3`);
      expect(added.body.changes).toContainEqual({ path: 'reviewerId', kind: 'added', after: 'user-reviewer' });
    });

    it('400 for bad parameters, 404 beyond the stream or before it began', async () => {
      for (const q of ['', 'to=3', 'from=0', 'from=abc', 'from=1&fromAt=2026-03-06T00:00:00Z', 'from=1&to=2&toAt=2026-03-06T00:00:00Z', 'from=1&toAt=yesterday']) {
        const res = await get(`/api/v1/decisions/${revised}/compare?${q}`);
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
      }
      expect((await get(`/api/v1/decisions/${revised}/compare?from=3&to=99`)).status).toBe(404);
      expect((await get(`/api/v1/decisions/${revised}/compare?fromAt=2026-03-01T00:00:00Z&to=3`)).status).toBe(404);
      expect((await get('/api/v1/decisions/00000000-0000-4000-8000-000000000000/compare?from=1')).status).toBe(404);
      // Another province's auditor does not see the decision at all.
      expect((await get(`/api/v1/decisions/${revised}/compare?from=1&to=3`, 'qn.auditor')).status).toBe(404);
    });
  });

  it('findings open on a date: raised on or before it, not resolved before it', async () => {
    t.clock.set('2026-04-01T02:00:00Z'); // 09:00 on 1 April in Vietnam
    const created = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer'))
      .send(phanCapProposal({ delegateBodyId: 'tv-so-tnmt', powerIds: ['TV-DD-01'], sector: 'dat-dai' }));
    const id: string = created.body.decisionId;
    await act(id, 'submit', 'proposer');
    await follow();
    t.clock.set('2026-04-06T02:00:00Z');
    await act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
    await act(id, 'request-revision', 'reviewer', { reasons: ['Quyền giao đất không được phân cấp'] });
    await act(id, 'resubmit', 'proposer', { response: 'Đã thay bằng quyền cấp giấy chứng nhận', changes: { powerIds: ['TV-DD-02'] } });
    await follow();

    const key = 'non-delegable:TV-DD-01';
    const onDecision = async (day: string) =>
      ((await get(`/api/v1/decisions/${id}/findings?openOn=${day}`)).body.items as Array<{ key: string }>).some((f) => f.key === key);
    const across = async (day: string) =>
      ((await get(`/api/v1/findings?openOn=${day}&ruleId=permitted-pair-and-delegable&limit=200`)).body.items as Array<{ decisionId: string; key: string }>)
        .some((f) => f.decisionId === id && f.key === key);
    const finding = ((await get(`/api/v1/decisions/${id}/findings`)).body.items as Array<{ key: string; open: boolean }>).find((f) => f.key === key);
    expect(finding).toMatchObject({ open: false, raisedAt: '2026-04-01T02:00:00.000Z', resolvedAt: '2026-04-06T02:00:00.000Z' });

    expect(await onDecision('2026-03-31')).toBe(false); // not raised yet
    expect(await onDecision('2026-04-01')).toBe(true); // raised that day
    expect(await onDecision('2026-04-03')).toBe(true);
    expect(await onDecision('2026-04-06')).toBe(true); // resolved during the day: it was open that morning
    expect(await onDecision('2026-04-07')).toBe(false); // resolved before that day
    expect(await across('2026-04-01')).toBe(true);
    expect(await across('2026-04-07')).toBe(false);
    expect((await get('/api/v1/findings?openOn=2026-02-30')).status).toBe(400);
    expect((await get(`/api/v1/decisions/${id}/findings?openOn=yesterday`)).status).toBe(400);
  });

  it("records the auditors' reads in their own trail, for the province's admins only", async () => {
    t.clock.set('2026-05-04T03:00:00Z');
    const started = '2026-05-04T03:00:00.000Z';
    expect((await get(`/api/v1/decisions/${revised}/events`)).status).toBe(200);
    expect((await get(`/api/v1/decisions/${revised}/compare?from=3&to=5`)).status).toBe(200);
    expect((await get(`/api/v1/decisions/${revised}?version=2`)).status).toBe(200);
    expect((await get(`/api/v1/decisions/${revised}`)).status).toBe(200); // the current state is not recorded
    expect((await get(`/api/v1/decisions/${revised}/compare?from=3&to=99`)).status).toBe(404); // a refused look is recorded too

    const trail = await get(`/api/v1/admin/access-trail?userId=user-auditor&target=${revised}&from=${started}`, 'admin');
    expect(trail.status).toBe(200);
    const items = trail.body.items as Array<{ action: string; userId: string; role: string; bodyId: string; target: string; at: string; detail: { query: object; status: number } }>;
    expect(items.map((i) => i.action).sort()).toEqual(['compare', 'compare', 'read-history', 'read-past-state']);
    expect(items.find((i) => i.action === 'read-history')).toMatchObject({
      userId: 'user-auditor', role: 'auditor', bodyId: 'tv-thanh-tra', target: revised, at: started, detail: { status: 200 },
    });
    expect(items.filter((i) => i.action === 'compare').map((i) => i.detail)).toEqual(expect.arrayContaining([
      expect.objectContaining({ query: { from: '3', to: '5' }, status: 200 }),
      expect.objectContaining({ query: { from: '3', to: '99' }, status: 404 }),
    ]));
    const compares = await get(`/api/v1/admin/access-trail?action=compare&target=${revised}&from=${started}&limit=1`, 'admin');
    expect(compares.body).toMatchObject({ total: 2, limit: 1 });
    expect(compares.body.items).toHaveLength(1);

    // Auditors do not read their own trail; another province's admin sees none of it.
    const denied = await get('/api/v1/admin/access-trail', 'auditor');
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ type: 'urn:phancap:problem:role-not-allowed', permission: 'trail:read', allowedRoles: ['admin'] });
    expect((await get(`/api/v1/admin/access-trail?target=${revised}`, 'qn.admin')).body).toMatchObject({ items: [], total: 0 });
    expect((await get('/api/v1/admin/access-trail?action=peek', 'admin')).status).toBe(400);

    // A trail that cannot be written never fails the read.
    await t.db.query(`ALTER TABLE access_trail RENAME TO access_trail_away`);
    try {
      expect((await get(`/api/v1/decisions/${revised}/events`)).status).toBe(200);
    } finally {
      await t.db.query(`ALTER TABLE access_trail_away RENAME TO access_trail`);
    }
  });

  describe('operator commands (as functions, as the CLI runs them)', () => {
    it('replay prints the decision as it was at a version or instant', async () => {
      const io = capture();
      expect(await runReplay(t.db, [revised, '--version', '5'], io)).toBe(0);
      const state = JSON.parse(io.lines[0]);
      expect(state).toMatchObject({ id: revised, version: 5, revisionRound: 1, content: { resources: { budgetVnd: 2_000_000_000 } } });

      const summary = capture();
      expect(await runReplay(t.db, [revised, '--at', '2026-03-04T12:00:00+07:00', '--summary'], summary)).toBe(0);
      expect(summary.lines[0]).toContain(`Hồ sơ ${revised} — phân cấp`);
      expect(summary.lines[0]).toContain('Phiên bản 4');
      expect(summary.lines[0]).toContain('1.500.000.000 đ');

      const before = capture();
      expect(await runReplay(t.db, [revised, '--at', '2026-03-01T00:00:00Z'], before)).toBe(1);
      expect(before.lines[0]).toMatch(/did not exist/);
      expect(await runReplay(t.db, [revised, '--version', '99'], capture())).toBe(1);
      await expect(runReplay(t.db, [revised, '--version', '0'], capture())).rejects.toThrow(/not a version/);
      await expect(runReplay(t.db, [revised, '--at', '1', '--version', '2'], capture())).rejects.toThrow(/not both/);
    });

    it("stats gives the log's counts, time range, chain head and database size", async () => {
      const stats = await logStats(t.db);
      expect(stats.events).toBeGreaterThanOrEqual(7);
      expect(stats.streams).toBeGreaterThanOrEqual(2);
      expect(stats.byType.find((r) => r.type === 'ProposalDrafted')!.events).toBeGreaterThanOrEqual(2);
      expect(stats.byStreamType.find((r) => r.streamType === 'decision')!.streams).toBeGreaterThanOrEqual(2);
      expect(stats.byType.reduce((n, r) => n + r.events, 0)).toBe(stats.events);
      expect(Date.parse(stats.firstEventAt!)).toBeLessThanOrEqual(Date.parse(stats.lastEventAt!));
      expect(stats.chain).not.toBeNull(); // the hash-chain table exists (its head may be empty here)
      expect(stats.database.bytes).toBeGreaterThan(0);
      const io = capture();
      expect(await runStats(t.db, [], io)).toBe(0);
      expect(io.lines[0]).toMatch(/^events: +\d+ in \d+ stream\(s\)/m);
      expect(io.lines[0]).toContain('ProposalDrafted');
    });

    it('rebuild-projections --compare: equal, then reports a damaged read-model row without touching the live tables', async () => {
      const registry = t.app.get(ProjectionRegistry);
      const [sql, pipelines] = [registry.sql, registry.pipelines];
      const equal = await compareProjections(sql, pipelines, { decisionIds: [revised], progress: { isTTY: false, write: () => true } });
      expect(equal.equal).toBe(true);
      expect(equal.decisions).toBe(1);
      expect(equal.tables.map((x) => x.table)).toEqual(['decision_list', 'power_holdings', 'deadlines', 'findings']);
      // Without a filter, every read model of every stream type is compared: bodies and powers too.
      const everything = await compareProjections(sql, pipelines, { progress: { write: () => true } });
      expect(everything.tables.map((x) => x.table)).toEqual(['bodies', 'body_versions', 'powers', 'power_versions', 'decision_list', 'power_holdings', 'deadlines', 'findings']);
      // (Deadlines name the body that answers for a role, from the users of the province at the time:
      // other test files change users, so only the other tables must be equal here.)
      expect(everything.tables.filter((x) => x.table !== 'deadlines' && (x.onlyLive || x.onlyRebuilt))).toEqual([]);
      expect(equal.tables.find((x) => x.table === 'decision_list')).toMatchObject({ liveRows: 1, rebuiltRows: 1, onlyLive: 0, onlyRebuilt: 0 });
      expect(await runRebuildCompare(sql, pipelines, ['--compare', '--decision', revised], capture())).toBe(0);

      await t.db.query(`UPDATE decision_list SET stage = 'draft' WHERE id = $1`, [revised]);
      try {
        const io = capture();
        expect(await runRebuildCompare(sql, pipelines, ['--compare', '--decision', revised], io)).toBe(3);
        expect(io.lines[0]).toMatch(/^DIFFERENT: 1 decision/);
        expect(io.lines[0]).toMatch(/decision_list +live 1, rebuilt 1: 1 only in live, 1 only in the rebuild/);
        expect(io.progress.at(-1)).toBe('rebuilding [####################] 100% (1/1)\n');
        const differing = await compareProjections(sql, pipelines, { decisionIds: [revised], progress: { write: () => true } });
        const list = differing.tables.find((x) => x.table === 'decision_list')!;
        expect(list.samples.onlyLive).toEqual([expect.objectContaining({ id: revised, stage: 'draft' })]);
        expect(list.samples.onlyRebuilt).toEqual([expect.objectContaining({ id: revised, stage: 'in-appraisal' })]);
        // The live table is as it was: the comparison wrote only scratch copies, rolled back.
        expect((await t.db.query(`SELECT stage FROM decision_list WHERE id = $1`, [revised]))[0].stage).toBe('draft');
        expect(await t.db.query(`SELECT 1 FROM pg_tables WHERE schemaname LIKE 'pg_temp%' AND tablename = 'decision_list'`)).toEqual([]);
      } finally {
        await t.db.query(`UPDATE decision_list SET stage = 'in-appraisal' WHERE id = $1`, [revised]);
      }
      expect((await compareProjections(sql, pipelines, { decisionIds: [revised], progress: { write: () => true } })).equal).toBe(true);

      // Every decision, without a filter, runs too (other test files' rows may legitimately differ in deadlines).
      const all = await compareProjections(sql, pipelines, { progress: { write: () => true } });
      expect(all.decisions).toBeGreaterThanOrEqual(2);
    });
  });
});
