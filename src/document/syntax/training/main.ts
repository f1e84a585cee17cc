/**
 * `npm run train`: rebuilds `data/models/en-ewt-syntax.bin` from the UD English EWT treebank in
 * `../shared/treebanks/en_ewt` (or the folder given as the first argument), with the shipped word classes.
 * `npm run train -- --classes` first rebuilds the word classes from the word vectors.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWordClasses, SYNTAX_MODEL_FILE, WORD_CLASSES_FILE, encodeSyntaxModel } from '../model.js';
import { buildWordClasses } from './word-classes.js';
import { TRAINING, trainSyntax } from './train.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

function main(): void {
  const args = process.argv.slice(2);
  const treebank = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(REPO, '..', 'shared', 'treebanks', 'en_ewt'));
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
  if (args.includes('--classes')) {
    buildWordClasses(WORD_CLASSES_FILE);
    log(`wrote ${WORD_CLASSES_FILE}`);
  }
  const trained = trainSyntax({ treebank, classes: loadWordClasses(), ...TRAINING, log });
  writeFileSync(SYNTAX_MODEL_FILE, encodeSyntaxModel(trained));
  log(`wrote ${SYNTAX_MODEL_FILE}`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`sitrep train: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
