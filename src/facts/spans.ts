/**
 * Lookups over spans in text order, shared by the fact stages. Each answers what a scan of the whole list
 * would, in the same order, but by binary search: the stages ask once per sentence, trigger or quote, and a
 * scan of every mention, time or place made annotation quadratic in article length.
 */
import type { Doc } from '../document/doc.js';

interface Spanned {
  start: number;
  end: number;
}

/** Index of the first span whose start is at or after `offset` (the list sorted by start). */
export function firstStartingAt(sorted: Spanned[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The spans of a list sorted by start that lie within [start, end), found by binary search. */
export function spansWithin<T extends Spanned>(sorted: T[], start: number, end: number): T[] {
  const out: T[] = [];
  for (let i = firstStartingAt(sorted, start); i < sorted.length && sorted[i]!.start < end; i++) if (sorted[i]!.end <= end) out.push(sorted[i]!);
  return out;
}

/** The span of a list sorted by start whose spans never overlap (times, places) that contains `offset`. */
export function spanContaining<T extends Spanned>(disjoint: T[], offset: number): T | undefined {
  const i = firstStartingAt(disjoint, offset + 1) - 1;
  const span = disjoint[i];
  return span && offset < span.end ? span : undefined;
}

/**
 * The spans of a list (in any order) that lie within each sentence, in list order: what filtering the list
 * by each sentence's bounds gives, in one pass. Sentences never overlap, so a span lies in at most one.
 */
export function spansBySentence<T extends Spanned>(doc: Doc, spans: T[]): T[][] {
  const out: T[][] = doc.sentences.map(() => []);
  const sentences = doc.sentences;
  for (const span of spans) {
    let lo = 0;
    let hi = sentences.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sentences[mid]!.start <= span.start) lo = mid + 1;
      else hi = mid;
    }
    const s = lo - 1;
    if (s >= 0 && span.end <= sentences[s]!.end) out[s]!.push(span);
  }
  return out;
}

/**
 * Spans sorted by start, with the running maximum of their ends, for overlap questions: which spans overlap
 * [start, end), and the last one (in list order) that ends by an offset and passes a test. Spans may overlap
 * one another; the answers are those of a scan of the whole list.
 */
export class SpanIndex<T extends Spanned> {
  private readonly maxEnd: number[] = [];

  constructor(readonly sorted: T[] = []) {
    for (const span of sorted) this.pushEnd(span.end);
  }

  /** Adds a span: appended when it starts at or after every span held (the usual case), else put in its place. */
  add(span: T): void {
    const at = firstStartingAt(this.sorted, span.start + 1);
    if (at === this.sorted.length) {
      this.sorted.push(span);
      this.pushEnd(span.end);
      return;
    }
    this.sorted.splice(at, 0, span);
    this.maxEnd.length = at;
    for (let i = at; i < this.sorted.length; i++) this.pushEnd(this.sorted[i]!.end);
  }

  private pushEnd(end: number): void {
    this.maxEnd.push(Math.max(end, this.maxEnd[this.maxEnd.length - 1] ?? -Infinity));
  }

  /** The spans overlapping [start, end), in list order. */
  overlapping(start: number, end: number): T[] {
    const out: T[] = [];
    for (let i = firstStartingAt(this.sorted, end) - 1; i >= 0 && this.maxEnd[i]! > start; i--) if (this.sorted[i]!.end > start) out.push(this.sorted[i]!);
    return out.reverse();
  }

  /** Whether any span overlaps [start, end). */
  overlaps(start: number, end: number): boolean {
    const i = firstStartingAt(this.sorted, end) - 1;
    return i >= 0 && this.maxEnd[i]! > start;
  }

  /** The first span (in list order) starting in [from, to) that passes `test`. */
  firstStartingIn(from: number, to: number, test: (span: T) => boolean = () => true): T | undefined {
    for (let i = firstStartingAt(this.sorted, from); i < this.sorted.length && this.sorted[i]!.start < to; i++) if (test(this.sorted[i]!)) return this.sorted[i];
    return undefined;
  }

  /** The spans ending at or before `offset`, last first (what `filter(end <= offset).reverse()` gives). */
  *endingBy(offset: number): Generator<T> {
    for (let i = firstStartingAt(this.sorted, offset) - 1; i >= 0; i--) if (this.sorted[i]!.end <= offset) yield this.sorted[i]!;
  }
}
