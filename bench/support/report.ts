/** What the run prints: each figure as it is measured, and one table at the end. */

export interface Row {
  figure: string;
  phancap: string;
  floor: string;
  /** phancap / floor for a rate, or the stated latency ratio; null when not measured. */
  ratio: number | null;
  target: string;
  /** Whether the ratio meets the target; null when not measured. */
  met: boolean | null;
  note?: string;
}

export const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export const rate = (n: number, unit: string): string => `${n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)} ${unit}`;
export const ms = (n: number): string => `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)} ms`;
export const ratio = (r: number | null): string => (r === null || !Number.isFinite(r) ? '—' : `${r.toFixed(2)}×`);

/** A row for a figure that could not be measured, saying why. */
export const notMeasured = (figure: string, target: string, why: string): Row => ({
  figure, phancap: 'not measured', floor: '—', ratio: null, target, met: null, note: why,
});

export function table(rows: Row[]): string {
  const head = ['figure', 'phancap', 'floor', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [r.figure, r.phancap, r.floor, ratio(r.ratio), r.target, r.met === null ? '—' : r.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.figure}: ${r.note}`);
  return [...out, ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
