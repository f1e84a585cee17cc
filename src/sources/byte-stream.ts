/**
 * Pull-style reading over a byte stream (lines and fixed-length blocks), so that record formats
 * (JSON Lines, WARC) are read one record at a time and a file of any size never sits in memory whole.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { InputError, isGzip } from './decode.js';
import { Damage, gunzipMembers } from './gzip-members.js';

/**
 * Thrown by a read that reaches a break in the data (a corrupt gzip member): what the reader was reading is
 * lost. `recover()` drops it, and reading goes on after the break.
 */
export class StreamDamage extends InputError {}

export class ByteStream {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private done = false;
  /** A break reached after the buffered bytes, until `recover()`. */
  private damage: Damage | null = null;
  private readonly iterator: AsyncIterator<Buffer | Damage>;
  /** Bytes consumed so far: the offset of the next byte read. */
  position = 0;

  constructor(source: AsyncIterable<Buffer | Damage>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Drops what was buffered before a break and goes on after it. */
  recover(): void {
    this.take(this.buffered);
    this.damage = null;
  }

  /** More bytes, or false at the end (and at a break, which `fail` then throws). */
  private async fill(): Promise<boolean> {
    if (this.done || this.damage) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    if (next.value instanceof Damage) {
      this.damage = next.value;
      return false;
    }
    if (next.value.length > 0) {
      this.chunks.push(next.value);
      this.buffered += next.value.length;
    }
    return true;
  }

  /** Throws at a break; the caller reached it wanting more bytes than came before it. */
  private failAtDamage(): void {
    if (this.damage) throw new StreamDamage(this.damage.reason);
  }

  private merged(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private take(n: number): Buffer {
    const all = this.merged();
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    this.position += n;
    return out;
  }

  /** Looks at up to n bytes without consuming them. */
  async peek(n: number): Promise<Buffer> {
    while (this.buffered < n && (await this.fill()));
    return this.merged().subarray(0, n);
  }

  /**
   * Reads one line (without its LF/CRLF). A line longer than maxBytes is consumed to its end and
   * returned as `{ tooLong: true }` so the caller can report it and go on.
   * Returns null at end of stream.
   */
  async readLine(maxBytes: number): Promise<{ line: Buffer; tooLong: false } | { tooLong: true; length: number } | null> {
    let scanned = 0;
    let skipped = 0;
    for (;;) {
      const all = this.merged();
      const nl = all.indexOf(10, scanned);
      if (nl >= 0) {
        if (skipped > 0 || nl > maxBytes) {
          this.take(nl + 1);
          return { tooLong: true, length: skipped + nl };
        }
        const raw = this.take(nl + 1);
        const end = raw.length >= 2 && raw[raw.length - 2] === 13 ? raw.length - 2 : raw.length - 1;
        return { line: raw.subarray(0, end), tooLong: false };
      }
      if (all.length > maxBytes) {
        // Drop what we have of an over-long line instead of buffering it all.
        skipped += all.length;
        this.take(all.length);
        scanned = 0;
      } else {
        scanned = all.length;
      }
      if (!(await this.fill())) {
        this.failAtDamage();
        const rest = this.merged();
        if (rest.length === 0 && skipped === 0) return null;
        this.take(rest.length);
        if (skipped > 0 || rest.length > maxBytes) return { tooLong: true, length: skipped + rest.length };
        return { line: rest, tooLong: false };
      }
    }
  }

  /** Reads exactly n bytes, or fewer at end of stream. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered < n && (await this.fill()));
    if (this.buffered < n) this.failAtDamage();
    return this.take(Math.min(n, this.buffered));
  }

  /** Discards n bytes without keeping them. */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0 && !(await this.fill())) {
        this.failAtDamage();
        break;
      }
      const step = Math.min(left, this.buffered);
      this.take(step);
      left -= step;
    }
    return n - left;
  }

  /** Reads everything left, failing once more than maxBytes would be held. */
  async readAll(maxBytes: number): Promise<Buffer | null> {
    while (this.buffered <= maxBytes && (await this.fill()));
    if (this.buffered > maxBytes) return null;
    this.failAtDamage();
    return this.take(this.buffered);
  }
}

/** Opens a file (or stdin) as a ByteStream, transparently gunzipping gzip content member by member. */
export async function openByteStream(file: string, stdin: Readable = process.stdin): Promise<ByteStream> {
  const raw = file === '-' ? stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  const probe = new ByteStream(raw as AsyncIterable<Buffer>);
  return isGzip(await probe.peek(2)) ? new ByteStream(gunzipMembers(probe)) : probe;
}
