/**
 * Tagger and parser evaluation as in the CoNLL 2018 shared task (the algorithm of conll18_ud_eval.py).
 * The system may tokenise and split sentences differently from the gold, so words are matched by where
 * they lie in the text, not by position, and every figure is precision/recall/F1 over gold and system
 * counts. When the system's words are the gold's, precision = recall = F1 = the accuracy on words.
 */
import { commentValue, type ConlluSentence, type ConlluWord } from '../document/syntax/conllu.js';

/**
 * The relations CLAS scores, the official list. Function-word relations (aux, case, cc, clf, cop, det,
 * mark) and punct are left out, and so is any label that is not a UD relation.
 */
const CONTENT_RELATIONS = new Set([
  'nsubj', 'obj', 'iobj', 'csubj', 'ccomp', 'xcomp', 'obl', 'vocative', 'expl', 'dislocated', 'advcl', 'advmod',
  'discourse', 'nmod', 'appos', 'nummod', 'acl', 'amod', 'conj', 'fixed', 'flat', 'compound', 'list', 'parataxis',
  'orphan', 'goeswith', 'reparandum', 'root', 'dep',
]);

/** The features UFeats compares, the official (2018) list; language-specific and layered ones (Number[psor]) are ignored. */
const UNIVERSAL_FEATURES = new Set([
  'PronType', 'NumType', 'Poss', 'Reflex', 'Foreign', 'Abbr', 'Gender', 'Animacy', 'Number', 'Case', 'Definite',
  'Degree', 'VerbForm', 'Mood', 'Tense', 'Aspect', 'Voice', 'Evident', 'Polarity', 'Person', 'Polite',
]);

/** The metrics in report order: the official ones, with LAS on full labels (subtypes compared) after LAS. */
export const PARSE_METRICS = [
  'Tokens', 'Sentences', 'Words', 'UPOS', 'XPOS', 'UFeats', 'AllTags', 'Lemmas', 'UAS', 'LAS', 'LAS (full labels)', 'CLAS',
] as const;
export type ParseMetric = (typeof PARSE_METRICS)[number];

export interface MetricScore {
  /** Gold items the metric counts (tokens, sentences, words; for CLAS only words with a content relation). */
  gold: number;
  system: number;
  correct: number;
  /** Aligned gold–system word pairs the metric counts; null for Tokens and Sentences, which are not scored on words. */
  aligned: number | null;
  precision: number;
  recall: number;
  f1: number;
  /** correct / aligned: the accuracy on the words both sides have; null for Tokens and Sentences. */
  alignedAccuracy: number | null;
}

export type ParseScores = Record<ParseMetric, MetricScore>;

/** The two files cannot be compared: their texts differ, or a tree is malformed. */
export class ParseEvalError extends Error {}

interface Span {
  start: number;
  end: number;
}

/** A syntactic word with what the metrics compare, already normalised as the official script does. */
interface EvalWord {
  /** The word's token in the whitespace-free text; words inside a multiword token share its span. */
  span: Span;
  inMultiword: boolean;
  /** Lower-cased and without spaces: what the alignment inside multiword tokens compares. */
  formKey: string;
  lemma: string;
  upos: string;
  xpos: string;
  /** Universal features only, sorted, so that order and language-specific features don't count. */
  feats: string;
  /** Index of the head in the treebank's word list, ROOT for the root. */
  head: number;
  deprel: string;
  /** The universal part of the deprel (nsubj for nsubj:pass), what the official LAS compares. */
  relation: string;
}

/** One side, gold or system, as the character stream its tokens spell and the words over it. */
interface Treebank {
  text: string;
  tokens: Span[];
  sentences: Span[];
  sentenceNames: string[];
  words: EvalWord[];
}

type Side = 'gold' | 'system';

const ROOT = -1;
/** In the alignment, a system word that no gold word matches; never equal to a gold head, ROOT included. */
const UNALIGNED = -2;

/** The official script removes Unicode space separators (category Zs) from forms before comparing texts. */
const withoutSpaces = (form: string) => form.replace(/\p{Zs}/gu, '');

