/**
 * Online story clustering. Articles come one at a time in arrival order; each joins the most similar
 * recent story or starts a new one. Similarity is the cosine between the article's TF-IDF vector (title,
 * body, linked actors and event dyads as terms) and the story's centroid, discounted by the days between
 * them. Candidate stories come from an inverted index of recent postings per term, so the cost of one
 * article does not grow with the number of stories. A near-copy of a stored article joins that article's
 * story. When an article is close to two stories whose centroids are close too, the two merge. When a
 * story reaches 4, 8, 16, 32 or 64 articles, its members are checked for coherence: if they fall into
 * groups that no pair of members links, it splits, and the groups without its first article become
 * stories of their own.
 *
 * Every piece of state is a function of the final memberships (integer sums of quantised weights, member
 * days, postings that name articles, not stories), so replaying stored assignments in arrival order
 * rebuilds exactly the state that live clustering had: incremental runs and `--rebuild` agree.
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
  /** Earlier articles this one moved to another story: merges into `storyId`, and splits. */
  moves: StoryMove[];
}

/** Articles that now belong to `storyId`. */
export interface StoryMove {
  storyId: string;
  articleIds: string[];
}

interface Story {
  id: string;
  /** A number for scratch arrays while gathering candidates. */
  num: number;
  /** Arrival index of its first article: the older story survives a merge. */
  order: number;
  centroid: Map<number, number>;
  sumSquares: number;
  first: number | null;
  last: number | null;
  /** Slots of its articles, in arrival order. */
  members: number[];
}

/** An article as the clusterer keeps it: compact vector, day, and its story. */
interface Slot {
  id: string;
  terms: Uint32Array;
  weights: Uint16Array;
  day: number | null;
  fresh: boolean;
  story: Story;
}

/** The articles indexed under one term, in arrival order: slots and days in growing typed arrays. */
class PostingList {
  slots = new Int32Array(4);
  days = new Int32Array(4);
  length = 0;

  push(slot: number, day: number | null): void {
    if (this.length === this.slots.length) {
      const slots = new Int32Array(this.length * 2);
      slots.set(this.slots);
      this.slots = slots;
      const days = new Int32Array(this.length * 2);
      days.set(this.days);
      this.days = days;
    }
    this.slots[this.length] = slot;
    this.days[this.length] = day ?? NO_DAY;
    this.length++;
  }
}

/** Stands for an unknown day in a posting list. */
const NO_DAY = -2147483648;

/** Story sizes at which members are checked for coherence, and the least member–member cosine that links two. */
const SPLIT_CHECKS = new Set([4, 8, 16, 32, 64]);

