/**
 * The arc-eager transition system (Nivre 2003) with the root at the end of the buffer (Ballesteros &
 * Nivre 2013), and its dynamic oracle (Goldberg & Nivre 2012): the cost of a transition is the number of
 * gold arcs it makes unreachable, so training can follow the model's own mistakes and learn to recover.
 *
 * Words are 0 … n-1 and the root is n. A state keeps, per word, its head, label, two leftmost and two
 * rightmost dependents, dependent counts and the sets of its dependents' labels (for the features).
 */

export const SHIFT = 0;
export const REDUCE = 1;
export const LEFT = 2;
export const RIGHT = 3;
export const TRANSITIONS = 4;

export class ParseState {
  readonly n: number;
  readonly stack: Int32Array;
  depth = 0;
  /** Front of the buffer; the buffer is front … n (n is the root). */
  front = 0;
  readonly head: Int32Array;
  readonly label: Int32Array;
  readonly left1: Int32Array;
  readonly left2: Int32Array;
  readonly right1: Int32Array;
  readonly right2: Int32Array;
  readonly leftCount: Int32Array;
  readonly rightCount: Int32Array;
  /** Bit sets of the labels of left and right dependents (labels 0 … 31 and 32 … 63 in two words). */
  readonly leftLabelsLo: Int32Array;
  readonly leftLabelsHi: Int32Array;
  readonly rightLabelsLo: Int32Array;
  readonly rightLabelsHi: Int32Array;
  readonly inStack: Uint8Array;

  constructor(n: number) {
    this.n = n;
    this.stack = new Int32Array(n + 1);
    const make = () => new Int32Array(n + 1).fill(-1);
    this.head = make();
    this.label = make();
    this.left1 = make();
    this.left2 = make();
    this.right1 = make();
    this.right2 = make();
    this.leftCount = new Int32Array(n + 1);
    this.rightCount = new Int32Array(n + 1);
    this.leftLabelsLo = new Int32Array(n + 1);
    this.leftLabelsHi = new Int32Array(n + 1);
    this.rightLabelsLo = new Int32Array(n + 1);
    this.rightLabelsHi = new Int32Array(n + 1);
    this.inStack = new Uint8Array(n + 1);
  }

  get top(): number {
    return this.depth > 0 ? this.stack[this.depth - 1]! : -1;
  }

  get second(): number {
    return this.depth > 1 ? this.stack[this.depth - 2]! : -1;
  }

  done(): boolean {
    return this.front === this.n && this.depth === 0;
  }

  valid(t: number): boolean {
    switch (t) {
      case SHIFT:
        return this.front < this.n;
      case RIGHT:
        return this.depth > 0 && this.front < this.n;
      case REDUCE:
        return this.depth > 0 && this.head[this.top]! >= 0;
      default:
        return this.depth > 0 && this.head[this.top]! < 0;
    }
  }

  /** The arc a transition would add: [head, dependent], or null for SHIFT and REDUCE. */
  arcOf(t: number): [number, number] | null {
    if (t === LEFT) return [this.front, this.top];
    if (t === RIGHT) return [this.top, this.front];
    return null;
  }

  apply(t: number, label: number): void {
    switch (t) {
      case SHIFT:
        this.push(this.front++);
        break;
      case REDUCE:
        this.pop();
        break;
      case LEFT:
        this.attach(this.front, this.top, label);
        this.pop();
        break;
      default:
        this.attach(this.top, this.front, label);
        this.push(this.front++);
    }
  }

  private push(w: number): void {
    this.stack[this.depth++] = w;
    this.inStack[w] = 1;
  }

  private pop(): void {
    this.inStack[this.stack[--this.depth]!] = 0;
  }

  private attach(h: number, d: number, label: number): void {
    this.head[d] = h;
    this.label[d] = label;
    const lo = label < 32 ? 1 << label : 0;
    const hi = label >= 32 ? 1 << (label - 32) : 0;
    if (d < h) {
      // Left dependents arrive right to left in arc-eager: each new one is the leftmost so far.
      this.left2[h] = this.left1[h]!;
      this.left1[h] = d;
      this.leftCount[h]!++;
      this.leftLabelsLo[h]! |= lo;
      this.leftLabelsHi[h]! |= hi;
    } else {
      this.right2[h] = this.right1[h]!;
      this.right1[h] = d;
      this.rightCount[h]!++;
      this.rightLabelsLo[h]! |= lo;
      this.rightLabelsHi[h]! |= hi;
    }
  }
}

/** Gold heads (n for the root) and, per word, its gold dependents: what the oracle reads. */
export interface GoldTree {
  heads: Int32Array;
  dependents: Int32Array[];
}

export function goldTree(heads: Int32Array): GoldTree {
  const n = heads.length;
  const lists: number[][] = Array.from({ length: n + 1 }, () => []);
  for (let d = 0; d < n; d++) lists[heads[d]!]!.push(d);
  return { heads, dependents: lists.map((l) => Int32Array.from(l)) };
}

/** Gold arcs made unreachable by transition t in this state (t must be valid). */
export function transitionCost(state: ParseState, t: number, gold: GoldTree): number {
  const s = state.top;
  const b = state.front;
  const n = state.n;
  let cost = 0;
  switch (t) {
    case SHIFT: {
      const h = gold.heads[b]!;
      if (h < n && state.inStack[h]) cost++;
      for (const d of gold.dependents[b]!) if (state.inStack[d] && state.head[d]! < 0) cost++;
      return cost;
    }
    case REDUCE:
      for (const d of gold.dependents[s]!) if (d >= b) cost++;
      return cost;
    case LEFT: {
      const h = gold.heads[s]!;
      if (h > b) cost++;
      for (const d of gold.dependents[s]!) if (d >= b) cost++;
      return cost;
    }
    default: {
      const h = gold.heads[b]!;
      if (h !== s && (h > b || (h < n && state.inStack[h]))) cost++;
      for (const d of gold.dependents[b]!) if (state.inStack[d] && state.head[d]! < 0) cost++;
      return cost;
    }
  }
}

/**
 * Lifts non-projective arcs (Nivre & Nilsson 2005, without encoding the lift in the label): a word whose
 * arc crosses another is attached to its head's head until the tree is projective, which arc-eager needs.
 */
export function projectivize(heads: Int32Array): Int32Array {
  const h = Int32Array.from(heads);
  const n = h.length;
  const dominated = (anc: number, w: number): boolean => {
    for (let x = w; x !== n; x = h[x]!) if (x === anc) return true;
    return anc === n;
  };
  for (;;) {
    let worst = -1;
    let worstSpan = Infinity;
    for (let d = 0; d < n; d++) {
      const head = h[d]!;
      if (head === n) continue;
      const lo = Math.min(d, head);
      const hi = Math.max(d, head);
      for (let k = lo + 1; k < hi; k++) {
        if (!dominated(head, k)) {
          if (hi - lo < worstSpan) {
            worstSpan = hi - lo;
            worst = d;
          }
          break;
        }
      }
    }
    if (worst < 0) return h;
    h[worst] = h[h[worst]!]!;
  }
}
