/**
 * The dependency parser: greedy arc-eager transitions chosen by an averaged perceptron over Zhang &
 * Nivre's (2011) rich feature templates (words, tags, word classes, distance, valency, dependents' labels
 * and label sets, second- and third-order positions), and a second perceptron that labels each arc as it
 * is made. Labels are known to later transitions, so they feed the transition features.
 */
import { hashString, key1, key2, key3, key4 } from './features.js';
import type { Lexical } from './lexical.js';
import { LinearModel, PerceptronTrainer } from './perceptron.js';
import { ParseState, TRANSITIONS, goldTree, transitionCost, type GoldTree } from './transitions.js';
import type { seededRandom } from './training/random.js';

/** A sentence to parse: word attributes and each word's parser tag (`parserTags`). */
export interface ParseInput {
  lex: Lexical;
  tags: Int32Array;
  n: number;
}

/**
 * The tag the parser reads for each tagger class: UPOS and Penn tag without the verb features, which
 * the tagger gets wrong more often (infinitive or imperative) and which tell the parser little.
 */
export function parserTagTable(tagNames: readonly string[]): Int32Array {
  return Int32Array.from(tagNames, (t) => hashString(t.split('|').slice(0, 2).join('|')));
}

export function parserTags(tagIds: Int32Array, table: Int32Array): Int32Array {
  return tagIds.map((t) => table[t]!);
}

export interface ParseOutput {
  /** 0-based head per word, -1 for the root. */
  heads: Int32Array;
  labels: Int32Array;
}

const MAX_FEATURES = 96;
const NONE = -7;
const ROOT_WORD = -9;

function distanceBucket(d: number): number {
  return d < 5 ? d : d < 7 ? 5 : d < 10 ? 6 : 7;
}

/**
 * Per-position columns with the root at n: word hashes, tags and word classes. Positions outside the
 * sentence read NONE through `at`.
 */
interface Columns {
  w: Int32Array;
  p: Int32Array;
  c: Int32Array;
  /** Punctuation words before each position: how many lie between two words is a difference. */
  punctBefore: Int32Array;
}

function columnsOf(input: ParseInput): Columns {
  const n = input.n;
  const w = new Int32Array(n + 1);
  const p = new Int32Array(n + 1);
  const c = new Int32Array(n + 1);
  w.set(input.lex.word.subarray(0, n));
  p.set(input.tags.subarray(0, n));
  c.set(input.lex.fine.subarray(0, n));
  w[n] = p[n] = c[n] = ROOT_WORD;
  const punctBefore = new Int32Array(n + 2);
  for (let i = 0; i < n; i++) punctBefore[i + 1] = punctBefore[i]! + input.lex.punct[i]!;
  punctBefore[n + 1] = punctBefore[n]!;
  return { w, p, c, punctBefore };
}

function at(a: Int32Array, i: number): number {
  return i < 0 ? NONE : a[i]!;
}

