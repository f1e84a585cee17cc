/**
 * The shipped syntax model: tagger, parser and word classes, loaded once per process from
 * `data/models/`, and the one entry the document stage calls: `analyzeWords`, words in, tags and a
 * dependency tree out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModel, decodeStrings, encodeModel, encodeStrings, type ModelArray } from './model-file.js';
import { LinearModel } from './perceptron.js';
import { Tagger, tagParts, type TagParts } from './tagger.js';
import { Parser, parserTagTable, parserTags } from './parser.js';
import { lexicalOf, type AmbiguityClasses, type WordClasses } from './lexical.js';

const MODELS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'models');
export const SYNTAX_MODEL_FILE = path.join(MODELS, 'en-ewt-syntax.bin');
export const WORD_CLASSES_FILE = path.join(MODELS, 'word-classes.bin');

/** Tags, features and a tree for one sentence's words. Heads are 0-based word indices, -1 for the root. */
export interface SentenceSyntax {
  upos: string[];
  xpos: string[];
  /** The verb features the tagger predicts (VerbForm, Tense, Mood), "" when none. */
  feats: string[];
  head: Int32Array;
  deprel: string[];
}

export interface SyntaxModel {
  tags: readonly string[];
  /** The parser's tag for each tagger class. */
  parserTag: Int32Array;
  /** Each tagger class cut into UPOS, Penn tag and verb features, once. */
  tagParts: readonly TagParts[];
  labels: readonly string[];
  tagger: Tagger;
  parser: Parser;
  classes: WordClasses;
  ambiguity: AmbiguityClasses;
  /** Scores and provenance recorded at training time. */
  meta: Record<string, unknown>;
}

export function loadWordClasses(file = WORD_CLASSES_FILE): WordClasses {
  const { arrays } = decodeModel(readFileSync(file));
  const words = decodeStrings(arrays.words!);
  const coarse = arrays.coarse!;
  const fine = arrays.fine!;
  const index = new Map<string, number>();
  words.forEach((w, i) => index.set(w, i));
  return {
    get(word: string) {
      const i = index.get(word);
      return i === undefined ? undefined : { coarse: coarse[i]! + 1, fine: fine[i]! + 1 };
    },
  };
}

function linearArrays(prefix: string, m: LinearModel): Record<string, ModelArray> {
  return { [`${prefix}.keys`]: m.keys, [`${prefix}.offsets`]: m.offsets, [`${prefix}.classes`]: m.classes, [`${prefix}.weights`]: m.weights };
}

function linearFrom(prefix: string, arrays: Record<string, ModelArray>, nClasses: number): LinearModel {
  return new LinearModel(nClasses, arrays[`${prefix}.keys`] as Uint32Array, arrays[`${prefix}.offsets`] as Uint32Array, arrays[`${prefix}.classes`] as Uint16Array, arrays[`${prefix}.weights`] as Float32Array);
}

export interface TrainedSyntax {
  tags: readonly string[];
  labels: readonly string[];
  /** Frequent words' ambiguity classes: word hashes and class hashes. */
  ambiguity: { words: Int32Array; classes: Int32Array };
  tagger: LinearModel;
  transitions: LinearModel;
  arcLabels: LinearModel;
  meta: Record<string, unknown>;
}

export function encodeSyntaxModel(m: TrainedSyntax): Buffer {
  return encodeModel({
    meta: m.meta,
    arrays: {
      tags: encodeStrings(m.tags),
      labels: encodeStrings(m.labels),
      'ambiguity.words': m.ambiguity.words,
      'ambiguity.classes': m.ambiguity.classes,
      ...linearArrays('tagger', m.tagger),
      ...linearArrays('transitions', m.transitions),
      ...linearArrays('arcLabels', m.arcLabels),
    },
  });
}

export function syntaxModelOf(m: TrainedSyntax, classes: WordClasses): SyntaxModel {
  return {
    tags: m.tags,
    parserTag: parserTagTable(m.tags),
    tagParts: m.tags.map(tagParts),
    labels: m.labels,
    tagger: new Tagger(m.tags, m.tagger),
    parser: new Parser({ transitions: m.transitions, labels: m.arcLabels, labelNames: m.labels }),
    classes,
    ambiguity: ambiguityLookup(m.ambiguity),
    meta: m.meta,
  };
}

export function ambiguityLookup(table: { words: Int32Array; classes: Int32Array }): AmbiguityClasses {
  const map = new Map<number, number>();
  table.words.forEach((w, i) => map.set(w, table.classes[i]!));
  return { get: (wordHash) => map.get(wordHash) };
}

export function readSyntaxModel(file = SYNTAX_MODEL_FILE, classesFile = WORD_CLASSES_FILE): SyntaxModel {
  const { meta, arrays } = decodeModel(readFileSync(file));
  const tags = decodeStrings(arrays.tags!);
  const labels = decodeStrings(arrays.labels!);
  return syntaxModelOf(
    { tags, labels, ambiguity: { words: arrays['ambiguity.words'] as Int32Array, classes: arrays['ambiguity.classes'] as Int32Array }, tagger: linearFrom('tagger', arrays, tags.length), transitions: linearFrom('transitions', arrays, 4), arcLabels: linearFrom('arcLabels', arrays, labels.length), meta },
    loadWordClasses(classesFile),
  );
}

let shipped: SyntaxModel | null = null;
/** The shipped model, read on first use and kept for the life of the process. */
export function syntaxModel(): SyntaxModel {
  shipped ??= readSyntaxModel();
  return shipped;
}

export function analyzeWords(words: readonly string[], model: SyntaxModel = syntaxModel()): SentenceSyntax {
  const n = words.length;
  const lex = lexicalOf(words, model.classes, model.ambiguity);
  const tagIds = model.tagger.tag(lex, n);
  const { heads, labels } = model.parser.parse({ lex, tags: parserTags(tagIds, model.parserTag), n });
  const upos: string[] = [];
  const xpos: string[] = [];
  const feats: string[] = [];
  for (let i = 0; i < n; i++) {
    const parts = model.tagParts[tagIds[i]!]!;
    upos.push(parts.upos);
    xpos.push(parts.xpos);
    feats.push(parts.feats);
  }
  return { upos, xpos, feats, head: heads, deprel: Array.from(labels, (l) => model.labels[l] ?? 'dep') };
}