/** Terms of the article vector; weights are quantised to integers so sums are exact in any order. */
const VECTOR_TERMS = 100;
const SCALE = 1000;
/** Terms an article is indexed under, and looked up by. */
const INDEX_TERMS = 30;
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

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { threshold: 0.15, mergeThreshold: 0.25, mergeCentroids: 0.4, decayDays: 3, timeFloor: 0.2, rehashFloor: 0.8 };

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
  private readonly slots: Slot[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly postings = new Map<number, PostingList>();
  private readonly copies = new CopyIndex();
  private storyNums = 0;
  private stamp = 0;
  private weightOf = new Float64Array(0);
  private queryStamp = new Uint32Array(0);
  private termStamp = new Uint32Array(0);

  constructor(private readonly options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS) {}

  get storyCount(): number {
    return this.stories.size;
  }

  /** Places a new article: the story it joins (or starts), and the copy it is of. */
  add(id: string, features: StoryFeatures): Assignment {
    const vector = this.weigh(features);
    const copy = this.copies.find(features);
    let assignment: Assignment;
    const strongest = strongestTerms(vector);
    if (copy) assignment = { storyId: this.slots[this.slotOf.get(copy.of)!]!.story.id, copyOf: copy.root, score: copy.containment, moves: [] };
    else assignment = this.choose(id, vector, strongest, features);
    const story = this.apply(id, vector, strongest, features, assignment.storyId, copy);
    if (SPLIT_CHECKS.has(story.members.length)) assignment.moves.push(...this.splitIncoherent(story));
    // The article itself may have moved with a split-off group.
    assignment.storyId = this.slots[this.slotOf.get(id)!]!.story.id;
    return assignment;
  }

  /** Re-enters a stored assignment (its final story, after any merges), updating state as `add` did. */
  replay(id: string, features: StoryFeatures, stored: { storyId: string; copyOf: string | null }): void {
    const vector = this.weigh(features);
    const copy = stored.copyOf ? { root: stored.copyOf, of: stored.copyOf, containment: 1 } : null;
    this.apply(id, vector, strongestTerms(vector), features, stored.storyId, copy);
  }

  /** Counts the article's terms into the document frequencies, then its top terms as an integer vector, strongest first. */
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

  private choose(id: string, vector: Map<number, number>, strongest: number[], features: StoryFeatures): Assignment {
    const scored = this.candidates(vector, strongest, features.day)
      .map((story) => ({ story, score: this.similarity(vector, story, features.day, features.fresh) }))
      .sort((a, b) => b.score - a.score || a.story.order - b.story.order);
    const best = scored[0];
    if (!best || best.score < this.options.threshold) return { storyId: storyIdOf(id), copyOf: null, score: 1, moves: [] };
    let survivor = best.story;
    const moves: StoryMove[] = [];
    for (const other of scored.slice(1)) {
      if (other.score < this.options.mergeThreshold) break;
      if (centroidCosine(survivor, other.story) < this.options.mergeCentroids) continue;
      const [keep, fold] = survivor.order <= other.story.order ? [survivor, other.story] : [other.story, survivor];
      moves.push({ storyId: keep.id, articleIds: this.merge(keep, fold) });
      survivor = keep;
    }
    return { storyId: survivor.id, copyOf: null, score: best.score, moves };
  }

  /** Stories sharing the article's strongest terms among recent postings, most shared weight first. */
  private candidates(vector: Map<number, number>, strongest: number[], day: number | null): Story[] {
    // Scratch arrays indexed by story number, reset by stamps rather than cleared.
    if (this.weightOf.length < this.storyNums) {
      const size = Math.max(1024, this.storyNums * 2);
      this.weightOf = new Float64Array(size);
      this.queryStamp = new Uint32Array(size);
      this.termStamp = new Uint32Array(size);
    }
    const found: Story[] = [];
    const queryMark = ++this.stamp;
    for (const term of strongest) {
      const w = vector.get(term)!;
      const list = this.postings.get(term);
      if (!list) continue;
      const termMark = ++this.stamp;
      for (let i = list.length - 1, scanned = 0; i >= 0 && scanned < MAX_SCAN; i--, scanned++) {
        const postedDay = list.days[i]!;
        if (day !== null && postedDay !== NO_DAY && postedDay < day - WINDOW_DAYS) break;
        const story = this.slots[list.slots[i]!]!.story;
        if (this.termStamp[story.num] === termMark) continue;
        this.termStamp[story.num] = termMark;
        if (this.queryStamp[story.num] !== queryMark) {
          this.queryStamp[story.num] = queryMark;
          this.weightOf[story.num] = 0;
          found.push(story);
        }
        this.weightOf[story.num]! += w;
      }
    }
    return found
      .sort((a, b) => this.weightOf[b.num]! - this.weightOf[a.num]! || a.order - b.order)
      .slice(0, MAX_CANDIDATES);
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

  /** Folds one story into another; returns the ids of the articles that moved. */
  private merge(keep: Story, fold: Story): string[] {
    for (const [term, w] of fold.centroid) addWeight(keep, term, w);
    keep.first = minDay(keep.first, fold.first);
    keep.last = maxDay(keep.last, fold.last);
    for (const slot of fold.members) this.slots[slot]!.story = keep;
    keep.members = [...keep.members, ...fold.members].sort((a, b) => a - b);
    this.stories.delete(fold.id);
    return fold.members.map((slot) => this.slots[slot]!.id);
  }

  /**
   * A story that only one article holds together splits. Members link when their own vectors are as
   * similar as an article must be to join (`threshold`); if the members fall into groups of two or more
   * that no link joins, or would fall apart without one bridging article, the groups without the story's
   * first article become stories of their own (a bridge stays with its first article's group).
   */
  private splitIncoherent(story: Story): StoryMove[] {
    const members = story.members;
    const n = members.length;
    const linked: boolean[][] = members.map(() => new Array<boolean>(n).fill(false));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const link = slotCosine(this.slots[members[i]!]!, this.slots[members[j]!]!) >= this.options.threshold;
        linked[i]![j] = link;
        linked[j]![i] = link;
      }
    }
    const groupsWithout = (skip: number): number[][] => {
      const group = members.map((_, i) => i);
      const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i]!)));
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (i !== skip && j !== skip && linked[i]![j] && root(i) !== root(j)) group[root(j)] = root(i);
      const groups = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        if (i === skip) continue;
        const list = groups.get(root(i)) ?? [];
        list.push(i);
        groups.set(root(i), list);
      }
      return [...groups.values()];
    };
    let parts = groupsWithout(-1);
    if (parts.filter((p) => p.length >= 2).length < 2) {
      parts = [];
      // Bridges are tried from the latest article back: the newest evidence is the likeliest to have joined two developments.
      for (let bridge = n - 1; bridge > 0 && parts.length === 0; bridge--) {
        const without = groupsWithout(bridge);
        if (without.filter((p) => p.length >= 2).length >= 2) parts = without.map((p) => (p.includes(0) ? [...p, bridge].sort((a, b) => a - b) : p));
      }
    }
    if (parts.filter((p) => p.length >= 2).length < 2) return [];
    const moves: StoryMove[] = [];
    for (const part of parts) {
      if (part.length < 2 || part.includes(0)) continue;
      const slots = part.map((i) => members[i]!);
      const id = storyIdOf(this.slots[slots[0]!]!.id);
      const split = this.newStory(id, slots[0]!);
      for (const slot of slots) this.moveSlot(slot, story, split);
      moves.push({ storyId: id, articleIds: slots.map((slot) => this.slots[slot]!.id) });
    }
    return moves;
  }

  private newStory(id: string, firstSlot: number): Story {
    const story: Story = { id, num: this.storyNums++, order: firstSlot, centroid: new Map(), sumSquares: 0, first: null, last: null, members: [] };
    this.stories.set(id, story);
    return story;
  }

  /** Moves one article's weight, day and membership from one story to another. */
  private moveSlot(slot: number, from: Story, to: Story): void {
    const a = this.slots[slot]!;
    for (let k = 0; k < a.terms.length; k++) {
      addWeight(from, a.terms[k]!, -a.weights[k]!);
      addWeight(to, a.terms[k]!, a.weights[k]!);
      if (from.centroid.get(a.terms[k]!) === 0) from.centroid.delete(a.terms[k]!);
    }
    from.members = from.members.filter((m) => m !== slot);
    to.members.push(slot);
    a.story = to;
    for (const s of [from, to]) {
      s.first = null;
      s.last = null;
      for (const m of s.members) this.extendDays(s, this.slots[m]!);
    }
  }

  /** A rehash of older news does not stretch its story's time span, unless it is all the story has. */
  private extendDays(story: Story, slot: Slot): void {
    if (slot.fresh || story.first === null) {
      story.first = minDay(story.first, slot.day);
      story.last = maxDay(story.last, slot.day);
    }
  }

  private apply(id: string, vector: Map<number, number>, strongest: number[], features: StoryFeatures, storyId: string, copy: CopyMatch | null): Story {
    const index = this.slots.length;
    const story = this.stories.get(storyId) ?? this.newStory(storyId, index);
    const slot: Slot = {
      id,
      terms: Uint32Array.from(vector.keys()),
      weights: Uint16Array.from(vector.values()),
      day: features.day,
      fresh: features.fresh !== false,
      story,
    };
    this.slots.push(slot);
    this.slotOf.set(id, index);
    for (const [term, w] of vector) addWeight(story, term, w);
    story.members.push(index);
    this.extendDays(story, slot);
    for (const term of strongest) {
      let list = this.postings.get(term);
      if (!list) {
        list = new PostingList();
        this.postings.set(term, list);
      }
      list.push(index, features.day);
    }
    this.copies.add(id, features, copy?.root ?? id);
    return story;
  }
}

function slotCosine(a: Slot, b: Slot): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  const weightOf = new Map<number, number>();
  for (let k = 0; k < b.terms.length; k++) {
    weightOf.set(b.terms[k]!, b.weights[k]!);
    bb += b.weights[k]! * b.weights[k]!;
  }
  for (let k = 0; k < a.terms.length; k++) {
    dot += a.weights[k]! * (weightOf.get(a.terms[k]!) ?? 0);
    aa += a.weights[k]! * a.weights[k]!;
  }
  return dot / (Math.sqrt(aa) * Math.sqrt(bb) || 1);
}

/** The terms an article is indexed and looked up by: the first of its vector, which `weigh` orders strongest first. */
function strongestTerms(vector: Map<number, number>): number[] {
  const terms: number[] = [];
  for (const term of vector.keys()) {
    if (terms.length === INDEX_TERMS) break;
    terms.push(term);
  }
  return terms;
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
