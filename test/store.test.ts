import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Store } from '../src/store/store.js';
import type { Article } from '../src/article/types.js';
import { articleId } from '../src/article/identity.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BACKENDS, storeTarget, tempDir } from './helpers.js';

function article(text: string, extra: Partial<Article> = {}): Article {
  return {
    id: articleId(text),
    externalId: null,
    url: null,
    source: 'Test Wire',
    title: null,
    published: null,
    updated: null,
    language: 'en',
    byline: null,
    text,
    origin: { file: '/in/a.jsonl', record: 'line 1' },
    ...extra,
  };
}

describe.each(BACKENDS)('store on %s', (backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let target: string;

  beforeAll(async () => {
    ({ target, cleanup } = await storeTarget(backend));
    store = await Store.open(target);
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  const drills = article('Russia proposed joint naval exercises with North Korea and China, the NIS said.', {
    title: 'Russia floats trilateral drills',
    published: '2023-09-05T08:22:00+09:00',
    source: 'Seoul Daily Post',
    url: 'https://sdp.example/drills',
    origin: { file: '/in/a.jsonl', record: 'line 1' },
  });
  const parade = article('Shoigu attended the military parade in Pyongyang at the end of July.', {
    title: 'Shoigu in Pyongyang',
    published: '2023-07-28',
    source: 'Pacific Dispatch',
    origin: { file: '/in/a.jsonl', record: 'line 2' },
  });

  it('stores a batch and counts it', async () => {
    expect(await store.saveBatch([drills, parade])).toEqual({ ingested: 2, duplicates: 0, unchanged: 0 });
    expect(await store.counts()).toEqual({ articles: 2, sightings: 2 });
  });

  it('changes nothing when the same batch is saved again', async () => {
    expect(await store.saveBatch([drills, parade])).toEqual({ ingested: 0, duplicates: 0, unchanged: 2 });
    expect(await store.counts()).toEqual({ articles: 2, sightings: 2 });
  });

  it('stores an exact copy from elsewhere once, recording the sighting', async () => {
    const copy = { ...drills, url: 'https://mirror.example/x', source: 'Mirror', origin: { file: '/in/b.html' } };
    const copyInSameBatch = { ...drills, origin: { file: '/in/c.html' } };
    expect(await store.saveBatch([copy, copyInSameBatch])).toEqual({ ingested: 0, duplicates: 2, unchanged: 0 });
    const sightings = await store.sightings(drills.id);
    expect(sightings.map((s) => s.origin.file)).toEqual(['/in/a.jsonl', '/in/b.html', '/in/c.html']);
    expect(sightings[1]).toMatchObject({ url: 'https://mirror.example/x', source: 'Mirror' });
    // The stored article keeps its first origin and fields.
    expect(await store.getArticle(drills.id)).toEqual(drills);
  });

  it('rolls a failing batch back whole', async () => {
    const good = article('A perfectly good article about the Camp David summit on Aug. 18.', { origin: { file: '/in/d.txt' } });
    // PostgreSQL refuses NUL characters in text: the second row fails, so the first must not stay.
    const bad = article('Broken \u0000 text', { origin: { file: '/in/e.txt' } });
    await expect(store.saveBatch([good, bad])).rejects.toThrow();
    expect(await store.getArticle(good.id)).toBeNull();
    expect(await store.counts()).toEqual({ articles: 2, sightings: 4 });
  });

  it('stores and indexes a very long text (beyond what one tsvector holds)', async () => {
    const long = article(`Seoul and Tokyo ${'condemned the launch in separate statements on Wednesday. '.repeat(30000)}`, {
      origin: { file: '/in/long.txt' },
      published: '2023-01-01',
    });
    expect(long.text.length).toBeGreaterThan(1_500_000);
    expect(await store.saveBatch([long])).toMatchObject({ ingested: 1 });
    expect((await store.search('condemned')).map((h) => h.article.id)).toEqual([long.id]);
    await store.saveBatch([]);
  });

  it('filters by date range and source, newest first', async () => {
    const all = await store.listArticles();
    expect(all.map((a) => a.title)).toEqual([drills.title, parade.title, null]);
    expect((await store.listArticles({ since: '2023-09-01T00:00:00Z' })).map((a) => a.id)).toEqual([drills.id]);
    expect((await store.listArticles({ until: '2023-08-01T00:00:00Z', since: '2023-02-01T00:00:00Z' })).map((a) => a.id)).toEqual([parade.id]);
    expect((await store.listArticles({ source: 'pacific dispatch' })).map((a) => a.id)).toEqual([parade.id]);
    expect((await store.listArticles({ limit: 1, offset: 1 })).map((a) => a.id)).toEqual([parade.id]);
    expect(await store.listArticles({ source: "x' OR '1'='1" })).toEqual([]);
  });

  it('finds an article by a unique id prefix', async () => {
    expect(((await store.getArticle(drills.id.slice(0, 8))) as Article).id).toBe(drills.id);
    expect(await store.getArticle('zzzzzzzz')).toBeNull();
    expect(await store.getArticle('%')).toBeNull();
  });

  it('searches title and text with stemming, phrases and exclusions', async () => {
    const hits = await store.search('exercise');
    expect(hits.map((h) => h.article.id)).toEqual([drills.id]);
    expect(hits[0]!.snippet).toContain('«exercises»');
    expect((await store.search('"military parade"')).map((h) => h.article.id)).toEqual([parade.id]);
    expect((await store.search('Pyongyang OR Russia')).length).toBe(2);
    expect((await store.search('Pyongyang OR Russia', 1)).length).toBe(1);
    expect((await store.search('Russia -China')).map((h) => h.article.id)).toEqual([]);
    expect(await store.search("'); DROP TABLE articles; --")).toEqual([]);
    expect((await store.counts()).articles).toBe(3);
  });

  it('stores the facts of new articles with them, replaces them on reannotation, and counts actors', async () => {
    const text = 'Russia and North Korea held talks; Russia said so.';
    const a = article(text, { origin: { file: '/in/facts.txt' } });
    const mention = (start: number, end: number, code: string, name: string) => ({
      start, end, text: text.slice(start, end), type: 'country' as const, form: 'name' as const,
      actor: { code, id: code, name, country: code, role: null },
    });
    const facts = { articleId: a.id, events: [], quotes: [], mentions: [mention(0, 6, 'RUS', 'Russia'), mention(11, 22, 'PRK', 'North Korea'), mention(35, 41, 'RUS', 'Russia')] };
    await store.saveBatch([a], [facts]);
    expect((await store.mentions(a.id)).map((m) => m.text)).toEqual(['Russia', 'North Korea', 'Russia']);
    // A copy seen elsewhere brings no second set of facts.
    await store.saveBatch([{ ...a, origin: { file: '/in/copy.txt' } }], [facts]);
    expect(await store.mentions(a.id)).toHaveLength(3);
    const counts = await store.actors();
    expect(counts.find((c) => c.code === 'RUS')).toMatchObject({ mentions: 2, articles: 1, name: 'Russia' });
    await store.replaceFacts([{ articleId: a.id, events: [], quotes: [], mentions: [mention(11, 22, 'PRK', 'North Korea')] }]);
    expect((await store.mentions(a.id)).map((m) => m.actor?.code)).toEqual(['PRK']);
    expect((await store.articlesAfter('', 1000)).map((x) => x.id)).toContain(a.id);
  });

  it('reopens with migrations already applied', async () => {
    // One process at a time may hold a PGlite folder: close before reopening.
    await store.close();
    store = await Store.open(target);
    expect((await store.counts()).articles).toBe(4);
  });
});

describe('one process at a time on a PGlite folder', () => {
  it('refuses a second opener while the first holds the store, and takes over a lock left by a dead process', async () => {
    const t = tempDir('sitrep-lock-');
    try {
      const first = await Store.open(t.dir);
      await expect(Store.open(t.dir)).rejects.toThrow(`the store is in use by another sitrep process (pid ${process.pid})`);
      await first.close();
      // A process that has exited: its pid is free, so its lock is stale.
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
      writeFileSync(path.join(t.dir, 'sitrep.lock'), dead);
      const again = await Store.open(t.dir);
      expect((await again.counts()).articles).toBe(0);
      await again.close();
    } finally {
      t.cleanup();
    }
  });
});
