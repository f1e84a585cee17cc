/**
 * Gzip data read member by member (RFC 1952), as .warc.gz files and other concatenated gzip files are
 * written. A corrupt or truncated member becomes a `Damage` item in the output and reading goes on at the
 * next member, so the members before and after it are kept. Compressed bytes are fed a step at a time, so
 * even a gzip bomb holds at most one step's output (about 16 MB) before the reader takes it.
 */
import { createInflateRaw } from 'node:zlib';
import type { ByteStream } from './byte-stream.js';

/** A break in decompressed data: what came before it is incomplete, what follows starts a new member. */
export class Damage {
  constructor(readonly reason: string) {}
}

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);
/** Compressed bytes fed to the inflater at a time; deflate expands at most 1032:1. */
const STEP = 16 * 1024;
/** A member header longer than this (a file name or comment field) is taken as corrupt. */
const HEADER_LIMIT = 64 * 1024;

/** The length of the member header at the start of `b`, or null when `b` does not start with a whole one. */
function headerLength(b: Buffer): number | null {
  if (b.length < 10 || !b.subarray(0, 3).equals(MAGIC)) return null;
  const flags = b[3]!;
  let pos = 10;
  if (flags & FEXTRA) pos = b.length >= 12 ? pos + 2 + b.readUInt16LE(10) : Infinity;
  for (const field of [FNAME, FCOMMENT]) {
    if (!(flags & field)) continue;
    const end = b.indexOf(0, pos);
    pos = end < 0 ? Infinity : end + 1;
  }
  if (flags & FHCRC) pos += 2;
  return pos <= b.length ? pos : null;
}

/** Skips to the next gzip magic after the current byte; false at the end of the data. */
async function resync(raw: ByteStream): Promise<boolean> {
  for (;;) {
    const buf = await raw.peek(HEADER_LIMIT);
    if (buf.length < MAGIC.length) {
      await raw.skip(buf.length);
      return false;
    }
    const at = buf.indexOf(MAGIC, 1);
    if (at >= 0) {
      await raw.skip(at);
      return true;
    }
    await raw.skip(buf.length - (MAGIC.length - 1));
  }
}

/** Inflates one member's deflate data (the header read already), yielding its output; throws Damage. */
async function* inflateMember(raw: ByteStream, start: number): AsyncGenerator<Buffer, number> {
  const inflater = createInflateRaw();
  let ended = false;
  let error: Error | null = null;
  let output: Buffer[] = [];
  inflater.on('data', (chunk: Buffer) => output.push(chunk));
  inflater.on('end', () => (ended = true));
  inflater.on('error', (e: Error) => (error = e));
  let size = 0;
  try {
    for (;;) {
      const chunk = await raw.peek(STEP);
      if (chunk.length === 0) throw new Damage(`truncated gzip data (member at byte ${start})`);
      const before = inflater.bytesWritten;
      // The write's callback comes once its input is processed; a tick later its output and end are in.
      await new Promise<void>((resolve) => {
        const done = () => {
          inflater.off('error', done);
          setImmediate(resolve);
        };
        inflater.once('error', done);
        inflater.write(chunk, done);
      });
      if (error) throw new Damage(`corrupt gzip data (member at byte ${start}): ${(error as Error).message}`);
      await raw.skip(inflater.bytesWritten - before);
      const pieces = output;
      output = [];
      for (const piece of pieces) {
        size += piece.length;
        yield piece;
      }
      if (ended) return size;
    }
  } finally {
    inflater.destroy();
  }
}

/** The decompressed bytes of every member, with a Damage item where a member could not be read. */
export async function* gunzipMembers(raw: ByteStream): AsyncGenerator<Buffer | Damage> {
  let damaged = false;
  for (;;) {
    const start = raw.position;
    const head = await raw.peek(HEADER_LIMIT);
    if (head.length === 0) return;
    const length = headerLength(head);
    try {
      if (length === null) {
        throw new Damage(head.subarray(0, 3).equals(MAGIC) ? `corrupt gzip header at byte ${start}` : `data that is not gzip at byte ${start}`);
      }
      await raw.skip(length);
      const size = yield* inflateMember(raw, start);
      const trailer = await raw.read(8);
      if (trailer.length < 8) throw new Damage(`truncated gzip data (member at byte ${start})`);
      if (trailer.readUInt32LE(4) !== size % 2 ** 32) throw new Damage(`corrupt gzip data (member at byte ${start}): length check failed`);
      damaged = false;
    } catch (error) {
      if (!(error instanceof Damage)) throw error;
      // Consecutive failures while looking for the next good member are one break.
      if (!damaged) yield error;
      damaged = true;
      if (!(await resync(raw))) return;
    }
  }
}