export function scoreParse(gold: ConlluSentence[], system: ConlluSentence[]): ParseScores {
  const g = readTreebank(gold, 'gold');
  const s = readTreebank(system, 'system');
  checkSameText(g, s);
  const goldOf = alignWords(g.words, s.words);
  const sameHead = (gw: EvalWord, sw: EvalWord) => (sw.head === ROOT ? ROOT : goldOf[sw.head]) === gw.head;
  const onWords = (agrees: (gw: EvalWord, sw: EvalWord) => boolean, counts?: (w: EvalWord) => boolean) =>
    wordScore(g.words, s.words, goldOf, agrees, counts);
  return {
    Tokens: spanScore(g.tokens, s.tokens),
    Sentences: spanScore(g.sentences, s.sentences),
    Words: onWords(() => true),
    UPOS: onWords((gw, sw) => gw.upos === sw.upos),
    XPOS: onWords((gw, sw) => gw.xpos === sw.xpos),
    UFeats: onWords((gw, sw) => gw.feats === sw.feats),
    AllTags: onWords((gw, sw) => gw.upos === sw.upos && gw.xpos === sw.xpos && gw.feats === sw.feats),
    // A gold lemma "_" means the treebank has no lemmas there: any system lemma passes, as officially.
    Lemmas: onWords((gw, sw) => gw.lemma === '_' || gw.lemma === sw.lemma),
    UAS: onWords(sameHead),
    LAS: onWords((gw, sw) => sameHead(gw, sw) && gw.relation === sw.relation),
    'LAS (full labels)': onWords((gw, sw) => sameHead(gw, sw) && gw.deprel === sw.deprel),
    // Gold words are filtered by their gold relation, system words by their own, as officially: with gold
    // tokens, precision and recall still differ when the system moves a word in or out of the content set.
    CLAS: onWords(
      (gw, sw) => sameHead(gw, sw) && gw.relation === sw.relation,
      (w) => CONTENT_RELATIONS.has(w.relation),
    ),
  };
}

function readTreebank(sentences: ConlluSentence[], side: Side): Treebank {
  const parts: string[] = [];
  const tb: Treebank = { text: '', tokens: [], sentences: [], sentenceNames: [], words: [] };
  let offset = 0;
  sentences.forEach((sentence, n) => {
    const name = commentValue(sentence, 'sent_id') ?? `#${n + 1}`;
    const where = `${side} sentence ${name}`;
    checkTree(sentence.words, where);
    const firstWord = tb.words.length;
    const sentenceStart = offset;
    const multiwordAt = new Map(sentence.multiwords.map((m) => [m.first, m]));
    let i = 0;
    while (i < sentence.words.length) {
      const multiword = multiwordAt.get(i + 1);
      if (multiword && multiword.last > sentence.words.length) {
        throw new ParseEvalError(`${where}: multiword token ${multiword.first}-${multiword.last} reaches past the last word`);
      }
      const surface = withoutSpaces(multiword ? multiword.form : sentence.words[i]!.form);
      if (!surface) throw new ParseEvalError(`${where}: the token at word ${i + 1} has an empty form`);
      const span = { start: offset, end: offset + surface.length };
      parts.push(surface);
      tb.tokens.push(span);
      offset = span.end;
      const last = multiword ? multiword.last : i + 1;
      for (; i < last; i++) tb.words.push(evalWord(sentence.words[i]!, span, multiword !== undefined, firstWord));
    }
    tb.sentences.push({ start: sentenceStart, end: offset });
    tb.sentenceNames.push(name);
  });
  tb.text = parts.join('');
  return tb;
}

function evalWord(w: ConlluWord, span: Span, inMultiword: boolean, firstWord: number): EvalWord {
  const feats = w.feats
    .split('|')
    .filter((f) => UNIVERSAL_FEATURES.has(f.split('=')[0]!))
    .sort()
    .join('|');
  return {
    span,
    inMultiword,
    formKey: withoutSpaces(w.form).toLowerCase(),
    lemma: w.lemma,
    upos: w.upos,
    xpos: w.xpos,
    feats,
    head: w.head === 0 ? ROOT : firstWord + w.head - 1,
    deprel: w.deprel,
    relation: w.deprel.split(':')[0]!,
  };
}

