import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uyQuyenProposal, startTestApp, type TestApp } from './support/harness.js';
import { expectFields, expectProblem } from './support/problem.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');

/**
 * Documents: files stored in PostgreSQL behind the storage port, checked by their content (magic bytes,
 * size), each upload a new version that never overwrites; the SHA-256 goes into the event that attaches
 * the file to the content, and the evidence pack lists it; PDFs preview inline, others download.
 */
describe('decision documents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DOCUMENT_MAX_BYTES: '8192' });
  });
  afterAll(() => t.close());

  const upload = async (id: string, kind: string, content: Buffer, name: string, user = 'proposer') =>
    t.http().post(`/api/v1/decisions/${id}/files`).set('Authorization', await t.login(user)).field('kind', kind).attach('file', content, name);

  it('uploads, versions, downloads and lists files, with their SHA-256 in the attaching event and the evidence pack', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const created = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(uyQuyenProposal());
    expect(created.status).toBe(201);
    const id = created.body.decisionId as string;

    const v1 = pdf('Tờ trình số 12/TTr-STNMT, bản 1');
    const first = await upload(id, 'to-trinh', v1, 'Tờ trình 12-TTr.pdf');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'to-trinh', version: 1, mediaType: 'application/pdf', size: v1.length, sha256: sha(v1), fileName: 'Tờ trình 12-TTr.pdf' });
    expect(first.body.uploadedBy).toEqual({ id: 'user-proposer', displayName: 'Nguyễn Văn An' });
    const v2 = pdf('Tờ trình số 12/TTr-STNMT, bản 2 sau bổ sung');
    const second = await upload(id, 'to-trinh', v2, 'Tờ trình 12-TTr.pdf');
    expect(second.body).toMatchObject({ version: 2, sha256: sha(v2) });

    // Versions never overwrite: both are there, each with its own bytes; a PDF previews inline.
    const list = await t.http().get(`/api/v1/decisions/${id}/files`).set('Authorization', await t.login('reviewer'));
    expect(list.body.items.map((f: { version: number; sha256: string }) => [f.version, f.sha256])).toEqual([[1, sha(v1)], [2, sha(v2)]]);
    const got = await t.http().get(`/api/v1/decisions/${id}/files/${first.body.id}`).set('Authorization', await t.login('reviewer'))
      .buffer(true).parse((res, cb) => { const c: Buffer[] = []; res.on('data', (d: Buffer) => c.push(d)); res.on('end', () => cb(null, Buffer.concat(c))); });
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toMatch(/^application\/pdf/);
    expect(got.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''/);
    expect(got.headers['x-content-sha256']).toBe(sha(v1));
    expect(Buffer.compare(got.body as Buffer, v1)).toBe(0);

    // An Office file downloads.
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml....', 'latin1')]);
    const de = await upload(id, 'de-an', docx, 'de-an.docx');
    expect(de.body).toMatchObject({ kind: 'de-an', version: 1, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const dl = await t.http().get(`/api/v1/decisions/${id}/files/${de.body.id}`).set('Authorization', await t.login('proposer'));
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);

    // The hash goes into the event that attaches the file to the content.
    const attach = await t.http().post(`/api/v1/decisions/${id}/update-draft`).set('Authorization', await t.login('proposer'))
      .send({ changes: { documents: [{ title: 'Tờ trình số 12/TTr-STNMT', reference: `file:${second.body.id}`, contentHash: sha(v2) }] } });
    expect(attach.status).toBe(200);
    const events = (await t.http().get(`/api/v1/decisions/${id}/events`).set('Authorization', await t.login('auditor'))).body;
    const updated = events.find((e: { type: string }) => e.type === 'DraftUpdated');
    expect(updated.data.changes.documents[0].contentHash).toBe(sha(v2));

    // The evidence pack lists every file with its hash.
    const pack = (await t.http().get(`/api/v1/decisions/${id}/evidence-pack?format=json`).set('Authorization', await t.login('auditor'))).body;
    expect(pack.files.map((f: { sha256: string }) => f.sha256).sort()).toEqual([sha(v1), sha(v2), sha(docx)].sort());
    const hashes = pack.documents.map((d: { contentHash: string | null }) => d.contentHash);
    for (const h of [sha(v1), sha(v2), sha(docx)]) expect(hashes).toContain(h);
  });

  it('checks type by content and size, who may attach what, and answers problem documents', async () => {
    const created = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(uyQuyenProposal());
    const id = created.body.decisionId as string;
    // A text file named .pdf is not a PDF; nor is a program.
    expectFields(await upload(id, 'to-trinh', Buffer.from('just some text, not a PDF'), 'to-trinh.pdf'), ['file']);
    expectFields(await upload(id, 'to-trinh', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'to-trinh.pdf'), ['file']);
    // Too large (DOCUMENT_MAX_BYTES = 8192 here).
    expectProblem(await upload(id, 'to-trinh', Buffer.concat([pdf('big'), Buffer.alloc(9000, 0x20)]), 'big.pdf'), 413);
    expectFields(await upload(id, 'gossip', pdf('x'), 'x.pdf'), ['kind']);
    const none = await t.http().post(`/api/v1/decisions/${id}/files`).set('Authorization', await t.login('proposer')).send({ kind: 'to-trinh' });
    expectFields(none, ['file']);
    // A reviewer does not attach the proposer's Tờ trình; another province does not see the decision.
    expectProblem(await upload(id, 'to-trinh', pdf('x'), 'x.pdf', 'reviewer'), 403);
    expectProblem(await upload(id, 'to-trinh', pdf('x'), 'x.pdf', 'qn.proposer'), 404);
    const missing = await t.http().get(`/api/v1/decisions/${id}/files/00000000-0000-4000-8000-000000000000`).set('Authorization', await t.login('proposer'));
    expectProblem(missing, 404);
    expect((await t.http().get(`/api/v1/decisions/${id}/files`).set('Authorization', await t.login('proposer'))).body.items).toEqual([]);
  });
});
