/**
 * Part-of-speech tagging: a greedy left-to-right averaged perceptron over the word, its affixes, shape
 * and word classes in a five-word window and the two tags before it. A tag is UPOS, the Penn tag and the
 * verb features the coders read (VerbForm, Tense, Mood), predicted jointly as one class: "VERB|VBD|
 * Mood=Ind|Tense=Past|VerbForm=Fin".
 */
import { key1, key2, key3 } from './features.js';
import type { Lexical } from './lexical.js';
import { LinearModel, PerceptronTrainer } from './perceptron.js';

/** The tag of a word outside the sentence (before the first, after the last). */
const EDGE = -1;
const MAX_FEATURES = 48;

/** The composite class of a treebank word: UPOS, Penn tag and the verb features kept. */
export function tagOf(upos: string, xpos: string, feats: string): string {
  const kept = feats === '_' ? '' : feats.split('|').filter((f) => /^(VerbForm|Tense|Mood)=/.test(f)).join('|');
  return `${upos}|${xpos}|${kept}`;
}

export interface TagParts {
  upos: string;
  xpos: string;
  /** The kept verb features, "" when none. */
  feats: string;
}

export function tagParts(tag: string): TagParts {
  const i = tag.indexOf('|');
  const j = tag.indexOf('|', i + 1);
  return { upos: tag.slice(0, i), xpos: tag.slice(i + 1, j), feats: tag.slice(j + 1) };
}

/** Writes the features of word i given the two previous tags; returns how many. */
function features(lex: Lexical, n: number, i: number, prev1: number, prev2: number, out: Uint32Array): number {
  let k = 0;
  const w = lex.word[i]!;
  const at = (a: Int32Array, j: number, none: number) => (j >= 0 && j < n ? a[j]! : none);
  const wm1 = at(lex.word, i - 1, 1);
  const wp1 = at(lex.word, i + 1, 2);
  out[k++] = key1(0, 0);
  out[k++] = key1(1, w);
  out[k++] = key1(2, lex.suffix1[i]!);
  out[k++] = key1(3, lex.suffix2[i]!);
  out[k++] = key1(4, lex.suffix3[i]!);
  out[k++] = key1(5, lex.suffix4[i]!);
  out[k++] = key1(6, lex.prefix1[i]!);
  out[k++] = key1(7, lex.prefix2[i]!);
  out[k++] = key1(8, lex.shape[i]!);
  out[k++] = key1(9, lex.form[i]!);
  out[k++] = key1(10, prev1);
  out[k++] = key2(11, prev1, prev2);
  out[k++] = key2(12, prev1, w);
  out[k++] = key1(13, wm1);
  out[k++] = key1(14, at(lex.suffix3, i - 1, 1));
  out[k++] = key1(15, at(lex.word, i - 2, 1));
  out[k++] = key1(16, wp1);
  out[k++] = key1(17, at(lex.suffix3, i + 1, 2));
  out[k++] = key1(18, at(lex.word, i + 2, 2));
  out[k++] = key2(19, wm1, w);
  out[k++] = key2(20, w, wp1);
  out[k++] = key1(21, at(lex.shape, i + 1, 2));
  out[k++] = key1(22, at(lex.shape, i - 1, 1));
  out[k++] = key2(23, i === 0 ? 1 : 0, lex.shape[i]!);
  out[k++] = key2(24, prev1, lex.suffix3[i]!);
  out[k++] = key3(25, prev1, wp1, w);
  const fine = lex.fine[i]!;
  if (fine !== 0) {
    out[k++] = key1(26, lex.coarse[i]!);
    out[k++] = key1(27, fine);
    out[k++] = key2(28, prev1, fine);
  }
  out[k++] = key1(29, at(lex.fine, i - 1, -1));
  out[k++] = key1(30, at(lex.fine, i + 1, -2));
  out[k++] = key1(31, at(lex.coarse, i + 2, -2));
  // What the next words can be, a stand-in for the tags to the right that a left-to-right tagger lacks.
  const amb = lex.ambiguity[i]!;
  const ambNext = at(lex.ambiguity, i + 1, -2);
  out[k++] = key1(32, amb);
  out[k++] = key2(33, amb, w);
  out[k++] = key1(34, ambNext);
  out[k++] = key2(35, amb, ambNext);
  out[k++] = key2(36, prev1, amb);
  out[k++] = key1(37, at(lex.ambiguity, i + 2, -2));
  out[k++] = key2(38, at(lex.ambiguity, i - 1, -1), amb);
  return k;
}

export class Tagger {
  private readonly feats = new Uint32Array(MAX_FEATURES);
  private readonly scores: Float32Array;

  constructor(
    readonly tags: readonly string[],
    readonly model: LinearModel,
  ) {
    this.scores = new Float32Array(tags.length);
  }

  /** Tag ids of the n words whose attributes are `lex`. */
  tag(lex: Lexical, n: number): Int32Array {
    const out = new Int32Array(n);
    let prev1 = EDGE;
    let prev2 = EDGE;
    for (let i = 0; i < n; i++) {
      const count = features(lex, n, i, prev1, prev2, this.feats);
      this.model.score(this.feats, count, this.scores);
      let best = 0;
      for (let c = 1; c < this.scores.length; c++) if (this.scores[c]! > this.scores[best]!) best = c;
      out[i] = best;
      prev2 = prev1;
      prev1 = best;
    }
    return out;
  }
}

export interface TaggedSentence {
  lex: Lexical;
  /** Gold tag ids. */
  gold: Int32Array;
}

/** One epoch over the sentences in the given order; returns the share of words tagged right before updating. */
export function trainTaggerEpoch(trainer: PerceptronTrainer, sentences: readonly TaggedSentence[]): number {
  const feats = new Uint32Array(MAX_FEATURES);
  const scores = new Float32Array(trainer.nClasses);
  let right = 0;
  let total = 0;
  for (const s of sentences) {
    const n = s.gold.length;
    let prev1 = EDGE;
    let prev2 = EDGE;
    for (let i = 0; i < n; i++) {
      const count = features(s.lex, n, i, prev1, prev2, feats);
      trainer.score(feats, count, scores);
      let guess = 0;
      for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[guess]!) guess = c;
      const truth = s.gold[i]!;
      trainer.update(feats, count, truth, guess);
      trainer.tick();
      if (guess === truth) right++;
      total++;
      prev2 = prev1;
      prev1 = guess;
    }
  }
  return total ? right / total : 0;
}
