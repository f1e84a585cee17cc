import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { annotateArticle } from '../src/facts/annotate.js';
import { minhashSignature, containment, CopyIndex } from '../src/stories/copies.js';
import { words, storyFeatures, storyInput, storySourceOf } from '../src/stories/features.js';
import { StoryClusterer } from '../src/stories/cluster.js';
import { compareStory, type StoryMember } from '../src/stories/compare.js';
import { pairwiseScores, bcubedScores } from '../src/eval/stories.js';
import { Store } from '../src/store/store.js';
import { ingest } from '../src/pipeline/ingest.js';
import { updateStories } from '../src/pipeline/stories.js';
import { REPO, SEEDS, hasSeeds, storeTarget, runCli, jsonLines, tempDir } from './helpers.js';

const SAMPLES = path.join(REPO, 'samples');
const sampleText = (rel: string) => readFileSync(path.join(SAMPLES, rel), 'utf8');
const paragraphs = (text: string) => text.split(/\n\s*\n/).filter((p) => p.trim().length > 40);

function member(id: string, source: string, published: string, text: string, copyOf: string | null = null): StoryMember {
  const facts = annotateArticle({ id, text, published });
  return {
    article: { id, externalId: null, url: null, source, title: null, published, text },
    copyOf,
    sightedBy: [],
    events: facts.events,
    quotes: facts.quotes,
    actors: facts.mentions.flatMap((m) => (m.actor ? [{ code: m.actor.code, name: m.actor.name, country: m.actor.country, start: m.start, end: m.end }] : [])),
  };
}

describe('near-copies (MinHash over word shingles)', () => {
  const original = paragraphs(sampleText('text/kim-putin-vostochny.txt')).slice(1).join('\n\n');
  const sig = (text: string) => {
    const { signature, shingles } = minhashSignature(words(text));
    return { minhash: signature, shingles };
  };

  it('finds a retitled, trimmed and lightly edited copy, and a copy that keeps only its first half', () => {
    const paras = paragraphs(original);
    const edited = paras
      .slice(0, -1)
      .map((p, i) => (i === 1 ? p.replace(/\bsaid\b/g, 'told reporters').replace(/\bthe\b/, 'a') : p))
      .join('\n\n');
    const half = paras.slice(0, Math.ceil(paras.length / 2)).join('\n\n');
    expect(containment(sig(original), sig(edited))).toBeGreaterThan(0.8);
    expect(containment(sig(original), sig(half))).toBeGreaterThan(0.8);
  });

  it('does not take another outlet’s report of the same story for a copy', () => {
    const otherOutlet = paragraphs(readFileSync(path.join(SAMPLES, 'html/kim-putin-summit.html'), 'utf8').replace(/<[^>]+>/g, '\n')).join('\n\n');
    expect(containment(sig(original), sig(otherOutlet))).toBeLessThan(0.3);
  });

  it('links every later copy to the earliest one through the LSH index, never by scanning', () => {
    const index = new CopyIndex();
    const first = sig(original);
    index.add('a1', first, 'a1');
    const copy = sig(paragraphs(original).slice(0, -1).join('\n\n'));
    expect(index.find(copy)).toMatchObject({ root: 'a1', of: 'a1' });
    index.add('a2', copy, 'a1');
    const copyOfCopy = sig(paragraphs(original).slice(0, -2).join('\n\n'));
    expect(index.find(copyOfCopy)?.root).toBe('a1');
    expect(index.find(sig('A different text about a summit of leaders in another city, with words of its own. '.repeat(3)))).toBeNull();
  });
});

