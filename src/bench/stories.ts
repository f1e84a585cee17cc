/**
 * The stories stage at scale: 100,000 synthetic articles in 20,000 stories over a year, clustered online
 * (features, near-copy lookup, candidate stories, merges), against cutting the same texts into words
 * alone. Each synthetic story has words and actors of its own among words drawn from real news text, and a
 * fifth of its articles are trimmed reprints, so vectors, postings and LSH buckets look like a news
 * stream's. The pairwise F1 against the generator's labels shows that speed was not bought with quality.
 */
import { performance } from 'node:perf_hooks';
import { dayOf, storyFeatures, words, type StoryInput } from '../stories/features.js';
import { StoryClusterer, byArrival } from '../stories/cluster.js';
import { pairwiseScores } from '../eval/stories.js';

const ARTICLES = 100_000;
const PER_STORY = 5;
const DAY0 = 19_358; // 2023-01-01

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'ro', 'mi', 'tsu', 'len', 'var', 'do', 'shi', 'an', 'el', 'por', 'gu', 'zen', 'bra', 'ti', 'no'];

/** A made-up word unique to (story, slot): the story's own names and topic words. */
function storyWord(story: number, slot: number, capital: boolean): string {
  let n = story * 10 + slot;
  let w = '';
  for (let i = 0; i < 5; i++) {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return capital ? w[0]!.toUpperCase() + w.slice(1) : w;
}

interface SyntheticArticle extends StoryInput {
  published: string;
  story: number;
}

export function syntheticStream(paragraphs: string[], count = ARTICLES): SyntheticArticle[] {
  const rand = random(7345);
  const vocabulary = paragraphs.flatMap((p) => p.split(/\s+/));
  const codes = ['USA', 'CHN', 'RUS', 'PRK', 'KOR', 'JPN', 'IND', 'IRN', 'ISR', 'UKR', 'GBR', 'FRA', 'DEU', 'TUR', 'BRA', 'ZAF', 'NGA', 'EGY', 'SAU', 'PAK'];
  const out: SyntheticArticle[] = [];
  const stories = Math.ceil(count / PER_STORY);
  for (let s = 0; s < stories; s++) {
    const names = Array.from({ length: 4 }, (_, i) => storyWord(s, i, true));
    const topic = Array.from({ length: 6 }, (_, i) => storyWord(s, 4 + i, false));
    const actors = [codes[Math.floor(rand() * codes.length)]!, codes[Math.floor(rand() * codes.length)]!, `${names[0]!.toUpperCase().slice(0, 3)}GOV`];
    const day = DAY0 + Math.floor((s / stories) * 365);
    let original = '';
    for (let k = 0; k < PER_STORY && out.length < count; k++) {
      const id = `${s.toString(16).padStart(8, '0')}${k.toString(16).padStart(8, '0')}`;
      const published = new Date((day + Math.floor(rand() * 3)) * 86400000 + Math.floor(rand() * 86400000)).toISOString();
      let text: string;
      if (k > 0 && rand() < 0.2) {
        text = original.split('\n\n').slice(0, -1).join('\n\n'); // a trimmed reprint
      } else {
        const paras: string[] = [];
        const n = 3 + Math.floor(rand() * 3);
        for (let p = 0; p < n; p++) {
          // Words drawn from running news text keep its word frequencies; a third are the story's own.
          const sentence: string[] = [];
          for (let w = 0; w < 45; w++) sentence.push(rand() < 0.3 ? (rand() < 0.5 ? names : topic)[Math.floor(rand() * 4)]! : vocabulary[Math.floor(rand() * vocabulary.length)]!);
          paras.push(`${sentence.join(' ')}.`);
        }
        text = paras.join('\n\n');
        if (k === 0) original = text;
      }
      out.push({
        id,
        title: `${names[0]} ${topic[0]} ${topic[1]} ${names[1]}`,
        text,
        day: null,
        fresh: true,
        published,
        actors: actors.filter(() => rand() < 0.8),
        dyads: rand() < 0.6 ? [`${actors[0]}>CONSULT>${actors[1]}`] : [],
        story: s,
      });
    }
  }
  for (const a of out) a.day = dayOf(a.published);
  return out.sort(byArrival);
}

export interface StoriesBench {
  articles: number;
  words: number;
  wordsPerSecond: number;
  clusterPerSecond: number;
  stories: number;
  pairwiseF1: number;
}

export function benchStories(paragraphs: string[], count = ARTICLES): StoriesBench {
  const stream = syntheticStream(paragraphs, count);
  // Baseline: cutting every text into words once, the least any clustering must do.
  let start = performance.now();
  let n = 0;
  for (const a of stream) n += words(a.text).length;
  const wordsPerSecond = (stream.length * 1000) / (performance.now() - start);
  start = performance.now();
  const clusterer = new StoryClusterer();
  const storyOf = new Map<string, string>();
  for (const a of stream) {
    const assignment = clusterer.add(a.id, storyFeatures(a));
    for (const move of assignment.moves) for (const id of move.articleIds) storyOf.set(id, move.storyId);
    storyOf.set(a.id, assignment.storyId);
  }
  const clusterPerSecond = (stream.length * 1000) / (performance.now() - start);
  const gold = new Map(stream.map((a) => [a.id, String(a.story)]));
  const predicted = storyOf;
  return { articles: stream.length, words: n, wordsPerSecond, clusterPerSecond, stories: clusterer.storyCount, pairwiseF1: pairwiseScores(gold, predicted).f1 };
}
