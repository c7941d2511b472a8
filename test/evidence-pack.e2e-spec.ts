import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditService } from '@app/audit';
import { EvidencePackService, exportEvidencePack } from '@app/audit';
import { IntentDispatcher } from '@app/operator';
import { phanCapProposal, startTestApp, type TestApp } from './support/harness.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The text of a PDF as a reader would extract it (pdf.js), pages joined, NFC. */
async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  await doc.destroy();
  return pages.join('\n').normalize('NFC');
}

/** Whitespace (line wraps included) as single spaces, so a sentence wrapped over two lines still matches. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Reads a binary response body into a Buffer (supertest's parser for application/pdf). */
const binary = (res: NodeJS.ReadableStream & { setEncoding: (e: string) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the auditors\' evidence pack of one decision', () => {
  let t: TestApp;
  let id: string;
  const DOCS = [
    { title: 'Tờ trình số 12/TTr-SXD về phân cấp cấp giấy phép xây dựng', reference: '12/TTr-SXD', contentHash: sha256('Tờ trình 12/TTr-SXD') },
    { title: 'Báo cáo đánh giá năng lực Sở Xây dựng', reference: '07/BC-SXD', contentHash: sha256('Báo cáo 07/BC-SXD') },
  ];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const follow = async () => {
    while ((await t.app.get(IntentDispatcher).poll()) > 0);
  };
  async function act(action: string, user: string, at: string, body: object = {}) {
    t.clock.set(at);
    const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
    if (res.status !== 200) throw new Error(`${action} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    await follow();
  }
  const displayName = async (username: string) =>
    ((await t.db.query(`SELECT display_name FROM users WHERE username = $1`, [username])) as Array<{ display_name: string }>)[0].display_name;

  it('drives a phân cấp through revision, appraisals, the HĐND vote and issuance, then chains its history', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    // TV-DD-01 is not delegable: the checks raise a finding, resolved when the revision drops it.
    const created = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer'))
      .send(phanCapProposal({ powerIds: ['TV-GD-01', 'TV-DD-01'], delegateBodyId: 'tv-so-gddt', sector: 'giao-duc', documents: DOCS }));
    expect(created.status).toBe(201);
    id = created.body.decisionId;
    await follow();
    await act('submit', 'proposer', '2026-03-03T02:00:00Z');
    await act('assign-reviewer', 'reviewer.lead', '2026-03-04T02:00:00Z', { reviewerId: 'user-reviewer' });
    await act('request-revision', 'reviewer', '2026-03-05T02:00:00Z', { reasons: ['Bỏ thẩm quyền giao đất (không được phân cấp)'] });
    await act('resubmit', 'proposer', '2026-03-06T02:00:00Z', { response: 'Đã bỏ thẩm quyền giao đất', changes: { powerIds: ['TV-GD-01'] } });
    await act('appraise', 'reviewer', '2026-03-11T02:00:00Z', { opinion: 'favourable', reportNumber: '45/BC-SNV', summary: 'Đủ điều kiện' });
    await act('record-legal-appraisal', 'legal', '2026-03-12T02:00:00Z', { opinion: 'lawful', reportNumber: '30/BC-STP' });
    await act('submit-to-council', 'committee', '2026-03-13T02:00:00Z', { submissionNumber: '120/TTr-UBND', submittedOn: '2026-03-13' });
    await act('record-council-vote', 'council', '2026-03-20T02:00:00Z', {
      session: 'Kỳ họp chuyên đề', sessionDate: '2026-03-20', resolutionNumber: '15/2026/NQ-HĐND',
      totalDelegates: 50, votesFor: 26, votesAgainst: 20, abstentions: 4,
    });
    await act('issue', 'committee', '2026-03-25T02:00:00Z', { documentNumber: '1234/QĐ-UBND', signer: 'Lê Văn Hảo', signedOn: '2026-03-25', effectiveFrom: '2026-04-01' });
    await t.app.get(AuditService).chain();
  });

  it('serves the pack as JSON: every event in Vietnamese with who, the vote, the documents\' hashes, an intact verification', async () => {
    t.clock.set('2026-04-02T03:30:00Z');
    const res = await t.http().get(`/api/v1/decisions/${id}/evidence-pack?format=json`).set('Authorization', await t.login('auditor'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="evidence-${id}.json"`);
    const pack = res.body;

    const events = (await t.http().get(`/api/v1/decisions/${id}/events`).set('Authorization', await t.login('auditor'))).body as Array<{
      streamVersion: number; type: string; occurredAt: string; metadata: { actorId: string };
    }>;
    expect(pack.timeline.map((e: { version: number }) => e.version)).toEqual(events.map((e) => e.streamVersion));
    expect(pack.timeline.map((e: { type: string }) => e.type)).toEqual(events.map((e) => e.type));
    expect(pack.decision).toMatchObject({ id, stage: 'issued', kind: 'phan-cap', kindVi: 'Phân cấp', version: events.length });
    for (const entry of pack.timeline) {
      expect(entry.whatVi).toMatch(/\S{2,}/);
      expect(entry.whatVi).toBe(entry.whatVi.normalize('NFC'));
      expect(entry.whatEn).toBeTruthy();
      expect(entry.actor.displayName).toBeTruthy();
      expect(entry.actor.roleVi).toBeTruthy();
      expect(entry.atVi).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      expect(entry.hash).toMatchObject({ streamHash: expect.stringMatching(/^[0-9a-f]{64}$/), logHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }

    const byType = (type: string, nth = 0) => pack.timeline.filter((e: { type: string }) => e.type === type)[nth];
    const reviewer = await displayName('reviewer');
    expect(byType('RevisionRequested')).toMatchObject({
      at: '2026-03-05T02:00:00.000Z', atVi: '05/03/2026 09:00', type: 'RevisionRequested',
      actor: { userId: 'user-reviewer', displayName: reviewer, role: 'reviewer', roleVi: 'Chuyên viên Sở Nội vụ', bodyId: 'tv-so-noi-vu', bodyNameVi: 'Sở Nội vụ tỉnh Trà Vinh' },
      whatVi: 'Sở Nội vụ tỉnh Trà Vinh yêu cầu bổ sung, chỉnh sửa (vòng 1): Bỏ thẩm quyền giao đất (không được phân cấp).',
    });
    expect(byType('ProposalDrafted').actor).toMatchObject({ displayName: await displayName('proposer'), roleVi: 'Cơ quan đề xuất' });
    expect(byType('ReviewerAssigned').whatVi).toContain(reviewer);
    expect(byType('ReviewerAssigned').actor.roleVi).toBe('Lãnh đạo phòng, Sở Nội vụ');
    expect(byType('LegalAppraisalRecorded').actor).toMatchObject({ displayName: await displayName('legal'), roleVi: 'Sở Tư pháp' });
    const vote = byType('CouncilVoteRecorded');
    expect(vote.actor).toMatchObject({ displayName: await displayName('council'), roleVi: 'Văn phòng HĐND', bodyNameVi: 'Hội đồng nhân dân tỉnh Trà Vinh' });
    expect(vote.whatVi).toContain('26/50 đại biểu tán thành');
    expect(vote.whatVi).toContain('Nghị quyết số 15/2026/NQ-HĐND');
    expect(byType('DecisionIssued').whatVi).toContain('1234/QĐ-UBND');
    expect(byType('FindingRaised')?.actor).toMatchObject({ userId: 'system', roleVi: 'Hệ thống', bodyNameVi: null });
    expect(byType('FindingRaised').whatVi).toMatch(/^Hệ thống phát hiện \(vi phạm, quy tắc permitted-pair-and-delegable\): /);

    expect(pack.appraisal).toMatchObject({ opinion: 'favourable', reportNumber: '45/BC-SNV' });
    expect(pack.legalAppraisal).toMatchObject({ opinion: 'lawful', reportNumber: '30/BC-STP' });
    expect(pack.councilVote).toEqual({
      session: 'Kỳ họp chuyên đề', sessionDate: '2026-03-20', resolutionNumber: '15/2026/NQ-HĐND',
      totalDelegates: 50, votesFor: 26, votesAgainst: 20, abstentions: 4, outcome: 'approved',
    });
    expect(pack.decisionByCommittee).toBeNull();
    expect(pack.issuance).toMatchObject({ documentNumber: '1234/QĐ-UBND', effectiveFrom: '2026-04-01' });
    expect(pack.amendments).toEqual([]);
    expect(pack.revocation).toBeNull();

    const nonDelegable = pack.findings.find((f: { findingId: string }) => f.findingId.endsWith('non-delegable:TV-DD-01'));
    expect(nonDelegable).toMatchObject({ ruleId: 'permitted-pair-and-delegable', open: false, resolvedAt: expect.any(String), resolution: { vi: expect.any(String) } });
    expect(nonDelegable.message.vi).toBeTruthy();

    for (const d of DOCS) expect(pack.documents).toContainEqual(expect.objectContaining({ title: d.title, reference: d.reference, contentHash: d.contentHash }));

    expect(pack.verification).toMatchObject({ status: 'intact', statusVi: expect.stringContaining('Toàn vẹn'), result: { status: 'intact', checked: events.length, pending: 0 } });
    expect(pack.verification.streamHashes.map((h: { streamVersion: number }) => h.streamVersion)).toEqual(events.map((e) => e.streamVersion));
    const last = pack.verification.streamHashes.at(-1);
    expect(pack.verification.result.head).toMatchObject({ streamVersion: events.length, streamHash: last.streamHash, logHash: last.logHash, logSeq: last.logSeq });
    expect(pack).toMatchObject({
      generatedAt: '2026-04-02T03:30:00.000Z', generatedAtVi: '02/04/2026 10:30',
      generatedBy: { userId: 'user-auditor', displayName: await displayName('auditor'), role: 'auditor', roleVi: 'Thanh tra' },
    });
  });

  it('serves the same as a PDF whose text reads back in Vietnamese, with the money, the vote and the hashes', async () => {
    const res = await t.http().get(`/api/v1/decisions/${id}/evidence-pack`).set('Authorization', await t.login('auditor'))
      .buffer(true).parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="evidence-${id}.pdf"`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = flat(await pdfText(pdf));
    for (const s of [
      'HỒ SƠ CHỨNG CỨ / EVIDENCE PACK',
      'Phân cấp: Phân cấp cấp giấy phép xây dựng công trình cấp II, cấp III cho Sở Xây dựng',
      'Diễn biến hồ sơ', 'Hội đồng nhân dân', '15/2026/NQ-HĐND', '1234/QĐ-UBND', '45/BC-SNV', '30/BC-STP',
      'Sở Nội vụ tỉnh Trà Vinh yêu cầu bổ sung, chỉnh sửa (vòng 1): Bỏ thẩm quyền giao đất (không được phân cấp).',
      '1.500.000.000 ₫', 'Toàn vẹn', 'Chuyên viên Sở Nội vụ', 'Sở Tư pháp', 'Thanh tra',
      '05/03/2026 09:00', '20/03/2026', '01/04/2026', 'Trang 1/',
      await displayName('reviewer'), await displayName('council'),
      DOCS[0].title, DOCS[0].contentHash, DOCS[1].contentHash, 'permitted-pair-and-delegable',
    ]) {
      expect(text).toContain(flat(s));
    }
    const json = (await t.http().get(`/api/v1/decisions/${id}/evidence-pack?format=json`).set('Authorization', await t.login('admin'))).body;
    for (const h of json.verification.streamHashes) expect(text).toContain(h.streamHash);
    // The case number, as the list and the decision show it.
    expect(json.decision.caseNumber).toMatch(/^PC-2026-\d{4}$/);
    expect(text).toContain(`Số hồ sơ Case number ${json.decision.caseNumber}`);
  });

  it('is for auditors and admins only (403), and a decision unknown or out of scope is 404', async () => {
    const proposer = await t.http().get(`/api/v1/decisions/${id}/evidence-pack`).set('Authorization', await t.login('proposer'));
    expect(proposer.status).toBe(403);
    expect(proposer.body).toMatchObject({ status: 403, permission: 'history:verify' });
    expect((await t.http().get(`/api/v1/decisions/${id}/evidence-pack?format=json`).set('Authorization', await t.login('reviewer'))).status).toBe(403);
    expect((await t.http().get(`/api/v1/decisions/${randomUUID()}/evidence-pack`).set('Authorization', await t.login('auditor'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/decisions/not-a-uuid/evidence-pack`).set('Authorization', await t.login('auditor'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/decisions/${id}/evidence-pack`).set('Authorization', await t.login('qn.auditor'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/decisions/${id}/evidence-pack?format=docx`).set('Authorization', await t.login('auditor'))).status).toBe(400);
  });

  it('exports the same pack to a file (the CLI), as JSON and as PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phancap-evidence-'));
    const json = await exportEvidencePack(t.app.get(EvidencePackService), id.toUpperCase(), 'json', join(dir, 'pack.json'));
    expect(json).toMatchObject({ file: join(dir, 'pack.json'), status: 'intact' });
    const pack = JSON.parse(readFileSync(json.file, 'utf8'));
    expect(pack).toMatchObject({ decisionId: id, generatedBy: { userId: 'system', role: 'system' }, verification: { status: 'intact' } });
    expect(pack.timeline.find((e: { type: string }) => e.type === 'CouncilVoteRecorded').whatVi).toContain('15/2026/NQ-HĐND');
    const pdf = await exportEvidencePack(t.app.get(EvidencePackService), id, 'pdf', join(dir, `evidence-${id}.pdf`));
    const text = flat(await pdfText(readFileSync(pdf.file)));
    expect(text).toContain('HỒ SƠ CHỨNG CỨ / EVIDENCE PACK');
    expect(text).toContain('1.500.000.000 ₫');
    await expect(exportEvidencePack(t.app.get(EvidencePackService), randomUUID(), 'pdf', join(dir, 'none.pdf'))).rejects.toMatchObject({ slug: 'not-found', status: 404 } as never);
  });

  it('documents the route in the OpenAPI document', async () => {
    const openapi = await t.http().get('/docs/openapi.json');
    const op = openapi.body.paths['/api/v1/decisions/{id}/evidence-pack']?.get;
    expect(op.summary).toContain('Hồ sơ chứng cứ');
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'format']));
  });
});