/** Heads must make a tree (one root, no cycle), as the official script demands of both files. */
function checkTree(words: ConlluWord[], where: string): void {
  words.forEach((w, i) => {
    if (w.head < 0 || w.head > words.length) throw new ParseEvalError(`${where}: word ${i + 1} (${w.form}) has head ${w.head < 0 ? '_' : w.head}, outside the sentence`);
  });
  const roots = words.filter((w) => w.head === 0).length;
  if (roots !== 1) throw new ParseEvalError(`${where}: ${roots} roots, expected 1`);
  // 0 not yet seen, 1 on the path being followed, 2 known to reach the root (the root's slot 0 included).
  const state = new Uint8Array(words.length + 1);
  state[0] = 2;
  for (let start = 1; start <= words.length; start++) {
    const path: number[] = [];
    let at = start;
    while (state[at] === 0) {
      state[at] = 1;
      path.push(at);
      at = words[at - 1]!.head;
    }
    if (state[at] === 1) throw new ParseEvalError(`${where}: word ${at} (${words[at - 1]!.form}) is on a cycle of heads`);
    for (const p of path) state[p] = 2;
  }
}

/** Spans cover the same text on both sides only if the system kept every character of the gold. */
function checkSameText(gold: Treebank, system: Treebank): void {
  if (gold.text === system.text) return;
  let at = 0;
  while (at < gold.text.length && at < system.text.length && gold.text[at] === system.text[at]) at++;
  // Start the excerpts on a whole character, not on the second half of a surrogate pair.
  if (at > 0 && /[\uD800-\uDBFF]/.test(gold.text[at - 1]!)) at--;
  const excerpt = (tb: Treebank) => (at < tb.text.length ? `'${tb.text.slice(at, at + 20)}'` : 'nothing (its text ends there)');
  throw new ParseEvalError(
    `gold and system texts differ at character ${at} of the text without spaces ` +
      `(gold sentence ${sentenceAt(gold, at)}, system sentence ${sentenceAt(system, at)}): ` +
      `gold has ${excerpt(gold)}, system has ${excerpt(system)}`,
  );
}

function sentenceAt(tb: Treebank, offset: number): string {
  const n = tb.sentences.findIndex((s) => offset < s.end);
  return tb.sentenceNames[n < 0 ? tb.sentenceNames.length - 1 : n] ?? '(none)';
}

/**
 * For each system word, the index of the gold word aligned with it, or UNALIGNED. Words outside multiword
 * tokens align when their spans are identical; around multiword tokens, the smallest stretch of text that no
 * multiword token (gold or system) sticks out of is aligned by the longest common subsequence of forms.
 */
function alignWords(gold: EvalWord[], system: EvalWord[]): Int32Array {
  const goldOf = new Int32Array(system.length).fill(UNALIGNED);
  let g = 0;
  let s = 0;
  while (g < gold.length && s < system.length) {
    const gw = gold[g]!;
    const sw = system[s]!;
    if (gw.inMultiword || sw.inMultiword) {
      const stretch = multiwordStretch(gold, system, g, s);
      alignByForms(gold, system, stretch, goldOf);
      g = stretch.goldEnd;
      s = stretch.systemEnd;
    } else if (gw.span.start === sw.span.start && gw.span.end === sw.span.end) {
      goldOf[s++] = g++;
    } else if (gw.span.start <= sw.span.start) {
      g++;
    } else {
      s++;
    }
  }
  return goldOf;
}

interface Stretch {
  goldStart: number;
  goldEnd: number;
  systemStart: number;
  systemEnd: number;
}

