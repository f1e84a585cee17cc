/**
 * Training the syntax model on a UD treebank (train split; dev for the recorded scores):
 *   1. the tagger, k-fold (jackknife) on train, so that the parser learns from tags as wrong as the
 *      tagger's will be on new text, then on all of train;
 *   2. the parser on the jackknifed tags, with the dynamic oracle and exploration from the second epoch.
 * Deterministic for a given seed: sentence order comes from a seeded generator, nothing else is random.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readConlluFile, type ConlluSentence } from '../conllu.js';
import { hashString } from '../features.js';
import { lexicalOf, normalizeWord, type AmbiguityClasses, type Lexical, type WordClasses } from '../lexical.js';
import { PerceptronTrainer, type LinearModel } from '../perceptron.js';
import { Tagger, tagOf, trainTaggerEpoch, type TaggedSentence } from '../tagger.js';
import { parserExample, parserTagTable, parserTags, trainParserEpoch, type ParserExample } from '../parser.js';
import { projectivize } from '../transitions.js';
import { ambiguityLookup, analyzeWords, syntaxModelOf, type SyntaxModel, type TrainedSyntax } from '../model.js';
import { seededRandom, shuffled } from './random.js';

/** The settings the shipped model was trained with. */
export const TRAINING = { seed: 1, tagEpochs: 8, parseEpochs: 15, folds: 4, minUpdates: 3 };

export interface TrainOptions {
  /** Folder with `<name>-ud-{train,dev}.conllu[.gz]`. */
  treebank: string;
  classes: WordClasses;
  seed: number;
  tagEpochs: number;
  parseEpochs: number;
  folds: number;
  /** Parser features updated fewer times than this in training are dropped (smaller, faster model). */
  minUpdates: number;
  log: (line: string) => void;
}

export function readTreebankSplit(dir: string, split: 'train' | 'dev' | 'test'): ConlluSentence[] {
  const name = path.basename(dir);
  for (const file of [`${name}-ud-${split}.conllu.gz`, `${name}-ud-${split}.conllu`]) {
    if (existsSync(path.join(dir, file))) return readConlluFile(path.join(dir, file));
  }
  throw new Error(`${dir}: no ${split} split (${name}-ud-${split}.conllu[.gz])`);
}

/** Ids in order of first appearance, so the same treebank gives the same ids. */
class Vocabulary {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  id(name: string): number {
    let i = this.ids.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.ids.set(name, i);
    }
    return i;
  }
  known(name: string): number {
    return this.ids.get(name) ?? -1;
  }
}

interface Prepared {
  lex: Lexical;
  n: number;
  tags: Int32Array;
  heads: Int32Array;
  labels: Int32Array;
}

/** A word seen at least this often in train gets an ambiguity class. */
const AMBIGUITY_MIN_COUNT = 3;

/** The UPOS sets of frequent train words: word hashes and class hashes, in first-seen order. */
function ambiguityTable(sentences: ConlluSentence[]): { words: Int32Array; classes: Int32Array } {
  const seen = new Map<string, { count: number; upos: Set<string> }>();
  for (const s of sentences) {
    for (const w of s.words) {
      const key = normalizeWord(w.form);
      const entry = seen.get(key) ?? { count: 0, upos: new Set<string>() };
      entry.count++;
      entry.upos.add(w.upos);
      seen.set(key, entry);
    }
  }
  const frequent = [...seen].filter(([, e]) => e.count >= AMBIGUITY_MIN_COUNT);
  return {
    words: Int32Array.from(frequent, ([w]) => hashString(w)),
    classes: Int32Array.from(frequent, ([, e]) => hashString([...e.upos].sort().join(' '))),
  };
}

function prepare(sentences: ConlluSentence[], classes: WordClasses, ambiguity: AmbiguityClasses, tags: Vocabulary, labels: Vocabulary): Prepared[] {
  return sentences.map((s) => {
    const n = s.words.length;
    return {
      lex: lexicalOf(s.words.map((w) => w.form), classes, ambiguity),
      n,
      tags: Int32Array.from(s.words.map((w) => tags.id(tagOf(w.upos, w.xpos, w.feats)))),
      heads: Int32Array.from(s.words.map((w) => (w.head === 0 ? n : w.head - 1))),
      labels: Int32Array.from(s.words.map((w) => labels.id(w.deprel))),
    };
  });
}

