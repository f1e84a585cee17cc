/** A one-line progress bar on a TTY (stderr); silent elsewhere so pipes and logs stay clean. */
import type { IngestProgress } from '../pipeline/ingest.js';

export class ProgressLine {
  private lastDraw = 0;
  private shown = false;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return Boolean(this.out.isTTY);
  }

  update(p: IngestProgress, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 24;
    const share = p.filesTotal ? p.filesDone / p.filesTotal : 1;
    const filled = Math.round(share * width);
    const rate = p.elapsedMs > 0 ? (p.articles * 1000) / p.elapsedMs : 0;
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.filesDone}/${p.filesTotal} files` +
      `  ${p.articles} articles  ${rate.toFixed(1)}/s  ${p.rejected} errors  ${p.warnings} warnings`;
    this.out.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }

  /** Prints a message above the bar. */
  log(message: string): void {
    if (this.shown) this.out.write('\r\x1b[2K');
    this.out.write(`${message}\n`);
  }

  done(): void {
    if (this.shown) this.out.write('\r\x1b[2K');
    this.shown = false;
  }
}
