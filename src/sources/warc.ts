/**
 * WARC (and per-record gzipped .warc.gz, as Common Crawl writes them): every `response` record whose
 * HTTP payload is an HTML page with status 200 becomes an article. Records are read one at a time.
 */
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import type { ByteStream } from './byte-stream.js';
import type { SourceRecord, SourceFailure } from './types.js';
import { decodeText, InputError } from './decode.js';

const HEADER_LINE_LIMIT = 64 * 1024;

async function readHeaderBlock(stream: ByteStream): Promise<Map<string, string> | null> {
  const headers = new Map<string, string>();
  let first: string | null = null;
  for (;;) {
    const next = await stream.readLine(HEADER_LINE_LIMIT);
    if (next === null) return first === null ? null : headers;
    if (next.tooLong) throw new InputError('WARC header line too long');
    const line = next.line.toString('utf8');
    if (first === null) {
      if (line.trim() === '') continue; // blank lines between records
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

function payload(message: HttpMessage): Buffer {
  let body = message.body;
  if (/chunked/i.test(message.headers.get('transfer-encoding') ?? '')) body = dechunk(body);
  const encoding = (message.headers.get('content-encoding') ?? '').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  return body;
}

/** Yields HTML page records and per-record failures; a broken record framing ends the file with a failure. */
export async function* recordsFromWarc(
  stream: ByteStream,
  file: string,
  maxBytes: number,
): AsyncGenerator<SourceRecord | SourceFailure> {
  for (;;) {
    const offset = stream.position;
    const origin = { file, record: `offset ${offset}` };
    let headers: Map<string, string> | null;
    try {
      headers = await readHeaderBlock(stream);
    } catch (error) {
      yield { origin, reason: (error as Error).message };
      return;
    }
    if (!headers) return;
    const length = Number(headers.get('content-length'));
    if (!Number.isFinite(length) || length < 0) {
      yield { origin, reason: 'WARC record without a valid Content-Length' };
      return;
    }
    const isHtmlResponse =
      headers.get('warc-type') === 'response' && /application\/http/i.test(headers.get('content-type') ?? 'application/http');
    if (!isHtmlResponse || length > maxBytes) {
      if ((await stream.skip(length)) < length) {
        yield { origin, reason: 'truncated WARC record' };
        return;
      }
      if (isHtmlResponse) yield { origin, reason: `record too large (${length} bytes)` };
      continue;
    }
    const block = await stream.read(length);
    if (block.length < length) {
      yield { origin, reason: 'truncated WARC record' };
      return;
    }
    const message = parseHttpResponse(block);
    if (!message) {
      yield { origin, reason: 'response record without an HTTP message' };
      continue;
    }
    const contentType = message.headers.get('content-type') ?? '';
    if (message.status !== 200 || !/html/i.test(contentType)) continue;
    try {
      const charset = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ?? null;
      const html = decodeText(payload(message), charset);
      yield {
        origin,
        contentType: 'html',
        content: html,
        hints: { url: headers.get('warc-target-uri') ?? null, externalId: headers.get('warc-record-id') ?? null },
      };
    } catch (error) {
      yield { origin, reason: error instanceof InputError ? error.reason : `undecodable payload: ${(error as Error).message}` };
    }
  }
}