function trainTagger(sentences: readonly TaggedSentence[], nTags: number, epochs: number, random: () => number): LinearModel {
  const trainer = new PerceptronTrainer(nTags);
  for (let e = 0; e < epochs; e++) trainTaggerEpoch(trainer, shuffled(sentences, random));
  return trainer.finish();
}

export interface DevScores {
  upos: number;
  xpos: number;
  uas: number;
  las: number;
}

/** Tagging and parsing accuracy on treebank sentences with their gold words (punctuation included). */
export function scoreModel(model: SyntaxModel, sentences: readonly ConlluSentence[]): DevScores {
  let words = 0;
  let upos = 0;
  let xpos = 0;
  let uas = 0;
  let las = 0;
  for (const s of sentences) {
    const a = analyzeWords(
      s.words.map((w) => w.form),
      model,
    );
    s.words.forEach((w, i) => {
      words++;
      if (a.upos[i] === w.upos) upos++;
      if (a.xpos[i] === w.xpos) xpos++;
      if (a.head[i] === w.head - 1) {
        uas++;
        if (a.deprel[i] === w.deprel) las++;
      }
    });
  }
  const pct = (x: number) => Math.round((10000 * x) / words) / 100;
  return { upos: pct(upos), xpos: pct(xpos), uas: pct(uas), las: pct(las) };
}

export function trainSyntax(options: TrainOptions): TrainedSyntax {
  const { classes, log } = options;
  const random = seededRandom(options.seed);
  const tags = new Vocabulary();
  const labels = new Vocabulary();
  labels.id('root');
  const trainSentences = readTreebankSplit(options.treebank, 'train');
  const ambiguity = ambiguityTable(trainSentences);
  const lookup = ambiguityLookup(ambiguity);
  const train = prepare(trainSentences, classes, lookup, tags, labels);
  log(`treebank ${path.basename(options.treebank)}: ${train.length} train sentences, ${tags.names.length} tags, ${labels.names.length} labels`);

  // 1. Jackknifed tags for the parser's training input.
  const tagged = train.map((s) => ({ lex: s.lex, gold: s.tags }));
  const jackknifed: Int32Array[] = new Array(train.length);
  for (let fold = 0; fold < options.folds; fold++) {
    const rest = tagged.filter((_, i) => i % options.folds !== fold);
    const tagger = new Tagger(tags.names, trainTagger(rest, tags.names.length, options.tagEpochs, random));
    for (let i = fold; i < train.length; i += options.folds) jackknifed[i] = tagger.tag(train[i]!.lex, train[i]!.n);
    log(`tagger fold ${fold + 1}/${options.folds} done`);
  }
  const taggerModel = trainTagger(tagged, tags.names.length, options.tagEpochs, random);
  log('tagger trained on all of train');

  // 2. The parser.
  const table = parserTagTable(tags.names);
  const examples: ParserExample[] = train.map((s, i) => parserExample({ lex: s.lex, tags: parserTags(jackknifed[i]!, table), n: s.n }, projectivize(s.heads), s.labels));
  const rootLabel = labels.known('root');
  const trainers = { transitions: new PerceptronTrainer(4), labels: new PerceptronTrainer(labels.names.length), rootLabel };
  for (let e = 0; e < options.parseEpochs; e++) {
    const labelAccuracy = trainParserEpoch(trainers, shuffled(examples, random), e >= 1, random);
    log(`parser epoch ${e + 1}/${options.parseEpochs}: arc labels ${(labelAccuracy * 100).toFixed(1)}% on train`);
  }
  const trained: TrainedSyntax = {
    tags: tags.names,
    labels: labels.names,
    ambiguity,
    tagger: taggerModel,
    transitions: trainers.transitions.finish(options.minUpdates),
    arcLabels: trainers.labels.finish(options.minUpdates),
    meta: {
      kind: 'syntax',
      treebank: path.basename(options.treebank),
      seed: options.seed,
      tagEpochs: options.tagEpochs,
      parseEpochs: options.parseEpochs,
      folds: options.folds,
      minUpdates: options.minUpdates,
    },
  };
  const dev = scoreModel(syntaxModelOf(trained, classes), readTreebankSplit(options.treebank, 'dev'));
  log(`dev (gold words, predicted tags): UPOS ${dev.upos} XPOS ${dev.xpos} UAS ${dev.uas} LAS ${dev.las}`);
  trained.meta.dev = dev;
  return trained;
}
