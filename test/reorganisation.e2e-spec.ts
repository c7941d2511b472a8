import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntentDispatcher } from '@app/operator';
import { startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/**
 * The reorganisation of 1 July 2025, end to end: bodies are event-sourced; abolishing a district
 * body flags the delegations to it, and one command re-assigns them to the successor commune.
 */
describe('bodies with a history and the 2025 reorganisation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const DISTRICT = 'tv-ubnd-chau-thanh';
  const COMMUNE = 'tv-ubnd-xa-chau-thanh';
  const POWER = 'TV-XD-90';

  const follow = async () => {
    while ((await t.app.get(IntentDispatcher).poll()) > 0);
  };
  const get = async (path: string, user = 'auditor') => t.http().get(path).set('Authorization', await t.login(user));
  const post = async (path: string, body: object, user = 'admin') => t.http().post(path).set('Authorization', await t.login(user)).send(body);
  const act = async (id: string, action: string, user: string, body: object = {}) => {
    const res = await post(`/api/v1/decisions/${id}/${action}`, body, user);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const findings = async (id: string) =>
    (await get(`/api/v1/decisions/${id}/findings`)).body.items as Array<{ ruleId: string; key: string; open: boolean }>;
  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((b) => b.id);

  it('establishes the demo bodies through their streams', async () => {
    const history = await get('/api/v1/bodies/qn-ubnd-nui-thanh/history', 'qn.auditor');
    expect(history.status).toBe(200);
    expect((await get('/api/v1/bodies/qn-ubnd-nui-thanh/history')).status).toBe(404); // another province's body
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['BodyEstablished']);
    expect(history.body[0]).toMatchObject({ streamId: 'body:qn-ubnd-nui-thanh', streamType: 'body', data: { level: 'district', effectiveFrom: '2008-01-01' } });
    expect(ids(await get('/api/v1/bodies?at=2020-01-01&limit=500'))).toContain('tv-ubnd-cang-long');
    expect(ids(await get('/api/v1/bodies?at=2007-12-31&limit=500'))).not.toContain('tv-ubnd');
  });

  it('guards the writes: 403 for a non-admin, 400 per field, 404 for an unknown body, 409 and 422 naming the rule', async () => {
    const establish = { id: 'tv-ubnd-thu-nghiem', nameVi: 'UBND thử nghiệm', nameEn: 'Test committee', level: 'commune', type: 'ubnd', parentId: 'tv-ubnd', provinceId: 'tv', effectiveFrom: '2025-07-01' };
    expect((await post('/api/v1/bodies', establish, 'proposer')).status).toBe(403);
    expect((await post('/api/v1/bodies', establish, 'committee')).status).toBe(403);
    // An admin of one province changes nothing of another's.
    expect((await post('/api/v1/bodies', { ...establish, id: 'qn-ubnd-thu-nghiem', provinceId: 'qn', parentId: 'qn-ubnd' })).status).toBe(400);
    expect((await post('/api/v1/bodies/qn-ubnd-tam-hiep/rename', { nameVi: 'Tên mới', nameEn: 'New name', effectiveFrom: '2026-01-01' })).status).toBe(404);

    const bad = await post('/api/v1/bodies', { ...establish, id: 'Not An Id', level: 'hamlet', effectiveFrom: '2025-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['effectiveFrom', 'id', 'level']);

    expect((await post('/api/v1/bodies/tv-khong-co/rename', { nameVi: 'A', nameEn: 'A', effectiveFrom: '2025-07-01' })).status).toBe(404);
    expect((await get('/api/v1/bodies/tv-khong-co/history')).status).toBe(404);

    const unknownParent = await post('/api/v1/bodies', { ...establish, parentId: 'tv-khong-co' });
    expect(unknownParent.status).toBe(422);
    expect(unknownParent.body).toMatchObject({ rule: { id: 'referenced-body-exists' }, field: 'parentId' });
    expect((await post('/api/v1/bodies', { ...establish, id: 'tv-ubnd' })).status).toBe(409);
    const intoItself = await post('/api/v1/bodies/tv-ubnd-phuong-1/merge', { intoBodyId: 'tv-ubnd-phuong-1', effectiveFrom: '2025-07-01' });
    expect(intoItself.status).toBe(422);
    expect(intoItself.body.rule.id).toBe('successor-differs-from-body');
  });

  it('abolishes a district on 1 July 2025, flags its delegation, and re-assigns it to the commune', async () => {
    // Given: a district UBND of Trà Vinh and the commune that takes over on 1 July 2025.
    t.clock.set('2025-03-03T02:00:00Z');
    const district = await post('/api/v1/bodies', {
      id: DISTRICT, nameVi: 'Ủy ban nhân dân huyện Châu Thành', nameEn: "People's Committee of Châu Thành District",
      level: 'district', type: 'ubnd', parentId: 'tv-ubnd', provinceId: 'tv', territory: 'Huyện Châu Thành', effectiveFrom: '2008-01-01',
    });
    expect(district.status).toBe(201);
    expect(district.body).toEqual({ bodyId: DISTRICT, version: 1, status: 'active' });
    expect((await post('/api/v1/bodies', {
      id: COMMUNE, nameVi: 'Ủy ban nhân dân xã Châu Thành', nameEn: "People's Committee of Châu Thành Commune",
      level: 'commune', type: 'ubnd', parentId: 'tv-ubnd', provinceId: 'tv', effectiveFrom: '2025-07-01',
    })).status).toBe(201);
    // A power of the catalogue, defined through its stream like every other (PowerDefined).
    expect((await post('/api/v1/powers', {
      id: POWER, code: POWER, titleVi: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', titleEn: 'Grant permits for individual houses',
      sector: 'xay-dung', legalHolderBodyId: 'tv-ubnd', legalSource: 'Luật Xây dựng 2014 (sửa đổi 2020), Điều 103', delegable: true,
      effectiveFrom: '2008-01-01',
    })).status).toBe(201);

    // And: an ủy quyền in effect from the provincial UBND to the district.
    const id: string = (await post('/api/v1/decisions', uyQuyenProposal({
      title: 'Ủy quyền UBND huyện Châu Thành cấp giấy phép xây dựng nhà ở riêng lẻ', delegateBodyId: DISTRICT,
      powerIds: [POWER], sector: 'xay-dung', period: { from: '2025-04-01', to: '2026-12-31' },
    }), 'proposer')).body.decisionId;
    expect(id).toBeDefined();
    await act(id, 'submit', 'proposer');
    await act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
    await act(id, 'appraise', 'reviewer', { opinion: 'favourable', reportNumber: '12/BC-SNV', summary: 'Đủ điều kiện' });
    await act(id, 'decide', 'committee', { outcome: 'approved', decidedBy: 'chairman' });
    await act(id, 'issue', 'committee', { documentNumber: '500/QĐ-UBND', signer: 'Chủ tịch UBND tỉnh', signedOn: '2025-03-20', effectiveFrom: '2025-04-01' });
    await follow();
    expect((await findings(id)).filter((f) => f.ruleId === 'delegate-body-reorganised')).toEqual([]);

    // When: the district level ends on 1 July 2025.
    t.clock.set('2025-07-01T03:00:00Z');
    const abolished = await post(`/api/v1/bodies/${DISTRICT}/abolish`, {
      successorId: COMMUNE, effectiveFrom: '2025-07-01', reason: 'Kết thúc hoạt động của chính quyền địa phương cấp huyện (Luật 72/2025/QH15)',
    });
    expect(abolished.status).toBe(200);
    expect(abolished.body).toEqual({ bodyId: DISTRICT, version: 2, status: 'abolished' });
    expect((await post(`/api/v1/bodies/${DISTRICT}/abolish`, { effectiveFrom: '2025-08-01', reason: 'lần nữa' })).body)
      .toMatchObject({ status: 409, rule: { id: 'body-already-ended' } });
    await follow();

    // Then: the delegation to it is flagged, by the checks the log follower queued for the body's change.
    expect((await findings(id)).find((f) => f.ruleId === 'delegate-body-reorganised')).toMatchObject({ key: `reorganised:${DISTRICT}`, open: true });
    const flagged = await get(`/api/v1/findings?open=true&ruleId=delegate-body-reorganised&bodyId=${DISTRICT}`);
    expect(flagged.body.items.map((f: { decisionId: string }) => f.decisionId)).toContain(id);

    // The map as it was: the district on 30 June, the commune from 1 July.
    const june = ids(await get('/api/v1/bodies?at=2025-06-30&provinceId=tv&limit=500'));
    expect(june).toContain(DISTRICT);
    expect(june).not.toContain(COMMUNE);
    const july = ids(await get('/api/v1/bodies?at=2025-07-01&provinceId=tv&limit=500'));
    expect(july).toContain(COMMUNE);
    expect(july).not.toContain(DISTRICT);
    const withEnded = (await get('/api/v1/bodies?at=2025-07-01&provinceId=tv&includeEnded=true&limit=500')).body.items
      .find((b: { id: string }) => b.id === DISTRICT);
    expect(withEnded).toMatchObject({ status: 'abolished', successorId: COMMUNE, validFrom: '2025-07-01', validTo: null });
    expect((await get('/api/v1/bodies?at=2025-06-30&level=district&provinceId=tv')).body.items.find((b: { id: string }) => b.id === DISTRICT))
      .toMatchObject({ status: 'active', validFrom: '2008-01-01', validTo: '2025-07-01', territory: 'Huyện Châu Thành' });
    const now = (await get('/api/v1/bodies?status=abolished&limit=500')).body.items.find((b: { id: string }) => b.id === DISTRICT);
    expect(now).toMatchObject({ status: 'abolished', endedOn: '2025-07-01', successorId: COMMUNE });
    expect((await get(`/api/v1/bodies/${DISTRICT}/history`)).body.map((e: { type: string }) => e.type)).toEqual(['BodyEstablished', 'BodyAbolished']);

    // When: one command re-assigns every delegation of the district to the commune.
    expect((await post(`/api/v1/bodies/${DISTRICT}/reassign-delegations`, { successorId: COMMUNE, effectiveFrom: '2025-07-01', documentNumber: '900/QĐ-UBND', reason: 'Sắp xếp' }, 'committee')).status).toBe(403);
    expect((await post(`/api/v1/bodies/${DISTRICT}/reassign-delegations`, { successorId: 'tv-khong-co', effectiveFrom: '2025-07-01', documentNumber: '900/QĐ-UBND', reason: 'Sắp xếp' })).status).toBe(400);
    const reassigned = await post(`/api/v1/bodies/${DISTRICT}/reassign-delegations`, {
      successorId: COMMUNE, effectiveFrom: '2025-07-01', documentNumber: '900/QĐ-UBND', reason: 'Sắp xếp đơn vị hành chính, kết thúc cấp huyện',
    });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toMatchObject({ bodyId: DISTRICT, successorId: COMMUNE, refused: [] });
    const mine = reassigned.body.reassigned.find((r: { decisionId: string }) => r.decisionId === id);
    expect(mine).toMatchObject({ stage: 'issued', duplicate: false });

    // Then: a recorded event on the decision's own stream, by the admin, with a deterministic command id.
    const events = (await get(`/api/v1/decisions/${id}/events`)).body as Array<{ type: string; streamVersion: number; data: object; metadata: { commandId: string; actorRole: string } }>;
    const event = events.find((e) => e.type === 'DecisionReassigned')!;
    expect(event).toMatchObject({
      streamVersion: mine.version,
      data: { fromBodyId: DISTRICT, toBodyId: COMMUNE, side: 'delegate', effectiveFrom: '2025-07-01', documentNumber: '900/QĐ-UBND' },
      metadata: { commandId: `reassign:${id}:${DISTRICT}:${COMMUNE}`, actorRole: 'admin' },
    });
    expect((await get(`/api/v1/decisions/${id}`)).body.content.delegateBodyId).toBe(COMMUNE);

    // And the finding resolves after the next checks.
    await follow();
    expect((await findings(id)).find((f) => f.key === `reorganised:${DISTRICT}`)).toMatchObject({ open: false });

    // And the registry answers who held the power on each day.
    const before = (await get(`/api/v1/registry?powerId=${POWER}&at=2025-06-30`)).body.items;
    expect(before).toEqual([expect.objectContaining({ holderBodyId: DISTRICT, source: 'delegation', decisionId: id, validTo: '2025-07-01' })]);
    const after = (await get(`/api/v1/registry?powerId=${POWER}&at=2025-07-01`)).body.items;
    expect(after).toEqual([expect.objectContaining({ holderBodyId: COMMUNE, source: 'delegation', decisionId: id, validFrom: '2025-07-01', validTo: '2027-01-01' })]);

    // Nothing is left to re-assign: a repeat changes nothing.
    const again = await post(`/api/v1/bodies/${DISTRICT}/reassign-delegations`, {
      successorId: COMMUNE, effectiveFrom: '2025-07-01', documentNumber: '900/QĐ-UBND', reason: 'Sắp xếp đơn vị hành chính, kết thúc cấp huyện',
    });
    expect(again.body.reassigned).toEqual([]);
    expect((await get(`/api/v1/decisions/${id}/events`)).body.filter((e: { type: string }) => e.type === 'DecisionReassigned')).toHaveLength(1);
  });

  it('renames and re-parents a body on effective dates', async () => {
    t.clock.set('2025-07-02T02:00:00Z');
    expect((await post('/api/v1/bodies/tv-ubnd-phuong-1/rename', {
      nameVi: 'Ủy ban nhân dân phường Trà Vinh', nameEn: "People's Committee of Trà Vinh Ward", effectiveFrom: '2025-07-01',
    })).body).toEqual({ bodyId: 'tv-ubnd-phuong-1', version: 2, status: 'active' });
    expect((await post('/api/v1/bodies/tv-ubnd-phuong-1/reparent', { parentId: 'tv-ubnd', effectiveFrom: '2025-07-01' })).status).toBe(200);
    const early = await post('/api/v1/bodies/tv-ubnd-phuong-1/reparent', { parentId: 'tv-ubnd-tp-tra-vinh', effectiveFrom: '2025-06-01' });
    expect(early.status).toBe(422);
    expect(early.body.rule.id).toBe('body-change-not-before-last-change');
    const at = async (day: string) => (await get(`/api/v1/bodies?at=${day}&provinceId=tv&limit=500`)).body.items.find((b: { id: string }) => b.id === 'tv-ubnd-phuong-1');
    expect(await at('2025-06-30')).toMatchObject({ nameVi: 'Ủy ban nhân dân Phường 1, thành phố Trà Vinh', parentId: 'tv-ubnd-tp-tra-vinh' });
    expect(await at('2025-07-01')).toMatchObject({ nameVi: 'Ủy ban nhân dân phường Trà Vinh', parentId: 'tv-ubnd' });
  });
});
