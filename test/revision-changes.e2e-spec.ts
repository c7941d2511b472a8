import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';
import { expectFields } from './support/problem.js';

/**
 * A revision fixes what was asked: the resubmission may change every content field, with the same
 * checks as a proposal, and the compare view shows each changed field whole on both sides.
 */
describe('revision changes every content field', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = async (id: string, action: string, user: string, body: object) =>
    t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
  const act = async (id: string, action: string, user: string, body: object = {}) => {
    const res = await post(id, action, user, body);
    expect(res.status).toBe(200);
    return res.body as { version: number; stage: string };
  };

  it('changes budget, staff, legal basis, powers, documents, conditions, justification and period; compare shows both sides whole', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const original = uyQuyenProposal({ conditions: ['Báo cáo hằng quý', 'Công khai kết quả giải quyết'] });
    const created = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(original);
    expect(created.status).toBe(201);
    const id = created.body.decisionId as string;
    await act(id, 'submit', 'proposer');
    await act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
    const asked = await act(id, 'request-revision', 'reviewer', { reasons: ['Làm rõ nguồn kinh phí và biên chế'] });

    // The same checks as a proposal, on the content the change would leave: a 400 naming the field.
    expectFields(await post(id, 'resubmit', 'proposer', { response: 'x', changes: { resources: { budgetVnd: -1, staffPositions: 3, facilities: [] } } }),
      ['changes.resources.budgetVnd']);
    expectFields(await post(id, 'resubmit', 'proposer', { response: 'x', changes: { legalBasis: [] } }), ['changes.legalBasis']);
    expectFields(await post(id, 'resubmit', 'proposer', { response: 'x', changes: { documents: [{ title: 'Đề án' }] } }), ['changes.documents.0.reference']);
    const backwards = await post(id, 'resubmit', 'proposer', { response: 'x', changes: { period: { from: '2026-12-31', to: '2026-04-01' } } });
    expect(backwards.status).toBe(422);
    expect(JSON.stringify(backwards.body)).toContain('changes.period');

    const changes = {
      resources: { budgetVnd: 2_400_000_000, staffPositions: 5, facilities: ['Bộ phận một cửa', 'Kho lưu trữ hồ sơ'] },
      legalBasis: [...original.legalBasis as string[], 'Nghị định số 10/2023/NĐ-CP'],
      powerIds: ['TV-DD-02'],
      documents: [...original.documents as object[], { title: 'Đề án tổ chức thực hiện', reference: '5/ĐA-STNMT' }],
      conditions: ['Báo cáo hằng quý', 'Công khai kết quả giải quyết', 'UBND tỉnh kiểm tra 6 tháng một lần'],
      justification: 'Giảm thời gian giải quyết; kinh phí tính theo định mức mới.',
      period: { from: '2026-05-01', to: '2027-04-30' },
    };
    const resubmitted = await act(id, 'resubmit', 'proposer', { response: 'Đã làm rõ nguồn kinh phí, bổ sung biên chế', changes });
    expect(resubmitted.stage).toBe('in-appraisal');
    const view = (await t.http().get(`/api/v1/decisions/${id}`).set('Authorization', await t.login('reviewer'))).body;
    expect(view.content).toMatchObject(changes);

    const cmp = await t.http().get(`/api/v1/decisions/${id}/compare?from=${asked.version}&to=${resubmitted.version}`).set('Authorization', await t.login('auditor'));
    expect(cmp.status).toBe(200);
    const fields = new Map((cmp.body.fields as Array<{ field: string; label: { vi: string }; before: unknown; after: unknown }>).map((f) => [f.field, f]));
    expect(fields.get('content.resources')).toMatchObject({ before: original.resources, after: changes.resources, label: { vi: 'Nguồn lực (kinh phí, biên chế, cơ sở vật chất)' } });
    // Lists whole on both sides: the two conditions before, the three after (not [] before).
    expect(fields.get('content.conditions')).toMatchObject({ before: ['Báo cáo hằng quý', 'Công khai kết quả giải quyết'], after: changes.conditions });
    expect(fields.get('content.legalBasis')).toMatchObject({ before: original.legalBasis, after: changes.legalBasis });
    expect(fields.get('content.documents')).toMatchObject({ before: original.documents, after: changes.documents });
    expect(fields.get('content.period')).toMatchObject({ before: (original as Record<string, unknown>).period, after: changes.period });
    expect(fields.get('content.justification')).toMatchObject({ before: original.justification, after: changes.justification });
    expect(fields.has('content.powerIds')).toBe(false); // unchanged: not listed
    expect(fields.has('content.title')).toBe(false);
  });
});
