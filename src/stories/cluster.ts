/**
 * Online story clustering. Articles come one at a time in arrival order; each joins the most similar
 * recent story or starts a new one. Similarity is the cosine between the article's TF-IDF vector (title,
 * body, linked actors and event dyads as terms) and the story's centroid, discounted by the days between
 * them. Candidate stories come from an inverted index of recent postings per term, so the cost of one
 * article does not grow with the number of stories. A near-copy of a stored article joins that article's
 * story. When an article is close to two stories whose centroids are close too, the two merge.
 *
 * Every piece of state is an integer aggregate of what was added (term counts, quantised weights,
 * member days), so replaying stored assignments in arrival order rebuilds exactly the state that live
 * clustering had: incremental runs and `--rebuild` agree.
 */
import { CopyIndex, type CopyMatch } from './copies.js';
import type { StoryFeatures } from './features.js';
import { toEpochMs } from '../article/dates.js';

/** An article's place in the stories. */
export interface Assignment {
  storyId: string;
  copyOf: string | null;
  /** The similarity that put it there (containment for a copy, 1 for a story's first article). */
  score: number;
  /** Stories folded into `storyId` by this article (their members now belong to it). */
  merged: string[];
}

interface Story {
  id: string;
  /** Arrival index of its first article: the older story survives a merge. */
  order: number;
  centroid: Map<number, number>;
  sumSquares: number;
  first: number | null;
  last: number | null;
}

interface Posting {
  story: string;
  day: number | null;
}

/** Terms of the article vector; weights are quantised to integers so sums are exact in any order. */
const VECTOR_TERMS = 100;
const SCALE = 1000;
/** Terms an article is indexed under, and looked up by. */
const INDEX_TERMS = 12;
/** Postings read per term, newest first, and how far back in days. */
const MAX_SCAN = 400;
const WINDOW_DAYS = 120;
const MAX_CANDIDATES = 12;
/**
 * Same-story gap without discount, the decay after it (days), and the floor it decays to: a rewrite of
 * old news weeks later still joins its story when the words and actors say so strongly enough.
 */
const GRACE_DAYS = 2;

