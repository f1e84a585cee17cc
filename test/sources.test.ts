import { describe, it, expect, afterAll } from 'vitest';

import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { detectFormat } from '../src/sources/detect.js';
import { decodeText, InputError } from '../src/sources/decode.js';
import { readSources } from '../src/sources/read.js';
import { expandInputs } from '../src/sources/inputs.js';
import type { SourceItem } from '../src/sources/types.js';
import { tempDir, writeFixture } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const write = (rel: string, content: string | Buffer) => writeFixture(tmp.dir, rel, content);

async function readAll(files: string[], maxBytes = 1 << 20, stdin?: Readable): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readSources(files, { maxBytes }, stdin)) items.push(item);
  return items;
}

const records = (items: SourceItem[]) => items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
const failures = (items: SourceItem[]) => items.flatMap((i) => (i.kind === 'failure' ? [i.failure] : []));

describe('format detection by content', () => {
  it.each([
    ['WARC/1.0\r\nWARC-Type: warcinfo', 'x.bin', 'warc'],
    ['<?xml version="1.0"?>\n<rss version="2.0"><channel>', 'feed.txt', 'feed'],
    ['<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">', 'a', 'feed'],
    ['<!DOCTYPE html><html><head>', 'page.txt', 'html'],
    ['  <div class="story"><p>Hello</p></div>', 'noext', 'html'],
    ['{"title":"a","text":"b"}\n{"title":"c","text":"d"}\n', 'x.json', 'jsonl'],
    ['{not json}\n{"title":"c","text":"d"}\n', 'x.jsonl', 'jsonl'],
    ['{\n  "title": "a",\n  "text": "b"\n}', 'x.jsonl', 'json'],
    ['[{"title":"a","text":"b"}]', 'x', 'json'],
    ['date 2023-11-07\nRussia proposed drills.', 'x.html', 'text'],
    ['Title: Drills\nDate: 2023-09-01\n\nBody', 'x', 'text'],
  ])('%j → %s', (head, name, expected) => {
    expect(detectFormat(head, name)).toBe(expected);
  });
});

describe('decoding', () => {
  it('reads UTF-8 and UTF-16 with BOM', () => {
    expect(decodeText(Buffer.from('한국어 text'))).toBe('한국어 text');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Pyongyang', 'utf16le')]);
    expect(decodeText(utf16)).toBe('Pyongyang');
  });

  it('decodes EUC-KR and windows-1251 when the page declares them', () => {
    const eucKr = Buffer.concat([
      Buffer.from('<html><head><meta charset="euc-kr"></head><body><p>'),
      Buffer.from([0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee]), // 한국어
      Buffer.from('</p></body></html>'),
    ]);
    expect(decodeText(eucKr)).toContain('한국어');
    const cp1251 = Buffer.concat([
      Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>'),
      Buffer.from([0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0]), // Москва
      Buffer.from('</p>'),
    ]);
    expect(decodeText(cp1251)).toContain('Москва');
  });

  it('reports invalid UTF-8 without a declared charset, binary data and emptiness', () => {
    expect(() => decodeText(Buffer.from([0x52, 0x75, 0xc3, 0x28, 0x41]))).toThrow('invalid UTF-8 and no charset declared');
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toThrow('PNG image');
    expect(() => decodeText(Buffer.from([0x41, 0x00, 0x42]))).toThrow(InputError);
    expect(() => decodeText(Buffer.alloc(0))).toThrow('empty file');
    expect(() => decodeText(Buffer.from('<meta charset="klingon"><p>\xff</p>', 'latin1'))).toThrow('unknown declared charset');
  });
});

