/** Where a progress bar draws: stderr, or anything with `write` (tests). */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/**
 * A progress bar on stderr for long loops: `label [#####.....] 50% (500/1000)`, redrawn in place with
 * `\r` on a terminal; otherwise (a log file, CI) one line per 10 %.
 */
export class ProgressBar {
  private done = 0;
  private lastDecile = -1;
  private finished = false;

  constructor(
    private readonly total: number,
    private readonly label = '',
    private readonly stream: ProgressStream = process.stderr,
    private readonly width = 20,
  ) {}

  /** The bar for `done` of `total`, e.g. `[#####.....] 50% (500/1000)` (width 10). */
  static render(done: number, total: number, width = 20): string {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(ratio * 100)}% (${done}/${total})`;
  }

  tick(n = 1): void {
    this.update(this.done + n);
  }

  update(done: number): void {
    this.done = done;
    if (this.total <= 0 || this.finished) return;
    const line = `${this.label ? `${this.label} ` : ''}${ProgressBar.render(done, this.total, this.width)}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}`);
    } else {
      const decile = Math.floor((Math.min(done, this.total) * 10) / this.total);
      if (decile > this.lastDecile) {
        this.lastDecile = decile;
        this.stream.write(`${line}\n`);
      }
    }
    if (done >= this.total) this.finish();
  }

  /** Ends the bar (a newline on a terminal). */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.stream.isTTY && this.total > 0) this.stream.write('\n');
  }
}