function transitionFeatures(cols: Columns, st: ParseState, out: Uint32Array): number {
  const n = st.n;
  const W = cols.w, P = cols.p, L = st.label;
  const s0 = st.top;
  const s1 = st.second;
  const n0 = st.front;
  const n1 = n0 + 1 <= n ? n0 + 1 : -1;
  const n2 = n0 + 2 <= n ? n0 + 2 : -1;
  const s0h = s0 >= 0 ? st.head[s0]! : -1;
  const s0h2 = s0h >= 0 && s0h < n ? st.head[s0h]! : -1;
  const s0l = s0 >= 0 ? st.left1[s0]! : -1;
  const s0l2 = s0 >= 0 ? st.left2[s0]! : -1;
  const s0r = s0 >= 0 ? st.right1[s0]! : -1;
  const s0r2 = s0 >= 0 ? st.right2[s0]! : -1;
  const n0l = st.left1[n0]!;
  const n0l2 = st.left2[n0]!;
  const s0w = at(W, s0), s0p = at(P, s0), n0w = W[n0]!, n0p = P[n0]!;
  const n1w = at(W, n1), n1p = at(P, n1), n2w = at(W, n2), n2p = at(P, n2);
  const C = cols.c;
  const s0c = at(C, s0), n0c = C[n0]!, n1c = at(C, n1);
  const dist = s0 >= 0 ? distanceBucket(n0 - s0) : NONE;
  const s0vl = s0 >= 0 ? st.leftCount[s0]! : NONE;
  const s0vr = s0 >= 0 ? st.rightCount[s0]! : NONE;
  const n0vl = st.leftCount[n0]!;
  let k = 0;
  // Single positions.
  out[k++] = key2(1, s0w, s0p);
  out[k++] = key1(2, s0w);
  out[k++] = key1(3, s0p);
  out[k++] = key2(4, n0w, n0p);
  out[k++] = key1(5, n0w);
  out[k++] = key1(6, n0p);
  out[k++] = key2(7, n1w, n1p);
  out[k++] = key1(8, n1w);
  out[k++] = key1(9, n1p);
  out[k++] = key2(10, n2w, n2p);
  out[k++] = key1(11, n2w);
  out[k++] = key1(12, n2p);
  // Pairs.
  out[k++] = key4(13, s0w, s0p, n0w, n0p);
  out[k++] = key3(14, s0w, s0p, n0w);
  out[k++] = key3(15, s0w, n0w, n0p);
  out[k++] = key3(16, s0w, s0p, n0p);
  out[k++] = key3(17, s0p, n0w, n0p);
  out[k++] = key2(18, s0w, n0w);
  out[k++] = key2(19, s0p, n0p);
  out[k++] = key2(20, n0p, n1p);
  // Three positions.
  out[k++] = key3(21, n0p, n1p, n2p);
  out[k++] = key3(22, s0p, n0p, n1p);
  out[k++] = key3(23, at(P, s0h), s0p, n0p);
  out[k++] = key3(24, s0p, at(P, s0l), n0p);
  out[k++] = key3(25, s0p, at(P, s0r), n0p);
  out[k++] = key3(26, s0p, n0p, at(P, n0l));
  // Distance.
  out[k++] = key2(27, s0w, dist);
  out[k++] = key2(28, s0p, dist);
  out[k++] = key2(29, n0w, dist);
  out[k++] = key2(30, n0p, dist);
  out[k++] = key3(31, s0w, n0w, dist);
  out[k++] = key3(32, s0p, n0p, dist);
  // Valency.
  out[k++] = key2(33, s0w, s0vr);
  out[k++] = key2(34, s0p, s0vr);
  out[k++] = key2(35, s0w, s0vl);
  out[k++] = key2(36, s0p, s0vl);
  out[k++] = key2(37, n0w, n0vl);
  out[k++] = key2(38, n0p, n0vl);
  // Second order: heads and dependents.
  out[k++] = key1(39, at(W, s0h));
  out[k++] = key1(40, at(P, s0h));
  out[k++] = key1(41, at(L, s0));
  out[k++] = key1(42, at(W, s0l));
  out[k++] = key1(43, at(P, s0l));
  out[k++] = key1(44, at(L, s0l));
  out[k++] = key1(45, at(W, s0r));
  out[k++] = key1(46, at(P, s0r));
  out[k++] = key1(47, at(L, s0r));
  out[k++] = key1(48, at(W, n0l));
  out[k++] = key1(49, at(P, n0l));
  out[k++] = key1(50, at(L, n0l));
  // Third order.
  out[k++] = key1(51, at(W, s0h2));
  out[k++] = key1(52, at(P, s0h2));
  out[k++] = key1(53, at(L, s0h));
  out[k++] = key1(54, at(W, s0l2));
  out[k++] = key1(55, at(P, s0l2));
  out[k++] = key1(56, at(L, s0l2));
  out[k++] = key1(57, at(W, s0r2));
  out[k++] = key1(58, at(P, s0r2));
  out[k++] = key1(59, at(L, s0r2));
  out[k++] = key1(60, at(W, n0l2));
  out[k++] = key1(61, at(P, n0l2));
  out[k++] = key1(62, at(L, n0l2));
  out[k++] = key3(63, s0p, at(P, s0l), at(P, s0l2));
  out[k++] = key3(64, s0p, at(P, s0r), at(P, s0r2));
  out[k++] = key3(65, s0p, at(P, s0h), at(P, s0h2));
  out[k++] = key3(66, n0p, at(P, n0l), at(P, n0l2));
  // Label sets.
  const srLo = s0 >= 0 ? st.rightLabelsLo[s0]! : NONE, srHi = s0 >= 0 ? st.rightLabelsHi[s0]! : NONE;
  const slLo = s0 >= 0 ? st.leftLabelsLo[s0]! : NONE, slHi = s0 >= 0 ? st.leftLabelsHi[s0]! : NONE;
  out[k++] = key3(67, s0w, srLo, srHi);
  out[k++] = key3(68, s0p, srLo, srHi);
  out[k++] = key3(69, s0w, slLo, slHi);
  out[k++] = key3(70, s0p, slLo, slHi);
  out[k++] = key3(71, n0w, st.leftLabelsLo[n0]!, st.leftLabelsHi[n0]!);
  out[k++] = key3(72, n0p, st.leftLabelsLo[n0]!, st.leftLabelsHi[n0]!);
  // The second stack word, and word classes in place of words.
  out[k++] = key2(73, at(W, s1), at(P, s1));
  out[k++] = key3(74, at(P, s1), s0p, n0p);
  out[k++] = key1(75, s0c);
  out[k++] = key1(76, n0c);
  out[k++] = key1(77, n1c);
  out[k++] = key2(78, s0c, n0c);
  out[k++] = key3(79, s0c, n0p, dist);
  out[k++] = key3(80, s0p, n0c, dist);
  out[k++] = key3(81, s0c, n0c, n1p);
  out[k++] = key2(82, s0 >= 0 && st.head[s0]! >= 0 ? 1 : 0, n0p);
  out[k++] = key3(83, s0p, n0p, at(L, s0));
  // The words next to the buffer front and the stack top, and the punctuation between them.
  const before = n0 - 1 !== s0 ? n0 - 1 : -1;
  const after = s0 >= 0 && s0 + 1 < n0 ? s0 + 1 : -1;
  const commas = s0 >= 0 ? Math.min(2, cols.punctBefore[n0]! - cols.punctBefore[s0 + 1]!) : NONE;
  out[k++] = key2(84, at(W, before), n0p);
  out[k++] = key3(85, s0p, at(P, before), n0p);
  out[k++] = key3(86, s0p, at(P, after), n0p);
  out[k++] = key3(87, s0p, n0p, commas);
  out[k++] = key3(88, s0w, n0p, commas);
  return k;
}

