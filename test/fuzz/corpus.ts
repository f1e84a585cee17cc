/**
 * The fuzz corpus: bad entries of every kind issue 10 lists, mixed with good articles. `writeFuzzCorpus`
 * writes `copies` folders of bad entries (each a little different, from the seed) beside a copy of the good
 * input; `test/fuzz.test.ts` runs a small one, `npm run fuzz` a big one.
 */
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** A small deterministic generator (Park–Miller), so a failing corpus can be written again. */
function random(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

function warcResponse(uri: string, body: Buffer, headers = ''): Buffer {
  const http = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n${headers}\r\n`), body]);
  return Buffer.concat([
    Buffer.from(`WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ${uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`),
    http,
    Buffer.from('\r\n\r\n'),
  ]);
}

/** Bad entries, by name: each is rejected with one line (or, for the folder entries, set aside). */
function badEntries(rnd: () => number, maxChars: number): Array<[string, string | Buffer]> {
  const noise = Buffer.from(Array.from({ length: 2000 }, () => Math.floor(rnd() * 256)));
  const corrupt = gzipSync(warcResponse('https://bad.example/2', Buffer.from('<p>lost</p>')));
  corrupt.fill(0x41, 20, 40);
  return [
    ['binary.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), noise])],
    ['noise.txt', Buffer.concat([noise, Buffer.alloc(8)])],
    ['empty.txt', ''],
    ['null.json', 'null'],
    ['number.json', String(Math.floor(rnd() * 1e6))],
    ['broken.jsonl', `{"id": "b1", "text": "Half a record\n{"id": "b2", "title": "no text"}\n{"id": "b3", "text": "${'x'.repeat(maxChars + 1)}"}\n`],
    ['latin1.txt', Buffer.from('Caf\xe9 in Pyongyang, a report said.', 'latin1')],
    ['broken.xml', '<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</title></channel>'],
    ['markup-only.html', '<html><head><title>Nothing</title></head><body><nav><a href="/">Home</a></nav></body></html>'],
    ['future.txt', `date ${2100 + Math.floor(rnd() * 7000)}-01-01\nA dispatch from the future.`],
    ['evil\u001b[31m\nsitrep: forged.txt', Buffer.alloc(16)],
    ['truncated.html.gz', gzipSync('<html><body><p>cut</p></body></html>').subarray(0, 15)],
    ['bomb.warc', warcResponse('https://bad.example/bomb', gzipSync(Buffer.alloc(80 << 20, 0x20)), 'Content-Encoding: gzip\r\n')],
    ['damaged.warc.gz', corrupt],
    ['huge.html', `<html><body><p>${'word '.repeat(maxChars * 2)}</p></body></html>`],
  ];
}

/** Records that test memory rather than parsing: a 30 MB page and a 50 MB JSON Lines record (the big run only). */
function hugeEntries(): Array<[string, string | Buffer]> {
  const paragraph = '<p>North Korea and Russia held talks in Pyongyang on Friday, state media said.</p>\n';
  return [
    ['page-30mb.html', `<html><body><article>${paragraph.repeat(Math.ceil((30 << 20) / paragraph.length))}</article></body></html>`],
    ['record-50mb.jsonl', `${JSON.stringify({ id: 'huge', text: 'Seoul said so. '.repeat(Math.ceil((50 << 20) / 15)) })}\n`],
  ];
}

/**
 * Writes the corpus under `dir`: `good/` (a copy of `goodInput`) and `bad-N/` folders, with the huge records
 * in the first when `huge`. Returns how many bad entries.
 */
export function writeFuzzCorpus(dir: string, goodInput: string, options: { copies: number; seed: number; maxChars: number; huge?: boolean }): number {
  cpSync(goodInput, path.join(dir, 'good'), { recursive: true });
  const rnd = random(options.seed);
  let bad = 0;
  for (let copy = 0; copy < options.copies; copy++) {
    const folder = path.join(dir, `bad-${copy}`);
    mkdirSync(folder, { recursive: true });
    for (const [name, content] of [...badEntries(rnd, options.maxChars), ...(options.huge && copy === 0 ? hugeEntries() : [])]) {
      writeFileSync(path.join(folder, name), content);
      bad++;
    }
    execFileSync('mkfifo', [path.join(folder, 'pipe')]);
    symlinkSync(path.join(folder, 'loop-b'), path.join(folder, 'loop-a'));
    symlinkSync(path.join(folder, 'loop-a'), path.join(folder, 'loop-b'));
    bad += 3;
  }
  return bad;
}
