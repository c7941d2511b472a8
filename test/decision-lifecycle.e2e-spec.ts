import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ExpirySweep } from '@app/delegation';
import { phanCapProposal, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

describe('the life of a decision over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Runs one action as a demo user at a given instant and expects success. */
  async function act(id: string, action: string, user: string, at: string, body: object = {}) {
    t.clock.set(at);
    const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
    if (res.status !== 200) throw new Error(`${action} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { decisionId: string; version: number; stage: string };
  }
  const get = async (path: string, user = 'auditor') => t.http().get(path).set('Authorization', await t.login(user));

  it('takes a phân cấp through two revision rounds, legal appraisal, an HĐND vote, issuance, amendment and revocation', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const created = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(phanCapProposal());
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/decisions/${created.body.decisionId}`);
    expect(created.headers.etag).toBe('"1"');
    const id: string = created.body.decisionId;

    expect((await act(id, 'submit', 'proposer', '2026-03-03T02:00:00Z')).stage).toBe('submitted');
    expect((await act(id, 'assign-reviewer', 'reviewer.lead', '2026-03-04T02:00:00Z', { reviewerId: 'user-reviewer' })).stage).toBe('in-appraisal');
    await act(id, 'request-revision', 'reviewer', '2026-03-05T02:00:00Z', { reasons: ['Bổ sung thuyết minh nguồn lực'] });
    await act(id, 'resubmit', 'proposer', '2026-03-06T02:00:00Z', { response: 'Đã bổ sung', changes: { resources: { budgetVnd: 2_000_000_000, staffPositions: 4, facilities: ['Bộ phận một cửa'] } } });
    await act(id, 'request-revision', 'reviewer', '2026-03-09T02:00:00Z', { reasons: ['Làm rõ điều kiện thực hiện'] });
    const resubmitted = await act(id, 'resubmit', 'proposer', '2026-03-10T02:00:00Z', { response: 'Đã làm rõ', changes: { conditions: ['Báo cáo hằng quý', 'Công khai kết quả giải quyết'] } });
    expect(resubmitted.stage).toBe('in-appraisal');
    expect((await act(id, 'appraise', 'reviewer', '2026-03-11T02:00:00Z', { opinion: 'favourable', reportNumber: '45/BC-SNV', summary: 'Đủ điều kiện' })).stage).toBe('legal-appraisal');
    expect((await act(id, 'record-legal-appraisal', 'legal', '2026-03-12T02:00:00Z', { opinion: 'lawful', reportNumber: '30/BC-STP' })).stage).toBe('appraised');
    expect((await act(id, 'submit-to-council', 'committee', '2026-03-13T02:00:00Z', { submissionNumber: '120/TTr-UBND', submittedOn: '2026-03-13' })).stage).toBe('awaiting-council');
    const voted = await act(id, 'record-council-vote', 'council', '2026-03-20T02:00:00Z', {
      session: 'Kỳ họp chuyên đề', sessionDate: '2026-03-20', resolutionNumber: '15/2026/NQ-HĐND',
      totalDelegates: 50, votesFor: 26, votesAgainst: 20, abstentions: 4,
    });
    expect(voted.stage).toBe('approved'); // 26 > 50 / 2
    expect((await act(id, 'issue', 'committee', '2026-03-25T02:00:00Z', { documentNumber: '1234/QĐ-UBND', signer: 'Lê Văn Hảo', signedOn: '2026-03-25', effectiveFrom: '2026-04-01' })).stage).toBe('issued');
    await act(id, 'amend', 'committee', '2026-06-10T02:00:00Z', { documentNumber: '200/QĐ-UBND', reason: 'Giao thêm thẩm quyền', effectiveFrom: '2026-07-01', changes: { powerIds: ['TV-XD-01', 'TV-XD-02'] } });
    const revoked = await act(id, 'revoke', 'committee', '2026-09-10T02:00:00Z', { documentNumber: '300/QĐ-UBND', reason: 'Điều chỉnh theo luật mới', effectiveFrom: '2026-10-01' });
    expect(revoked).toMatchObject({ stage: 'revoked', version: 14 });

    // The current state, with its version as ETag.
    const now = await get(`/api/v1/decisions/${id}`);
    expect(now.status).toBe(200);
    expect(now.headers.etag).toBe('"14"');
    expect(now.body).toMatchObject({ stage: 'revoked', revisionRound: 2, kind: 'phan-cap', workflow: { id: 'phan-cap', version: 1 } });
    expect(now.body.councilVote).toMatchObject({ outcome: 'approved', votesFor: 26, totalDelegates: 50 });
    expect(now.body.content.powerIds).toEqual(['TV-XD-01', 'TV-XD-02']);

    // The full history, each event with who (user, role, body) and when.
    const history = await get(`/api/v1/decisions/${id}/events`);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'ProposalDrafted', 'ProposalSubmitted', 'ReviewerAssigned', 'RevisionRequested', 'ProposalResubmitted',
      'RevisionRequested', 'ProposalResubmitted', 'AppraisalCompleted', 'LegalAppraisalRecorded', 'SubmittedToCouncil',
      'CouncilVoteRecorded', 'DecisionIssued', 'DecisionAmended', 'DecisionRevoked',
    ]);
    expect(history.body[3].metadata).toMatchObject({ actorId: 'user-reviewer', actorRole: 'reviewer', actorBodyId: 'tv-so-noi-vu', occurredAt: '2026-03-05T02:00:00.000Z' });
    expect(history.body.map((e: { streamVersion: number }) => e.streamVersion)).toEqual(history.body.map((_: unknown, i: number) => i + 1));

    // The past: as of a version, and as of an instant between two revision rounds.
    const v1 = await get(`/api/v1/decisions/${id}?version=1`);
    expect(v1.body).toMatchObject({ stage: 'draft', version: 1 });
    expect(v1.headers.etag).toBe('"1"');
    const midRevision = await get(`/api/v1/decisions/${id}?at=2026-03-07T00:00:00%2B07:00`);
    expect(midRevision.body).toMatchObject({ stage: 'in-appraisal', revisionRound: 1 });
    expect(midRevision.body.content.resources.budgetVnd).toBe(2_000_000_000);
    expect((await get(`/api/v1/decisions/${id}?at=2026-03-01T00:00:00Z`)).status).toBe(404);

    // The registry, on dates before, during and after the delegation and its amendment.
    const holder = async (powerId: string, at: string) => (await get(`/api/v1/registry?powerId=${powerId}&at=${at}`)).body.items;
    expect(await holder('TV-XD-01', '2026-03-31')).toEqual([{ powerId: 'TV-XD-01', holderBodyId: 'tv-ubnd', source: 'law' }]);
    expect(await holder('TV-XD-01', '2026-04-01')).toMatchObject([{ holderBodyId: 'tv-so-xay-dung', source: 'delegation', decisionId: id }]);
    expect(await holder('TV-XD-02', '2026-06-30')).toMatchObject([{ holderBodyId: 'tv-ubnd', source: 'law' }]);
    expect(await holder('TV-XD-02', '2026-07-01')).toMatchObject([{ holderBodyId: 'tv-so-xay-dung', source: 'delegation' }]);
    expect(await holder('TV-XD-01', '2026-10-01')).toMatchObject([{ holderBodyId: 'tv-ubnd', source: 'law' }]);
    const byBody = await get('/api/v1/registry?bodyId=tv-so-xay-dung&at=2026-08-01');
    expect(byBody.body.items.filter((h: { decisionId: string }) => h.decisionId === id).map((h: { powerId: string }) => h.powerId)).toEqual(['TV-XD-01', 'TV-XD-02']);
  });

  it('rejects a phân cấp at the HĐND when votes for are exactly half of all delegates, with the reasons', async () => {
    const id = (await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(phanCapProposal())).body.decisionId;
    const at = '2026-04-01T02:00:00Z';
    await act(id, 'submit', 'proposer', at);
    await act(id, 'assign-reviewer', 'reviewer.lead', at, { reviewerId: 'user-reviewer' });
    await act(id, 'appraise', 'reviewer', at, { opinion: 'favourable', reportNumber: '46/BC-SNV', summary: 'Đạt' });
    await act(id, 'record-legal-appraisal', 'legal', at, { opinion: 'lawful', reportNumber: '31/BC-STP' });
    await act(id, 'submit-to-council', 'committee', at, { submissionNumber: '121/TTr-UBND', submittedOn: '2026-04-01' });
    const vote = { session: 'Kỳ họp thường lệ', sessionDate: '2026-04-10', totalDelegates: 50, votesFor: 25, votesAgainst: 5, abstentions: 0 };
    // Half of all delegates is not a majority, however few voted against (Art. 35.2): the reasons are required.
    const noReasons = await t.http().post(`/api/v1/decisions/${id}/record-council-vote`).set('Authorization', await t.login('council')).send(vote);
    expect(noReasons.status).toBe(422);
    const voted = await act(id, 'record-council-vote', 'council', at, { ...vote, reasons: ['Chưa đủ quá nửa tổng số đại biểu tán thành'] });
    expect(voted.stage).toBe('rejected');
    expect((await get(`/api/v1/decisions/${id}`)).body.rejectionReasons).toEqual(['Chưa đủ quá nửa tổng số đại biểu tán thành']);
  });

  it('lets an ủy quyền be decided by the committee, issued, and expire by itself after its period', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const id = (await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer'))
      .send(uyQuyenProposal({ period: { from: '2026-04-01', to: '2026-06-30' } }))).body.decisionId;
    const at = '2026-03-03T02:00:00Z';
    await act(id, 'submit', 'proposer', at);
    await act(id, 'assign-reviewer', 'reviewer.lead', at, { reviewerId: 'user-reviewer' });
    expect((await act(id, 'appraise', 'reviewer', at, { opinion: 'favourable', reportNumber: '47/BC-SNV', summary: 'Đạt' })).stage).toBe('appraised');
    expect((await act(id, 'decide', 'committee', at, { outcome: 'approved', decidedBy: 'chairman' })).stage).toBe('approved');
    await act(id, 'issue', 'committee', '2026-03-20T02:00:00Z', { documentNumber: '500/QĐ-UBND', signer: 'Chủ tịch UBND tỉnh', signedOn: '2026-03-20', effectiveFrom: '2026-04-01' });

    const sweep = t.app.get(ExpirySweep);
    t.clock.set('2026-06-30T16:59:00Z'); // 23:59 on 30/6 in Vietnam: the last day still counts
    expect(await sweep.sweep()).not.toContain(id);
    t.clock.set('2026-06-30T17:00:00Z'); // 00:00 on 1/7 in Vietnam
    expect(await sweep.sweep()).toContain(id);
    expect(await sweep.sweep()).not.toContain(id); // once

    const after = await get(`/api/v1/decisions/${id}`);
    expect(after.body).toMatchObject({ stage: 'expired', expiredOn: '2026-06-30' });
    const last = (await get(`/api/v1/decisions/${id}/events`)).body.at(-1);
    expect(last).toMatchObject({ type: 'DelegationExpired', metadata: { actorId: 'system', actorRole: 'system' } });
    const holder = async (at: string) => (await get(`/api/v1/registry?powerId=TV-DD-02&at=${at}`)).body.items.filter((h: { decisionId?: string }) => !h.decisionId || h.decisionId === id);
    expect(await holder('2026-06-30')).toMatchObject([{ holderBodyId: 'tv-so-tnmt', validTo: '2026-07-01' }]);
  });

  it('lets the proposer withdraw before issuance, and lists and filters decisions with pagination', async () => {
    const proposer = await t.login('proposer');
    const id = (await t.http().post('/api/v1/decisions').set('Authorization', proposer).send(phanCapProposal({ sector: 'y-te', powerIds: ['TV-YT-01'], delegateBodyId: 'tv-so-y-te' }))).body.decisionId;
    expect((await act(id, 'withdraw', 'proposer', '2026-05-01T02:00:00Z', { reason: 'Chờ luật mới' })).stage).toBe('withdrawn');

    const list = await get('/api/v1/decisions?sector=y-te&stage=withdrawn&kind=phan-cap&delegateBodyId=tv-so-y-te&limit=1');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ limit: 1, offset: 0 });
    expect(list.body.items[0]).toMatchObject({ id, stage: 'withdrawn', sector: 'y-te', kind: 'phan-cap' });
    const all = await get('/api/v1/decisions?limit=2');
    expect(all.body.items).toHaveLength(2);
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    const next = await get('/api/v1/decisions?limit=2&offset=2');
    expect(next.body.items.map((d: { id: string }) => d.id)).not.toContain(all.body.items[0].id);
  });

  it('serves workflows, bodies and powers, health and the OpenAPI document', async () => {
    const workflows = await get('/api/v1/workflows');
    expect(workflows.body.map((w: { id: string; version: number }) => `${w.id}@${w.version}`).sort()).toEqual(['phan-cap@1', 'phan-cap@2', 'uy-quyen@1', 'uy-quyen@2']);
    expect((await get('/api/v1/bodies?level=district')).body.items.map((b: { id: string }) => b.id)).toContain('tv-ubnd-cang-long');
    expect((await get('/api/v1/powers?delegable=false')).body.items.every((p: { delegable: boolean }) => !p.delegable)).toBe(true);
    expect((await t.http().get('/health/ready')).body.status).toBe('ok');
    const openapi = await t.http().get('/docs/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toContain('/api/v1/decisions/{id}/record-council-vote');
    expect(openapi.body.components.schemas.RecordCouncilVoteRequest.properties.votesFor.description).toBeTruthy();
  });
});
