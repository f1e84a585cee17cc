/**
 * Feature hashing for the tagger and parser. A feature is a template number and a few integer values
 * (word hashes, tag and label ids); it is mixed into one 32-bit key, so no vocabulary is kept and no
 * string is built per feature. Keys index weight rows through an open-addressing table.
 */

/** FNV-1a over the UTF-16 code units of a string: the integer a word stands for in features. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** One step of murmur3's body: folds value `v` into running hash `h`. */
export function mix(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Murmur3's finaliser; never 0, which marks an empty slot in a table. */
export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

export function key1(template: number, a: number): number {
  return finish(mix(mix(0x9747b28c, template), a));
}
export function key2(template: number, a: number, b: number): number {
  return finish(mix(mix(mix(0x9747b28c, template), a), b));
}
export function key3(template: number, a: number, b: number, c: number): number {
  return finish(mix(mix(mix(mix(0x9747b28c, template), a), b), c));
}
export function key4(template: number, a: number, b: number, c: number, d: number): number {
  return finish(mix(mix(mix(mix(mix(0x9747b28c, template), a), b), c), d));
}

/** Open-addressing map from nonzero 32-bit keys to dense row numbers 0, 1, 2 … in order of insertion. */
export class KeyTable {
  keys: Uint32Array;
  rows: Int32Array;
  size = 0;

  constructor(capacity = 1 << 16) {
    let c = 1;
    while (c < capacity * 2) c <<= 1;
    this.keys = new Uint32Array(c);
    this.rows = new Int32Array(c);
  }

  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key) return this.rows[i]!;
      if (k === 0) return -1;
    }
  }

  /** The key's row, adding it as the next row when absent. */
  add(key: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key) return this.rows[i]!;
      if (k === 0) {
        this.keys[i] = key;
        this.rows[i] = this.size;
        return this.size++;
      }
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.rows = new Int32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j]!;
      if (key === 0) continue;
      let i = key & mask;
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = key;
      this.rows[i] = oldRows[j]!;
    }
  }

  /** Keys in row order. */
  keysByRow(): Uint32Array {
    const out = new Uint32Array(this.size);
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) out[this.rows[i]!] = this.keys[i]!;
    return out;
  }
}