export interface ClusterOptions {
  /** Least similarity to join a story. */
  threshold: number;
  /** Least similarity of the article to a second story, and of the two centroids, to merge them. */
  mergeThreshold: number;
  mergeCentroids: number;
  /**
   * Days over which the time discount decays, and the floor it decays to; for an article without a
   * news peg of its own (`fresh` false: a rehash of older news) the higher `rehashFloor`.
   */
  decayDays: number;
  timeFloor: number;
  rehashFloor: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { threshold: 0.16, mergeThreshold: 0.26, mergeCentroids: 0.4, decayDays: 6, timeFloor: 0.2, rehashFloor: 0.8 };

/** Arrival order: by publication instant (unknown dates last), then id, so reruns see the same order. */
export function byArrival(a: { id: string; published: string | null }, b: { id: string; published: string | null }): number {
  const ta = a.published ? toEpochMs(a.published) : NaN;
  const tb = b.published ? toEpochMs(b.published) : NaN;
  const ka = Number.isFinite(ta) ? ta : Infinity;
  const kb = Number.isFinite(tb) ? tb : Infinity;
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function storyIdOf(firstArticleId: string): string {
  return `s${firstArticleId}`;
}

export class StoryClusterer {
  private readonly df = new Map<number, number>();
  private docs = 0;
  private readonly stories = new Map<string, Story>();
  /** Merged story → the story that absorbed it. */
  private readonly alias = new Map<string, string>();
  private readonly postings = new Map<number, Posting[]>();
  private readonly copies = new CopyIndex();
  private readonly storyOfArticle = new Map<string, string>();

  constructor(private readonly options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS) {}

  get storyCount(): number {
    return this.stories.size;
  }

  /** Places a new article: the story it joins (or starts), and the copy it is of. */
  add(id: string, features: StoryFeatures): Assignment {
    const vector = this.weigh(features);
    const copy = this.copies.find(features);
    let assignment: Assignment;
    if (copy) assignment = { storyId: this.resolve(this.storyOfArticle.get(copy.of)!), copyOf: copy.root, score: copy.containment, merged: [] };
    else assignment = this.choose(id, vector, features);
    this.apply(id, vector, features, assignment.storyId, copy);
    return assignment;
  }

  /** Re-enters a stored assignment (its final story, after any merges), updating state as `add` did. */
  replay(id: string, features: StoryFeatures, stored: { storyId: string; copyOf: string | null }): void {
    const vector = this.weigh(features);
    const copy = stored.copyOf ? { root: stored.copyOf, of: stored.copyOf, containment: 1 } : null;
    this.apply(id, vector, features, stored.storyId, copy);
  }

  private resolve(storyId: string): string {
    let id = storyId;
    for (let next = this.alias.get(id); next; next = this.alias.get(id)) id = next;
    return id;
  }

  /** Counts the article's terms into the document frequencies, then its top terms as an integer vector. */
  private weigh(features: StoryFeatures): Map<number, number> {
    this.docs++;
    const weights: [number, number][] = [];
    for (let i = 0; i < features.terms.length; i++) {
      const term = features.terms[i]!;
      const df = (this.df.get(term) ?? 0) + 1;
      this.df.set(term, df);
      weights.push([term, (1 + Math.log(features.counts[i]!)) * (Math.log((this.docs + 1) / (df + 1)) + 1)]);
    }
    weights.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = weights.slice(0, VECTOR_TERMS);
    const norm = Math.sqrt(top.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
    const vector = new Map<number, number>();
    for (const [term, w] of top) {
      const q = Math.round((SCALE * w) / norm);
      if (q > 0) vector.set(term, q);
    }
    return vector;
  }

  private choose(id: string, vector: Map<number, number>, features: StoryFeatures): Assignment {
    const scored = this.candidates(vector, features.day)
      .map((story) => ({ story, score: this.similarity(vector, story, features.day, features.fresh) }))
      .sort((a, b) => b.score - a.score || a.story.order - b.story.order);
    const best = scored[0];
    if (!best || best.score < this.options.threshold) return { storyId: storyIdOf(id), copyOf: null, score: 1, merged: [] };
    let survivor = best.story;
    const merged: string[] = [];
    for (const other of scored.slice(1)) {
      if (other.score < this.options.mergeThreshold) break;
      if (centroidCosine(survivor, other.story) < this.options.mergeCentroids) continue;
      const [keep, fold] = survivor.order <= other.story.order ? [survivor, other.story] : [other.story, survivor];
      this.merge(keep, fold);
      merged.push(fold.id);
      survivor = keep;
    }
    return { storyId: survivor.id, copyOf: null, score: best.score, merged };
  }

  /** Stories sharing the article's strongest terms among recent postings, most shared weight first. */
  private candidates(vector: Map<number, number>, day: number | null): Story[] {
    const query = [...vector].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, INDEX_TERMS);
    const weight = new Map<string, number>();
    for (const [term, w] of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const counted = new Set<string>();
      for (let i = list.length - 1, scanned = 0; i >= 0 && scanned < MAX_SCAN; i--, scanned++) {
        const posting = list[i]!;
        if (day !== null && posting.day !== null && posting.day < day - WINDOW_DAYS) break;
        const story = this.resolve(posting.story);
        if (counted.has(story)) continue;
        counted.add(story);
        weight.set(story, (weight.get(story) ?? 0) + w);
      }
    }
    return [...weight]
      .map(([id, w]) => ({ story: this.stories.get(id)!, w }))
      .sort((a, b) => b.w - a.w || a.story.order - b.story.order)
      .slice(0, MAX_CANDIDATES)
      .map((c) => c.story);
  }

  private similarity(vector: Map<number, number>, story: Story, day: number | null, fresh: boolean): number {
    let dot = 0;
    let squares = 0;
    for (const [term, w] of vector) {
      dot += w * (story.centroid.get(term) ?? 0);
      squares += w * w;
    }
    const cosine = dot / (Math.sqrt(squares) * Math.sqrt(story.sumSquares) || 1);
    const floor = fresh ? this.options.timeFloor : this.options.rehashFloor;
    return cosine * timeFactor(day, story, this.options.decayDays, floor);
  }

  private merge(keep: Story, fold: Story): void {
    for (const [term, w] of fold.centroid) addWeight(keep, term, w);
    keep.first = minDay(keep.first, fold.first);
    keep.last = maxDay(keep.last, fold.last);
    this.stories.delete(fold.id);
    this.alias.set(fold.id, keep.id);
  }

  private apply(id: string, vector: Map<number, number>, features: StoryFeatures, storyId: string, copy: CopyMatch | null): void {
    let story = this.stories.get(storyId);
    if (!story) {
      story = { id: storyId, order: this.docs, centroid: new Map(), sumSquares: 0, first: null, last: null };
      this.stories.set(storyId, story);
    }
    for (const [term, w] of vector) addWeight(story, term, w);
    // A rehash of older news does not stretch its story's time span.
    if (features.fresh !== false || story.first === null) {
      story.first = minDay(story.first, features.day);
      story.last = maxDay(story.last, features.day);
    }
    const indexed = [...vector].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, INDEX_TERMS);
    for (const [term] of indexed) {
      const list = this.postings.get(term);
      const posting = { story: storyId, day: features.day };
      if (list) list.push(posting);
      else this.postings.set(term, [posting]);
    }
    this.copies.add(id, features, copy?.root ?? id);
    this.storyOfArticle.set(id, storyId);
  }
}

function addWeight(story: Story, term: number, w: number): void {
  const old = story.centroid.get(term) ?? 0;
  story.centroid.set(term, old + w);
  story.sumSquares += (old + w) * (old + w) - old * old;
}

function centroidCosine(a: Story, b: Story): number {
  const [small, large] = a.centroid.size <= b.centroid.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small.centroid) dot += w * (large.centroid.get(term) ?? 0);
  return dot / (Math.sqrt(a.sumSquares) * Math.sqrt(b.sumSquares) || 1);
}

function timeFactor(day: number | null, story: Story, decayDays: number, floor: number): number {
  if (day === null || story.first === null || story.last === null) return 1;
  const gap = day < story.first ? story.first - day : day > story.last ? day - story.last : 0;
  return gap <= GRACE_DAYS ? 1 : Math.max(floor, Math.exp(-(gap - GRACE_DAYS) / decayDays));
}

const minDay = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxDay = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
