/**
 * The sources stage's public entry: turns input paths into source records, one file at a time,
 * reporting each unreadable file or record as a failure and going on with the rest.
 */
import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { openByteStream, StreamDamage, type ByteStream } from './byte-stream.js';
import { decodeText, InputError, binaryKind, utf16Bom } from './decode.js';
import { detectFormat } from './detect.js';
import { recordFromJson, recordsFromJsonDocument } from './json-records.js';
import { recordsFromFeed } from './feed.js';
import { recordsFromWarc } from './warc.js';
import { errorReason, kindOf } from './inputs.js';
import { DEFAULT_MAX_CHARS, contentLimit, type ReadOptions, type SourceItem, type SourceRecord } from './types.js';

const SNIFF_BYTES = 64 * 1024;

function failure(file: string, reason: string, record?: string): SourceItem {
  return { kind: 'failure', failure: { origin: record ? { file, record } : { file }, reason } };
}

function size(bytes: number): string {
  if (bytes >= 1 << 20) return `${Math.round(bytes / (1 << 20))} MiB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

async function* readJsonLines(stream: ByteStream, file: string, maxBytes: number): AsyncGenerator<SourceItem> {
  let lineNo = 0;
  for (;;) {
    let next;
    try {
      next = await stream.readLine(maxBytes);
    } catch (error) {
      if (!(error instanceof StreamDamage)) throw error;
      // A corrupt gzip member: the line it cuts is lost, the lines after it are read.
      yield failure(file, `${error.reason}; reading goes on at the next gzip member`, `line ${++lineNo}`);
      stream.recover();
      continue;
    }
    if (next === null) return;
    lineNo++;
    const record = `line ${lineNo}`;
    if (next.tooLong) {
      yield failure(file, `record too large (${size(next.length)}, limit ${size(maxBytes)})`, record);
      continue;
    }
    if (next.line.length === 0 || /^\s*$/.test(next.line.toString('latin1'))) continue;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(next.line);
    } catch {
      yield failure(file, 'invalid UTF-8 in JSON line', record);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield failure(file, `malformed JSON: ${(error as Error).message}`, record);
      continue;
    }
    try {
      yield { kind: 'record', record: recordFromJson(value, { file, record }) };
    } catch (error) {
      yield failure(file, (error as Error).message, record);
    }
  }
}

/** Formats whose whole file is one document, read into memory within the size limit. */
function* readDocument(format: string, text: string, file: string): Generator<SourceItem> {
  if (format === 'json') {
    for (const item of recordsFromJsonDocument(text, file)) {
      if (item instanceof InputError) yield failure(file, item.reason, item.record);
      else yield { kind: 'record', record: item };
    }
    return;
  }
  if (format === 'feed') {
    for (const record of recordsFromFeed(text, file)) yield { kind: 'record', record };
    return;
  }
  const record: SourceRecord = {
    origin: { file },
    contentType: format === 'html' ? 'html' : 'text',
    content: text,
    hints: {},
  };
  yield { kind: 'record', record };
}

async function* readFile(file: string, options: ReadOptions, stdin?: Readable): AsyncGenerator<SourceItem> {
  if (file !== '-') {
    const stat = statSync(file);
    if (!stat.isFile()) {
      yield failure(file, kindOf(stat));
      return;
    }
    if (stat.size === 0) {
      yield failure(file, 'empty file');
      return;
    }
  }
  const stream = await openByteStream(file, stdin);
  const head = await stream.peek(SNIFF_BYTES);
  if (head.length === 0) {
    yield failure(file, 'empty file');
    return;
  }
  const bom = utf16Bom(head);
  const format = detectFormat(bom ? new TextDecoder(bom).decode(head) : head.toString('utf8'), file);
  if (format === 'warc') {
    // Record bodies may be binary (images, gzip-encoded pages): each is checked on its own.
    for await (const item of recordsFromWarc(stream, file, options.maxBytes)) {
      if ('reason' in item) yield { kind: 'failure', failure: item };
      else yield { kind: 'record', record: item };
    }
    return;
  }
  const binary = binaryKind(head);
  if (binary) {
    yield failure(file, `not text: ${binary}`);
    return;
  }
  if (format === 'jsonl') {
    if (bom) yield failure(file, `JSON Lines in ${bom.toUpperCase()}: JSON Lines must be UTF-8`);
    else yield* readJsonLines(stream, file, options.maxBytes);
    return;
  }
  const bytes = await stream.readAll(options.maxBytes);
  if (!bytes) {
    yield failure(file, `file too large: over ${size(options.maxBytes)}, the limit for one ${format} document (raise it with --max-size)`);
    return;
  }
  yield* readDocument(format, decodeText(bytes), file);
}

/** A record whose content is over the character limit becomes a failure before anything parses it. */
function withinLimit(item: SourceItem, maxChars: number): SourceItem {
  if (item.kind !== 'record') return item;
  const { origin, contentType, content } = item.record;
  const limit = contentLimit(contentType, maxChars);
  if (content.length <= limit) return item;
  const what = contentType === 'text' ? 'text' : 'HTML';
  return failure(origin.file, `too long: ${content.length} characters of ${what}, the limit is ${limit} (raise it with --max-chars)`, origin.record);
}

/** Reads every file in turn; errors never escape, they become failures naming the file. */
export async function* readSources(files: string[], options: ReadOptions, stdin?: Readable): AsyncGenerator<SourceItem> {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  for (const file of files) {
    try {
      for await (const item of readFile(file, options, stdin)) yield withinLimit(item, maxChars);
    } catch (error) {
      const reason =
        error instanceof InputError
          ? error.reason
          : (error as NodeJS.ErrnoException).code
            ? errorReason(error)
            : (error as Error).message;
      yield failure(file, reason, error instanceof InputError ? error.record : undefined);
    }
    yield { kind: 'file-done', file };
  }
}