describe('JSON and JSON Lines records', () => {
  it('maps news-please and simple records, and reports bad lines with their line numbers', async () => {
    const file = write(
      'batch.jsonl',
      [
        JSON.stringify({ title: 'NP', maintext: 'Body one.', date_publish: '2023-10-19 08:00:00', url: 'https://a.example/1', source_domain: 'a.example', authors: ['A', 'B'], language: 'en' }),
        '{"id": "x-2", "title": "broken", ',
        JSON.stringify({ id: 'x-3', url: 'https://b.example/3', title: 'Simple', text: 'Body three.', date: '2023-10-19', source: 'B Daily' }),
        JSON.stringify({ id: 'x-4', title: 'No text' }),
        '',
        JSON.stringify({ id: 'x-5', html: '<p>Body five.</p>' }),
      ].join('\n'),
    );
    const items = await readAll([file]);
    const recs = records(items);
    expect(recs.map((r) => r.origin.record)).toEqual(['line 1', 'line 3', 'line 6']);
    expect(recs[0]!.hints).toMatchObject({ title: 'NP', published: '2023-10-19 08:00:00', source: 'a.example', byline: 'A, B' });
    expect(recs[1]!.hints).toMatchObject({ externalId: 'x-3', source: 'B Daily' });
    expect(recs[2]!.contentType).toBe('html');
    const bad = failures(items);
    expect(bad.map((f) => f.origin.record)).toEqual(['line 2', 'line 4']);
    expect(bad[0]!.reason).toMatch(/^malformed JSON/);
    expect(bad[1]!.reason).toMatch(/^no article text/);
  });

  it('reads a JSON array document and a wrapped {articles: [...]} document', async () => {
    const a = write('arr.json', JSON.stringify([{ title: 'A', text: 'a' }, { title: 'B', text: 'b' }], null, 2));
    const b = write('wrapped.json', JSON.stringify({ articles: [{ title: 'C', text: 'c' }] }, null, 2));
    const recs = records(await readAll([a, b]));
    expect(recs.map((r) => r.hints.title)).toEqual(['A', 'B', 'C']);
  });

  it('reports a malformed JSON document as one failure', async () => {
    const f = write('bad.json', '{\n  "title": "x",\n  "text": \n');
    const bad = failures(await readAll([f]));
    expect(bad).toHaveLength(1);
    expect(bad[0]!.reason).toMatch(/^malformed JSON/);
  });

  it('skips an over-long JSON line with a reason and goes on', async () => {
    const big = JSON.stringify({ title: 'big', text: 'x'.repeat(5000) });
    const ok = JSON.stringify({ title: 'ok', text: 'fine' });
    const f = write('long.jsonl', `${big}\n${ok}\n`);
    const items = await readAll([f], 1000);
    expect(records(items).map((r) => r.hints.title)).toEqual(['ok']);
    expect(failures(items)[0]).toMatchObject({ origin: { record: 'line 1' } });
    expect(failures(items)[0]!.reason).toMatch(/record too large/);
  });
});

describe('feeds', () => {
  it('reads RSS 2.0 items with content:encoded', async () => {
    const f = write(
      'feed.xml',
      `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel><title>Pacific Wire</title><language>en-us</language>
      <item><title>One</title><link>https://p.example/1</link><guid>g1</guid><pubDate>Tue, 05 Sep 2023 08:22:00 +0900</pubDate>
      <dc:creator>Kim Min-ji</dc:creator><description>short</description><content:encoded><![CDATA[<p>Full body.</p>]]></content:encoded></item>
      <item><title>Two &amp; more</title><link>https://p.example/2</link><description>&lt;p&gt;Only a description.&lt;/p&gt;</description></item>
      </channel></rss>`,
    );
    const recs = records(await readAll([f]));
    expect(recs).toHaveLength(2);
    expect(recs[0]).toMatchObject({
      contentType: 'html-fragment',
      content: '<p>Full body.</p>',
      origin: { record: 'item 1' },
      hints: { title: 'One', url: 'https://p.example/1', externalId: 'g1', source: 'Pacific Wire', byline: 'Kim Min-ji', language: 'en-us' },
    });
    expect(recs[1]!.hints.title).toBe('Two & more');
    expect(recs[1]!.content).toBe('<p>Only a description.</p>');
  });

  it('reads Atom entries', async () => {
    const f = write(
      'atom.xml',
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Ledger</title>
      <entry><id>urn:1</id><title>Alpha</title><link rel="alternate" href="https://l.example/a"/><published>2023-09-14T10:30:00+03:00</published>
      <updated>2023-09-15T00:00:00Z</updated><author><name>Ana</name></author><content type="html">&lt;p&gt;Alpha body&lt;/p&gt;</content></entry></feed>`,
    );
    const [rec] = records(await readAll([f]));
    expect(rec).toMatchObject({
      content: '<p>Alpha body</p>',
      hints: { externalId: 'urn:1', url: 'https://l.example/a', published: '2023-09-14T10:30:00+03:00', updated: '2023-09-15T00:00:00Z', byline: 'Ana', source: 'Ledger' },
    });
  });

  it('keeps Atom xhtml content as markup and decodes escaped text content', async () => {
    const f = write(
      'xhtml.xml',
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title>
      <entry><id>1</id><title>Inline</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First &amp; <b>bold</b>.</p><p>Second.</p></div></content></entry>
      <entry><id>2</id><title>Plain</title><summary type="text">Tom &amp; Jerry said &lt;hi&gt;.</summary></entry></feed>`,
    );
    const recs = records(await readAll([f]));
    expect(recs[0]!.content).toBe('<div xmlns="http://www.w3.org/1999/xhtml"><p>First &amp; <b>bold</b>.</p><p>Second.</p></div>');
    expect(recs[1]!.content).toBe('Tom & Jerry said <hi>.');
  });

  it('reports malformed XML with its line', async () => {
    const f = write('broken.xml', '<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<item><title>x</item></channel></rss>');
    const [bad] = failures(await readAll([f]));
    expect(bad!.reason).toMatch(/^malformed XML at line 3/);
  });
});

