/** Bad entries mixed with good articles: every bad one is reported, and the good ones keep all their facts (issue 10). */
import { describe, it, expect, afterAll } from 'vitest';
import path from 'node:path';
import { ingest, type Rejection } from '../src/pipeline/ingest.js';
import { printable } from '../src/cli/format.js';
import { writeFuzzCorpus } from './fuzz/corpus.js';
import { MemoryStore } from './fuzz/memory-store.js';
import { tempDir, REPO } from './helpers.js';

const tmp = tempDir('sitrep-fuzz-');
afterAll(() => tmp.cleanup());
const MAX_CHARS = 20_000;

describe('a fuzz corpus', () => {
  it('rejects each bad entry with one line and stores the good articles with the facts of a clean run', async () => {
    const samples = path.join(REPO, 'samples');
    const bad = writeFuzzCorpus(tmp.dir, samples, { copies: 2, seed: 10, maxChars: MAX_CHARS });
    const clean = new MemoryStore();
    await ingest([samples], clean, { maxChars: MAX_CHARS, maxBytes: 8 << 20 });
    const mixed = new MemoryStore();
    const rejected: Rejection[] = [];
    const summary = await ingest([tmp.dir], mixed, { maxChars: MAX_CHARS, maxBytes: 8 << 20, onRejected: (r) => rejected.push(r) });
    expect(summary.stopped).toBeNull();
    // The JSON Lines file holds three bad records, the damaged WARC one: one line each, never fewer than the entries.
    expect(rejected.length).toBeGreaterThanOrEqual(bad);
    for (const r of rejected) expect(printable(`${r.origin.file} ${r.reason}`).split('\n')).toHaveLength(1);
    for (const [id, facts] of clean.facts) expect(mixed.facts.get(id)).toEqual(facts);
    expect([...mixed.articles.keys()].sort()).toEqual([...clean.articles.keys()].sort());
  }, 120_000);
});