describe('story clustering', () => {
  const features = (id: string, title: string, text: string, published: string) =>
    storyFeatures(storyInput(storySourceOf({ id, title, text, published }, annotateArticle({ id, text, published }))));

  it('puts two reports of one event together and a different event apart, whatever their order of ids', () => {
    const clusterer = new StoryClusterer();
    const a = clusterer.add('a', features('a', 'Lavrov arrives in Pyongyang for talks', paragraphs(sampleText('text/kim-putin-vostochny.txt')).join('\n\n'), '2023-09-13'));
    const b = clusterer.add('b', features('b', 'Putin hosts Kim at spaceport', sampleText('text/kim-putin-vostochny.txt').replace(/Kim/g, 'Kim Jong Un'), '2023-09-14'));
    const c = clusterer.add('c', features('c', 'Camp David summit', sampleText('text/camp-david-scraped.txt'), '2023-08-19'));
    expect(b.storyId).toBe(a.storyId);
    expect(c.storyId).not.toBe(a.storyId);
  });

  /** Features made by hand: a bag of term ids with counts, no shingles (so no copies), a day. */
  const bag = (terms: number[], day: number | null, fresh = true, count = (_term: number) => 3) => ({
    terms: [...terms].sort((a, b) => a - b),
    counts: [...terms].sort((a, b) => a - b).map(count),
    minhash: [],
    shingles: 0,
    day,
    fresh,
  });
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

  it('merges two stories when an article close to both shows they are one', () => {
    const clusterer = new StoryClusterer();
    const a = clusterer.add('a', bag([...range(1, 10), ...range(11, 10)], 100));
    const b = clusterer.add('b', bag([...range(11, 10), ...range(21, 10)], 140));
    expect(b.storyId).not.toBe(a.storyId); // a month apart and half the words: two stories
    // A rehash without a news peg of its own, naming everything both told.
    const c = clusterer.add('c', bag(range(1, 30), 120, false));
    expect(c.storyId).toBe(a.storyId);
    expect(c.moves).toEqual([{ storyId: a.storyId, articleIds: ['b'] }]);
    expect(clusterer.storyCount).toBe(1);
  });

  it('splits a story that only one bridging article holds together', () => {
    const clusterer = new StoryClusterer();
    const first = clusterer.add('a1', bag(range(1, 12), 10)).storyId;
    clusterer.add('a2', bag(range(1, 12), 10));
    clusterer.add('x', bag([...range(1, 6), ...range(101, 6)], 11)); // one article on both developments
    // The other development shares two words with the first: not enough to link its articles to a1 or a2.
    const placed = ['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => clusterer.add(id, bag([1, 2, ...range(101, 12)], 11)));
    expect(placed.slice(0, 4).every((p) => p.storyId === first)).toBe(true); // joined through the bridge
    const split = placed[4]!; // the story's 8th article triggers the check
    expect(split.moves).toEqual([{ storyId: 'sb1', articleIds: ['b1', 'b2', 'b3', 'b4', 'b5'] }]);
    expect(split.storyId).toBe('sb1');
    expect(clusterer.storyCount).toBe(2);
  });

  it('scores pairwise and B-cubed against gold labels', () => {
    const gold = new Map([['1', 'x'], ['2', 'x'], ['3', 'y'], ['4', 'y']]);
    expect(pairwiseScores(gold, new Map([['1', 'p'], ['2', 'p'], ['3', 'q'], ['4', 'q']])).f1).toBe(1);
    const merged = pairwiseScores(gold, new Map([['1', 'p'], ['2', 'p'], ['3', 'p'], ['4', 'p']]));
    expect(merged.recall).toBe(1);
    expect(merged.precision).toBeCloseTo(2 / 6);
    expect(bcubedScores(gold, new Map([['1', 'p'], ['2', 'p'], ['3', 'p'], ['4', 'p']])).precision).toBeCloseTo(0.5);
  });
});

describe('disagreements between sources', () => {
  it('pairs counts that cannot both hold, and not those that can', () => {
    const story = compareStory('s1', [
      member('a', 'Outlet A', '2023-09-14', 'Putin and Kim held talks at the Vostochny cosmodrome for nearly three hours on Wednesday.'),
      member('b', 'Outlet B', '2023-09-14', 'Putin and Kim held talks at the Vostochny cosmodrome for more than four hours on Wednesday.'),
      member('c', 'Outlet C', '2023-09-14', 'Putin and Kim held talks at the Vostochny cosmodrome for about five hours on Wednesday.'),
    ]);
    const numbers = story.disagreements.filter((d) => d.kind === 'number');
    const pairs = numbers.map((d) => [d.a.outlet, d.b.outlet].sort().join('+')).sort();
    expect(pairs).toEqual(['Outlet A+Outlet B', 'Outlet A+Outlet C']);
    expect(numbers[0]!.a.text).toContain('cosmodrome');
  });

  it('ties an occasion to different countries ("Russia’s parade" against "the parade in North Korea")', () => {
    const story = compareStory('s1', [
      member('a', 'Outlet A', '2023-09-05', 'Russian Defense Minister Sergei Shoigu attended the military parade in North Korea at the end of July.'),
      member('b', 'Outlet B', '2023-11-07', 'For Kim Jong Un, the invitation to Russia’s major military parade holds strategic importance.'),
    ]);
    const place = story.disagreements.find((d) => d.kind === 'place' && d.subject.includes('parade'));
    expect(place).toBeDefined();
    expect([place!.a.value, place!.b.value].join(' | ')).toMatch(/North Korea.*\|.*Russia|Russia.*\|.*North Korea/);
  });

  it('does not count a near-copy as an independent source of a disagreement or a corroboration', () => {
    const text = 'North Korea fired two ballistic missiles into the sea on Wednesday, South Korea’s military said.';
    const story = compareStory('s1', [member('a', 'Wire', '2023-08-31', text), member('b', 'Reprint', '2023-08-31', text, 'a')]);
    const launch = story.timeline.find((e) => e.source.code?.startsWith('PRK'));
    expect(launch?.evidence).toHaveLength(2);
    expect(launch?.corroboration).toBe(1);
    expect(story.outlets.map((o) => o.outlet).sort()).toEqual(['Reprint', 'Wire']);
  });
});

describe('stories in the store', () => {
  let target: Awaited<ReturnType<typeof storeTarget>>;
  let store: Store;
  const storyOf = new Map<string, string>();

  beforeAll(async () => {
    target = await storeTarget('pglite');
    store = await Store.open(target.target);
    // Two runs, as a user adds coverage over time: incremental clustering with state replayed from the store.
    await ingest([path.join(SAMPLES, 'text'), path.join(SAMPLES, 'html')], store);
    await updateStories(store.stories);
    await ingest([path.join(SAMPLES, 'feeds'), path.join(SAMPLES, 'batch'), path.join(SAMPLES, 'warc')], store);
    await updateStories(store.stories);
    for await (const page of store.stories.members()) for (const row of page) storyOf.set(row.articleId, `${row.storyId} ${row.copyOf}`);
  }, 180_000);
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it('groups the sample corpus into several stories and folds the reprinted wire story into its original', async () => {
    const stories = await store.stories.list();
    expect(stories.length).toBeGreaterThanOrEqual(5);
    expect(stories.length).toBeLessThan(20);
    const all = stories.flatMap((s) => s.articles.map((a) => ({ ...a, story: s.id })));
    const gazette = all.find((a) => a.source === 'harborgazette.com')!;
    const dispatch = all.find((a) => a.source?.startsWith('Pacific Dispatch') && /orbit/.test(a.title ?? ''))!;
    // The reprint has only a bare date, so either may come first; the later arrival links to the earlier.
    expect([gazette.copyOf, dispatch.copyOf]).toContain(gazette.copyOf ? dispatch.id : gazette.id);
    expect(gazette.story).toBe(dispatch.story);
    const satellite = stories.find((s) => s.id === gazette.story)!;
    expect(satellite.outletCount).toBeGreaterThanOrEqual(2);
    for (const s of stories) expect(s).toMatchObject({ id: expect.any(String), title: expect.any(String), articleCount: s.articles.length });
  });

  it('gives the same stories when rebuilt from scratch as the incremental runs gave', async () => {
    const summary = await updateStories(store.stories, { rebuild: true });
    expect(summary.articles).toBe(storyOf.size);
    const rebuilt = new Map<string, string>();
    for await (const page of store.stories.members()) for (const row of page) rebuilt.set(row.articleId, `${row.storyId} ${row.copyOf}`);
    expect(rebuilt).toEqual(storyOf);
  });

  it('compares a story across its sources with evidence spans into each article', async () => {
    const [biggest] = (await store.stories.list()).sort((a, b) => b.articleCount - a.articleCount);
    const story = await store.stories.comparison(biggest!.id);
    expect(story).not.toBeNull();
    if (!story || story === 'ambiguous') return;
    expect(story.timeline.length).toBeGreaterThan(0);
    for (const e of story.timeline) {
      expect(e.corroboration).toBe(e.outlets.length);
      for (const ev of e.evidence) expect(ev.sentence.end).toBeGreaterThan(ev.sentence.start);
    }
    expect(story.outlets.length).toBeGreaterThanOrEqual(2);
    expect(story.toneLexicon).toMatch(/AFINN-165/);
  });
});

describe.skipIf(!hasSeeds)('the seed articles (../shared/seeds)', () => {
  const tmp = tempDir('sitrep-seeds-stories-');
  afterAll(() => tmp.cleanup());

  it('puts both seeds in one story and shows whose military parade it was as a disagreement', async () => {
    const db = path.join(tmp.dir, 'db');
    expect((await runCli(['ingest', SEEDS, '--db', db])).code).toBe(0);
    const stories = jsonLines((await runCli(['stories', '--db', db, '--json'])).stdout);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.articleCount).toBe(2);
    const view = await runCli(['story', String(stories[0]!.id).slice(0, 8), '--db', db]);
    expect(view.code).toBe(0);
    expect(view.stdout).toMatch(/\[place\] the parade: whose or where/);
    expect(view.stdout).toMatch(/│ .*parade in\s/);
    const json = jsonLines((await runCli(['story', String(stories[0]!.id), '--db', db, '--json'])).stdout)[0]!;
    expect(json).toHaveProperty('timeline');
    const parade = (json.disagreements as { kind: string; a: { value: string }; b: { value: string } }[]).find((d) => d.kind === 'place');
    expect([parade?.a.value, parade?.b.value].sort()).toEqual(['Russia’s major military parade', 'parade in North Korea']);
  });
});

