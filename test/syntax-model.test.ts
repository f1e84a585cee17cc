/**
 * The shipped syntax model: it loads, and on EWT dev it reproduces the scores recorded when it was
 * trained (skipped where ../shared is absent).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntaxModel } from '../src/document/syntax/model.js';
import { readTreebankSplit, scoreModel, type DevScores } from '../src/document/syntax/training/train.js';

const EWT = path.resolve(import.meta.dirname, '..', '..', 'shared', 'treebanks', 'en_ewt');

describe('the shipped syntax model', () => {
  it('loads with its tags, labels and recorded dev scores', () => {
    const model = syntaxModel();
    expect(model.labels).toContain('nsubj:pass');
    expect(model.labels).toContain('obl:agent');
    expect(model.tags.some((t) => t.startsWith('VERB|VBD|'))).toBe(true);
    const dev = model.meta.dev as DevScores;
    expect(dev.uas).toBeGreaterThan(80);
    expect(model.meta.treebank).toBe('en_ewt');
  });

  it.skipIf(!existsSync(EWT))('reproduces its recorded scores on EWT dev', () => {
    const model = syntaxModel();
    expect(scoreModel(model, readTreebankSplit(EWT, 'dev'))).toEqual(model.meta.dev);
  });
});
