import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ExpirySweep } from '@app/delegation';
import { phanCapProposal, startTestApp, type TestApp } from './support/harness.js';

/** phân cấp v2 over HTTP: consultation of two bodies closed at its deadline with one answer missing, then the HĐND committee's examination. */
describe('phân cấp v2: consultation and the HĐND committee examination', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function act(id: string, action: string, user: string, at: string, body: object = {}) {
    t.clock.set(at);
    const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
    if (res.status !== 200) throw new Error(`${action} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { decisionId: string; version: number; stage: string };
  }
  const get = async (path: string, user = 'auditor') => t.http().get(path).set('Authorization', await t.login(user));

  it('lists v2 beside v1 with its consultation and examination steps, their kinds, rules and legal sources', async () => {
    const res = await get('/api/v1/workflows');
    expect(res.status).toBe(200);
    const v2 = res.body.find((w: { id: string; version: number }) => w.id === 'phan-cap' && w.version === 2);
    expect(Object.keys(v2.stages)).toEqual(expect.arrayContaining(['in-consultation', 'consulted', 'in-examination']));
    expect(v2.transitions.find((s: { command: string }) => s.command === 'record-examination')).toMatchObject({
      kind: 'examination', roles: ['council-office'], rules: ['examination-not-ready-has-reasons'], source: expect.stringContaining('64/2025/QH15'),
    });
  });

  it('starts on v2, closes the consultation at its deadline recording the missing answer, and examines before the vote', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const created = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(phanCapProposal({ workflowVersion: 2 }));
    expect(created.status).toBe(201);
    const id: string = created.body.decisionId;

    // v2 consults before submission.
    const early = await t.http().post(`/api/v1/decisions/${id}/submit`).set('Authorization', await t.login('proposer')).send({});
    expect(early.status).toBe(409);

    const asked = await act(id, 'request-consultation', 'proposer', '2026-03-02T03:00:00Z', {
      bodyIds: ['tv-so-tu-phap', 'tv-so-tai-chinh'], dueOn: '2026-03-09', subject: 'Dự thảo Nghị quyết phân cấp cấp giấy phép xây dựng',
    });
    expect(asked.stage).toBe('in-consultation');
    const answered = await act(id, 'record-opinion', 'proposer', '2026-03-05T02:00:00Z', { bodyId: 'tv-so-tu-phap', opinion: 'agree-with-comments', summary: 'Đề nghị làm rõ điều kiện', reference: '15/STP-XDKTVB' });
    expect(answered.stage).toBe('in-consultation');

    const sweep = t.app.get(ExpirySweep);
    t.clock.set('2026-03-09T16:59:00Z'); // 23:59 on the due date in Vietnam: still open
    expect(await sweep.closeConsultations()).not.toContain(id);
    t.clock.set('2026-03-09T17:00:00Z');
    expect(await sweep.closeConsultations()).toContain(id);
    expect(await sweep.closeConsultations()).not.toContain(id);

    const consulted = await get(`/api/v1/decisions/${id}`);
    expect(consulted.body).toMatchObject({
      stage: 'consulted', workflow: { id: 'phan-cap', version: 2 },
      consultation: { round: 1, bodyIds: ['tv-so-tu-phap', 'tv-so-tai-chinh'], closed: { closedBy: 'deadline', missing: ['tv-so-tai-chinh'] } },
    });
    const last = (await get(`/api/v1/decisions/${id}/events`)).body.at(-1);
    expect(last).toMatchObject({ type: 'ConsultationClosed', data: { closedBy: 'deadline', answered: ['tv-so-tu-phap'], missing: ['tv-so-tai-chinh'] }, metadata: { actorRole: 'system' } });

    await act(id, 'submit', 'proposer', '2026-03-10T02:00:00Z');
    await act(id, 'assign-reviewer', 'reviewer.lead', '2026-03-10T03:00:00Z', { reviewerId: 'user-reviewer' });
    await act(id, 'appraise', 'reviewer', '2026-03-11T02:00:00Z', { opinion: 'favourable', reportNumber: '45/BC-SNV', summary: 'Đủ điều kiện' });
    await act(id, 'record-legal-appraisal', 'legal', '2026-03-12T02:00:00Z', { opinion: 'lawful', reportNumber: '30/BC-STP' });
    expect((await act(id, 'submit-to-council', 'committee', '2026-03-13T02:00:00Z', { submissionNumber: '120/TTr-UBND', submittedOn: '2026-03-13' })).stage).toBe('in-examination');

    const notReady = await t.http().post(`/api/v1/decisions/${id}/record-examination`).set('Authorization', await t.login('council'))
      .send({ committee: 'Ban Pháp chế HĐND tỉnh', reportNumber: '25/BC-HĐND', conclusion: 'not-ready', summary: 'Chưa đủ điều kiện' });
    expect(notReady.status).toBe(422);
    expect(JSON.stringify(notReady.body)).toContain('examination-not-ready-has-reasons');
    const badBody = await t.http().post(`/api/v1/decisions/${id}/record-examination`).set('Authorization', await t.login('council')).send({ committee: 'Ban Pháp chế', conclusion: 'maybe' });
    expect(badBody.status).toBe(400);

    const examined = await act(id, 'record-examination', 'council', '2026-03-16T02:00:00Z', { committee: 'Ban Pháp chế HĐND tỉnh', reportNumber: '25/BC-HĐND', conclusion: 'ready', summary: 'Đủ điều kiện trình kỳ họp' });
    expect(examined.stage).toBe('awaiting-council');
    const voted = await act(id, 'record-council-vote', 'council', '2026-03-20T02:00:00Z', {
      session: 'Kỳ họp chuyên đề', sessionDate: '2026-03-20', totalDelegates: 50, votesFor: 26, votesAgainst: 20, abstentions: 4,
    });
    expect(voted.stage).toBe('approved');
  });

  it('lists the versions, returns each as its document, publishes the schema', async () => {
    const versions = await get('/api/v1/workflows/phan-cap/versions', 'proposer');
    expect(versions.status).toBe(200);
    expect(versions.body.map((v: { version: number; default: boolean }) => [v.version, v.default])).toEqual([[1, true], [2, false]]);
    const v2 = await get('/api/v1/workflows/phan-cap/versions/2', 'proposer');
    expect(v2.body).toMatchObject({ id: 'phan-cap', version: 2, stages: expect.arrayContaining([expect.objectContaining({ id: 'in-examination' })]) });
    expect((await get('/api/v1/workflows/phan-cap/versions/7')).status).toBe(404);
    expect((await get('/api/v1/workflows/phan-quyen/versions')).status).toBe(404);
    expect((await get('/api/v1/workflows/schema')).body).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', required: expect.arrayContaining(['stages', 'steps']) });
  });

  it('checks a definition for the admin: valid, or 400 with every error located by JSON pointer', async () => {
    const admin = { Authorization: await t.login('admin') };
    const doc = (await get('/api/v1/workflows/uy-quyen/versions/2')).body;
    const ok = await t.http().post('/api/v1/workflows/validate').set(admin).send({ definition: doc });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, id: 'uy-quyen', version: 2 });
    const bad = structuredClone(doc);
    bad.steps[0].roles = ['mayor'];
    bad.steps[1].transitions[0].to = 'nowhere';
    delete bad.title;
    const refused = await t.http().post('/api/v1/workflows/validate').set(admin).send({ definition: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['definition/title']);
    delete bad.title;
    bad.title = doc.title;
    const semantic = await t.http().post('/api/v1/workflows/validate').set(admin).send({ definition: bad });
    expect(semantic.status).toBe(400);
    expect(semantic.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'definition/steps/0/roles/0', constraint: 'unknown-role', reason: expect.objectContaining({ vi: expect.stringContaining('Vai trò') }) }),
      expect.objectContaining({ field: 'definition/steps/1/transitions/0/to', constraint: 'unknown-stage' }),
    ]));
    const yaml = await t.http().post('/api/v1/workflows/validate').set(admin).send({ yaml: 'id: [' });
    expect(yaml.status).toBe(400);
    expect(yaml.body.errors[0]).toMatchObject({ field: 'yaml', constraint: 'parse' });
    const proposer = await t.http().post('/api/v1/workflows/validate').set('Authorization', await t.login('proposer')).send({ definition: doc });
    expect(proposer.status).toBe(403);
  });

  it('refuses a version that does not exist, naming the rule', async () => {
    const res = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(phanCapProposal({ workflowVersion: 9 }));
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('workflow-matches-kind');
  });
});
