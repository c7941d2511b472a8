import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { MOTTO, NATIONAL_TITLE, type ReportView } from './sections.js';

/**
 * The report as a PDF (A4, the layout of an administrative document, Nghị định 30/2020/NĐ-CP):
 * pdfkit with the DejaVu fonts, as the evidence packs (libs/audit/src/evidence/evidence-pdf.ts), which
 * carry every Vietnamese letter and embed a ToUnicode map, so the text reads back as written.
 */
const resolveFrom = createRequire(import.meta.url);
const FONT = {
  regular: resolveFrom.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  bold: resolveFrom.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'),
  italic: resolveFrom.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf'),
  sans: resolveFrom.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  sansBold: resolveFrom.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
const MARGIN = { top: 45, bottom: 55, left: 60, right: 45 };
const GREY = '#555555';

type Doc = PDFKit.PDFDocument;

export async function renderReportPdf(view: ReportView): Promise<Buffer> {
  const { head, info } = view;
  const doc: Doc = new PDFDocument({
    size: 'A4', margins: MARGIN, bufferPages: true, lang: 'vi-VN', displayTitle: true,
    info: {
      Title: info.title, Author: info.author, Subject: info.subject, Keywords: info.keywords,
      // The report's own instant: the same edition renders with the same dates.
      CreationDate: new Date(info.createdAt), ModDate: new Date(info.createdAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [name, path] of Object.entries(FONT)) doc.registerFont(name, path);

  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const leftW = width * 0.42;
  const rightX = MARGIN.left + leftW;
  const rightW = width - leftW;
  const top = doc.y;
  // Left: the issuing body and the number; right: Quốc hiệu, tiêu ngữ, place and date.
  if (head.parentBody) doc.font('regular').fontSize(11).text(head.parentBody, MARGIN.left, top, { width: leftW, align: 'center' });
  doc.font('bold').fontSize(11).text(head.issuingBody, MARGIN.left, doc.y, { width: leftW, align: 'center' });
  underline(doc, MARGIN.left + leftW / 2, doc.y + 1, 50);
  doc.moveDown(0.5).font('regular').fontSize(11).text(head.numberLine, MARGIN.left, doc.y, { width: leftW, align: 'center' });
  const leftBottom = doc.y;
  doc.font('bold').fontSize(11).text(NATIONAL_TITLE, rightX, top, { width: rightW, align: 'center' });
  doc.font('bold').fontSize(12).text(MOTTO, rightX, doc.y, { width: rightW, align: 'center' });
  underline(doc, rightX + rightW / 2, doc.y + 1, doc.widthOfString(MOTTO));
  doc.moveDown(0.5).font('italic').fontSize(11).text(head.placeAndDate, rightX, doc.y, { width: rightW, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + 22;

  doc.font('bold').fontSize(14).text(head.title, MARGIN.left, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(12).text(head.subtitle, { width, align: 'center' });
  doc.font('italic').fontSize(9).fillColor(GREY).text(head.subtitleEn, { width, align: 'center' }).fillColor('black');
  underline(doc, MARGIN.left + width / 2, doc.y + 3, 120);
  doc.moveDown(1);

  for (const s of view.sections) {
    keepSpace(doc, 80);
    doc.moveDown(0.6).font('bold').fontSize(12).text(s.heading.vi, MARGIN.left, doc.y, { width });
    doc.font('italic').fontSize(8.5).fillColor(GREY).text(s.heading.en, { width }).fillColor('black');
    doc.moveDown(0.3);
    for (const p of s.paragraphs) doc.font('regular').fontSize(11.5).text(p, MARGIN.left, doc.y, { width, align: 'justify', indent: p.startsWith('-') ? 0 : 22, paragraphGap: 3 });
    for (const t of s.tables) {
      keepSpace(doc, 60);
      doc.moveDown(0.3);
      const total = t.columns.reduce((n, c) => n + c.width, 0);
      doc.table({
        position: { x: MARGIN.left, y: doc.y },
        maxWidth: width,
        columnStyles: t.columns.map((c) => (c.width / total) * width),
        defaultStyle: { padding: [2, 3, 2, 3], border: 0.5, borderColor: '#444444' },
        data: [
          t.columns.map((c) => ({ text: `${c.vi}\n${c.en}`, type: 'TH' as const, font: { src: 'sansBold', size: 7.5 }, backgroundColor: '#eeeeee', align: { x: 'center', y: 'center' } as const })),
          ...t.rows.map((r) => r.map((cell) => ({ text: cell, font: { src: 'sans', size: 7.5 } }))),
        ],
      });
      doc.x = MARGIN.left;
      doc.moveDown(0.6);
    }
  }

  // Nơi nhận (left) and the signature block (right), as the end of every administrative document.
  keepSpace(doc, 140);
  doc.moveDown(1);
  const endTop = doc.y;
  doc.font('bold').fontSize(10).text('Nơi nhận:', MARGIN.left, endTop, { width: leftW, oblique: true });
  for (const r of head.recipients) doc.font('regular').fontSize(9).text(`- ${r};`, MARGIN.left, doc.y, { width: leftW });
  const recipientsBottom = doc.y;
  doc.font('bold').fontSize(11).text(head.issuingBody, rightX, endTop, { width: rightW, align: 'center' });
  doc.font('italic').fontSize(9).text('(Ký, ghi rõ họ tên)', rightX, doc.y, { width: rightW, align: 'center' });
  doc.moveDown(3).font('bold').fontSize(11).text(head.signer ?? '', rightX, doc.y, { width: rightW, align: 'center' });
  doc.y = Math.max(recipientsBottom, doc.y);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not add a page
    doc.font('sans').fontSize(6.5).fillColor(GREY).text(
      `${head.footer} · Trang ${i - range.start + 1}/${range.count}`,
      MARGIN.left, doc.page.height - 38, { width, align: 'center' },
    );
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function underline(doc: Doc, centreX: number, y: number, length: number): void {
  doc.moveTo(centreX - length / 2, y).lineTo(centreX + length / 2, y).lineWidth(0.6).strokeColor('black').stroke();
}

function keepSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.x = MARGIN.left;
  }
}
