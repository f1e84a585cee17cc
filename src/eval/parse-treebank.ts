/**
 * `sitrep eval parse FILE.conllu`: the tagger and parser on a UD treebank file, twice: on the gold words
 * (tagging and parsing alone), and from the raw text (sentence splitting and tokenisation too), scored as
 * in the CoNLL 2018 shared task.
 */
import { commentValue, noSpaceAfter, readConlluFile, type ConlluSentence } from '../document/syntax/conllu.js';
import { analyzeWords } from '../document/syntax/model.js';
import { parseToConllu } from '../document/syntax/output.js';
import { formatParseReport, scoreParse, type ParseScores } from './parse.js';

export interface ParseReport {
  file: string;
  sentences: number;
  words: number;
  goldTokens: ParseScores;
  rawText: ParseScores;
}

/** The gold sentences' words through the tagger and parser, keeping the gold tokens. */
export function parseGoldWords(gold: readonly ConlluSentence[]): ConlluSentence[] {
  return gold.map((s) => {
    const syntax = analyzeWords(s.words.map((w) => w.form));
    return {
      comments: s.comments,
      multiwords: s.multiwords,
      words: s.words.map((w, i) => ({
        form: w.form,
        lemma: '_',
        upos: syntax.upos[i]!,
        xpos: syntax.xpos[i]!,
        feats: syntax.feats[i] || '_',
        head: syntax.head[i]! + 1,
        deprel: syntax.deprel[i]!,
        misc: w.misc,
      })),
    };
  });
}

/**
 * The raw text of a treebank file: each sentence's `# text` (or its words, spaced as `SpaceAfter` says),
 * sentences of a paragraph joined by a space, paragraphs and documents by a blank line.
 */
export function rawTextOf(gold: readonly ConlluSentence[]): string {
  let text = '';
  for (const s of gold) {
    const own = commentValue(s, 'text') ?? wordsText(s);
    const breaks = commentValue(s, 'newpar') !== null || commentValue(s, 'newdoc') !== null;
    text += text === '' ? own : `${breaks ? '\n\n' : ' '}${own}`;
  }
  return text;
}

function wordsText(s: ConlluSentence): string {
  let out = '';
  const mwtAt = new Map(s.multiwords.map((m) => [m.first, m]));
  for (let i = 1; i <= s.words.length; i++) {
    const mwt = mwtAt.get(i);
    const [form, misc] = mwt ? [mwt.form, mwt.misc] : [s.words[i - 1]!.form, s.words[i - 1]!.misc];
    out += form + (noSpaceAfter(misc) ? '' : ' ');
    if (mwt) i = mwt.last;
  }
  return out.trim();
}

export async function evalParse(file: string): Promise<ParseReport> {
  const gold = readConlluFile(file);
  return {
    file,
    sentences: gold.length,
    words: gold.reduce((n, s) => n + s.words.length, 0),
    goldTokens: scoreParse(gold, parseGoldWords(gold)),
    rawText: scoreParse(gold, parseToConllu(rawTextOf(gold))),
  };
}

export function formatParseTreebankReport(r: ParseReport): string {
  return [
    `${r.file}: ${r.sentences} sentences, ${r.words} words`,
    '',
    'gold tokens (tagging and parsing):',
    formatParseReport(r.goldTokens),
    '',
    'raw text (sentences, tokens, tagging and parsing), CoNLL 2018 alignment:',
    formatParseReport(r.rawText),
  ].join('\n');
}
