import { describe, expect, it } from 'vitest';
import { parseConllu } from '../src/document/syntax/conllu.js';
import { formatParseReport, PARSE_METRICS, scoreParse, type MetricScore, type ParseScores } from '../src/eval/parse.js';

/** CoNLL-U written with columns separated by spaces, for legibility (no form below contains an ASCII space). */
const conllu = (text: string) =>
  parseConllu(
    text
      .split('\n')
      .map((line) => (line.startsWith('#') ? line : line.replace(/ +/g, '\t')))
      .join('\n'),
  );

// 14 words, 13 tokens (don't is one token over do + n't), 2 sentences; 8 words have a content relation
// (I, n't, like, it, Prices, raised, U.S., today), the other 6 are aux, case, det or punct.
const GOLD = `# sent_id = s1
# text = I don't like it.
1 I I PRON PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 4 nsubj _ _
2-3 don't _ _ _ _ _ _ _ _
2 do do AUX VBP Mood=Ind|Tense=Pres|VerbForm=Fin 4 aux _ _
3 n't not PART RB Polarity=Neg 4 advmod _ _
4 like like VERB VB VerbForm=Inf 0 root _ _
5 it it PRON PRP Case=Acc|Number=Sing|Person=3|PronType=Prs 4 obj _ SpaceAfter=No
6 . . PUNCT . _ 4 punct _ _

# sent_id = s2
# text = Prices were raised in the U.S. today.
1 Prices price NOUN NNS Number=Plur 3 nsubj:pass _ _
2 were be AUX VBD Mood=Ind|Tense=Past|VerbForm=Fin 3 aux:pass _ _
3 raised raise VERB VBN Tense=Past|VerbForm=Part|Voice=Pass 0 root _ _
4 in in ADP IN _ 6 case _ _
5 the the DET DT Definite=Def|PronType=Art 6 det _ _
6 U.S. U.S. PROPN NNP Number=Sing 3 obl _ _
7 today today NOUN NN Number=Sing 3 obl:tmod _ SpaceAfter=No
8 . . PUNCT . _ 3 punct _ _
`;

/** GOLD with each `from` (which must occur exactly once, so that an edit cannot silently miss) replaced. */
function variant(...edits: Array<[from: string, to: string]>): string {
  let text = GOLD;
  for (const [from, to] of edits) {
    expect(text.split(from).length - 1, from).toBe(1);
    text = text.replace(from, to);
  }
  return text;
}

const score = (system: string, gold = GOLD) => scoreParse(conllu(gold), conllu(system));

/** Counts hand-computed in each test, and the figures that follow from them. */
function expectCounts(s: MetricScore, gold: number, system: number, correct: number): void {
  expect({ gold: s.gold, system: s.system, correct: s.correct }).toEqual({ gold, system, correct });
  expect(s.precision).toBeCloseTo(correct / system, 12);
  expect(s.recall).toBeCloseTo(correct / gold, 12);
  expect(s.f1).toBeCloseTo((2 * correct) / (gold + system), 12);
}

const WORD_METRICS = PARSE_METRICS.filter((m) => m !== 'Tokens' && m !== 'Sentences');

