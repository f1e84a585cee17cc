/**
 * Near-copies (syndicated wire copy, retitled, trimmed or lightly edited reprints) by MinHash over word
 * 5-shingles with LSH banding, so finding the copies of one article looks at a handful of candidates,
 * never at every stored article. A candidate is a copy when most of the shorter text's shingles are in
 * the longer one: containment, estimated from the MinHash agreement and the two shingle counts, so a
 * reprint that keeps only the first half still counts.
 */
export const SIGNATURE_SIZE = 126;
const SHINGLE = 5;
/** 42 bands of 3 rows: a pair at Jaccard 0.45 (a half-trimmed copy) becomes a candidate with p ≈ 0.98. */
const BANDS = 42;
const ROWS = 3;
/** Share of the shorter text's shingles found in the other. Rewrites of one story by other outlets share ≲ 0.15. */
const COPY_CONTAINMENT = 0.6;
/** Texts with fewer distinct shingles (about 25 words) are too short to call copies. */
const MIN_SHINGLES = 20;

/** murmur3's finaliser: a fast, well-mixed 32-bit permutation. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));

function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The MinHash signature of a text's distinct word 5-shingles (words as `features.words` cuts them). */
export function minhashSignature(words: string[]): { signature: number[]; shingles: number } {
  const hashes = words.map(wordHash);
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE <= hashes.length; i++) {
    let h = 0;
    for (let j = 0; j < SHINGLE; j++) h = mix(Math.imul(h, 31) + hashes[i + j]!);
    shingles.add(h);
  }
  const signature = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const v = mix(s ^ SEEDS[k]!);
      if (v < signature[k]!) signature[k] = v;
    }
  }
  return { signature, shingles: shingles.size };
}

/** Estimated share of the shorter text's shingles that the other text has. */
export function containment(a: { minhash: number[]; shingles: number }, b: { minhash: number[]; shingles: number }): number {
  let agree = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a.minhash[k] === b.minhash[k]) agree++;
  const jaccard = agree / SIGNATURE_SIZE;
  const intersection = (jaccard / (1 + jaccard)) * (a.shingles + b.shingles);
  return Math.min(1, intersection / Math.min(a.shingles, b.shingles));
}

interface IndexedText {
  id: string;
  minhash: number[];
  shingles: number;
  /** The earliest copy of its group: what every later copy links to. */
  root: string;
}

export interface CopyMatch {
  root: string;
  of: string;
  containment: number;
}

export class CopyIndex {
  private readonly bands = Array.from({ length: BANDS }, () => new Map<number, number[]>());
  private readonly texts: IndexedText[] = [];

  private bandKeys(minhash: number[]): number[] {
    const keys: number[] = [];
    for (let b = 0; b < BANDS; b++) {
      let h = b;
      for (let r = 0; r < ROWS; r++) h = mix(Math.imul(h, 31) + minhash[b * ROWS + r]!);
      keys.push(h);
    }
    return keys;
  }

  /** The best earlier copy of a text, or null. Ties go to the earliest indexed text. */
  find(text: { minhash: number[]; shingles: number }): CopyMatch | null {
    if (text.shingles < MIN_SHINGLES) return null;
    const seen = new Set<number>();
    let best: CopyMatch | null = null;
    let bestSlot = -1;
    const keys = this.bandKeys(text.minhash);
    for (let b = 0; b < BANDS; b++) {
      for (const slot of this.bands[b]!.get(keys[b]!) ?? []) {
        if (seen.has(slot)) continue;
        seen.add(slot);
        const other = this.texts[slot]!;
        const c = containment(text, other);
        if (c < COPY_CONTAINMENT) continue;
        if (!best || c > best.containment || (c === best.containment && slot < bestSlot)) {
          best = { root: other.root, of: other.id, containment: c };
          bestSlot = slot;
        }
      }
    }
    return best;
  }

  add(id: string, text: { minhash: number[]; shingles: number }, root: string): void {
    if (text.shingles < MIN_SHINGLES) return;
    const slot = this.texts.length;
    this.texts.push({ id, minhash: text.minhash, shingles: text.shingles, root });
    this.bandKeys(text.minhash).forEach((key, b) => {
      const bucket = this.bands[b]!.get(key);
      if (bucket) bucket.push(slot);
      else this.bands[b]!.set(key, [slot]);
    });
  }
}
