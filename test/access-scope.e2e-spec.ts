import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntentDispatcher } from '@app/operator';
import { phanCapProposal, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/**
 * Scope: a proposer sees and acts on only the decisions its body proposed or is the delegate of; the
 * staff of a province see every decision of that province and nothing of another, through any door:
 * the list and its filters, one decision (now or in the past), its history, deadlines and findings,
 * the cross-decision findings, the registry, users. Out of scope is 404, never 403.
 */
describe('access scope: bodies and provinces do not see each other', () => {
  let t: TestApp;
  const auth = async (user: string) => ({ Authorization: await t.login(user) });
  const get = async (user: string, path: string, query: Record<string, string> = {}) =>
    t.http().get(path).query(query).set(await auth(user));
  const act = async (user: string, id: string, command: string, body: object = {}) =>
    t.http().post(`/api/v1/decisions/${id}/${command}`).set(await auth(user)).send(body);
  const must = async (user: string, id: string, command: string, body: object = {}) => {
    const res = await act(user, id, command, body);
    if (res.status !== 200) throw new Error(`${command} as ${user}: ${res.status} ${res.text}`);
  };
  const propose = async (user: string, body: object) => {
    const res = await t.http().post('/api/v1/decisions').set(await auth(user)).send(body);
    if (res.status !== 201) throw new Error(`propose as ${user}: ${res.status} ${res.text}`);
    return res.body.decisionId as string;
  };
  const listIds = async (user: string, query: Record<string, string> = {}) =>
    ((await get(user, '/api/v1/decisions', { limit: '100', ...query })).body.items as Array<{ id: string }>).map((d) => d.id);

  /** A: Sở TN&MT's own (delegate TN&MT). B: Sở Xây dựng's own. C: proposed by TN&MT, delegate Sở Xây dựng. Q: Quảng Nam's, issued. */
  let A: string, B: string, C: string, Q: string;

  beforeAll(async () => {
    t = await startTestApp();
    A = await propose('proposer', uyQuyenProposal({ period: { from: '2040-01-01', to: '2040-12-31' } }));
    B = await propose('proposer.xd', phanCapProposal({ title: 'Đề xuất của Sở Xây dựng' }));
    C = await propose('proposer', phanCapProposal({ title: 'Giao cho Sở Xây dựng' }));
    Q = await propose('qn.proposer', uyQuyenProposal({
      title: 'Ủy quyền cấp giấy phép xây dựng nhà ở riêng lẻ cho UBND thị trấn Núi Thành',
      delegatorBodyId: 'qn-ubnd-nui-thanh', delegateBodyId: 'qn-ubnd-tt-nui-thanh', powerIds: ['QN-XD-01'], sector: 'xay-dung',
      period: { from: '2026-04-01', to: '2026-12-31' },
    }));
    await must('qn.proposer', Q, 'submit');
    await must('qn.reviewer.lead', Q, 'assign-reviewer', { reviewerId: 'user-qn.reviewer' });
    await must('qn.reviewer', Q, 'appraise', { opinion: 'favourable', reportNumber: '12/BC-SNV', summary: 'Đạt' });
    await must('qn.committee', Q, 'decide', { outcome: 'approved', decidedBy: 'chairman' });
    await must('qn.committee', Q, 'issue', { documentNumber: '77/QĐ-UBND', signer: 'Chủ tịch UBND huyện', signedOn: '2026-03-02', effectiveFrom: '2026-04-01' });
    while ((await t.app.get(IntentDispatcher).poll()) > 0); // run the accountability checks: findings
  });
  afterAll(async () => {
    await t.close();
  });

  describe('a proposer sees only its own body’s proposals (as proposer or delegate)', () => {
    it('Sở Xây dựng cannot read Sở TN&MT’s proposal, its history, deadlines or findings: 404', async () => {
      for (const path of [`/api/v1/decisions/${A}`, `/api/v1/decisions/${A}/events`, `/api/v1/decisions/${A}/deadlines`, `/api/v1/decisions/${A}/findings`]) {
        const res = await get('proposer.xd', path);
        expect({ path, status: res.status, type: res.body.type }).toEqual({ path, status: 404, type: 'urn:phancap:problem:not-found' });
      }
      expect((await get('proposer.xd', `/api/v1/decisions/${A}`, { version: '1' })).status).toBe(404);
    });

    it('…cannot list it, nor filter for it', async () => {
      expect(await listIds('proposer.xd')).not.toContain(A);
      const filtered = (await get('proposer.xd', '/api/v1/decisions', { proposerBodyId: 'tv-so-tnmt', limit: '100' })).body;
      expect(filtered.items.map((d: { id: string }) => d.id)).toContain(C);
      expect(filtered.items.map((d: { id: string }) => d.id)).not.toContain(A);
      for (const d of filtered.items) expect([d.proposerBodyId, d.delegateBodyId]).toContain('tv-so-xay-dung');
      expect((await get('proposer.xd', '/api/v1/decisions', { delegateBodyId: 'tv-so-tnmt' })).body.total).toBe(0);
    });

    it('…cannot act on it: 404, and nothing is written', async () => {
      const res = await act('proposer.xd', A, 'submit');
      expect(res.status).toBe(404);
      expect((await act('proposer.xd', A, 'withdraw', { reason: 'x' })).status).toBe(404);
      const now = await get('auditor', `/api/v1/decisions/${A}`);
      expect(now.body).toEqual(expect.objectContaining({ stage: 'draft', version: 1 }));
    });

    it('sees its own proposals and those it is the delegate of; Sở TN&MT does not see Sở Xây dựng’s', async () => {
      const mine = await listIds('proposer.xd');
      expect(mine).toEqual(expect.arrayContaining([B, C]));
      expect((await get('proposer.xd', `/api/v1/decisions/${C}`)).status).toBe(200);
      expect((await get('proposer', `/api/v1/decisions/${B}`)).status).toBe(404);
      expect(await listIds('proposer')).not.toContain(B);
    });

    it('the cross-decision findings list keeps to the same scope', async () => {
      const items = (await get('proposer.xd', '/api/v1/findings', { limit: '200' })).body.items as Array<{ decisionId: string }>;
      expect(items.map((f) => f.decisionId)).not.toContain(A);
      expect(items.map((f) => f.decisionId)).not.toContain(Q);
    });
  });

  describe('one province never sees another', () => {
    const tvStaff = ['reviewer', 'reviewer.lead', 'legal', 'council', 'committee', 'auditor', 'admin'];

    it('Trà Vinh staff: a Quảng Nam decision, its history, deadlines and findings are 404', async () => {
      for (const user of tvStaff) {
        for (const path of [`/api/v1/decisions/${Q}`, `/api/v1/decisions/${Q}/events`, `/api/v1/decisions/${Q}/deadlines`, `/api/v1/decisions/${Q}/findings`]) {
          expect({ user, path, status: (await get(user, path)).status }).toEqual({ user, path, status: 404 });
        }
      }
    });

    it('…nor in the list, whatever the filter', async () => {
      for (const user of tvStaff) {
        expect(await listIds(user)).not.toContain(Q);
        expect((await get(user, '/api/v1/decisions', { delegatorBodyId: 'qn-ubnd-nui-thanh' })).body.total).toBe(0);
        expect((await get(user, '/api/v1/decisions', { powerId: 'QN-XD-01' })).body.total).toBe(0);
      }
    });

    it('…nor its findings, nor its registry entries', async () => {
      const findings = (await get('auditor', '/api/v1/findings', { limit: '200' })).body.items as Array<{ decisionId: string }>;
      expect(findings.map((f) => f.decisionId)).not.toContain(Q);
      expect((await get('auditor', '/api/v1/findings', { bodyId: 'qn-ubnd-tt-nui-thanh' })).body.total).toBe(0);
      expect((await get('auditor', '/api/v1/registry', { powerId: 'QN-XD-01', at: '2026-06-01' })).status).toBe(404);
      const byBody = await get('auditor', '/api/v1/registry', { bodyId: 'qn-ubnd-tt-nui-thanh', at: '2026-06-01' });
      expect(byBody.status).toBe(200);
      expect(byBody.body.items).toEqual([]);
    });

    it('Quảng Nam sees its own: the list, the registry, the findings', async () => {
      const ids = await listIds('qn.auditor');
      expect(ids).toContain(Q);
      expect(ids).not.toEqual(expect.arrayContaining([A]));
      for (const d of (await get('qn.auditor', '/api/v1/decisions', { limit: '100' })).body.items) expect(d.provinceId).toBe('qn');
      const held = await get('qn.auditor', '/api/v1/registry', { powerId: 'QN-XD-01', at: '2026-06-01' });
      expect(held.body.items).toEqual([expect.objectContaining({ holderBodyId: 'qn-ubnd-tt-nui-thanh', source: 'delegation', decisionId: Q })]);
      const qnFindings = (await get('qn.auditor', '/api/v1/findings', { limit: '200' })).body.items as Array<{ decisionId: string }>;
      for (const f of qnFindings) expect(f.decisionId).toBe(Q);
      expect((await get('qn.auditor', '/api/v1/registry', { powerId: 'TV-DD-02' })).status).toBe(404);
      expect((await get('qn.reviewer', `/api/v1/decisions/${A}/events`)).status).toBe(404);
    });

    it('commands across provinces: 404 on the decision; bodies and reviewers of another province do not exist (400)', async () => {
      expect((await act('committee', Q, 'revoke', { documentNumber: '1/QĐ', reason: 'x', effectiveFrom: '2026-06-01' })).status).toBe(404);
      const created = await t.http().post('/api/v1/decisions').set(await auth('proposer'))
        .send(phanCapProposal({ delegateBodyId: 'qn-ubnd-tt-nui-thanh' }));
      expect(created.status).toBe(400);
      expect(created.body.errors.map((e: { field: string }) => e.field)).toEqual(['delegateBodyId']);
      const D = await propose('proposer', phanCapProposal());
      await must('proposer', D, 'submit');
      const assign = await act('reviewer.lead', D, 'assign-reviewer', { reviewerId: 'user-qn.reviewer' });
      expect(assign.status).toBe(400);
      expect(assign.body.errors.map((e: { field: string }) => e.field)).toEqual(['reviewerId']);
    });

    it('users: an admin sees and manages only the users of their province', async () => {
      expect((await get('admin', '/api/v1/users/user-qn.proposer')).status).toBe(404);
      const tv = (await get('admin', '/api/v1/users', { limit: '200' })).body.items as Array<{ provinceId: string; username: string }>;
      expect(tv.length).toBeGreaterThan(0);
      expect(new Set(tv.map((u) => u.provinceId))).toEqual(new Set(['tv']));
      const qn = (await get('qn.admin', '/api/v1/users', { limit: '200' })).body.items as Array<{ username: string }>;
      expect(qn.map((u) => u.username)).toEqual(expect.arrayContaining(['qn.proposer', 'qn.reviewer']));
      expect(qn.map((u) => u.username)).not.toContain('proposer');
      const patch = await t.http().patch('/api/v1/users/user-qn.proposer').set(await auth('admin')).send({ active: false });
      expect(patch.status).toBe(404);
      const reset = await t.http().post('/api/v1/users/user-qn.proposer/password').set(await auth('admin')).send({ newPassword: 'Another-Pass-2026' });
      expect(reset.status).toBe(404);
    });

    it('bodies and powers lists keep to the own province', async () => {
      const tvBodies = (await get('auditor', '/api/v1/bodies', { limit: '500' })).body.items as Array<{ id: string; provinceId: string }>;
      expect(tvBodies.map((b) => b.id)).toContain('tv-ubnd');
      expect(new Set(tvBodies.map((b) => b.provinceId))).toEqual(new Set(['tv']));
      expect((await get('auditor', '/api/v1/bodies', { provinceId: 'qn' })).body.items).toEqual([]);
      expect((await get('auditor', '/api/v1/bodies', { at: '2026-01-01', limit: '500' })).body.items.map((b: { id: string }) => b.id)).not.toContain('qn-ubnd');
      const tvPowers = (await get('auditor', '/api/v1/powers', { limit: '500' })).body.items.map((p: { id: string }) => p.id);
      expect(tvPowers).toContain('TV-DD-02');
      expect(tvPowers).not.toContain('QN-XD-01');
      const qnPowers = (await get('qn.auditor', '/api/v1/powers', { limit: '500' })).body.items.map((p: { id: string }) => p.id);
      expect(qnPowers).toContain('QN-XD-01');
      expect(qnPowers).not.toContain('TV-DD-02');
    });
  });
});
