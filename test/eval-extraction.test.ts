import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  aggregateScores,
  evalExtraction,
  formatExtractionReport,
  scoreTokens,
} from '../src/eval/extraction.js';
import { decodePage } from '../src/eval/pages.js';

const DEV_DIR = resolve(import.meta.dirname, '..', '..', 'shared', 'eval', 'extraction', 'dev');

describe('scoreTokens', () => {
  it('scores identical texts as all true positives', () => {
    expect(scoreTokens('one two three four five', 'one two three four five')).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it('ignores punctuation and spacing: only word tokens count', () => {
    expect(scoreTokens('one, two; three four!', 'one two\n\nthree  four')).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it('counts 4-token shingles as a multiset, normalised by tp + fp + fn', () => {
    // gold: a b c d e -> shingles abcd, bcde. predicted: a b c d x -> abcd, bcdx.
    // tp = 1 (abcd), fp = 1 (bcdx), fn = 1 (bcde): each a third.
    const score = scoreTokens('a b c d e', 'a b c d x');
    expect(score.tp).toBeCloseTo(1 / 3);
    expect(score.fp).toBeCloseTo(1 / 3);
    expect(score.fn).toBeCloseTo(1 / 3);
  });

  it('counts repeated shingles only as often as the gold has them', () => {
    // gold: abcd once; predicted: abcd twice (a b c d a b c d -> abcd, bcda, cdab, dabc, abcd).
    const score = scoreTokens('a b c d', 'a b c d a b c d');
    // tp = 1, fp = 4 (abcd extra copy, bcda, cdab, dabc), fn = 0.
    expect(score.tp).toBeCloseTo(1 / 5);
    expect(score.fp).toBeCloseTo(4 / 5);
    expect(score.fn).toBe(0);
  });

  it('treats a text shorter than a shingle as one short shingle, and empty text as none', () => {
    expect(scoreTokens('hello world', 'hello world')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(scoreTokens('hello world', '')).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(scoreTokens('', '')).toEqual({ tp: 0, fp: 0, fn: 0 });
  });

  it('tokenises Unicode words like Python\'s \\w (letters and digits of any script)', () => {
    expect(scoreTokens('기사 입력 2018 서울', '기사 입력 2018 서울')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(scoreTokens('Привет мир как дела', 'Привет мир как дела?')).toEqual({ tp: 1, fp: 0, fn: 0 });
  });
});

describe('aggregateScores', () => {
  it('averages precision and recall over pages, then takes their harmonic mean', () => {
    const result = aggregateScores([
      { tp: 0.5, fp: 0.5, fn: 0 }, // precision 0.5, recall 1
      { tp: 1, fp: 0, fn: 0 }, // precision 1, recall 1
      { tp: 0, fp: 0, fn: 1 }, // nothing predicted: no precision, recall 0
    ]);
    expect(result.precision).toBeCloseTo(0.75);
    expect(result.recall).toBeCloseTo(2 / 3);
    expect(result.f1).toBeCloseTo((2 * 0.75 * (2 / 3)) / (0.75 + 2 / 3));
  });
});

describe('decodePage', () => {
  it('decodes UTF-8 first (stale declarations are common), then the meta charset, then windows-1252', () => {
    expect(decodePage(new TextEncoder().encode('<meta charset="euc-kr"><p>café</p>'))).toBe('<meta charset="euc-kr"><p>café</p>');
    const latin1 = Uint8Array.from([...Buffer.from('<meta charset="iso-8859-1"><p>caf'), 0xe9, ...Buffer.from('</p>')]);
    expect(decodePage(latin1)).toBe('<meta charset="iso-8859-1"><p>café</p>');
    expect(decodePage(Uint8Array.from([...Buffer.from('<p>caf'), 0xe9, ...Buffer.from('</p>')]))).toBe('<p>café</p>');
  });
});

describe('evalExtraction', () => {
  it.skipIf(!existsSync(DEV_DIR))('scores sitrep and readability on the dev split', async () => {
    const report = await evalExtraction(DEV_DIR, { timingPasses: 1 });
    expect(report.pages).toBeGreaterThan(0);
    expect(report.systems.map((s) => s.name)).toEqual(['sitrep', 'readability']);
    const sitrep = report.systems[0]!;
    expect(sitrep.f1).toBeGreaterThan(0.9);
    expect(formatExtractionReport(report)).toContain('sitrep');
  });
});
