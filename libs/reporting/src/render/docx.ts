import {
  AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { MOTTO, NATIONAL_TITLE, type ReportView } from './sections.js';

/**
 * The report as a Word document in the administrative layout (Nghị định 30/2020/NĐ-CP, Phụ lục I):
 * Times New Roman 13–14 pt, the issuing body and number on the left, Quốc hiệu and tiêu ngữ on the
 * right, the title centred, and at the end "Nơi nhận" beside the signature block.
 */
const FONT = 'Times New Roman';
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '444444' };

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: FONT, bold: o.bold, italics: o.italics, size: (o.size ?? 13) * 2, color: o.color, underline: o.underline ? {} : undefined });
const centred = (...runs: TextRun[]) => new Paragraph({ alignment: AlignmentType.CENTER, children: runs });

export async function renderReportDocx(view: ReportView): Promise<Buffer> {
  const { head, info } = view;
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({
      children: [
        new TableCell({
          width: { size: 40, type: WidthType.PERCENTAGE }, borders: NO_BORDERS,
          children: [
            ...(head.parentBody ? [centred(run(head.parentBody, { size: 12 }))] : []),
            centred(run(head.issuingBody, { bold: true, size: 12, underline: true })),
            centred(run(head.numberLine, { size: 13 })),
          ],
        }),
        new TableCell({
          width: { size: 60, type: WidthType.PERCENTAGE }, borders: NO_BORDERS,
          children: [
            centred(run(NATIONAL_TITLE, { bold: true, size: 12 })),
            centred(run(MOTTO, { bold: true, size: 13, underline: true })),
            centred(run(head.placeAndDate, { italics: true, size: 13 })),
          ],
        }),
      ],
    })],
  });

  const body: Array<Paragraph | Table> = [
    header,
    new Paragraph({ text: '' }),
    centred(run(head.title, { bold: true, size: 14 })),
    centred(run(head.subtitle, { bold: true, size: 14 })),
    centred(run(head.subtitleEn, { italics: true, size: 10, color: '555555' })),
    new Paragraph({ text: '' }),
  ];
  for (const s of view.sections) {
    body.push(new Paragraph({ spacing: { before: 200 }, children: [run(s.heading.vi, { bold: true, size: 13 })] }));
    body.push(new Paragraph({ children: [run(s.heading.en, { italics: true, size: 10, color: '555555' })] }));
    for (const p of s.paragraphs) {
      body.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: p.startsWith('-') ? undefined : { firstLine: 567 }, spacing: { after: 80 }, children: [run(p, { size: 13 })] }));
    }
    for (const t of s.tables) {
      const total = t.columns.reduce((n, c) => n + c.width, 0);
      const cell = (text: string, width: number, th: boolean) => new TableCell({
        width: { size: Math.round((width / total) * 100), type: WidthType.PERCENTAGE },
        borders: { top: THIN, bottom: THIN, left: THIN, right: THIN },
        shading: th ? { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } : undefined,
        children: text.split('\n').map((line, i) => new Paragraph({
          alignment: th ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(line, { bold: th && i === 0, italics: th && i > 0, size: th && i > 0 ? 8 : 10 })],
        })),
      });
      body.push(new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(`${c.vi}\n${c.en}`, c.width, true)) }),
          ...t.rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, t.columns[i].width, false)) })),
        ],
      }));
      body.push(new Paragraph({ text: '' }));
    }
  }
  body.push(new Paragraph({ text: '' }));
  body.push(new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({
      children: [
        new TableCell({
          width: { size: 45, type: WidthType.PERCENTAGE }, borders: NO_BORDERS,
          children: [
            new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
            ...head.recipients.map((r) => new Paragraph({ children: [run(`- ${r};`, { size: 11 })] })),
          ],
        }),
        new TableCell({
          width: { size: 55, type: WidthType.PERCENTAGE }, borders: NO_BORDERS,
          children: [
            centred(run(head.issuingBody, { bold: true, size: 13 })),
            centred(run('(Ký, ghi rõ họ tên)', { italics: true, size: 11 })),
            new Paragraph({ text: '' }), new Paragraph({ text: '' }), new Paragraph({ text: '' }),
            centred(run(head.signer ?? '', { bold: true, size: 13 })),
          ],
        }),
      ],
    })],
  }));

  const doc = new Document({
    creator: info.author,
    title: info.title,
    description: head.footer,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
      footers: {
        default: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [run(`${head.footer} · Trang `, { size: 7, color: '555555' }), new TextRun({ children: [PageNumber.CURRENT], size: 14, font: FONT, color: '555555' })],
          })],
        }),
      },
      children: body,
    }],
  });
  return Packer.toBuffer(doc);
}
