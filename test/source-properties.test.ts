/** Property: whatever the bytes, the source readers and the article stage give records or one-line failures, never a throw. */
import { describe, it, expect, afterAll } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readSources } from '../src/sources/read.js';
import { buildArticle } from '../src/article/build.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('sitrep-props-');
afterAll(() => tmp.cleanup());

/** Prefixes that steer the bytes into each reader: WARC, feed, HTML, JSON, JSON Lines, text. */
const PREFIXES = ['', 'WARC/1.0\r\n', 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n', '<?xml version="1.0"?><rss version="2.0"><channel><item><description>', '<html><body><p>', '{"text": "', '{"text":"a"}\n{"text": ', 'Title: x\n\n'];
const NAMES = ['x.txt', 'x.html', 'x.json', 'x.jsonl', 'x.xml', 'x.warc', 'x.warc.gz', 'cut.html.gz'];

/** The bytes as a file of that name: gzipped for .gz names, and cut in half for "cut" ones. */
function fileBytes(bytes: Buffer, name: string): Buffer {
  if (!name.endsWith('.gz')) return bytes;
  const gz = gzipSync(bytes);
  return name.startsWith('cut') ? gz.subarray(0, gz.length >> 1) : gz;
}

let n = 0;
async function readBytes(bytes: Buffer, name: string): Promise<void> {
  const file = path.join(tmp.dir, `${n++}-${name}`);
  writeFileSync(file, fileBytes(bytes, name));
  for await (const item of readSources([file], { maxBytes: 1 << 16, maxChars: 4096 })) {
    if (item.kind === 'failure') {
      expect(typeof item.failure.reason).toBe('string');
      expect(item.failure.reason).not.toMatch(/\n\s+at /);
    }
    if (item.kind === 'record') {
      // The article stage takes whatever a reader yields: an article or a reason, never a throw.
      const built = buildArticle(item.record, { now: new Date('2024-01-01T00:00:00Z'), maxChars: 4096 });
      expect(built.ok || typeof built.reason === 'string').toBe(true);
    }
  }
}

describe('source readers on arbitrary bytes', () => {
  it('never throw and never print a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PREFIXES), fc.uint8Array({ maxLength: 600 }), fc.constantFrom(...NAMES), async (prefix, body, name) => {
        await readBytes(Buffer.concat([Buffer.from(prefix), Buffer.from(body)]), name);
      }),
      { numRuns: 300, seed: 20240610 },
    );
  });

  it('never throw on arbitrary text, which reaches the parsers past the binary check', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PREFIXES), fc.string({ unit: 'grapheme', maxLength: 400 }), fc.constantFrom(...NAMES), async (prefix, text, name) => {
        await readBytes(Buffer.from(prefix + text), name);
      }),
      { numRuns: 300, seed: 20240611 },
    );
  });
});