function warcRecord(headers: Record<string, string>, block: Buffer): Buffer {
  const head = Object.entries({ ...headers, 'Content-Length': String(block.length) })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`WARC/1.0\r\n${head}\r\n`), block, Buffer.from('\r\n\r\n')]);
}

function httpResponse(body: string, contentType = 'text/html; charset=utf-8', status = '200 OK'): Buffer {
  return Buffer.from(`HTTP/1.1 ${status}\r\nContent-Type: ${contentType}\r\n\r\n${body}`);
}

describe('WARC', () => {
  const page = '<html><head><title>Seoul warns</title></head><body><article><p>Seoul warned Moscow on Friday.</p></article></body></html>';
  const records1 = [
    warcRecord({ 'WARC-Type': 'warcinfo', 'Content-Type': 'application/warc-fields' }, Buffer.from('software: test\r\n')),
    warcRecord({ 'WARC-Type': 'request', 'WARC-Target-URI': 'https://s.example/a' }, Buffer.from('GET /a HTTP/1.1\r\n\r\n')),
    warcRecord({ 'WARC-Type': 'response', 'WARC-Target-URI': 'https://s.example/a', 'Content-Type': 'application/http; msgtype=response' }, httpResponse(page)),
    warcRecord({ 'WARC-Type': 'response', 'WARC-Target-URI': 'https://s.example/img', 'Content-Type': 'application/http; msgtype=response' }, httpResponse('GIF89a', 'image/gif')),
    warcRecord({ 'WARC-Type': 'response', 'WARC-Target-URI': 'https://s.example/404', 'Content-Type': 'application/http; msgtype=response' }, httpResponse('<p>gone</p>', 'text/html', '404 Not Found')),
  ];

  it('turns HTML responses into records, plain and per-record gzipped', async () => {
    const plain = write('crawl.warc', Buffer.concat(records1));
    const gz = write('crawl.warc.gz', Buffer.concat(records1.map((r) => gzipSync(r))));
    for (const file of [plain, gz]) {
      const items = await readAll([file]);
      expect(failures(items)).toEqual([]);
      const recs = records(items);
      expect(recs).toHaveLength(1);
      expect(recs[0]!.hints.url).toBe('https://s.example/a');
      expect(recs[0]!.content).toBe(page);
      expect(recs[0]!.origin.record).toMatch(/^offset \d+$/);
    }
  });

  it('reports a truncated record', async () => {
    const whole = Buffer.concat(records1.slice(0, 3));
    const f = write('cut.warc', whole.subarray(0, whole.length - 60));
    const bad = failures(await readAll([f]));
    expect(bad.map((b) => b.reason)).toContain('truncated WARC record');
  });
});

describe('files, folders, globs and stdin', () => {
  it('expands folders recursively and glob patterns; names what is missing', () => {
    write('tree/a.txt', 'date 2023-01-01\nA.');
    write('tree/sub/b.html', '<p>B</p>');
    write('tree/sub/c.txt', 'C');
    const folder = expandInputs([path.join(tmp.dir, 'tree')]);
    expect(folder.files.map((f) => path.basename(f))).toEqual(['a.txt', 'b.html', 'c.txt']);
    const glob = expandInputs([path.join(tmp.dir, 'tree/**/*.txt'), path.join(tmp.dir, 'nope/*.zzz'), path.join(tmp.dir, 'missing.txt')]);
    expect(glob.files.map((f) => path.basename(f))).toEqual(['a.txt', 'c.txt']);
    expect(glob.skipped.map((m) => m.reason)).toEqual(['no files match this pattern', 'no such file or folder']);
  });

  it('reads stdin as "-"', async () => {
    const items = await readAll(['-'], 1 << 20, Readable.from([Buffer.from('Title: From a pipe\n\nPiped body.')]));
    expect(records(items)[0]).toMatchObject({ origin: { file: '-' }, contentType: 'text' });
  });

  it('reports binary, empty, corrupt gzip and too-large files and goes on to the next file', async () => {
    const files = [
      write('bin.dat', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 2, 0, 0])),
      write('empty.txt', ''),
      write('bad.html.gz', Buffer.concat([gzipSync('<p>hello</p>').subarray(0, 12)])),
      write('big.txt', 'word '.repeat(1000)),
      write('good.txt', 'date 2023-09-01\nGood one.'),
    ];
    const items = await readAll(files, 2000);
    expect(failures(items).map((f) => [path.basename(f.origin.file), f.reason])).toEqual([
      ['bin.dat', 'not text: ELF executable'],
      ['empty.txt', 'empty file'],
      ['bad.html.gz', 'truncated gzip data (member at byte 0)'],
      ['big.txt', 'file too large: over 2 KiB, the limit for one text document (raise it with --max-size)'],
    ]);
    expect(records(items)).toHaveLength(1);
  });
});