function labelFeatures(cols: Columns, lex: Lexical, st: ParseState, h: number, d: number, out: Uint32Array): number {
  const n = st.n;
  const W = cols.w, P = cols.p, C = cols.c, L = st.label;
  const hw = W[h]!, hp = P[h]!, dw = W[d]!, dp = P[d]!;
  const dir = d < h ? 1 : 2;
  const dist = distanceBucket(Math.abs(h - d));
  const dl = st.left1[d]!;
  const dl2 = st.left2[d]!;
  const dr = st.right1[d]!;
  let k = 0;
  out[k++] = key1(101, dir);
  out[k++] = key2(102, dw, dir);
  out[k++] = key2(103, dp, dir);
  out[k++] = key2(104, hw, dir);
  out[k++] = key2(105, hp, dir);
  out[k++] = key3(106, hp, dp, dir);
  out[k++] = key3(107, hw, dp, dir);
  out[k++] = key3(108, hp, dw, dir);
  out[k++] = key3(109, hw, dw, dir);
  out[k++] = key3(110, hp, dp, dist);
  out[k++] = key3(111, at(W, dl), dp, dir);
  out[k++] = key2(112, at(P, dl), dp);
  out[k++] = key2(113, at(L, dl), dp);
  out[k++] = key3(114, at(W, dl2), at(W, dl), dp);
  out[k++] = key2(115, at(L, dr), dp);
  out[k++] = key3(116, at(L, h), hp, dp);
  out[k++] = key2(117, at(C, d), dir);
  out[k++] = key3(118, at(C, h), at(C, d), dir);
  out[k++] = key3(119, hp, at(C, d), dir);
  out[k++] = key3(120, dp, at(W, d + 1 <= n ? d + 1 : -1), dir);
  out[k++] = key3(121, dp, at(W, d - 1), dir);
  out[k++] = key4(122, hp, dp, at(P, h - 1), at(P, h + 1 <= n ? h + 1 : -1));
  out[k++] = key3(123, dp, st.leftLabelsLo[d]!, st.leftLabelsHi[d]!);
  out[k++] = key3(124, hp, st.leftLabelsLo[h]!, st.rightLabelsLo[h]!);
  out[k++] = key3(125, hp, dp, st.leftCount[h]! + st.rightCount[h]!);
  out[k++] = key2(126, dp, d < n ? lex.shape[d]! : ROOT_WORD);
  return k;
}

