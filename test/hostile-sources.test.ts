/** Hostile and damaged input at the sources stage: WARC bodies, gzip members, bombs, charsets, limits (issue 10). */
import { describe, it, expect, afterAll } from 'vitest';
import path from 'node:path';
import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import { readSources } from '../src/sources/read.js';
import type { SourceItem } from '../src/sources/types.js';
import { buildArticle } from '../src/article/build.js';
import { tempDir, writeFixture } from './helpers.js';

const tmp = tempDir('sitrep-hostile-');
afterAll(() => tmp.cleanup());
const write = (rel: string, content: string | Buffer) => writeFixture(tmp.dir, rel, content);

async function read(file: string, options: { maxBytes?: number; maxChars?: number } = {}): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readSources([file], { maxBytes: options.maxBytes ?? 1 << 20, maxChars: options.maxChars })) items.push(item);
  return items;
}
const records = (items: SourceItem[]) => items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
const failures = (items: SourceItem[]) => items.flatMap((i) => (i.kind === 'failure' ? [`${i.failure.origin.record ?? ''}: ${i.failure.reason}`] : []));

function warcResponse(uri: string, body: Buffer, headers: Record<string, string> = {}): Buffer {
  const http = Buffer.concat([
    Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`),
    body,
  ]);
  const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ${uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')]);
}
const page = (n: number) => Buffer.from(`<html><head><title>Page ${n}</title></head><body><article><p>Seoul said on Friday that talks would resume, report ${n}.</p></article></body></html>`);

describe('WARC bodies', () => {
  it('decodes gzip, deflate and brotli bodies (as wget writes them) instead of rejecting the file as binary', async () => {
    const file = write(
      'encoded.warc',
      Buffer.concat([
        warcResponse('https://a.example/1', gzipSync(page(1)), { 'Content-Encoding': 'gzip' }),
        warcResponse('https://a.example/2', deflateSync(page(2)), { 'Content-Encoding': 'deflate' }),
        warcResponse('https://a.example/3', brotliCompressSync(page(3)), { 'Content-Encoding': 'br' }),
        warcResponse('https://a.example/4', page(4), { 'Content-Encoding': 'gzip' }), // labelled, stored decoded
      ]),
    );
    const items = await read(file);
    expect(failures(items)).toEqual([]);
    expect(records(items).map((r) => r.hints.url)).toEqual(['https://a.example/1', 'https://a.example/2', 'https://a.example/3', 'https://a.example/4']);
    expect(records(items)[0]!.content).toBe(page(1).toString());
  });

  it('refuses a body that decodes past the size limit without inflating it, and keeps the next record', async () => {
    const bomb = gzipSync(Buffer.alloc(50 << 20, 0x20)); // 50 MB of spaces in about 50 KB
    const file = write('bomb.warc', Buffer.concat([warcResponse('https://b.example/bomb', bomb, { 'Content-Encoding': 'gzip' }), warcResponse('https://b.example/ok', page(5))]));
    const items = await read(file, { maxBytes: 1 << 20 });
    expect(failures(items)).toEqual(['offset 0: gzip body decodes to more than 1048576 bytes, the limit for one record (raise it with --max-size)']);
    expect(records(items).map((r) => r.hints.url)).toEqual(['https://b.example/ok']);
  });

  it('loses only the record a corrupt gzip member holds, keeping those before and after it', async () => {
    const members = [1, 2, 3, 4].map((n) => gzipSync(warcResponse(`https://c.example/${n}`, page(n))));
    const broken = Buffer.from(members[1]!);
    broken.fill(0x41, 20, 60); // the deflate data of record 2
    const file = write('damaged.warc.gz', Buffer.concat([members[0]!, broken, members[2]!, Buffer.from('trailing junk'), members[3]!]));
    const items = await read(file);
    expect(records(items).map((r) => r.hints.url)).toEqual(['https://c.example/1', 'https://c.example/3', 'https://c.example/4']);
    const bad = failures(items);
    expect(bad).toHaveLength(2);
    expect(bad[0]).toMatch(/corrupt gzip data \(member at byte \d+\).*; reading goes on at the next record$/);
    expect(bad[1]).toMatch(/data that is not gzip at byte \d+; reading goes on at the next record$/);
  });

  it('keeps the lines of a JSON Lines file around a corrupt gzip member', async () => {
    const line = (n: number) => gzipSync(`${JSON.stringify({ id: `j${n}`, text: `Line ${n} text.` })}\n`);
    const broken = Buffer.from(line(2));
    broken.fill(0x00, 12, 24);
    const items = await read(write('damaged.jsonl.gz', Buffer.concat([line(1), broken, line(3)])));
    expect(records(items).map((r) => r.hints.externalId)).toEqual(['j1', 'j3']);
    expect(failures(items)).toHaveLength(1);
  });
});

