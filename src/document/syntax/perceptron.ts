/**
 * The averaged perceptron (Collins 2002) behind the tagger, the parser's transitions and its labels:
 * training keeps dense weight rows per hashed feature, created on first update; the finished model keeps
 * only the averaged weights that are not negligible, as sparse rows (class, weight).
 */
import { KeyTable } from './features.js';

/** At most this many classes, a row's weights sit inside its table slot: one cache miss per feature. */
const INLINE_CLASSES = 4;

/**
 * A trained linear model: `score` adds each known feature's row into the class scores. Scoring is
 * memory-bound (a random lookup per feature), so the layout aims at one cache miss per lookup: an
 * open-addressing table whose slots hold the key and either the row's weights themselves (few classes,
 * as the parser's four transitions) or where its (class, weight) pairs start and end.
 */
export class LinearModel {
  private readonly stride: number;
  private readonly mask: number;
  /** Slots as integers (keys, pair ranges) and as floats (inline weights), over one buffer. */
  private readonly slotInts: Int32Array;
  private readonly slotFloats: Float32Array;
  private readonly pairs: Float32Array;

  constructor(
    readonly nClasses: number,
    /** Feature key of each row. */
    readonly keys: Uint32Array,
    /** Row r's entries are offsets[r] .. offsets[r+1]. */
    readonly offsets: Uint32Array,
    readonly classes: Uint16Array,
    readonly weights: Float32Array,
  ) {
    const inline = nClasses <= INLINE_CLASSES;
    this.stride = inline ? 1 + nClasses : 3;
    let capacity = 1;
    while (capacity < keys.length * 2) capacity <<= 1;
    this.mask = capacity - 1;
    const buffer = new ArrayBuffer(capacity * this.stride * 4);
    this.slotInts = new Int32Array(buffer);
    this.slotFloats = new Float32Array(buffer);
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]!;
      let i = key & this.mask;
      while (this.slotInts[i * this.stride] !== 0) i = (i + 1) & this.mask;
      const at = i * this.stride;
      this.slotInts[at] = key | 0;
      if (inline) {
        for (let e = offsets[r]!; e < offsets[r + 1]!; e++) this.slotFloats[at + 1 + classes[e]!] = weights[e]!;
      } else {
        this.slotInts[at + 1] = offsets[r]!;
        this.slotInts[at + 2] = offsets[r + 1]!;
      }
    }
    this.pairs = new Float32Array(inline ? 0 : classes.length * 2);
    if (!inline) {
      for (let e = 0; e < classes.length; e++) {
        this.pairs[2 * e] = classes[e]!;
        this.pairs[2 * e + 1] = weights[e]!;
      }
    }
  }

  score(features: Uint32Array, count: number, out: Float32Array): void {
    out.fill(0);
    const ints = this.slotInts;
    const mask = this.mask;
    const stride = this.stride;
    const inline = this.pairs.length === 0;
    const floats = this.slotFloats;
    const pairs = this.pairs;
    const n = this.nClasses;
    for (let f = 0; f < count; f++) {
      const key = features[f]! | 0;
      let i = key & mask;
      for (;;) {
        const at = i * stride;
        const k = ints[at]!;
        if (k === key) {
          if (inline) {
            for (let c = 0; c < n; c++) out[c]! += floats[at + 1 + c]!;
          } else {
            const end = 2 * ints[at + 2]!;
            for (let e = 2 * ints[at + 1]!; e < end; e += 2) out[pairs[e]!]! += pairs[e + 1]!;
          }
          break;
        }
        if (k === 0) break;
        i = (i + 1) & mask;
      }
    }
  }
}

export class PerceptronTrainer {
  private readonly table = new KeyTable(1 << 18);
  private weights: Float32Array;
  /** Sum over time of each update times its step (Daumé's trick): the average is w - u / step. */
  private stamped: Float64Array;
  /** Updates per row: a feature updated once is noise, dropped from the finished model. */
  private updates = new Uint32Array(1 << 16);
  private step = 1;

  constructor(readonly nClasses: number) {
    this.weights = new Float32Array(nClasses << 16);
    this.stamped = new Float64Array(nClasses << 16);
  }

  score(features: Uint32Array, count: number, out: Float32Array): void {
    out.fill(0);
    const n = this.nClasses;
    for (let f = 0; f < count; f++) {
      const row = this.table.get(features[f]!);
      if (row < 0) continue;
      const base = row * n;
      for (let c = 0; c < n; c++) out[c]! += this.weights[base + c]!;
    }
  }

  /** Rewards `truth` and penalises `guess` for these features (nothing when they agree). */
  update(features: Uint32Array, count: number, truth: number, guess: number): void {
    if (truth === guess) return;
    const n = this.nClasses;
    for (let f = 0; f < count; f++) {
      const row = this.table.add(features[f]!);
      if ((row + 1) * n > this.weights.length) this.grow();
      this.updates[row]!++;
      const base = row * n;
      this.weights[base + truth]! += 1;
      this.stamped[base + truth]! += this.step;
      this.weights[base + guess]! -= 1;
      this.stamped[base + guess]! -= this.step;
    }
  }

  /** Marks the end of one training example: the average weighs each example equally. */
  tick(): void {
    this.step++;
  }

  /** The averaged model, keeping rows updated at least `minUpdates` times and weights of at least `minWeight`. */
  finish(minUpdates = 2, minWeight = 1e-3): LinearModel {
    const n = this.nClasses;
    const rows = this.table.size;
    const keysByRow = this.table.keysByRow();
    const keep: number[] = [];
    const classes: number[] = [];
    const weights: number[] = [];
    const offsets: number[] = [0];
    for (let r = 0; r < rows; r++) {
      if (this.updates[r]! < minUpdates) continue;
      const start = classes.length;
      for (let c = 0; c < n; c++) {
        const i = r * n + c;
        const avg = this.weights[i]! - this.stamped[i]! / this.step;
        if (Math.abs(avg) >= minWeight) {
          classes.push(c);
          weights.push(avg);
        }
      }
      if (classes.length > start) {
        keep.push(keysByRow[r]!);
        offsets.push(classes.length);
      }
    }
    return new LinearModel(n, Uint32Array.from(keep), Uint32Array.from(offsets), Uint16Array.from(classes), Float32Array.from(weights));
  }

  private grow(): void {
    const weights = new Float32Array(this.weights.length * 2);
    weights.set(this.weights);
    this.weights = weights;
    const stamped = new Float64Array(this.stamped.length * 2);
    stamped.set(this.stamped);
    this.stamped = stamped;
    const updates = new Uint32Array(this.updates.length * 2);
    updates.set(this.updates);
    this.updates = updates;
  }
}