/** The words of the multiword stretch that starts at gold word g or system word s (one is in a multiword token). */
function multiwordStretch(gold: EvalWord[], system: EvalWord[], g: number, s: number): Stretch {
  let end: number;
  // A plain word on the other side that starts before the multiword token is left out of the stretch.
  if (gold[g]!.inMultiword) {
    end = gold[g]!.span.end;
    if (!system[s]!.inMultiword && system[s]!.span.start < gold[g]!.span.start) s++;
  } else {
    end = system[s]!.span.end;
    if (!gold[g]!.inMultiword && gold[g]!.span.start < system[s]!.span.start) g++;
  }
  const goldStart = g;
  const systemStart = s;
  // A multiword token that starts inside the stretch extends it to its own end; a plain word must end inside it.
  const pastEnd = (words: EvalWord[], i: number) => {
    const w = words[i];
    return !w || (w.inMultiword ? w.span.start >= end : w.span.end > end);
  };
  const extend = (w: EvalWord) => {
    if (w.inMultiword && w.span.end > end) end = w.span.end;
  };
  while (!pastEnd(gold, g) || !pastEnd(system, s)) {
    if (g < gold.length && (s >= system.length || gold[g]!.span.start <= system[s]!.span.start)) extend(gold[g++]!);
    else extend(system[s++]!);
  }
  return { goldStart, goldEnd: g, systemStart, systemEnd: s };
}

/** Aligns the words of a stretch along a longest common subsequence of their lower-cased forms. */
function alignByForms(gold: EvalWord[], system: EvalWord[], stretch: Stretch, goldOf: Int32Array): void {
  const rows = stretch.goldEnd - stretch.goldStart;
  const cols = stretch.systemEnd - stretch.systemStart;
  const same = (i: number, j: number) => gold[stretch.goldStart + i]!.formKey === system[stretch.systemStart + j]!.formKey;
  // lcs[i][j]: the longest common subsequence of the gold words from i and the system words from j.
  const lcs = Array.from({ length: rows + 1 }, () => new Int32Array(cols + 1));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      lcs[i]![j] = same(i, j) ? 1 + lcs[i + 1]![j + 1]! : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < rows && j < cols) {
    if (same(i, j)) goldOf[stretch.systemStart + j++] = stretch.goldStart + i++;
    else if (lcs[i]![j] === lcs[i + 1]![j]) i++;
    else j++;
  }
}

function metricScore(gold: number, system: number, correct: number, aligned: number | null): MetricScore {
  return {
    gold,
    system,
    correct,
    aligned,
    precision: system ? correct / system : 0,
    recall: gold ? correct / gold : 0,
    // 2c/(g+s), the harmonic mean of P and R, written so that with g = s it is exactly c/g.
    f1: gold + system ? (2 * correct) / (gold + system) : 0,
    alignedAccuracy: aligned === null ? null : aligned ? correct / aligned : 0,
  };
}

/** Tokens or sentences: right when the same stretch of text starts and ends at the same characters. */
function spanScore(gold: Span[], system: Span[]): MetricScore {
  let correct = 0;
  let g = 0;
  let s = 0;
  while (g < gold.length && s < system.length) {
    if (system[s]!.start < gold[g]!.start) s++;
    else if (gold[g]!.start < system[s]!.start) g++;
    else if (gold[g++]!.end === system[s++]!.end) correct++;
  }
  return metricScore(gold.length, system.length, correct, null);
}

/** A word metric: correct when aligned and `agrees`; `counts` picks the words in play (by gold's view when aligned). */
function wordScore(
  gold: EvalWord[],
  system: EvalWord[],
  goldOf: Int32Array,
  agrees: (gw: EvalWord, sw: EvalWord) => boolean,
  counts: (w: EvalWord) => boolean = () => true,
): MetricScore {
  let aligned = 0;
  let correct = 0;
  system.forEach((sw, s) => {
    const gw = gold[goldOf[s]!];
    if (!gw || !counts(gw)) return;
    aligned++;
    if (agrees(gw, sw)) correct++;
  });
  return metricScore(gold.filter(counts).length, system.filter(counts).length, correct, aligned);
}

export function formatParseReport(scores: ParseScores): string {
  const percent = (x: number) => (100 * x).toFixed(2).padStart(8);
  return [
    `${'metric'.padEnd(18)}${'P'.padStart(8)}${'R'.padStart(8)}${'F1'.padStart(8)}`,
    ...PARSE_METRICS.map((m) => `${m.padEnd(18)}${percent(scores[m].precision)}${percent(scores[m].recall)}${percent(scores[m].f1)}`),
  ].join('\n');
}