describe('decoded-size limits outside WARC', () => {
  it('stops reading a gzip-bombed feed at the size limit', async () => {
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><description>'), Buffer.alloc(30 << 20, 0x61), Buffer.from('</description></item></channel></rss>')]);
    const items = await read(write('bomb.xml.gz', gzipSync(xml)), { maxBytes: 1 << 20 });
    expect(failures(items)).toEqual([': file too large: over 1 MiB, the limit for one feed document (raise it with --max-size)']);
  });
});

describe('text length limits', () => {
  it('refuses a record whose text is over --max-chars before building it, and a page whose HTML is 8 times over', async () => {
    const long = JSON.stringify({ id: 'long', text: 'x'.repeat(15_000) });
    const short = JSON.stringify({ id: 'short', text: 'A short report.' });
    const items = await read(write('long.jsonl', `${long}\n${short}\n`), { maxChars: 10_000 });
    expect(failures(items)).toEqual(['line 1: too long: 15000 characters of text, the limit is 10000 (raise it with --max-chars)']);
    const html = await read(write('long.html', `<html><body><p>${'word '.repeat(20_000)}</p></body></html>`), { maxChars: 10_000 });
    expect(failures(html)[0]).toMatch(/^: too long: \d+ characters of HTML, the limit is 80000/);
  });

  it('refuses an article whose extracted text is over the limit', () => {
    const record = { origin: { file: 'x.html' }, contentType: 'html' as const, content: `<p>${'word '.repeat(5000)}</p>`, hints: {} };
    expect(buildArticle(record, { now: new Date(), maxChars: 10_000 })).toEqual({ ok: false, reason: 'article text too long: 24999 characters, the limit is 10000 (raise it with --max-chars)' });
  });
});

describe('smaller defects', () => {
  it('reads a UTF-16 HTML page with a BOM as HTML, not as text with markup', async () => {
    const html = '<html><head><title>Pyongyang</title></head><body><article><p>Talks began in Pyongyang on Friday.</p></article></body></html>';
    for (const [name, bytes] of [
      ['le.html', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')])],
      ['be.htm', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(html, 'utf16le').swap16()])],
    ] as const) {
      const [record] = records(await read(write(name, bytes)));
      expect(record!.contentType).toBe('html');
      const built = buildArticle(record!, { now: new Date() });
      expect(built.ok && built.article.text).toBe('Talks began in Pyongyang on Friday.');
    }
    const jsonl = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"text":"a"}\n{"text":"b"}\n', 'utf16le')]);
    expect(failures(await read(write('utf16.jsonl', jsonl)))).toEqual([': JSON Lines in UTF-16LE: JSON Lines must be UTF-8']);
  });

  it('a JSON file holding null, a number or a string is no article', async () => {
    for (const [name, content] of [['null.json', 'null'], ['n.json', '42\n'], ['s.json', '"just a string"'], ['null.txt', 'null']] as const) {
      expect(failures(await read(write(name, content)))).toEqual([': not a JSON object']);
    }
  });
});
