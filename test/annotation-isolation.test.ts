import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ingest } from '../src/pipeline/ingest.js';
import { reannotate } from '../src/pipeline/reannotate.js';
import { annotateArticle, annotateSafely } from '../src/facts/annotate.js';
import { createDoc, tokenText, unreadableRuns } from '../src/document/doc.js';
import { defaultPatterns } from '../src/facts/events/patterns.js';
import type { ActorDictionary } from '../src/facts/actors/dictionary.js';
import type { Article } from '../src/article/types.js';
import { Store, type SaveSummary, type StoredFacts } from '../src/store/store.js';
import { REPO, jsonLines, runCli, tempDir } from './helpers.js';

const tmp = tempDir('sitrep-isolation-');
afterAll(() => tmp.cleanup());

const GOOD = 'Russia and North Korea held talks in Moscow on Friday, the ministry said.';
const sample = readFileSync(path.join(REPO, 'samples', 'text', 'kim-putin-vostochny.txt'), 'utf8');

/** A store that keeps what it is given, facts included. */
class MemoryStore {
  articles: Article[] = [];
  facts: StoredFacts[] = [];
  async saveBatch(articles: Article[], facts: StoredFacts[] = []): Promise<SaveSummary> {
    this.articles.push(...articles);
    this.facts.push(...facts);
    return { ingested: articles.length, duplicates: 0, unchanged: 0 };
  }
  async recordHashes(): Promise<Map<string, Set<string>>> {
    return new Map();
  }
}

describe('one article can neither break nor slow the next', () => {
  it('skips a 10 MB word, reports it, and keeps the facts of the article around it and of every later one', async () => {
    // A 10 MB word overflowed the stack inside wink and left its lexicon broken: every later article of the
    // run was stored with no facts.
    const word = path.join(tmp.dir, 'a-word.txt');
    writeFileSync(word, `Title: One word\n\n${GOOD}\n\n${'x'.repeat(10_000_000)}\n\nChina and Japan signed a trade agreement in Tokyo.`);
    const good = path.join(tmp.dir, 'b-good.txt');
    writeFileSync(good, sample);
    const store = new MemoryStore();
    // Past the default limit on text length (1,000,000 characters), as a user who raised it would ingest it.
    const summary = await ingest([word, good], store, { maxChars: 20_000_000 });
    expect(summary.ingested).toBe(2);
    const [hostile, clean] = store.facts;
    expect(hostile!.missing).toBeUndefined();
    expect(hostile!.mentions.map((m) => m.text)).toEqual(['Russia', 'North Korea', 'Moscow', 'China', 'Japan', 'Tokyo']);
    const expected = annotateArticle({ id: clean!.articleId, text: store.articles[1]!.text, published: store.articles[1]!.published });
    expect(clean).toMatchObject({ mentions: expected.mentions, events: expected.events, quotes: expected.quotes });
    expect(clean!.mentions.length).toBeGreaterThan(10);
    expect(summary.warnings).toEqual([
      { origin: { file: word }, reason: expect.stringMatching(/^skipped 1 run\(s\) of more than 1000 characters without a space \(the longest 10000000\)/) },
    ]);
  });

  it('reads a 1 MB word as no words at all, at once (its abbreviation check was quadratic: 10 minutes)', () => {
    const { facts, missing, warnings } = annotateSafely({ id: 'w', text: 'a.'.repeat(500_000), published: null });
    expect(missing).toBeNull();
    expect(facts.mentions).toEqual([]);
    expect(warnings).toHaveLength(1);
  });

  it('keeps offsets after long runs of spaces (wink counts at most 65,535 before a token)', () => {
    const text = `Russia said${' '.repeat(70_000)}North Korea agreed.`;
    const doc = createDoc(text, { articleId: 's', published: null });
    expect(Array.from({ length: doc.tokenStart.length }, (_, i) => tokenText(doc, i))).toEqual(['Russia', 'said', 'North', 'Korea', 'agreed', '.']);
    expect(unreadableRuns(text)).toEqual([]);
  });

  it('stores an article past its time budget without facts, marked, and reannotate --missing retries it', async () => {
    const store = await Store.open(path.join(tmp.dir, 'budget-db'));
    try {
      const long = path.join(tmp.dir, 'long.txt');
      writeFileSync(long, `Title: Long\n\n${Array.from({ length: 20 }, () => sample).join('\n\n')}`);
      const short = path.join(tmp.dir, 'short.txt');
      writeFileSync(short, `Title: Short\n\n${GOOD}`);
      // A budget of 0 ms: the first deadline check after the clock moves gives up.
      const summary = await ingest([long], store, { annotationBudgetMs: 0 });
      await ingest([short], store);
      expect(summary.ingested).toBe(1);
      expect(summary.warnings.map((w) => w.reason)).toEqual([expect.stringMatching(/^facts not extracted: annotation ran past its budget of 0 s/)]);
      const article = (await store.listArticles()).find((a) => a.title === 'Long')!;
      expect(await store.mentions(article.id)).toEqual([]);
      // Only the marked article is retried; with no budget it gets its facts and loses the mark.
      const retried = await reannotate(store, { missingOnly: true, budgetMs: Infinity });
      const expected = annotateArticle(article);
      expect(retried).toMatchObject({ articles: 1, mentions: expected.mentions.length, missing: [] });
      expect(expected.mentions.length).toBeGreaterThan(10);
      expect(await store.mentions(article.id)).toHaveLength(expected.mentions.length);
      expect(await reannotate(store, { missingOnly: true })).toMatchObject({ articles: 0 });
    } finally {
      await store.close();
    }
  });

  it('sitrep annotate says what it skipped on stderr and still answers the line', async () => {
    const r = await runCli(['annotate'], { input: `${JSON.stringify({ id: 'a', text: `${GOOD} ${'z'.repeat(2000)}` })}\n` });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^sitrep: stdin \(line 1\): skipped 1 run\(s\) of more than 1000 characters without a space \(the longest 2000\)/);
    const [line] = jsonLines(r.stdout);
    expect((line!.mentions as Array<{ text: string }>).map((m) => m.text)).toEqual(['Russia', 'North Korea', 'Moscow']);
  });

  it('turns a failing stage into a warning and an article without facts, and the next article is annotated whole', () => {
    const broken = new Proxy({} as ActorDictionary, {
      get: () => {
        throw new Error('dictionary unavailable');
      },
    });
    const failed = annotateSafely({ id: 'f', text: GOOD, published: '2023-09-05' }, { knowledge: { dictionary: broken, patterns: defaultPatterns() } });
    expect(failed.missing).toBe('annotation failed: dictionary unavailable');
    expect(failed.facts).toMatchObject({ mentions: [], events: [], quotes: [] });
    const next = annotateSafely({ id: 'n', text: GOOD, published: '2023-09-05' });
    expect(next.facts.mentions.map((m) => m.text)).toEqual(['Russia', 'North Korea', 'Moscow']);
    expect(next.facts.events.map((e) => e.type)).toEqual(['CONSULT']);
  });
});
