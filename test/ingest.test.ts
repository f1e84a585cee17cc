import { describe, it, expect, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ingest } from '../src/pipeline/ingest.js';
import type { Article } from '../src/article/types.js';
import type { SaveSummary } from '../src/store/store.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('sitrep-ingest-');
afterAll(() => tmp.cleanup());

/** A store that refuses any batch holding a "POISON" article, as a database refusing one row would. */
class RefusingStore {
  saved: Article[] = [];
  batches = 0;
  async saveBatch(articles: Article[]): Promise<SaveSummary> {
    this.batches++;
    if (articles.some((a) => a.text.includes('POISON'))) throw new Error('value rejected by the database');
    this.saved.push(...articles);
    return { ingested: articles.length, duplicates: 0, unchanged: 0 };
  }
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
    const early = await ingest([file], store, { now: new Date('2026-11-22T00:00:00Z') });
    expect(early.rejected[0]!.reason).toBe('published date 2026-12-25 is in the future (ingested 2026-11-22T00:00:00.000Z)');
  });

  it('strips control characters from text', async () => {
    const file = path.join(tmp.dir, 'nul.jsonl');
    writeFileSync(file, JSON.stringify({ title: 'x', text: 'Seoul\u0000 said\u0007 so.' }));
    const store = new RefusingStore();
    await ingest([file], store);
    expect(store.saved[0]!.text).toBe('Seoul said so.');
  });
});
