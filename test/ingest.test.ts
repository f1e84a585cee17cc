import { describe, it, expect, afterAll, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ingest, exitStatus, type IngestSummary } from '../src/pipeline/ingest.js';
import type { Article } from '../src/article/types.js';
import type { SaveSummary, StoredFacts } from '../src/store/store.js';
import { StoreFailure } from '../src/store/sql.js';
import { tempDir } from './helpers.js';

// Annotation gives no facts for an article that says BOOM, as for an article over the annotation budget.
vi.mock('../src/facts/annotate.js', async (original) => {
  const real = await original<typeof import('../src/facts/annotate.js')>();
  return {
    ...real,
    annotateSafely: (article: Parameters<typeof real.annotateSafely>[0], options: Parameters<typeof real.annotateSafely>[1]) => {
      if (!article.text.includes('BOOM')) return real.annotateSafely(article, options);
      const missing = 'annotation ran past its budget of 60 s';
      return { facts: { articleId: article.id, mentions: [], events: [], quotes: [], uncoded: [] }, missing, warnings: [`facts not extracted: ${missing}`] };
    },
  };
});

const tmp = tempDir('sitrep-ingest-');
afterAll(() => tmp.cleanup());

/** A store that refuses any batch holding a "POISON" article, as a database refusing one row would. */
class RefusingStore {
  saved: Article[] = [];
  batches: number[] = [];
  facts: StoredFacts[] = [];
  /** Record hashes by file, then record, as the store keeps them. */
  hashes = new Map<string, Map<string, Set<string>>>();
  /** Fails the store itself (a full disk) once this many articles are saved. */
  failAfter = Infinity;
  async saveBatch(articles: Article[], facts: StoredFacts[] = [], hashes: Array<string | null> = []): Promise<SaveSummary> {
    if (this.saved.length + articles.length > this.failAfter) throw new StoreFailure('no space left on the device holding /db');
    this.batches.push(articles.length);
    if (articles.some((a) => a.text.includes('POISON'))) throw new Error('value rejected by the database');
    this.saved.push(...articles);
    this.facts.push(...facts);
    articles.forEach((a, i) => {
      const byRecord = this.hashes.get(a.origin.file) ?? new Map<string, Set<string>>();
      byRecord.set(a.origin.record ?? '', new Set([...(byRecord.get(a.origin.record ?? '') ?? []), hashes[i]!]));
      this.hashes.set(a.origin.file, byRecord);
    });
    return { ingested: articles.length, duplicates: 0, unchanged: 0 };
  }
  async recordHashes(file: string): Promise<Map<string, Set<string>>> {
    return this.hashes.get(file) ?? new Map();
  }
}

function jsonl(name: string, texts: string[]): string {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, texts.map((text, i) => JSON.stringify({ id: `r${i}`, title: `T${i}`, text, date: '2023-09-05' })).join('\n'));
  return file;
}

