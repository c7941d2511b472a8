import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { IntentDispatcher } from '@app/operator';
import { scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/** The text of a PDF as a reader extracts it (pdf.js), as the evidence-pack test reads it, NFC. */
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
const binary = (res: NodeJS.ReadableStream & { setEncoding: (e: string) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the quarterly consolidated report (Kế hoạch 7781/KH-UBND)', () => {
  let t: TestApp;
  let drop: () => Promise<void>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = await scratchDatabase('quarterly');
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
    if (res.status !== 200) throw new Error(`${action} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    await follow();
  }
  /** An ủy quyền through appraisal (with `returns` revision rounds) to issuance. */
  async function issued(name: string, title: string, start: string, days: string[], issue: { number: string; signedOn: string; returns?: number; effectiveFrom?: string }) {
    t.clock.set(start);
    const res = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer'))
      .send(uyQuyenProposal({ title, period: { from: '2026-01-01', to: '2026-12-31' } }));
    expect(res.status).toBe(201);
    const id = (ids[name] = res.body.decisionId);
    await follow();
    let d = 0;
    await act(id, 'submit', 'proposer', days[d++]);
    await act(id, 'assign-reviewer', 'reviewer.lead', days[d++], { reviewerId: 'user-reviewer' });
    for (let r = 0; r < (issue.returns ?? 0); r++) {
      await act(id, 'request-revision', 'reviewer', days[d++], { reasons: [`Bổ sung báo cáo năng lực (lần ${r + 1})`] });
      await act(id, 'resubmit', 'proposer', days[d++], { response: 'Đã bổ sung', changes: {} });
    }
    await act(id, 'appraise', 'reviewer', days[d++], { opinion: 'favourable', reportNumber: `${name}/BC-SNV`, summary: 'Đủ điều kiện' });
    await act(id, 'decide', 'committee', days[d++], { outcome: 'approved', decidedBy: 'chairman' });
    await act(id, 'issue', 'committee', days[d++], { documentNumber: issue.number, signer: 'Lê Văn Hảo', signedOn: issue.signedOn, effectiveFrom: issue.effectiveFrom ?? '2026-01-01' });
    return id;
  }

  it('consolidates a quarter: the delegations in effect with their reports, the documents, the findings and the timeliness', async () => {
    const day = (d: string) => `${d}T02:00:00Z`;
    await issued('A', 'Ủy quyền cấp giấy chứng nhận quyền sử dụng đất cho tổ chức', day('2025-12-01'),
      ['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04', '2025-12-15', '2025-12-16', '2025-12-17', '2025-12-18', '2025-12-18'].map(day),
      { number: '101/QĐ-UBND', signedOn: '2025-12-18', returns: 2 });
    await issued('B', 'Ủy quyền gia hạn quyền sử dụng đất', day('2025-11-03'),
      ['2025-11-04', '2025-11-05', '2025-11-07', '2025-11-10', '2025-11-11'].map(day), { number: '88/QĐ-UBND', signedOn: '2025-11-11' });
    await issued('C', 'Ủy quyền thu hồi đất đối với tổ chức', day('2025-11-03'),
      ['2025-11-04', '2025-11-05', '2025-11-07', '2025-11-10', '2025-11-12'].map(day), { number: '90/QĐ-UBND', signedOn: '2025-11-12' });
    await act(ids.B, 'amend', 'committee', day('2026-02-02'), { documentNumber: '150/QĐ-UBND', reason: 'Bổ sung điều kiện', effectiveFrom: '2026-02-05', changes: { conditions: ['Báo cáo hằng quý', 'Công khai kết quả'] } });
    await act(ids.C, 'revoke', 'committee', day('2026-03-02'), { documentNumber: '170/QĐ-UBND', reason: 'Sắp xếp lại tổ chức', effectiveFrom: '2026-03-05' });
    await act(ids.A, 'file-report', 'proposer', day('2026-03-10'), { period: '2026-Q1', summary: 'Đã giải quyết 120 hồ sơ', documents: [] });
    await act(ids.B, 'file-report', 'proposer', day('2026-03-16'), { period: '2026-Q1', summary: 'Đã giải quyết 40 hồ sơ', documents: [] });

    t.clock.set(day('2026-03-18'));
    const compiled = await t.http().post('/api/v1/reports/quarterly').set('Authorization', await t.login('committee'))
      .send({ period: '2026-Q1', documentNumber: '45/BC-VPUBND', signer: 'Nguyễn Văn Hùng' });
    expect(compiled.status).toBe(201);
    expect(compiled.body).toMatchObject({
      edition: 1, period: '2026-Q1', provinceId: 'tv', window: { from: '2025-12-15', to: '2026-03-14' }, documentNumber: '45/BC-VPUBND',
      summary: { delegations: 3, issued: 1, amended: 1, revoked: 1, reports: { numerator: 1, denominator: 3 } },
    });
    expect(compiled.body.contentHash).toMatch(/^[0-9a-f]{64}$/);

    // The event is in the log, on the report's own stream.
    const [event] = await t.db.query(`SELECT stream_id, event_type, data FROM events WHERE stream_type = 'quarterly-report'`);
    expect(event).toMatchObject({ stream_id: 'quarterly-report:tv:2026-Q1', event_type: 'QuarterlyReportCompiled', data: { contentHash: compiled.body.contentHash } });

    const json = await t.http().get('/api/v1/reports/quarterly/2026-Q1').set('Authorization', await t.login('reviewer'));
    expect(json.status).toBe(200);
    expect(json.body.reproduced).toBe(true);
    const status = Object.fromEntries(json.body.content.delegations.map((x: { documentNumber: string; report: { status: string } }) => [x.documentNumber, x.report.status]));
    expect(status).toEqual({ '101/QĐ-UBND': 'filed', '88/QĐ-UBND': 'late', '90/QĐ-UBND': 'missing' });
    expect(json.body.content.timeliness.returnedMoreThanOnce).toMatchObject({ numerator: 1, decisionIds: [ids.A] });
    expect(json.body.content.timeliness.stages.onTime.denominator).toBeGreaterThan(0);
    expect(json.body.content.timeliness.returnsByOfficial).toEqual([{ key: 'user-reviewer', returns: 1 }]);
  });

  it('shows the timeliness indicators of the quarter with their formulas, per body and per official', async () => {
    const res = await t.http().get('/api/v1/reports/quarterly/2026-Q1/timeliness').set('Authorization', await t.login('auditor'));
    expect(res.status).toBe(200);
    expect(res.body.indicators['stage-on-time'].formula.vi).toContain('số bước hoàn thành trong kỳ');
    expect(res.body.reports).toEqual({ numerator: 1, denominator: 3, rate: 0.3333 });
    expect(res.body.returnedMoreThanOnce).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
    expect(res.body.returnsByOfficial).toEqual([{ key: 'user-reviewer', returns: 1 }]);
    expect(res.body.userNames['user-reviewer']).toBeTruthy();
    expect(res.body.bodyNames['tv-so-tnmt'].vi).toBe('Sở Tài nguyên và Môi trường tỉnh Trà Vinh');
    const bad = await t.http().get('/api/v1/reports/quarterly/2026-Q9/timeliness').set('Authorization', await t.login('auditor'));
    expect(bad.status).toBe(400);
    expect((await t.http().get('/api/v1/reports/quarterly/2026-Q1/timeliness').set('Authorization', await t.login('proposer'))).status).toBe(403);
  });

  it('renders the PDF in the administrative style, with the Vietnamese as written', async () => {
    const res = await t.http().get('/api/v1/reports/quarterly/2026-Q1?format=pdf').set('Authorization', await t.login('committee')).buffer(true).parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    // REPORT_PDF_OUT=<dir>: keep the file, to look at its pages (pdftoppm -png).
    if (process.env.REPORT_PDF_OUT) writeFileSync(join(process.env.REPORT_PDF_OUT, 'quarterly.pdf'), res.body as Buffer);
    const text = flat(await pdfText(res.body as Buffer));
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 45/BC-VPUBND', 'Trà Vinh, ngày 18 tháng 3 năm 2026',
      'BÁO CÁO', 'quý 1 năm 2026', 'Nơi nhận:', 'Nguyễn Văn Hùng', 'Nộp muộn', 'Chưa nộp', 'Đã nộp đúng hạn', '101/QĐ-UBND', '170/QĐ-UBND', 'Sửa đổi lần 1',
      'Decision 766/QĐ-TTg', '01/01/2026 – 31/12/2026', 'Tỷ lệ bước xử lý hoàn thành đúng hạn']) {
      expect(text).toContain(s);
    }
    expect(text).toContain(`SHA-256 ${(await t.http().get('/api/v1/reports/quarterly/2026-Q1').set('Authorization', await t.login('committee'))).body.edition.contentHash}`);
  });

  it('renders the DOCX (read back with mammoth) and the XLSX tables, chosen by the Accept header', async () => {
    const auth = await t.login('auditor');
    const docx = await t.http().get('/api/v1/reports/quarterly/2026-Q1')
      .set('Authorization', auth).set('Accept', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document').buffer(true).parse(binary as never);
    expect(docx.status).toBe(200);
    if (process.env.REPORT_PDF_OUT) writeFileSync(join(process.env.REPORT_PDF_OUT, 'quarterly.docx'), docx.body as Buffer);
    const words = flat((await mammoth.extractRawText({ buffer: docx.body as Buffer })).value.normalize('NFC'));
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 45/BC-VPUBND', 'Nơi nhận:', 'Lưu: VT', 'Ủy quyền thu hồi đất đối với tổ chức', 'Chưa nộp']) {
      expect(words).toContain(s);
    }
    const xlsx = await t.http().get('/api/v1/reports/quarterly/2026-Q1?format=xlsx').set('Authorization', auth).buffer(true).parse(binary as never);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.getWorksheet('Bao cao co quan')!;
    const rows = sheet.getSheetValues().slice(3).map((r) => (r as unknown[]).slice(1));
    expect(rows.map((r) => [r[2], r[7]])).toEqual(expect.arrayContaining([['90/QĐ-UBND', 'Chưa nộp'], ['101/QĐ-UBND', 'Đã nộp đúng hạn (10/03/2026)']]));
  });

  it('reproduces a past edition exactly, whatever happened since; a new edition sees the change', async () => {
    const auth = await t.login('committee');
    const first = (await t.http().get('/api/v1/reports/quarterly/2026-Q1').set('Authorization', auth)).body;
    // A report for C can no longer come (revoked), but another decision of the window is issued late.
    await issued('D', 'Ủy quyền cho thuê đất đối với tổ chức', '2026-03-19T01:00:00Z',
      ['2026-03-19T01:10:00Z', '2026-03-19T01:20:00Z', '2026-03-19T01:30:00Z', '2026-03-19T01:40:00Z', '2026-03-19T01:50:00Z'], { number: '180/QĐ-UBND', signedOn: '2026-03-13', effectiveFrom: '2026-03-20' });
    const again = (await t.http().get('/api/v1/reports/quarterly/2026-Q1?edition=1').set('Authorization', auth)).body;
    expect(again.regeneratedHash).toBe(first.edition.contentHash);
    expect(again.reproduced).toBe(true);
    expect(again.content).toEqual(first.content);

    const second = await t.http().post('/api/v1/reports/quarterly').set('Authorization', auth).send({ period: '2026-Q1' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ edition: 2, summary: { issued: 2 } });
    expect(second.body.contentHash).not.toBe(first.edition.contentHash);
    const list = await t.http().get('/api/v1/reports/quarterly?year=2026').set('Authorization', auth);
    expect(list.body.items.map((i: { edition: number }) => i.edition)).toEqual([2, 1]);
    expect(list.body.items[1]).toMatchObject({ compiledBy: 'user-committee', contentHash: first.edition.contentHash });
  });

  it('answers bad input with a problem naming the field, and keeps each province to its own reports', async () => {
    const committee = await t.login('committee');
    const bad = await t.http().post('/api/v1/reports/quarterly').set('Authorization', committee).send({ period: '2026-Q5', recipients: [''] });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['period', 'recipients']));
    const badPath = await t.http().get('/api/v1/reports/quarterly/2026-13').set('Authorization', committee);
    expect(badPath.status).toBe(400);
    expect(badPath.body.errors[0].field).toBe('period');
    const badFormat = await t.http().get('/api/v1/reports/quarterly/2026-Q1?format=odt').set('Authorization', committee);
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.errors[0].field).toBe('format');
    const future = await t.http().post('/api/v1/reports/quarterly').set('Authorization', committee).send({ period: '2027-Q1' });
    expect(future.status).toBe(409);
    expect(future.body.type).toMatch(/quarter-not-started/);

    const proposer = await t.http().post('/api/v1/reports/quarterly').set('Authorization', await t.login('proposer')).send({ period: '2026-Q1' });
    expect(proposer.status).toBe(403);
    expect((await t.http().get('/api/v1/reports/quarterly').set('Authorization', await t.login('proposer'))).status).toBe(403);
    // Quảng Nam's office sees none of Trà Vinh's reports.
    const qn = await t.login('qn.committee');
    expect((await t.http().get('/api/v1/reports/quarterly/2026-Q1').set('Authorization', qn)).status).toBe(404);
    expect((await t.http().get('/api/v1/reports/quarterly').set('Authorization', qn)).body.items).toEqual([]);
  });
});
