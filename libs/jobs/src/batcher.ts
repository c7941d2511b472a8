/**
 * Gathers the items that arrive close together (the jobs a BullMQ worker runs at once) into one call
 * of `run`, so that their I/O is shared: a batch goes when it holds `size` items, or `lingerMs` after
 * its first one arrived, whichever comes first; at most `inFlight` batches run at once, and what comes
 * meanwhile waits for the next. `run` answers each item in the order given, with its result or the
 * Error its caller gets; a `run` that rejects rejects every item of its batch.
 */
export class Batcher<I, O> {
  private waiting: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private timer?: NodeJS.Timeout;
  private running = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<Array<O | Error>>,
    private readonly options: { size: number; lingerMs: number; inFlight: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running >= this.options.inFlight || !this.waiting.length) return;
    if (this.waiting.length >= this.options.size) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.flush();
      this.schedule();
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.options.lingerMs);
    }
  }

  private flush(): void {
    if (this.running >= this.options.inFlight || !this.waiting.length) return;
    const batch = this.waiting.splice(0, this.options.size);
    this.running++;
    this.run(batch.map((b) => b.item)).then(
      (results) => batch.forEach((b, i) => {
        const r = results[i];
        if (r instanceof Error) b.reject(r);
        else b.resolve(r);
      }),
      (e: unknown) => batch.forEach((b) => b.reject(e)),
    ).finally(() => {
      this.running--;
      this.schedule();
    });
  }
}