describe('ingest pipeline', () => {
  it('saves in batches and, when a batch fails, loses only the article the store refuses', async () => {
    const file = path.join(tmp.dir, 'batch.jsonl');
    const texts = ['Alpha report.', 'Beta report.', 'POISON report.', 'Gamma report.', 'Delta report.'];
    writeFileSync(file, texts.map((text, i) => JSON.stringify({ id: `r${i}`, title: `T${i}`, text })).join('\n'));
    const store = new RefusingStore();
    const rejected: string[] = [];
    const summary = await ingest([file], store, { batchSize: 2, onRejected: (r) => rejected.push(`${r.origin.record}: ${r.reason}`) });
    expect(store.saved.map((a) => a.text)).toEqual(['Alpha report.', 'Beta report.', 'Gamma report.', 'Delta report.']);
    expect(summary).toMatchObject({ files: 1, records: 5, ingested: 4 });
    expect(rejected).toEqual(['line 3: store refused the article: value rejected by the database']);
  });

  it('rejects dates in the future relative to the ingestion time it is given', async () => {
    const file = path.join(tmp.dir, 'future.txt');
    writeFileSync(file, 'date 2026-12-25\nA Christmas article.');
    const store = new RefusingStore();
    const past = await ingest([file], store, { now: new Date('2027-01-01T00:00:00Z') });
    expect(past.ingested).toBe(1);
    const early = await ingest([file], new RefusingStore(), { now: new Date('2026-11-22T00:00:00Z') });
    expect(early.rejected[0]!.reason).toBe('published date 2026-12-25 is in the future (ingested 2026-11-22T00:00:00.000Z)');
  });

  it('strips control characters from text', async () => {
    const file = path.join(tmp.dir, 'nul.jsonl');
    writeFileSync(file, JSON.stringify({ title: 'x', text: 'Seoul\u0000 said\u0007 so.' }));
    const store = new RefusingStore();
    await ingest([file], store);
    expect(store.saved[0]!.text).toBe('Seoul said so.');
  });

  it('commits by size and by time as well as by count, so a long run keeps its progress', async () => {
    const file = jsonl('many.jsonl', Array.from({ length: 10 }, (_, i) => `Report number ${i} from Seoul.`));
    const bySize = new RefusingStore();
    await ingest([file], bySize, { batchSize: 1000, flush: { chars: 60, ms: Infinity } });
    expect(bySize.batches).toEqual([3, 3, 3, 1]);
    let ms = 0;
    const byTime = new RefusingStore();
    // Each reading of the clock (as a batch starts, and after each article) is a second later: a batch is
    // committed once it is 4 seconds old, at its fourth article.
    await ingest([file], byTime, { batchSize: 1000, flush: { chars: Infinity, ms: 4000 }, clock: () => (ms += 1000) });
    expect(byTime.batches).toEqual([4, 4, 2]);
  });

  it('stops at a failure of the store itself with what was committed, instead of failing every later article', async () => {
    const file = jsonl('full.jsonl', Array.from({ length: 10 }, (_, i) => `Dispatch ${i} from Tokyo.`));
    const store = new RefusingStore();
    store.failAfter = 4;
    const rejected: string[] = [];
    const summary = await ingest([file], store, { batchSize: 2, onRejected: (r) => rejected.push(r.reason) });
    expect(summary.stopped).toBe('no space left on the device holding /db');
    expect(summary.ingested).toBe(4);
    expect(rejected).toEqual([]);
    expect(exitStatus(summary)).toBe(1);
  });

  it('skips the records a rerun stored before without building or annotating them again', async () => {
    const file = jsonl('rerun.jsonl', ['First report from Seoul.', 'Second report from Seoul.']);
    const store = new RefusingStore();
    expect((await ingest([file], store)).ingested).toBe(2);
    const rerun = await ingest([file], store);
    expect(rerun).toMatchObject({ records: 2, ingested: 0, unchanged: 2 });
    expect(store.batches).toEqual([2]);
    // A record whose content changed under the same origin is read again.
    writeFileSync(file, [JSON.stringify({ id: 'r0', title: 'T0', text: 'First report from Seoul.', date: '2023-09-05' }), JSON.stringify({ id: 'r1', text: 'Edited.' })].join('\n'));
    expect(await ingest([file], store)).toMatchObject({ ingested: 1, unchanged: 1 });
  });

  it('stores an article whose facts fail with a warning, counted, and --strict makes it exit 2', async () => {
    const file = jsonl('warn.jsonl', ['Russia and China held talks. BOOM', 'North Korea fired a missile on Friday.']);
    const store = new RefusingStore();
    const warned: string[] = [];
    const summary = await ingest([file], store, { onWarning: (w) => warned.push(`${w.origin.record}: ${w.reason}`) });
    expect(summary.ingested).toBe(2);
    expect(warned).toEqual(['line 1: facts not extracted: annotation ran past its budget of 60 s']);
    // Both are stored; the first is marked as having no facts, for `sitrep reannotate --missing`.
    expect(store.facts.map((f) => [f.articleId, f.missing ?? null])).toEqual([
      [store.saved[0]!.id, 'annotation ran past its budget of 60 s'],
      [store.saved[1]!.id, null],
    ]);
    expect(exitStatus(summary)).toBe(0);
    expect(exitStatus(summary, true)).toBe(2);
  });
});

describe('exit status', () => {
  const base: IngestSummary = { files: 1, records: 1, ingested: 1, duplicates: 0, unchanged: 0, rejected: [], warnings: [], stopped: null, seconds: 0, articlesPerSecond: 0 };
  const bad = [{ origin: { file: 'x' }, reason: 'empty file' }];
  it.each([
    ['everything stored', base, 0],
    ['stored again unchanged', { ...base, ingested: 0, unchanged: 1 }, 0],
    ['some rejected', { ...base, rejected: bad }, 2],
    ['nothing stored, some rejected', { ...base, ingested: 0, rejected: bad }, 1],
    ['the store failed', { ...base, stopped: 'disk full' }, 1],
  ] as const)('%s → %s', (_, summary, code) => {
    expect(exitStatus(summary as IngestSummary)).toBe(code);
  });
});