describe('story data files (data/stories)', () => {
  const data = (name: string) => JSON.parse(readFileSync(path.join(REPO, 'data', 'stories', name), 'utf8'));

  it('stopwords are lower-case single words', () => {
    for (const w of data('stopwords.json').stopwords as string[]) expect(w, w).toMatch(/^[a-z']+$/);
  });

  it('disagreement rules are well formed: ranges, units, synonyms and occasions', () => {
    const d = data('disagreements.json');
    for (const [phrase, range] of Object.entries(d.qualifiers as Record<string, (number | null)[]>)) {
      expect(range, phrase).toHaveLength(2);
      expect(range[0], phrase).toBeGreaterThanOrEqual(0);
      if (range[1] !== null) expect(range[1]!, phrase).toBeGreaterThanOrEqual(range[0]!);
    }
    for (const [word, value] of Object.entries(d.numbers as Record<string, number>)) expect(value, word).toBeGreaterThan(0);
    const canonical = new Set(Object.values(d.units as Record<string, string>));
    for (const unit of canonical) expect(unit).toMatch(/^[a-z%]+$/);
    for (const group of d.contexts as string[][]) expect(group.length).toBeGreaterThan(1);
    for (const occasion of d.occasions as string[]) expect(occasion).toMatch(/^[a-z]+$/);
  });
});
