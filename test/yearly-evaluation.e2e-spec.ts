import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { IntentDispatcher } from '@app/operator';
import { scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

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
const flat = (s: string) => s.replace(/\s+/g, ' ');
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the yearly evaluation (Đề án, nhiệm vụ 7: định kỳ hằng năm đánh giá nội dung phân cấp, ủy quyền)', () => {
  let t: TestApp;
  let drop: () => Promise<void>;
  const ids: string[] = [];
  const CONDITION = 'Báo cáo kết quả thực hiện hằng quý';

  beforeAll(async () => {
    const db = await scratchDatabase('yearly');
    drop = db.drop;
    t = await startTestApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  const follow = async () => {
    while ((await t.app.get(IntentDispatcher).poll()) > 0);
  };
  async function act(id: string, action: string, user: string, at: string, body: object = {}) {
    t.clock.set(at);
    const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
    await follow();
    return res;
  }
  async function issued(title: string, number: string) {
    t.clock.set('2025-11-03T02:00:00Z');
    const res = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer'))
      .send(uyQuyenProposal({ title, conditions: [CONDITION], period: { from: '2026-01-01', to: '2026-12-31' } }));
    const id = res.body.decisionId as string;
    for (const [action, user, day, body] of [
      ['submit', 'proposer', '2025-11-04', {}], ['assign-reviewer', 'reviewer.lead', '2025-11-05', { reviewerId: 'user-reviewer' }],
      ['appraise', 'reviewer', '2025-11-06', { opinion: 'favourable', reportNumber: '1/BC-SNV', summary: 'Đủ điều kiện' }],
      ['decide', 'committee', '2025-11-07', { outcome: 'approved', decidedBy: 'chairman' }],
      ['issue', 'committee', '2025-11-10', { documentNumber: number, signer: 'Lê Văn Hảo', signedOn: '2025-11-10', effectiveFrom: '2026-01-01' }],
    ] as const) {
      expect((await act(id, action, user, `${day}T02:00:00Z`, body)).status).toBe(200);
    }
    ids.push(id);
    return id;
  }

  it('records an evaluation against the delegation\'s conditions, and refuses one against a condition it does not set', async () => {
    const a = await issued('Ủy quyền cấp giấy chứng nhận quyền sử dụng đất cho tổ chức', '101/QĐ-UBND');
    await issued('Ủy quyền gia hạn quyền sử dụng đất', '102/QĐ-UBND');
    const wrong = await act(a, 'record-evaluation', 'reviewer', '2027-01-10T02:00:00Z', {
      year: 2026, result: 'effective', summary: 'Đạt', conditionResults: [{ condition: 'Không có điều kiện này', met: true }],
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ rule: { id: 'evaluation-against-conditions' }, field: 'conditionResults[0].condition' });
    const bad = await act(a, 'record-evaluation', 'reviewer', '2027-01-10T02:00:00Z', { year: 2026, result: 'effective', summary: 'Đạt', recommendation: 'abolish' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('recommendation');
    const ok = await act(a, 'record-evaluation', 'reviewer', '2027-01-10T02:00:00Z', {
      year: 2026, result: 'needs-adjustment', summary: 'Cần bổ sung biên chế', recommendation: 'amend',
      conditionResults: [{ condition: CONDITION, met: false, note: 'Chậm báo cáo quý 3' }],
      resourcesUsed: { budgetVnd: 1_200_000_000, staffPositions: 2 }, problems: ['Thiếu biên chế ở bộ phận một cửa'],
    });
    expect(ok.status).toBe(200);
    // The recommendation to amend opens that proposal: the answer says where it is, pre-filled.
    expect(ok.body.followUp).toEqual({ command: 'amend', href: `/api/v1/decisions/${a}/evaluations/2026/follow-up` });
  });

  it('sums the year per sector and per body, as JSON, PDF and DOCX', async () => {
    t.clock.set('2027-01-20T02:00:00Z');
    const auth = await t.login('reviewer.lead');
    const json = await t.http().get('/api/v1/reports/yearly-evaluations/2026').set('Authorization', auth);
    expect(json.status).toBe(200);
    expect(json.body.content.total).toMatchObject({
      inEffect: 2, evaluated: { numerator: 1, denominator: 2 },
      byResult: { effective: 0, 'needs-adjustment': 1, ineffective: 0 }, byRecommendation: { keep: 0, amend: 1, revoke: 0, extend: 0, none: 0 },
    });
    expect(json.body.content.bySector).toEqual([expect.objectContaining({ key: 'dat-dai', inEffect: 2 })]);
    expect(json.body.content.byBody).toEqual([expect.objectContaining({ key: 'tv-so-tnmt', inEffect: 2 })]);
    expect(json.body.content.delegations.find((d: { decisionId: string }) => d.decisionId === ids[0]).evaluation)
      .toMatchObject({ recommendation: 'amend', conditionsMet: { numerator: 0, denominator: 1 }, budgetUsedVnd: 1_200_000_000, problems: ['Thiếu biên chế ở bộ phận một cửa'] });

    const pdf = await t.http().get('/api/v1/reports/yearly-evaluations/2026?format=pdf').set('Authorization', auth).buffer(true).parse(binary as never);
    expect(pdf.status).toBe(200);
    if (process.env.REPORT_PDF_OUT) writeFileSync(join(process.env.REPORT_PDF_OUT, 'yearly.pdf'), pdf.body as Buffer);
    const text = flat(await pdfText(pdf.body as Buffer));
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'SỞ NỘI VỤ', 'Kết quả đánh giá nội dung phân cấp, ủy quyền năm 2026',
      'TỔNG HỢP THEO LĨNH VỰC', 'Đất đai', 'Cần điều chỉnh', 'Chưa đánh giá', 'Sửa đổi, bổ sung', 'Thiếu biên chế ở bộ phận một cửa', 'Nơi nhận:']) {
      expect(text).toContain(s);
    }
    const docx = await t.http().get('/api/v1/reports/yearly-evaluations/2026?format=docx').set('Authorization', auth).buffer(true).parse(binary as never);
    const words = flat((await mammoth.extractRawText({ buffer: docx.body as Buffer })).value.normalize('NFC'));
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỔNG HỢP THEO CƠ QUAN ĐƯỢC PHÂN CẤP, ỦY QUYỀN', 'Sở Tài nguyên và Môi trường tỉnh Trà Vinh', '50% (1/2)']) {
      expect(words).toContain(s);
    }
    const xlsx = await t.http().get('/api/v1/reports/yearly-evaluations/2026').set('Authorization', auth)
      .set('Accept', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').buffer(true).parse(binary as never);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });

  it('answers a bad year with a problem naming it, and keeps proposers out', async () => {
    const auth = await t.login('reviewer');
    const bad = await t.http().get('/api/v1/reports/yearly-evaluations/20x6').set('Authorization', auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('year');
    expect((await t.http().get('/api/v1/reports/yearly-evaluations/2026?format=doc').set('Authorization', auth)).status).toBe(400);
    expect((await t.http().get('/api/v1/reports/yearly-evaluations/2026').set('Authorization', await t.login('proposer'))).status).toBe(403);
    // Quảng Nam sees only its own delegations (none here).
    const qn = await t.http().get('/api/v1/reports/yearly-evaluations/2026').set('Authorization', await t.login('qn.reviewer'));
    expect(qn.body.content.total.inEffect).toBe(0);
  });

  it('opens the amendment the evaluation recommends, pre-filled, and links the two once it is made', async () => {
    const [a, b] = ids as [string, string];
    const reviewer = await t.login('reviewer');
    const open = await t.http().get(`/api/v1/decisions/${a}/evaluations/2026/follow-up`).set('Authorization', reviewer);
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({
      decisionId: a, year: 2026, recommendation: 'amend', command: 'amend', href: `/api/v1/decisions/${a}/amend`,
      body: { reason: 'Sửa đổi, bổ sung theo kết quả đánh giá năm 2026 của Sở Nội vụ: Thiếu biên chế ở bộ phận một cửa', evaluationRef: { year: 2026 } },
      missing: ['documentNumber', 'effectiveFrom', 'changes'], basis: { result: 'needs-adjustment', problems: ['Thiếu biên chế ở bộ phận một cửa'] }, followedBy: null,
    });
    expect(open.body.label.vi).toBe('Đề xuất sửa đổi, bổ sung theo đánh giá năm 2026');
    expect((await t.http().get(`/api/v1/decisions/${b}/evaluations/2026/follow-up`).set('Authorization', reviewer)).status).toBe(404);
    const badYear = await t.http().get(`/api/v1/decisions/${a}/evaluations/20x6/follow-up`).set('Authorization', reviewer);
    expect(badYear.status).toBe(400);
    expect(badYear.body.errors[0].field).toBe('year');

    const filled = { ...open.body.body, documentNumber: '201/QĐ-UBND', effectiveFrom: '2027-02-01', changes: { period: { from: '2026-01-01', to: '2027-12-31' } } };
    const notThatYear = await act(a, 'amend', 'committee', '2027-01-25T02:00:00Z', { ...filled, evaluationRef: { year: 2025 } });
    expect(notThatYear.status).toBe(422);
    expect(notThatYear.body).toMatchObject({ rule: { id: 'evaluation-follow-up-matches' }, field: 'evaluationRef.year' });
    const notRevoke = await act(a, 'revoke', 'committee', '2027-01-25T02:00:00Z', { documentNumber: '301/QĐ-UBND', reason: 'r', effectiveFrom: '2027-02-01', evaluationRef: { year: 2026 } });
    expect(notRevoke.status).toBe(422);
    expect(notRevoke.body.field).toBe('evaluationRef.year');
    const malformed = await act(a, 'amend', 'committee', '2027-01-25T02:00:00Z', { ...filled, evaluationRef: { year: 'năm ngoái' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain('evaluationRef');

    const amended = await act(a, 'amend', 'committee', '2027-01-25T02:00:00Z', filled);
    expect(amended.status).toBe(200);
    const view = await t.http().get(`/api/v1/decisions/${a}`).set('Authorization', reviewer);
    expect(view.body.amendments).toEqual([expect.objectContaining({ documentNumber: '201/QĐ-UBND', evaluationRef: { year: 2026 } })]);
    expect(view.body.evaluations[0].followedBy).toEqual({ command: 'amend', documentNumber: '201/QĐ-UBND', effectiveFrom: '2027-02-01', amendment: 1, at: '2027-01-25T02:00:00.000Z' });
    const history = await t.http().get(`/api/v1/decisions/${a}/events`).set('Authorization', reviewer);
    const events = (history.body.events ?? history.body) as Array<{ type: string; data: Record<string, unknown> }>;
    expect(events.find((e) => e.type === 'DecisionAmended')!.data.evaluationRef).toEqual({ year: 2026 });
    const after = await t.http().get(`/api/v1/decisions/${a}/evaluations/2026/follow-up`).set('Authorization', reviewer);
    expect(after.body.followedBy).toMatchObject({ command: 'amend', documentNumber: '201/QĐ-UBND' });
  });
});
