import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntentDispatcher } from '@app/operator';
import { phanCapProposal, scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

interface Finding {
  ruleId: string; key: string; severity: string; open: boolean;
  related: { decisionId: string; caseNumber: string | null; documentNumber: string | null } | null;
}
interface Group { rule: { id: string; title: { vi: string; en: string }; source: string; resolve: { vi: string; en: string } }; severity: string; openCount: number; items: Finding[] }

/**
 * Findings that can be acted on: grouped by rule with its title, legal source and what resolves it;
 * each names the other decision (id and case number); a proposal without effective dates is warned,
 * not condemned; overlapping ủy quyền of one power to one delegate are found. A database of its own.
 */
describe('actionable findings', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    db = await scratchDatabase('findings');
    t = await startTestApp({ DATABASE_URL: db.url });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const follow = async () => {
    while ((await t.app.get(IntentDispatcher).poll()) > 0);
  };
  const act = async (id: string, action: string, user: string, body: object = {}) => {
    const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const propose = async (body: object) => {
    const res = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(body);
    expect(res.status).toBe(201);
    return { id: res.body.decisionId as string, caseNumber: res.body.caseNumber as string };
  };
  const issueUyQuyen = async (period: { from: string; to: string }, n: number) => {
    const d = await propose(uyQuyenProposal({ period, title: `Ủy quyền cấp giấy chứng nhận, đợt ${n}` }));
    await act(d.id, 'submit', 'proposer');
    await act(d.id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
    await act(d.id, 'appraise', 'reviewer', { opinion: 'favourable', reportNumber: `${n}/BC-SNV`, summary: 'Đủ điều kiện' });
    await act(d.id, 'decide', 'committee', { outcome: 'approved', decidedBy: 'chairman' });
    await act(d.id, 'issue', 'committee', { documentNumber: `${n}/QĐ-UBND`, signer: 'Lê Văn Hảo', signedOn: '2026-03-03', effectiveFrom: period.from });
    return d;
  };
  const findingsOf = async (id: string) =>
    (await t.http().get(`/api/v1/decisions/${id}/findings`).set('Authorization', await t.login('auditor'))).body as { items: Finding[]; groups: Group[] };

  it('finds overlapping ủy quyền of one power to the same delegate, naming the other by case number', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const a = await issueUyQuyen({ from: '2026-04-01', to: '2026-12-31' }, 801);
    const b = await issueUyQuyen({ from: '2026-06-01', to: '2027-03-31' }, 802);
    await follow();
    const { items, groups } = await findingsOf(b.id);
    const dup = items.find((f) => f.key === `duplicate:${a.id}:TV-DD-02`);
    expect(dup).toMatchObject({ ruleId: 'one-power-one-holder', severity: 'warning', open: true });
    expect(dup!.related).toMatchObject({ decisionId: a.id, caseNumber: a.caseNumber, documentNumber: '801/QĐ-UBND' });
    const group = groups.find((g) => g.rule.id === 'one-power-one-holder')!;
    expect(group.rule.title.vi).toBe('Một nhiệm vụ, quyền hạn chỉ một cơ quan nắm giữ');
    expect(group.rule.source).toContain('Điều 11 khoản 2');
    expect(group.rule.resolve.vi).toContain('thời hạn');
    expect(group.openCount).toBeGreaterThanOrEqual(1);
    // And the first one hears of the second (its checks ran again).
    expect((await findingsOf(a.id)).items.find((f) => f.key === `duplicate:${b.id}:TV-DD-02`)).toMatchObject({ open: true });
  });

  it('warns a phân cấp without effective dates of a possible second holder, one group per rule', async () => {
    t.clock.set('2026-03-05T02:00:00Z');
    const held = await issueUyQuyen({ from: '2027-05-01', to: '2027-12-31' }, 803);
    const p = await propose(phanCapProposal({ powerIds: ['TV-DD-02'], sector: 'dat-dai', delegateBodyId: 'tv-so-xay-dung' }));
    await act(p.id, 'submit', 'proposer');
    await follow();
    const { items, groups } = await findingsOf(p.id);
    const possible = items.filter((f) => f.ruleId === 'one-power-one-holder');
    expect(possible.length).toBeGreaterThanOrEqual(1);
    for (const f of possible) {
      expect(f.severity).toBe('warning');
      expect(f.key).toMatch(/^possible-overlap:/);
    }
    expect(possible.find((f) => f.related?.decisionId === held.id)?.related?.caseNumber).toBe(held.caseNumber);
    // One group per rule, never one card per finding.
    expect(new Set(groups.map((g) => g.rule.id)).size).toBe(groups.length);
    expect(groups.find((g) => g.rule.id === 'one-power-one-holder')!.items).toHaveLength(possible.length);
    for (const g of groups) expect(g.rule.title.vi).not.toBe(g.rule.id);
  });
});
