import { describe, it, expect } from 'vitest';
import { createDoc } from '../src/document/doc.js';
import { defaultDictionary } from '../src/facts/actors/dictionary.js';
import { recognizeActors } from '../src/facts/actors/recognize.js';
import { extractQuotes } from '../src/facts/quotes/extract.js';

const quotesOf = (text: string) => {
  const doc = createDoc(text, { articleId: 't', published: '2023-09-05' });
  return extractQuotes(doc, recognizeActors(doc, defaultDictionary()));
};
const brief = (text: string) => quotesOf(text).map((q) => `${q.speaker.name ?? q.speaker.text}|${q.cue.text}|${q.direct ? 'direct' : 'indirect'}|${q.quote.text}|${q.venue?.text ?? '-'}|${q.status}`);

describe('quotes', () => {
  it('finds a partial direct quote after "said … that", with the venue and a view as status', () => {
    const text = 'Russian Ambassador to North Korea Alexander Matsegora said in an interview with TASS on Friday that the idea of including North Korea in the joint exercises “seems quite appropriate.”';
    const [q] = quotesOf(text);
    expect(q).toMatchObject({ direct: true, status: 'opinion', speaker: { name: 'Alexander Matsegora', actor: { code: 'RUSGOVDIP' } }, cue: { text: 'said' } });
    expect(q!.quote.text).toBe('seems quite appropriate.');
    expect(q!.venue).toMatchObject({ text: 'in an interview with TASS', organization: 'TASS' });
    expect(text.slice(q!.quote.start, q!.quote.end)).toBe(q!.quote.text);
  });

  it('reads speakers after the quote, inverted, with an appositive, and through pronouns', () => {
    expect(brief('“We will respond firmly to any provocation,” Kim Jong Un said at a parade.')).toEqual([
      'Kim Jong Un|said|direct|We will respond firmly to any provocation,|at a parade|reported',
    ]);
    expect(brief('“The drills are a threat to peace,” said Maria Zakharova.')).toEqual(['Maria Zakharova|said|direct|The drills are a threat to peace,|-|reported']);
    expect(brief('Sergei Lavrov arrived on Wednesday. “Our ties are at a new level,” he told reporters.')).toEqual([
      'Sergei Lavrov|told|direct|Our ties are at a new level,|told reporters|reported',
    ]);
  });

  it('continues a quote across paragraphs when the next paragraph reopens it', () => {
    const text = '“The alliance is stronger than ever,” Yoon Suk Yeol said in a televised address. “We will not be intimidated.\n\n“Our people deserve security,” he added.';
    const qs = quotesOf(text);
    expect(qs.map((q) => q.quote.text)).toEqual(['The alliance is stronger than ever,', 'We will not be intimidated.\n\n“Our people deserve security,']);
    expect(qs.map((q) => q.speaker.name)).toEqual(['Yoon Suk Yeol', 'Yoon Suk Yeol']);
  });

  it('finds indirect quotes and "according to"', () => {
    expect(brief('Dmitry Peskov said that Moscow had no plans to hold talks with Seoul.')).toEqual([
      'Dmitry Peskov|said|indirect|Moscow had no plans to hold talks with Seoul.|-|reported',
    ]);
    expect(brief('North Korea likely sent more shells to Russia, according to the National Intelligence Service.')).toEqual([
      'National Intelligence Service|according to|indirect|North Korea likely sent more shells to Russia|-|hedged',
    ]);
  });

  it('ignores scare quotes around a term', () => {
    expect(quotesOf('Moscow called it a “special operation” again.')).toEqual([]);
  });
});
