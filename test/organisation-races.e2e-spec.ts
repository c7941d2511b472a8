import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/harness.js';

/**
 * Bodies and powers go through the same command pipeline as decisions: a lost race is decided again
 * on the new state (or 409 once others kept winning), a stale If-Match is 412, a repeat with the
 * same Idempotency-Key answers with the first result; never a 500.
 */
describe('concurrent changes to one body or one power', () => {
  let t: TestApp;
  const suffix = randomUUID().slice(0, 8);
  const body = `tv-race-${suffix}`;
  const power = `TV-RACE-${suffix.toUpperCase()}`;
  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-03-02T02:00:00Z');
    const admin = await t.login('admin');
    const established = await t.http().post('/api/v1/bodies').set('Authorization', admin).send({
      id: body, nameVi: 'Ban thử nghiệm', nameEn: 'Test board', level: 'province', type: 'office', parentId: 'tv-ubnd', provinceId: 'tv', effectiveFrom: '2026-01-01',
    });
    expect(established.status).toBe(201);
    const defined = await t.http().post('/api/v1/powers').set('Authorization', admin).send({
      id: power, code: power, titleVi: 'Quyền thử nghiệm', titleEn: 'Test power', sector: 'dat-dai', legalHolderBodyId: 'tv-ubnd',
      legalSource: 'Luật Đất đai 2024', delegable: true, effectiveFrom: '2026-01-01',
    });
    expect(defined.status).toBe(201);
  });
  afterAll(() => t.close());

  it('answers 16 concurrent renames of a body and 16 revisions of a power with 200 or 409, and keeps every accepted one', async () => {
    const admin = await t.login('admin');
    const renames = await Promise.all(Array.from({ length: 16 }, (_, i) => t.http().post(`/api/v1/bodies/${body}/rename`).set('Authorization', admin)
      .send({ nameVi: `Ban thử nghiệm ${i}`, nameEn: `Test board ${i}`, effectiveFrom: '2026-02-01' })));
    const revisions = await Promise.all(Array.from({ length: 16 }, (_, i) => t.http().post(`/api/v1/powers/${power}/revise`).set('Authorization', admin)
      .send({ changes: { titleVi: `Quyền thử nghiệm ${i}` }, reason: `Sửa lần ${i}`, effectiveFrom: '2026-02-01' })));
    for (const answers of [renames, revisions]) {
      expect(answers.filter((r) => ![200, 409].includes(r.status)).map((r) => [r.status, r.body])).toEqual([]);
      expect(answers.filter((r) => r.status === 409).every((r) => r.body.type === 'urn:phancap:problem:concurrent-update')).toBe(true);
    }
    const history = await t.http().get(`/api/v1/bodies/${body}/history`).set('Authorization', admin);
    expect(history.body).toHaveLength(1 + renames.filter((r) => r.status === 200).length);
    const versions = await t.http().get(`/api/v1/powers/${power}/history`).set('Authorization', admin);
    expect(versions.body.versions.length).toBe(1 + revisions.filter((r) => r.status === 200).length);
  });

  it('honours If-Match (stale: 412 with the current version) and Idempotency-Key (a repeat answers the same, once)', async () => {
    const admin = await t.login('admin');
    const one = await t.http().get(`/api/v1/powers/${power}`).set('Authorization', admin);
    const version = Number(JSON.parse(one.headers.etag));
    const stale = await t.http().post(`/api/v1/powers/${power}/retire`).set('Authorization', admin).set('If-Match', `"${version - 1}"`)
      .send({ reason: 'Bãi bỏ', effectiveFrom: '2026-06-01' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ type: 'urn:phancap:problem:stale-version', currentVersion: version, expectedVersion: version - 1 });
    const key = `rename-${suffix}`;
    const send = () => t.http().post(`/api/v1/bodies/${body}/rename`).set('Authorization', admin).set('Idempotency-Key', key)
      .send({ nameVi: 'Ban thử nghiệm cuối', nameEn: 'Last test board', effectiveFrom: '2026-03-01' });
    const [a, b] = [await send(), await send()];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body).toEqual(a.body);
    expect(a.headers.etag).toBe(`"${a.body.version}"`);
    const history = await t.http().get(`/api/v1/bodies/${body}/history`).set('Authorization', admin);
    expect(history.body.filter((e: { data: { nameVi?: string } }) => e.data.nameVi === 'Ban thử nghiệm cuối')).toHaveLength(1);
  });
});
