import { describe, it, expect } from 'vitest';
import { createDoc, tokenText, tokenAt } from '../src/document/doc.js';

const meta = { articleId: 'a1', published: '2023-09-05' };

describe('the annotated document', () => {
  const text =
    'Russian Ambassador to North Korea Alexander Matsegora said in an interview with TASS on Friday that the idea “seems quite appropriate.” He left.\n\nHeadline-like line without a period\n\nThe U.S. and the D.P.R.K. can\'t agree — Kim Kyou-hyun said.';
  const doc = createDoc(text, meta);

  it('keeps tokens as offsets into the text, skipping whitespace', () => {
    const words = Array.from(doc.tokenStart, (_, i) => tokenText(doc, i));
    expect(words.slice(0, 7)).toEqual(['Russian', 'Ambassador', 'to', 'North', 'Korea', 'Alexander', 'Matsegora']);
    expect(words).toContain('U.S.');
    expect(words.every((w) => w.trim() === w && w.length > 0)).toBe(true);
    for (let i = 0; i < doc.tokenStart.length; i++) expect(text.slice(doc.tokenStart[i], doc.tokenEnd[i])).toBe(words[i]);
  });

  it('splits sentences, never across a paragraph break', () => {
    expect(doc.sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Russian Ambassador to North Korea Alexander Matsegora said in an interview with TASS on Friday that the idea “seems quite appropriate.”',
      'He left.',
      'Headline-like line without a period',
      "The U.S. and the D.P.R.K. can't agree — Kim Kyou-hyun said.",
    ]);
    const said = tokenAt(doc, text.indexOf('said'));
    expect(doc.sentenceOf[said]).toBe(0);
    expect(doc.lemma[said]).toBe('say');
    expect(doc.pos[tokenAt(doc, text.indexOf('Matsegora'))]).toBe('PROPN');
  });

  it('carries the article id and date for the stages that resolve against them', () => {
    expect(doc).toMatchObject(meta);
    expect(doc.layers.size).toBe(0);
  });
});

describe('createDoc on words the lemmatiser does not know', () => {
  it('keeps the word as its own lemma ("Jonathan Ive")', () => {
    const doc = createDoc('Jonathan Ive, the head of design, stayed.', { articleId: 'x', published: null });
    expect(doc.lemma).toContain('ive');
  });
});