export interface ParserModels {
  transitions: LinearModel;
  labels: LinearModel;
  labelNames: readonly string[];
}

function argmaxValid(scores: Float32Array, st: ParseState): number {
  let best = -1;
  for (let t = 0; t < TRANSITIONS; t++) if (st.valid(t) && (best < 0 || scores[t]! > scores[best]!)) best = t;
  return best;
}

/** The transition when exactly one is valid, else -1. */
function onlyValid(st: ParseState): number {
  let only = -1;
  for (let t = 0; t < TRANSITIONS; t++) {
    if (!st.valid(t)) continue;
    if (only >= 0) return -1;
    only = t;
  }
  return only;
}

function argmaxLabel(scores: Float32Array, exclude: number): number {
  let best = exclude === 0 ? 1 : 0;
  for (let c = 0; c < scores.length; c++) if (c !== exclude && scores[c]! > scores[best]!) best = c;
  return best;
}

export class Parser {
  private readonly feats = new Uint32Array(MAX_FEATURES);
  private readonly transitionScores = new Float32Array(TRANSITIONS);
  private readonly labelScores: Float32Array;
  private readonly rootLabel: number;
  private readonly parataxisLabel: number;

  constructor(readonly models: ParserModels) {
    this.labelScores = new Float32Array(models.labelNames.length);
    this.rootLabel = models.labelNames.indexOf('root');
    this.parataxisLabel = models.labelNames.indexOf('parataxis');
  }

  parse(input: ParseInput): ParseOutput {
    const st = new ParseState(input.n);
    const cols = columnsOf(input);
    while (!st.done()) {
      // A move that is the only valid one (SHIFT on an empty stack, the last reductions) needs no scoring.
      let t = onlyValid(st);
      if (t < 0) {
        const count = transitionFeatures(cols, st, this.feats);
        this.models.transitions.score(this.feats, count, this.transitionScores);
        t = argmaxValid(this.transitionScores, st);
      }
      st.apply(t, this.labelFor(cols, input.lex, st, t));
    }
    return finishTree(st, this.rootLabel, this.parataxisLabel);
  }

  private labelFor(cols: Columns, lex: Lexical, st: ParseState, t: number): number {
    const arc = st.arcOf(t);
    if (!arc) return -1;
    if (arc[0] === st.n) return this.rootLabel;
    const count = labelFeatures(cols, lex, st, arc[0], arc[1], this.feats);
    this.models.labels.score(this.feats, count, this.labelScores);
    return argmaxLabel(this.labelScores, this.rootLabel);
  }
}

/**
 * UD trees have one root. The first word attached to the root stays the root; any other is attached to
 * it as parataxis, the relation UD gives to clauses set side by side.
 */
