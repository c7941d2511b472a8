/** A table to export: a header row and data rows of plain values. */
export interface ExportTable {
  sheet: string;
  header: string[];
  rows: Array<Array<string | number | null>>;
}

/** RFC 4180 CSV, with a BOM so that Excel opens the Vietnamese text as UTF-8. */
export function toCsv(t: ExportTable): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [t.header, ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** An .xlsx workbook of one sheet (ExcelJS, loaded only when asked for). */
export async function toXlsx(t: ExportTable): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'phancap';
  const ws = wb.addWorksheet(t.sheet.slice(0, 31));
  ws.addRow(t.header).font = { bold: true };
  for (const r of t.rows) ws.addRow(r);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c, i) => {
    const longest = Math.max(t.header[i]?.length ?? 0, ...t.rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
    c.width = Math.min(60, Math.max(10, longest + 2));
  });
  const buffer = await wb.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