describe('scoreParse', () => {
  it('scores identical files 100 everywhere', () => {
    const s = score(GOLD);
    for (const m of PARSE_METRICS) expect([m, s[m].precision, s[m].recall, s[m].f1]).toEqual([m, 1, 1, 1]);
    expectCounts(s.Tokens, 13, 13, 13);
    expectCounts(s.Sentences, 2, 2, 2);
    expectCounts(s.Words, 14, 14, 14);
    expectCounts(s.CLAS, 8, 8, 8);
  });

  it('aligns words by character spans across a different tokenisation', () => {
    // The system keeps "don't" as one word and cuts "U.S." into "U.S" + ".". In the text without spaces,
    // "Idon'tlikeit.PriceswereraisedintheU.S.today.", every other token has the gold's span.
    const s = score(`# sent_id = s1
1 I I PRON PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 3 nsubj _ _
2 don't do AUX VBP _ 3 aux _ _
3 like like VERB VB VerbForm=Inf 0 root _ _
4 it it PRON PRP Case=Acc|Number=Sing|Person=3|PronType=Prs 3 obj _ SpaceAfter=No
5 . . PUNCT . _ 3 punct _ _

# sent_id = s2
1 Prices price NOUN NNS Number=Plur 3 nsubj:pass _ _
2 were be AUX VBD Mood=Ind|Tense=Past|VerbForm=Fin 3 aux:pass _ _
3 raised raise VERB VBN Tense=Past|VerbForm=Part|Voice=Pass 0 root _ _
4 in in ADP IN _ 6 case _ _
5 the the DET DT Definite=Def|PronType=Art 6 det _ _
6 U.S U.S PROPN NNP Number=Sing 3 obl _ SpaceAfter=No
7 . . PUNCT . _ 6 punct _ _
8 today today NOUN NN Number=Sing 3 obl:tmod _ SpaceAfter=No
9 . . PUNCT . _ 3 punct _ _
`);
    // Tokens: the system's 14 include "U.S" and "." which match no gold token; gold's "U.S." is missed.
    expectCounts(s.Tokens, 13, 14, 12);
    expect(s.Tokens.f1).toBeCloseTo(8 / 9, 12);
    expectCounts(s.Sentences, 2, 2, 2);
    // Words: "don't" (system) aligns with neither "do" nor "n't" (gold), and "U.S."/"U.S"/"." align with
    // nothing: 11 of 14 words on each side.
    expectCounts(s.Words, 14, 14, 11);
    for (const m of ['UPOS', 'XPOS', 'UFeats', 'AllTags', 'Lemmas'] as const) expectCounts(s[m], 14, 14, 11);
    // "in" and "the" point at the system's "U.S", which is not aligned with the gold "U.S.", so their heads
    // count as wrong: 9 of the 11 aligned words.
    for (const m of ['UAS', 'LAS', 'LAS (full labels)'] as const) expectCounts(s[m], 14, 14, 9);
    // CLAS: gold content words 8; system content words 7 (I, like, it, Prices, raised, U.S, today); right
    // among them: all aligned ones (I, like, it, Prices, raised, today).
    expectCounts(s.CLAS, 8, 7, 6);
    expect(s.CLAS.f1).toBeCloseTo(0.8, 12);
    expect(s.CLAS.aligned).toBe(6);
  });

  it('aligns the words inside multiword tokens by their forms, ignoring case', () => {
    // Same token, but the system's words are "Do" + "not": "Do" aligns with "do", "not" with nothing.
    const s = score(variant(['2 do do AUX', '2 Do do AUX'], ["3 n't not PART", '3 not not PART']));
    expectCounts(s.Tokens, 13, 13, 13);
    expectCounts(s.Words, 14, 14, 13);
    expectCounts(s.UAS, 14, 14, 13);
    expectCounts(s.CLAS, 8, 8, 7);
  });

  it('does not align a word that starts before a multiword token with a word inside it', () => {
    // Text "xyz": gold "x" + multiword "yz" (words "xy", "z"); system "xy" + "z". The system's "xy" starts
    // before the multiword token, so only "z" aligns, although the forms "xy" are equal.
    const s = score('1 xy xy X _ _ 0 root _ _\n2 z z X _ _ 1 dep _ _\n', '1 x x X _ _ 0 root _ _\n2-3 yz _ _ _ _ _ _ _ _\n2 xy xy X _ _ 1 dep _ _\n3 z z X _ _ 1 dep _ _\n');
    expectCounts(s.Words, 3, 2, 1);
  });

  it('grows a multiword stretch until no multiword token of either side sticks out of it', () => {
    // Text "abc": gold multiword "ab" (a, b) + "c"; system "a" + multiword "bc" (b, c). The stretch spans
    // all of "abc", so the three words align by form.
    const s = score(
      '1 a a X _ _ 0 root _ _\n2-3 bc _ _ _ _ _ _ _ _\n2 b b X _ _ 1 dep _ _\n3 c c X _ _ 1 dep _ _\n',
      '1-2 ab _ _ _ _ _ _ _ _\n1 a a X _ _ 0 root _ _\n2 b b X _ _ 1 dep _ _\n3 c c X _ _ 1 dep _ _\n',
    );
    expectCounts(s.Tokens, 2, 2, 0);
    expectCounts(s.Words, 3, 3, 3);
    expectCounts(s.UAS, 3, 3, 3);
  });

  it('breaks ties between equally long form alignments as the official script does', () => {
    // Gold words a, b; system words b, a, in the same token: one word can align. The official walk skips
    // a gold word first, so b aligns with b (UPOS right), not a with a (UPOS wrong).
    const s = score(
      '1-2 ab _ _ _ _ _ _ _ _\n1 b b Y _ _ 0 root _ _\n2 a a Z _ _ 1 dep _ _\n',
      '1-2 ab _ _ _ _ _ _ _ _\n1 a a X _ _ 0 root _ _\n2 b b Y _ _ 1 dep _ _\n',
    );
    expectCounts(s.Words, 2, 2, 1);
    expectCounts(s.UPOS, 2, 2, 1);
  });

  it('scores a different sentence split', () => {
    // The system ends a sentence after "U.S." and makes "today." a sentence of its own.
    const s = score(
      variant([
        '7 today today NOUN NN Number=Sing 3 obl:tmod _ SpaceAfter=No\n8 . . PUNCT . _ 3 punct _ _',
        '\n# sent_id = s2b\n1 today today NOUN NN Number=Sing 0 root _ SpaceAfter=No\n2 . . PUNCT . _ 1 punct _ _',
      ]),
    );
    expectCounts(s.Sentences, 2, 3, 1);
    expect(s.Sentences.f1).toBeCloseTo(0.4, 12);
    expectCounts(s.Tokens, 13, 13, 13);
    expectCounts(s.Words, 14, 14, 14);
    // "today" is now a root, and "." hangs from it instead of "raised".
    expectCounts(s.UAS, 14, 14, 12);
    expectCounts(s.LAS, 14, 14, 12);
    expectCounts(s.CLAS, 8, 8, 7);
  });

  it('scores a wrong head', () => {
    const s = score(variant(['7 today today NOUN NN Number=Sing 3 obl:tmod', '7 today today NOUN NN Number=Sing 6 obl:tmod']));
    for (const m of ['UAS', 'LAS', 'LAS (full labels)'] as const) expectCounts(s[m], 14, 14, 13);
    expectCounts(s.CLAS, 8, 8, 7);
    expectCounts(s.UPOS, 14, 14, 14);
  });

  it('scores wrong labels, CLAS counting system words by their own label', () => {
    // today: obl:tmod -> nmod:tmod (content to content); the: det -> amod (function word to content).
    const s = score(variant(['3 obl:tmod', '3 nmod:tmod'], ['6 det', '6 amod']));
    expectCounts(s.UAS, 14, 14, 14);
    expectCounts(s.LAS, 14, 14, 12);
    expectCounts(s['LAS (full labels)'], 14, 14, 12);
    // 9 system content words; "the" is not a gold content word, so only "today" is a CLAS error.
    expectCounts(s.CLAS, 8, 9, 7);
    expect(s.CLAS.f1).toBeCloseTo(14 / 17, 12);
  });

  it('ignores subtypes in LAS but not in LAS on full labels', () => {
    const s = score(variant(['3 nsubj:pass', '3 nsubj'], ['3 obl:tmod', '3 obl:npmod']));
    expectCounts(s.LAS, 14, 14, 14);
    expectCounts(s.CLAS, 8, 8, 8);
    expectCounts(s['LAS (full labels)'], 14, 14, 12);
  });

  it('gives a gold lemma "_" to any system lemma', () => {
    const system = variant(['3 raised raise VERB', '3 raised raising VERB']);
    expectCounts(score(system).Lemmas, 14, 14, 13);
    expectCounts(score(system, variant(['3 raised raise VERB', '3 raised _ VERB'])).Lemmas, 14, 14, 14);
  });

  it('removes Unicode spaces from forms before comparing texts', () => {
    // Gold "10 000" (a no-break space inside) is one token; the system's "10" + "000" spell the same text.
    const s = score(
      '1 10 10 NUM CD NumType=Card 3 nummod _ _\n2 000 000 NUM CD NumType=Card 1 flat _ _\n3 troops troop NOUN NNS Number=Plur 0 root _ _\n',
      '1 10\u00a0000 10000 NUM CD NumType=Card 2 nummod _ _\n2 troops troop NOUN NNS Number=Plur 0 root _ _\n',
    );
    expectCounts(s.Tokens, 2, 3, 1);
    expectCounts(s.Words, 2, 3, 1);
  });

  it('throws on a system that changed the text, naming the first difference', () => {
    expect(() => score(variant(['1 Prices price', '1 prices price']))).toThrow(
      "gold and system texts differ at character 13 of the text without spaces (gold sentence s2, system sentence s2): gold has 'Priceswereraisedinth', system has 'priceswereraisedinth'",
    );
    const truncated = variant(['Number=Sing 3 obl:tmod _ SpaceAfter=No\n8 . . PUNCT . _ 3 punct _ _', 'Number=Sing 3 obl:tmod _ _']);
    expect(() => score(truncated)).toThrow("at character 43 of the text without spaces (gold sentence s2, system sentence s2): gold has '.', system has nothing");
    // The excerpts start on the whole emoji, not on its second UTF-16 half, where the two differ.
    expect(() => score('1 \u{1F600} x X _ _ 0 root _ _\n', '1 \u{1F601} x X _ _ 0 root _ _\n')).toThrow("gold has '\u{1F601}', system has '\u{1F600}'");
  });

  it('throws on a system tree with two roots or a cycle', () => {
    expect(() => score(variant(['6 . . PUNCT . _ 4 punct', '6 . . PUNCT . _ 0 punct']))).toThrow('system sentence s1: 2 roots, expected 1');
    expect(() => score(variant(['4 nsubj _ _', '5 nsubj _ _'], ['5 it it PRON PRP Case=Acc|Number=Sing|Person=3|PronType=Prs 4', '5 it it PRON PRP Case=Acc|Number=Sing|Person=3|PronType=Prs 1']))).toThrow(
      'system sentence s1: word 1 (I) is on a cycle of heads',
    );
  });
});

