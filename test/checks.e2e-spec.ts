import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntentDispatcher } from '@app/operator';
import { Reconciler } from '@app/operator';
import { phanCapProposal, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/** The accountability checks, driven from the event log by the follower (in-process, no Redis). */
describe('accountability checks recorded on the decision stream', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const follow = async () => {
    while ((await t.app.get(IntentDispatcher).poll()) > 0);
  };
  const act = async (id: string, action: string, user: string, body: object = {}) => {
    const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const findings = async (id: string) =>
    (await t.http().get(`/api/v1/decisions/${id}/findings`).set('Authorization', await t.login('auditor'))).body.items as Array<{
      ruleId: string; key: string; open: boolean; message: { vi: string; en: string }; resolution: { vi: string } | null;
    }>;

  it('raises a finding when a non-delegable power is proposed, and resolves it when the revision drops it', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const res = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer'))
      .send(phanCapProposal({ delegateBodyId: 'tv-so-tnmt', powerIds: ['TV-DD-01'], sector: 'dat-dai' }));
    const id = res.body.decisionId;
    await follow();
    expect(await findings(id)).toEqual([]); // drafts are not checked
    await act(id, 'submit', 'proposer');
    await follow();
    const raised = (await findings(id)).find((f) => f.key === 'non-delegable:TV-DD-01');
    expect(raised).toMatchObject({ ruleId: 'permitted-pair-and-delegable', open: true });
    expect(raised!.message.vi).toBe(raised!.message.vi.normalize('NFC'));

    const across = await t.http().get('/api/v1/findings?open=true&ruleId=permitted-pair-and-delegable&bodyId=tv-so-tnmt').set('Authorization', await t.login('auditor'));
    expect(across.body.items.map((f: { decisionId: string }) => f.decisionId)).toContain(id);

    await act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
    await act(id, 'request-revision', 'reviewer', { reasons: ['Quyền giao đất không được phân cấp'] });
    await act(id, 'resubmit', 'proposer', { response: 'Đã thay bằng quyền cấp giấy chứng nhận', changes: { powerIds: ['TV-DD-02'] } });
    await follow();
    const after = (await findings(id)).find((f) => f.key === 'non-delegable:TV-DD-01');
    expect(after).toMatchObject({ open: false });
    expect(after!.resolution).not.toBeNull();

    // History shows what was found and when, by whom (the system).
    const events = (await t.http().get(`/api/v1/decisions/${id}/events`).set('Authorization', await t.login('auditor'))).body;
    const raisedEvent = events.find((e: { type: string; data: { key: string } }) => e.type === 'FindingRaised' && e.data.key === 'non-delegable:TV-DD-01');
    expect(raisedEvent.metadata).toMatchObject({ actorId: 'system', actorRole: 'system' });
    expect(events.some((e: { type: string }) => e.type === 'FindingResolved')).toBe(true);

    // Checking again changes nothing: the checks are idempotent.
    const version = events.length;
    await t.app.get(Reconciler).tick();
    await follow();
    expect((await t.http().get(`/api/v1/decisions/${id}/events`).set('Authorization', await t.login('auditor'))).body).toHaveLength(version);
  });

  it('flags a missing quarterly report once it is overdue, and resolves it when the report is filed', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = (await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer'))
      .send(uyQuyenProposal({ powerIds: ['TV-DD-03'], period: { from: '2026-04-01', to: '2027-03-31' } }))).body.decisionId;
    await act(id, 'submit', 'proposer');
    await act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
    await act(id, 'appraise', 'reviewer', { opinion: 'favourable', reportNumber: '60/BC-SNV', summary: 'Đạt' });
    await act(id, 'decide', 'committee', { outcome: 'approved', decidedBy: 'chairman' });
    await act(id, 'issue', 'committee', { documentNumber: '700/QĐ-UBND', signer: 'Chủ tịch', signedOn: '2026-03-20', effectiveFrom: '2026-04-01' });
    await follow();
    expect((await findings(id)).filter((f) => f.key.startsWith('report:') && f.open)).toEqual([]);

    t.clock.set('2026-06-16T02:00:00Z'); // the Q2 report was due before 15 June
    await t.app.get(Reconciler).tick(); // the day's checks of the delegations in effect
    await follow();
    expect((await findings(id)).find((f) => f.key === 'report:2026-Q2')).toMatchObject({ ruleId: 'quarterly-report-due', open: true });
    const overdue = (await t.http().get(`/api/v1/decisions/${id}/deadlines`).set('Authorization', await t.login('auditor'))).body.items
      .find((d: { id: string }) => d.id === `report:${id}:2026-Q2`);
    expect(overdue).toMatchObject({ dueOn: '2026-06-14', status: 'open', responsibleBodyId: 'tv-so-tnmt' });

    await act(id, 'file-report', 'proposer', { period: '2026-Q2', summary: 'Đã giải quyết 120 hồ sơ', documents: [] });
    await follow();
    expect((await findings(id)).find((f) => f.key === 'report:2026-Q2')).toMatchObject({ open: false });
  });
});