function finishTree(st: ParseState, rootLabel: number, parataxisLabel: number): ParseOutput {
  const n = st.n;
  const heads = new Int32Array(n);
  const labels = Int32Array.from(st.label.subarray(0, n));
  // Of the words left attached to the root, the one heading the most words is the sentence's root. Each
  // word's top (its ancestor attached to the root) is found once, with the path compressed: linear time.
  const top = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  const path: number[] = [];
  for (let d = 0; d < n; d++) {
    let x = d;
    while (top[x] === -1 && st.head[x] !== n) {
      path.push(x);
      x = st.head[x]!;
    }
    const t = top[x] === -1 ? x : top[x]!;
    top[x] = t;
    for (const p of path) top[p] = t;
    path.length = 0;
    size[t]!++;
  }
  let root = -1;
  for (let d = 0; d < n; d++) if (st.head[d] === n && (root < 0 || size[d]! > size[root]!)) root = d;
  for (let d = 0; d < n; d++) {
    if (st.head[d] === n) {
      heads[d] = d === root ? -1 : root;
      labels[d] = d === root ? rootLabel : parataxisLabel;
    } else heads[d] = st.head[d]!;
  }
  return { heads, labels };
}

/** A training sentence: input, gold tree (projectivised, root = n) and gold label ids. */
export interface ParserExample {
  input: ParseInput;
  cols: Columns;
  gold: GoldTree;
  labels: Int32Array;
}

export function parserExample(input: ParseInput, heads: Int32Array, labels: Int32Array): ParserExample {
  return { input, cols: columnsOf(input), gold: goldTree(heads), labels };
}

export interface ParserTrainers {
  transitions: PerceptronTrainer;
  labels: PerceptronTrainer;
  rootLabel: number;
}

/**
 * One epoch of training with the dynamic oracle. With `explore`, the parser follows its own prediction
 * when it is wrong (with probability 0.9), so it is trained on the states its mistakes lead to.
 */
export function trainParserEpoch(trainers: ParserTrainers, examples: readonly ParserExample[], explore: boolean, random: ReturnType<typeof seededRandom>): number {
  const feats = new Uint32Array(MAX_FEATURES);
  const tScores = new Float32Array(TRANSITIONS);
  const lScores = new Float32Array(trainers.labels.nClasses);
  const costs = new Int32Array(TRANSITIONS);
  let right = 0;
  let total = 0;
  for (const ex of examples) {
    const { input, gold, cols } = ex;
    const st = new ParseState(input.n);
    while (!st.done()) {
      const count = transitionFeatures(cols, st, feats);
      trainers.transitions.score(feats, count, tScores);
      let predicted = -1;
      let bestZero = -1;
      for (let t = 0; t < TRANSITIONS; t++) {
        if (!st.valid(t)) continue;
        costs[t] = transitionCost(st, t, gold);
        if (predicted < 0 || tScores[t]! > tScores[predicted]!) predicted = t;
        if (costs[t] === 0 && (bestZero < 0 || tScores[t]! > tScores[bestZero]!)) bestZero = t;
      }
      // With a non-projective gold tree every move may lose an arc: follow the cheapest then.
      if (bestZero < 0) {
        bestZero = predicted;
        for (let t = 0; t < TRANSITIONS; t++) if (st.valid(t) && costs[t]! < costs[bestZero]!) bestZero = t;
      }
      const wrong = costs[predicted]! > costs[bestZero]!;
      if (wrong) trainers.transitions.update(feats, count, bestZero, predicted);
      trainers.transitions.tick();
      const next = wrong && explore && random() < 0.9 ? predicted : wrong ? bestZero : predicted;
      let label = -1;
      const arc = st.arcOf(next);
      if (arc) {
        const [h, d] = arc;
        if (h === input.n) label = trainers.rootLabel;
        else {
          const lc = labelFeatures(cols, input.lex, st, h, d, feats);
          trainers.labels.score(feats, lc, lScores);
          label = argmaxLabel(lScores, trainers.rootLabel);
          if (gold.heads[d] === h) {
            const truth = ex.labels[d]!;
            total++;
            if (truth === label) right++;
            else if (truth !== trainers.rootLabel) trainers.labels.update(feats, lc, truth, label);
            trainers.labels.tick();
          }
        }
      }
      st.apply(next, label);
    }
  }
  return total ? right / total : 0;
}