describe('scoreParse on gold tokens', () => {
  const expectAccuracy = (s: ParseScores, correct: Partial<Record<(typeof WORD_METRICS)[number], number>>) => {
    for (const m of WORD_METRICS) {
      const total = m === 'CLAS' ? 8 : 14;
      const accuracy = (correct[m] ?? total) / total;
      expect([m, s[m].precision, s[m].recall, s[m].f1, s[m].alignedAccuracy]).toEqual([m, accuracy, accuracy, accuracy, accuracy]);
    }
  };

  it('gives the accuracies: precision = recall = F1 = accuracy', () => {
    const s = score(
      variant(
        ['5 it it PRON PRP', '5 it it NOUN NN'], // UPOS, XPOS
        ['4 like like VERB VB VerbForm=Inf', '4 like like VERB VB VerbForm=Fin'], // UFeats
        ['3 raised raise VERB', '3 raised raised VERB'], // Lemmas
        ['3 obl:tmod', '6 obl:tmod'], // head of today: UAS, LAS, CLAS
        ['3 nsubj:pass', '3 obj'], // label of Prices: LAS, CLAS
        ['4 advmod', '4 advmod:neg'], // subtype of n't: LAS on full labels only
        // Reordered features and a language-specific one are not errors: UFeats compares universal features as a set.
        ['1 I I PRON PRP Case=Nom|Number=Sing|Person=1|PronType=Prs', '1 I I PRON PRP PronType=Prs|Style=Arch|Person=1|Number=Sing|Case=Nom'],
      ),
    );
    expectCounts(s.Tokens, 13, 13, 13);
    expectAccuracy(s, { UPOS: 13, XPOS: 13, UFeats: 13, AllTags: 12, Lemmas: 13, UAS: 13, LAS: 12, 'LAS (full labels)': 11, CLAS: 6 });
  });

  it('gives word accuracies whether or not the system writes the multiword token line', () => {
    // "do" and "n't" as two plain tokens: the tokens differ from the gold's, the words do not.
    const s = score(variant(["2-3 don't _ _ _ _ _ _ _ _\n", ''], ['4 aux _ _', '4 aux _ SpaceAfter=No']));
    expectCounts(s.Tokens, 13, 14, 12);
    expectAccuracy(s, {});
  });
});

describe('formatParseReport', () => {
  it('prints one line per metric with percentages to two decimals', () => {
    const report = formatParseReport(score(variant(['3 obl:tmod', '6 obl:tmod'])));
    const lines = report.split('\n');
    expect(lines).toHaveLength(PARSE_METRICS.length + 1);
    expect(lines[0]).toMatch(/^metric\s+P\s+R\s+F1$/);
    expect(report).toMatch(/^Tokens\s+100\.00\s+100\.00\s+100\.00$/m);
    expect(report).toMatch(/^UAS\s+92\.86\s+92\.86\s+92\.86$/m);
    expect(report).toMatch(/^LAS \(full labels\)\s+92\.86\s+92\.86\s+92\.86$/m);
    expect(report).toMatch(/^CLAS\s+87\.50\s+87\.50\s+87\.50$/m);
  });
});
