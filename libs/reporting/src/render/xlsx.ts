import ExcelJS from 'exceljs';
import type { ReportView } from './sections.js';

/** The report's tables as a workbook: a sheet per table, a first sheet with the summary and the record. */
export async function renderReportXlsx(view: ReportView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = view.info.author;
  wb.created = new Date(view.info.createdAt);
  wb.modified = new Date(view.info.createdAt);
  wb.title = view.info.title;
  const all = view.sections;

  const summary = wb.addWorksheet('Tong hop');
  summary.columns = [{ width: 28 }, { width: 100 }];
  for (const [k, v] of view.facts) summary.addRow([k, v]).getCell(1).font = { bold: true };
  summary.addRow([]);
  for (const p of all[0].paragraphs) summary.addRow(['', p]).getCell(2).alignment = { wrapText: true };

  const used = new Set<string>(['Tong hop']);
  for (const s of all) {
    for (const t of s.tables) {
      let name = t.sheet.slice(0, 31);
      for (let i = 2; used.has(name); i++) name = `${t.sheet.slice(0, 28)} ${i}`;
      used.add(name);
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
      ws.columns = t.columns.map((c) => ({ width: Math.max(8, c.width * 1.4) }));
      const vi = ws.addRow(t.columns.map((c) => c.vi));
      const en = ws.addRow(t.columns.map((c) => c.en));
      vi.font = { bold: true };
      en.font = { italic: true, color: { argb: 'FF555555' } };
      for (const r of t.rows) ws.addRow(r.map((v) => (/^\d+$/.test(v) && v.length < 10 ? Number(v) : v))).alignment = { wrapText: true, vertical: 'top' };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
