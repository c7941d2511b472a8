import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/**
 * The powers catalogue, end to end: each power is an event stream (PowerDefined, PowerRevised,
 * PowerRetired) kept by an administrator of its province, versioned on effective dates; a retired
 * power can no longer be proposed.
 */
describe('the powers catalogue, versioned', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const POWER = 'TV-DD-77';
  const TITLE_1 = 'Gia hạn quyền sử dụng đất nông nghiệp cho tổ chức';
  const TITLE_2 = 'Gia hạn, điều chỉnh quyền sử dụng đất nông nghiệp cho tổ chức';
  const define = {
    id: POWER, code: POWER, titleVi: TITLE_1.normalize('NFD'), titleEn: 'Extend agricultural land-use rights of organisations',
    sector: 'dat-dai', legalHolderBodyId: 'tv-ubnd', legalSource: 'Luật Đất đai 2024, Điều 172', delegable: true,
    procedureCodes: ['1.012790'], effectiveFrom: '2025-01-01',
  };

  const get = async (path: string, user = 'auditor') => t.http().get(path).set('Authorization', await t.login(user));
  const post = async (path: string, body: object, user = 'admin') => t.http().post(path).set('Authorization', await t.login(user)).send(body);
  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((p) => p.id);
  const fields = (res: { body: { errors: Array<{ field: string }> } }) => res.body.errors.map((e) => e.field).sort();

  it('defines the demo powers through their streams', async () => {
    const history = await get('/api/v1/powers/TV-DD-02/history');
    expect(history.status).toBe(200);
    expect(history.body.versions).toEqual([expect.objectContaining({
      version: 1, validFrom: '2008-01-01', validTo: null, code: 'TV-DD-02', procedureCodes: ['1.012778'], retired: false,
      event: expect.objectContaining({ type: 'PowerDefined', actorRole: 'system' }),
    })]);
    expect((await get('/api/v1/powers/TV-DD-02')).body).toMatchObject({ id: 'TV-DD-02', version: 1, retired: false, validFrom: '2008-01-01', legalHolderBodyId: 'tv-ubnd' });
  });

  it('lets an admin define, revise and retire a power; each change is a version valid from its date', async () => {
    t.clock.set('2025-01-02T02:00:00Z');
    const created = await post('/api/v1/powers', define);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ powerId: POWER, version: 1, retired: false });
    expect(created.headers.location).toBe(`/api/v1/powers/${POWER}`);
    const now = await get(`/api/v1/powers/${POWER}`);
    expect(now.body).toMatchObject({ id: POWER, version: 1, titleVi: TITLE_1, procedureCodes: ['1.012790'], validFrom: '2025-01-01' });
    expect(now.body.titleVi).toBe(TITLE_1.normalize('NFC'));

    // A proposal may name it while it is in the catalogue.
    const proposal = uyQuyenProposal({ powerIds: [POWER], period: { from: '2031-01-01', to: '2031-12-31' } });
    expect((await post('/api/v1/decisions', proposal, 'proposer')).status).toBe(201);

    // Revised from 1 January 2026: title, legal source and procedure codes.
    t.clock.set('2025-12-15T02:00:00Z');
    const revised = await post(`/api/v1/powers/${POWER}/revise`, {
      changes: { titleVi: TITLE_2, legalSource: 'Luật Đất đai 2024 (sửa đổi 2025), Điều 172', procedureCodes: ['1.012790', '1.012791'] },
      reason: 'Luật sửa đổi, bổ sung Luật Đất đai', effectiveFrom: '2026-01-01',
    });
    expect(revised.status).toBe(200);
    expect(revised.body).toEqual({ powerId: POWER, version: 2, retired: false });
    expect((await get(`/api/v1/powers/${POWER}`)).body).toMatchObject({ version: 2, titleVi: TITLE_2, procedureCodes: ['1.012790', '1.012791'], validFrom: '2026-01-01' });

    const history = (await get(`/api/v1/powers/${POWER}/history`)).body;
    expect(history.powerId).toBe(POWER);
    expect(history.versions.map((v: Record<string, unknown>) => [v.version, v.validFrom, v.validTo, v.titleVi, v.legalSource, v.procedureCodes])).toEqual([
      [1, '2025-01-01', '2026-01-01', TITLE_1, 'Luật Đất đai 2024, Điều 172', ['1.012790']],
      [2, '2026-01-01', null, TITLE_2, 'Luật Đất đai 2024 (sửa đổi 2025), Điều 172', ['1.012790', '1.012791']],
    ]);
    expect(history.versions[1].event).toMatchObject({ type: 'PowerRevised', reason: 'Luật sửa đổi, bổ sung Luật Đất đai', actorId: 'user-admin', actorRole: 'admin' });

    // The catalogue as it was on a date.
    const at = async (day: string) => (await get(`/api/v1/powers?at=${day}&limit=500`)).body.items.find((p: { id: string }) => p.id === POWER);
    expect(await at('2025-06-30')).toMatchObject({ titleVi: TITLE_1, version: 1, validFrom: '2025-01-01', validTo: '2026-01-01' });
    expect(await at('2026-01-01')).toMatchObject({ titleVi: TITLE_2, version: 2, validTo: null });
    expect(await at('2024-12-31')).toBeUndefined();
    expect(ids(await get('/api/v1/powers?at=2025-06-30&sector=xay-dung&limit=500'))).not.toContain(POWER);
    expect(ids(await get('/api/v1/powers?at=2025-06-30&sector=dat-dai&delegable=true&limit=500'))).toContain(POWER);

    // Refused by name: nothing changes; dated before the last change.
    const same = await post(`/api/v1/powers/${POWER}/revise`, { changes: { titleVi: TITLE_2, procedureCodes: ['1.012791', '1.012790'] }, reason: 'x', effectiveFrom: '2026-02-01' });
    expect(same.status).toBe(422);
    expect(same.body).toMatchObject({ rule: { id: 'power-revision-changes-something' }, field: 'changes' });
    const early = await post(`/api/v1/powers/${POWER}/revise`, { changes: { delegable: false }, reason: 'x', effectiveFrom: '2025-12-31' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ rule: { id: 'power-change-not-before-last-change' }, field: 'effectiveFrom' });

    // Retired from 1 July 2026: no longer proposable, out of the current catalogue, and final.
    t.clock.set('2026-06-20T02:00:00Z');
    const retired = await post(`/api/v1/powers/${POWER}/retire`, { reason: 'Bãi bỏ theo Nghị định 10/2026/NĐ-CP', effectiveFrom: '2026-07-01' });
    expect(retired.status).toBe(200);
    expect(retired.body).toEqual({ powerId: POWER, version: 3, retired: true });
    const refused = await post('/api/v1/decisions', proposal, 'proposer');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'powerIds.0', constraint: 'notRetired' })]);
    expect(ids(await get('/api/v1/powers?limit=500'))).not.toContain(POWER);
    expect((await get('/api/v1/powers?includeRetired=true&limit=500')).body.items.find((p: { id: string }) => p.id === POWER)).toMatchObject({ retired: true, version: 3 });
    expect(await at('2026-06-30')).toMatchObject({ titleVi: TITLE_2, validTo: '2026-07-01' });
    expect(await at('2026-07-01')).toBeUndefined();
    expect((await get(`/api/v1/powers?at=2026-07-01&includeRetired=true&limit=500`)).body.items.find((p: { id: string }) => p.id === POWER))
      .toMatchObject({ retired: true, version: 3, validFrom: '2026-07-01' });
    const again = await post(`/api/v1/powers/${POWER}/revise`, { changes: { titleEn: 'x' }, reason: 'x', effectiveFrom: '2026-08-01' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ rule: { id: 'power-already-retired' }, retiredOn: '2026-07-01' });
    expect((await post(`/api/v1/powers/${POWER}/retire`, { reason: 'x', effectiveFrom: '2026-08-01' })).status).toBe(409);
  });

  it('guards the writes: 403 for a non-admin, 400 per field, 404 for an unknown power, 409 for a duplicate id or code', async () => {
    const body = { ...define, id: 'TV-XD-78', code: 'TV-XD-78', sector: 'xay-dung' };
    for (const user of ['proposer', 'committee', 'auditor']) {
      const res = await post('/api/v1/powers', body, user);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ type: 'urn:phancap:problem:role-not-allowed', permission: 'bodies:manage' });
    }
    expect((await post('/api/v1/powers/TV-DD-02/revise', { changes: { titleEn: 'x' }, reason: 'x', effectiveFrom: '2026-01-01' }, 'reviewer')).status).toBe(403);
    expect((await post('/api/v1/powers/TV-DD-02/retire', { reason: 'x', effectiveFrom: '2026-01-01' }, 'proposer')).status).toBe(403);

    const bad = await post('/api/v1/powers', { ...body, id: 'not an id', delegable: 'yes', procedureCodes: ['1.0 12'], effectiveFrom: '2026-02-30', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect([...new Set(fields(bad))]).toEqual(['delegable', 'effectiveFrom', 'extra', 'id', 'procedureCodes']);
    const unknown = await post('/api/v1/powers', { ...body, sector: 'hang-hai', legalHolderBodyId: 'tv-khong-co' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ field: 'sector', constraint: 'isIn' }),
      expect.objectContaining({ field: 'legalHolderBodyId', constraint: 'exists' }),
    ]);
    const badChanges = await post('/api/v1/powers/TV-DD-03/revise', { changes: { sector: 'hang-hai', id: 'X' }, reason: '', effectiveFrom: '2026-01-01' });
    expect(badChanges.status).toBe(400);
    expect(fields(badChanges)).toEqual(['changes.id', 'reason']);
    const unknownChange = await post('/api/v1/powers/TV-DD-03/revise', { changes: { legalHolderBodyId: 'tv-khong-co' }, reason: 'x', effectiveFrom: '2026-01-01' });
    expect(unknownChange.status).toBe(400);
    expect(fields(unknownChange)).toEqual(['changes.legalHolderBodyId']);
    expect((await post('/api/v1/powers/TV-DD-03/revise', {}, 'admin')).status).toBe(400);

    expect((await post('/api/v1/powers/TV-KHONG-CO/revise', { changes: { titleEn: 'x' }, reason: 'x', effectiveFrom: '2026-01-01' })).status).toBe(404);
    expect((await post('/api/v1/powers/TV-KHONG-CO/retire', { reason: 'x', effectiveFrom: '2026-01-01' })).status).toBe(404);
    expect((await get('/api/v1/powers/TV-KHONG-CO')).status).toBe(404);
    const none = await get('/api/v1/powers/TV-KHONG-CO/history');
    expect(none.status).toBe(404);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);

    expect((await post('/api/v1/powers', { ...body, id: 'TV-DD-02', code: 'TV-DD-02-B' })).body).toMatchObject({ status: 409, type: 'urn:phancap:problem:already-exists' });
    const taken = await post('/api/v1/powers', { ...body, code: 'TV-DD-01' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ rule: { id: 'power-code-unique' }, field: 'code', powerId: 'TV-DD-01' });
    expect((await post('/api/v1/powers/TV-DD-03/revise', { changes: { code: 'TV-DD-01' }, reason: 'x', effectiveFrom: '2026-01-01' })).status).toBe(409);
  });

  it('keeps each province to its own catalogue', async () => {
    // Quảng Nam's admin neither sees nor changes a power of Trà Vinh, nor names a Trà Vinh body as holder.
    expect((await get(`/api/v1/powers/${POWER}`, 'qn.admin')).status).toBe(404);
    expect((await get('/api/v1/powers/TV-DD-02/history', 'qn.admin')).status).toBe(404);
    expect((await post('/api/v1/powers/TV-DD-02/revise', { changes: { titleEn: 'x' }, reason: 'x', effectiveFrom: '2026-01-01' }, 'qn.admin')).status).toBe(404);
    expect((await post('/api/v1/powers/TV-DD-02/retire', { reason: 'x', effectiveFrom: '2026-01-01' }, 'qn.admin')).status).toBe(404);
    const list = ids(await get('/api/v1/powers?includeRetired=true&limit=500', 'qn.admin'));
    expect(list).toEqual(expect.arrayContaining(['QN-DD-01', 'QN-XD-01']));
    expect(list.filter((id) => id.startsWith('TV-'))).toEqual([]);
    expect(ids(await get('/api/v1/powers?at=2025-06-30&limit=500', 'qn.admin')).filter((id) => id.startsWith('TV-'))).toEqual([]);
    const foreignHolder = await post('/api/v1/powers', { ...define, id: 'QN-DD-78', code: 'QN-DD-78' }, 'qn.admin');
    expect(foreignHolder.status).toBe(400);
    expect(fields(foreignHolder)).toEqual(['legalHolderBodyId']);

    // Its own powers it keeps as Trà Vinh's admin keeps theirs.
    const own = await post('/api/v1/powers', { ...define, id: 'QN-DD-78', code: 'QN-DD-78', legalHolderBodyId: 'qn-ubnd' }, 'qn.admin');
    expect(own.status).toBe(201);
    expect((await get('/api/v1/powers/QN-DD-78', 'qn.admin')).body).toMatchObject({ version: 1, legalHolderBodyId: 'qn-ubnd' });
    expect((await get('/api/v1/powers/QN-DD-78', 'auditor')).status).toBe(404);
  });
});
