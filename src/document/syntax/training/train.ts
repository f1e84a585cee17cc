/**
 * Training the syntax model on a UD treebank (train split; dev for the recorded scores):
 *   1. the tagger, k-fold (jackknife) on train, so that the parser learns from tags as wrong as the
 *      tagger's will be on new text, then on all of train;
 *   2. the parser on the jackknifed tags, with the dynamic oracle and exploration from the second epoch.
 * Deterministic for a given seed: sentence order comes from a seeded generator, nothing else is random.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { parseConllu, type ConlluSentence } from '../conllu.js';
import { lexicalOf, type Lexical, type WordClasses } from '../lexical.js';
import { PerceptronTrainer, type LinearModel } from '../perceptron.js';
import { Tagger, tagOf, tagParts, trainTaggerEpoch, type TaggedSentence } from '../tagger.js';
import { Parser, parserExample, trainParserEpoch, type ParserExample } from '../parser.js';
import { projectivize } from '../transitions.js';
import type { TrainedSyntax } from '../model.js';
import { seededRandom, shuffled } from './random.js';

export interface TrainOptions {
  /** Folder with `<name>-ud-{train,dev}.conllu[.gz]`. */
  treebank: string;
  classes: WordClasses;
  seed: number;
  tagEpochs: number;
  parseEpochs: number;
  folds: number;
  log: (line: string) => void;
}

export function readTreebankSplit(dir: string, split: 'train' | 'dev' | 'test'): ConlluSentence[] {
  const name = path.basename(dir);
  for (const file of [`${name}-ud-${split}.conllu.gz`, `${name}-ud-${split}.conllu`]) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(dir, file));
    } catch {
      continue;
    }
    return parseConllu((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
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

function prepare(sentences: ConlluSentence[], classes: WordClasses, tags: Vocabulary, labels: Vocabulary): Prepared[] {
  return sentences.map((s) => {
    const n = s.words.length;
    return {
      lex: lexicalOf(s.words.map((w) => w.form), classes),
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
  tags: number;
  uas: number;
  las: number;
}

/** Tagging and parsing accuracy over dev words with the gold tokens (punctuation included). */
export function scoreOn(sentences: readonly Prepared[], tagger: Tagger, parser: Parser, tagNames: readonly string[]): DevScores {
  let words = 0;
  let upos = 0;
  let tags = 0;
  let uas = 0;
  let las = 0;
  for (const s of sentences) {
    const predicted = tagger.tag(s.lex, s.n);
    const { heads, labels } = parser.parse({ lex: s.lex, tags: predicted, n: s.n });
    for (let i = 0; i < s.n; i++) {
      words++;
      if (predicted[i] === s.tags[i]) tags++;
      if (tagParts(tagNames[predicted[i]!]!).upos === tagParts(tagNames[s.tags[i]!]!).upos) upos++;
      const goldHead = s.heads[i] === s.n ? -1 : s.heads[i];
      if (heads[i] === goldHead) {
        uas++;
        if (labels[i] === s.labels[i]) las++;
      }
    }
  }
  const pct = (x: number) => Math.round((10000 * x) / words) / 100;
  return { upos: pct(upos), tags: pct(tags), uas: pct(uas), las: pct(las) };
}

export function trainSyntax(options: TrainOptions): TrainedSyntax {
  const { classes, log } = options;
  const random = seededRandom(options.seed);
  const tags = new Vocabulary();
  const labels = new Vocabulary();
  labels.id('root');
  const train = prepare(readTreebankSplit(options.treebank, 'train'), classes, tags, labels);
  const dev = prepare(readTreebankSplit(options.treebank, 'dev'), classes, tags, labels);
  log(`treebank ${path.basename(options.treebank)}: ${train.length} train and ${dev.length} dev sentences, ${tags.names.length} tags, ${labels.names.length} labels`);

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
  const tagger = new Tagger(tags.names, taggerModel);
  log('tagger trained on all of train');

  // 2. The parser.
  const examples: ParserExample[] = train.map((s, i) => parserExample({ lex: s.lex, tags: jackknifed[i]!, n: s.n }, projectivize(s.heads), s.labels));
  const rootLabel = labels.known('root');
  const trainers = { transitions: new PerceptronTrainer(4), labels: new PerceptronTrainer(labels.names.length), rootLabel };
  for (let e = 0; e < options.parseEpochs; e++) {
    const labelAccuracy = trainParserEpoch(trainers, shuffled(examples, random), e >= 1, random);
    log(`parser epoch ${e + 1}/${options.parseEpochs}: arc labels ${(labelAccuracy * 100).toFixed(1)}% on train`);
  }
  const transitions = trainers.transitions.finish();
  const arcLabels = trainers.labels.finish();
  const parser = new Parser({ transitions, labels: arcLabels, labelNames: labels.names });
  const devScores = scoreOn(dev, tagger, parser, tags.names);
  log(`dev (gold tokens, predicted tags): UPOS ${devScores.upos} full tag ${devScores.tags} UAS ${devScores.uas} LAS ${devScores.las}`);
  return {
    tags: tags.names,
    labels: labels.names,
    tagger: taggerModel,
    transitions,
    arcLabels,
    meta: {
      kind: 'syntax',
      treebank: path.basename(options.treebank),
      seed: options.seed,
      tagEpochs: options.tagEpochs,
      parseEpochs: options.parseEpochs,
      folds: options.folds,
      dev: devScores,
    },
  };
}
