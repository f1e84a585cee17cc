/**
 * WARC (and per-record gzipped .warc.gz, as Common Crawl writes them): every `response` record whose
 * HTTP payload is an HTML page with status 200 becomes an article. Records are read one at a time.
 */
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { StreamDamage, type ByteStream } from './byte-stream.js';
import type { SourceRecord, SourceFailure } from './types.js';
import { decodeText, InputError, isGzip } from './decode.js';

const HEADER_LINE_LIMIT = 64 * 1024;

/** Reads a record's WARC headers; after a break (`resyncing`) lines before the next `WARC/` line are skipped. */
async function readHeaderBlock(stream: ByteStream, resyncing: boolean): Promise<Map<string, string> | null> {
  const headers = new Map<string, string>();
  let first: string | null = null;
  for (;;) {
    const next = await stream.readLine(HEADER_LINE_LIMIT);
    if (next === null) return first === null ? null : headers;
    if (next.tooLong) throw new InputError('WARC header line too long');
    const line = next.line.toString('utf8');
    if (first === null) {
      if (line.trim() === '') continue; // blank lines between records
      if (resyncing && !/^WARC\/\d/.test(line)) continue;
      if (!/^WARC\/\d/.test(line)) throw new InputError(`expected a WARC record, found "${line.slice(0, 40)}"`);
      first = line;
      continue;
    }
    if (line === '') return headers;
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
}

interface HttpMessage {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

function parseHttpResponse(block: Buffer): HttpMessage | null {
  let end = block.indexOf('\r\n\r\n');
  let sep = 4;
  if (end < 0) {
    end = block.indexOf('\n\n');
    sep = 2;
  }
  if (end < 0) return null;
  const lines = block.subarray(0, end).toString('latin1').split(/\r?\n/);
  const status = /^HTTP\/[\d.]+\s+(\d{3})/.exec(lines[0] ?? '');
  if (!status) return null;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(status[1]), headers, body: block.subarray(end + sep) };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const lineEnd = body.indexOf('\r\n', pos);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(pos, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    pos = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * The body as the server meant it: de-chunked and decoded (gzip, deflate, brotli), never past `maxBytes`
 * decoded. A body labelled gzip that is not (wget stores some decoded) is taken as it is.
 */
function payload(message: HttpMessage, maxBytes: number): Buffer {
  let body = message.body;
  if (/chunked/i.test(message.headers.get('transfer-encoding') ?? '')) body = dechunk(body);
  const encoding = (message.headers.get('content-encoding') ?? '').toLowerCase();
  const limit = { maxOutputLength: maxBytes };
  try {
    if ((encoding === 'gzip' || encoding === 'x-gzip') && isGzip(body)) return gunzipSync(body, limit);
    if (encoding === 'deflate') return inflateSync(body, limit);
    if (encoding === 'br') return brotliDecompressSync(body, limit);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InputError(`${encoding} body decodes to more than ${maxBytes} bytes, the limit for one record (raise it with --max-size)`);
    }
    throw new InputError(`undecodable ${encoding} body: ${(error as Error).message}`);
  }
  return body;
}

/** One record: an HTML page, a failure, null for a record that is no page, or 'end'. */
async function readRecord(stream: ByteStream, file: string, maxBytes: number, resyncing: boolean): Promise<SourceRecord | SourceFailure | null | 'end'> {
  const origin = { file, record: `offset ${stream.position}` };
  const headers = await readHeaderBlock(stream, resyncing);
  if (!headers) return 'end';
  const length = Number(headers.get('content-length'));
  if (!Number.isFinite(length) || length < 0) throw new InputError('WARC record without a valid Content-Length', origin.record);
  const isHtmlResponse =
    headers.get('warc-type') === 'response' && /application\/http/i.test(headers.get('content-type') ?? 'application/http');
  if (!isHtmlResponse || length > maxBytes) {
    if ((await stream.skip(length)) < length) throw new InputError('truncated WARC record', origin.record);
    return isHtmlResponse ? { origin, reason: `record too large (${length} bytes)` } : null;
  }
  const block = await stream.read(length);
  if (block.length < length) throw new InputError('truncated WARC record', origin.record);
  const message = parseHttpResponse(block);
  if (!message) return { origin, reason: 'response record without an HTTP message' };
  const contentType = message.headers.get('content-type') ?? '';
  if (message.status !== 200 || !/html/i.test(contentType)) return null;
  try {
    const charset = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ?? null;
    const html = decodeText(payload(message, maxBytes), charset);
    return {
      origin,
      contentType: 'html',
      content: html,
      hints: { url: headers.get('warc-target-uri') ?? null, externalId: headers.get('warc-record-id') ?? null },
    };
  } catch (error) {
    return { origin, reason: error instanceof InputError ? error.reason : `undecodable payload: ${(error as Error).message}` };
  }
}

/**
 * Yields HTML page records and per-record failures. A break in gzip data (a corrupt member) loses the record
 * it falls in, and reading goes on at the next record; a broken record framing ends the file with a failure.
 */
export async function* recordsFromWarc(stream: ByteStream, file: string, maxBytes: number): AsyncGenerator<SourceRecord | SourceFailure> {
  let resyncing = false;
  for (;;) {
    const origin = { file, record: `offset ${stream.position}` };
    let item;
    try {
      item = await readRecord(stream, file, maxBytes, resyncing);
    } catch (error) {
      if (!(error instanceof StreamDamage)) {
        yield { origin: { file, record: (error as InputError).record ?? origin.record }, reason: (error as Error).message };
        return;
      }
      yield { origin, reason: `${error.reason}; reading goes on at the next record` };
      stream.recover();
      resyncing = true;
      continue;
    }
    resyncing = false;
    if (item === 'end') return;
    if (item) yield item;
  }
}
