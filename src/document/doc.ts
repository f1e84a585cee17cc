/**
 * The annotated document: one per article, read by every fact stage. Like spaCy's Doc it holds the text
 * once; tokens, sentences and the spans later stages add are character offsets into it (JS string
 * indices), never copies. Tokens are stored column-wise so that a 10k-token article is a few typed arrays.
 */
import { checkDeadline } from './deadline.js';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { analyzeTokens } from './syntax/analyze.js';

let nlp = winkNLP(model);
const its = nlp.its;

export interface DocMeta {
  articleId: string;
  /** The article's publication date (ISO 8601), against which relative dates and roles are resolved. */
  published: string | null;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token index range [firstToken, endToken). */
  firstToken: number;
  endToken: number;
}

/** A span a stage adds: a label and offsets, plus whatever typed payload the stage defines. */
export interface Span<T = unknown> {
  start: number;
  end: number;
  data: T;
}

export interface Doc extends DocMeta {
  text: string;
  /** Token boundaries: token i is text.slice(tokenStart[i], tokenEnd[i]). */
  tokenStart: Int32Array;
  tokenEnd: Int32Array;
  /**
   * wink's Universal POS tags (PROPN, NOUN, VERB, ADP …), which the rule-based fact stages were written
   * against. sitrep's own tagger is more accurate (`upos`); the stages move to it with the tree.
   */
  pos: string[];
  /** Lower-case lemmas ("said" → "say"). */
  lemma: string[];
  /** Universal POS tag of each token from sitrep's tagger (92.1 UPOS F1 on EWT dev raw text; wink's 86.6). */
  upos: string[];
  /** Penn Treebank tag of each token (VBD, NNP …), from sitrep's tagger. */
  tag: string[];
  /** The token's verb features from sitrep's tagger ("Mood=Ind|Tense=Past|VerbForm=Fin"), "" when none. */
  feats: string[];
  /** The head of each token in its sentence's dependency tree (a document token index), -1 for the root. */
  head: Int32Array;
  /** Universal Dependencies v2 relation of each token to its head ("nsubj", "obl:agent", "root" …). */
  deprel: string[];
  /** Sentence index of each token. */
  sentenceOf: Int32Array;
  sentences: Sentence[];
  /** Span layers by name ("mentions", "events", "quotes"), added by the stages that own them. */
  layers: Map<string, Span[]>;
}

export function tokenText(doc: Doc, i: number): string {
  return doc.text.slice(doc.tokenStart[i], doc.tokenEnd[i]);
}

const textsOf = new WeakMap<Doc, string[]>();
/**
 * Every token's text, cut once per document for the stages that read every token (actors, quotes). A
 * document's text and tokens never change after createDoc.
 */
export function tokenTexts(doc: Doc): string[] {
  let texts = textsOf.get(doc);
  if (!texts) {
    texts = [];
    for (let i = 0; i < doc.tokenStart.length; i++) texts.push(tokenText(doc, i));
    textsOf.set(doc, texts);
  }
  return texts;
}

const lowerOf = new WeakMap<Doc, string[]>();
/** Every token's text in lower case, once per document (cue words are matched against it). */
export function lowerTokenTexts(doc: Doc): string[] {
  let lower = lowerOf.get(doc);
  if (!lower) {
    lower = tokenTexts(doc).map((w) => w.toLowerCase());
    lowerOf.set(doc, lower);
  }
  return lower;
}

/** Whether token t is an -ing form ("sending", "saying", also the noun "building"). */
export function ingForm(doc: Doc, t: number): boolean {
  const w = tokenTexts(doc)[t];
  return w !== undefined && /ing$/i.test(w);
}

/** Index of the token that starts at or after `offset` (binary search), or tokens.length. */
export function tokenAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.tokenStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (doc.tokenStart[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function addLayer<T>(doc: Doc, name: string, spans: Array<Span<T>>): void {
  doc.layers.set(name, spans as Span[]);
}

export function layer<T>(doc: Doc, name: string): Array<Span<T>> {
  return (doc.layers.get(name) ?? []) as Array<Span<T>>;
}

/** Tokenises, tags and splits the text into sentences, then parses each sentence (`src/document/syntax`). */
export function createDoc(text: string, meta: DocMeta): Doc {
  const doc = tokenizeDoc(text, meta);
  parseSentences(doc);
  return doc;
}

/**
 * The document before parsing: wink's tokens, tags, lemmas and sentences; the syntax columns hold
 * placeholders. Paragraphs (blank-line separated) are read one at a time so that no sentence runs across
 * a paragraph break, which headlines and datelines would otherwise do.
 */
export function tokenizeDoc(text: string, meta: DocMeta): Doc {
  const starts: number[] = [];
  const ends: number[] = [];
  const pos: string[] = [];
  const lemma: string[] = [];
  const sentenceOf: number[] = [];
  const sentences: Sentence[] = [];
  for (const { base, piece } of readablePieces(text)) {
    const wink = nlp.readDoc(piece);
    const words = wink.tokens().out();
    const spaces = wink.tokens().out(its.precedingSpaces);
    const tags = wink.tokens().out(its.pos);
    // wink types lemma as needing model add-ons; the lite web model ships them.
    const lemmas = wink.tokens().out(its.lemma as unknown as typeof its.pos);
    const sentenceSpans = wink.sentences().out(its.span) as unknown as Array<[number, number]>;
    // Offsets follow from each token's preceding spaces: wink reproduces the input exactly.
    const local = new Int32Array(words.length + 1);
    let cursor = base;
    for (let i = 0; i < words.length; i++) {
      cursor += spaces[i]!.length;
      local[i] = starts.length;
      const word = words[i]!;
      if (word.trim()) {
        starts.push(cursor);
        ends.push(cursor + word.length);
        pos.push(tags[i]!);
        // wink's lemmatiser has no lemma for a few words it reads as contractions ("Ive"): keep the word.
        lemma.push((lemmas[i] ?? word).toLowerCase());
        sentenceOf.push(sentences.length);
      }
      cursor += word.length;
    }
    local[words.length] = starts.length;
    for (const [first, last] of sentenceSpans) {
      const firstToken = local[first]!;
      const endToken = local[last + 1]!;
      if (endToken <= firstToken) continue;
      for (let t = firstToken; t < endToken; t++) sentenceOf[t] = sentences.length;
      sentences.push({ start: starts[firstToken]!, end: ends[endToken - 1]!, firstToken, endToken });
    }
  }
  return {
    ...meta,
    text,
    tokenStart: Int32Array.from(starts),
    tokenEnd: Int32Array.from(ends),
    pos,
    lemma,
    upos: new Array<string>(starts.length).fill('X'),
    tag: new Array<string>(starts.length).fill('_'),
    feats: new Array<string>(starts.length).fill(''),
    head: new Int32Array(starts.length).fill(-1),
    deprel: new Array<string>(starts.length).fill('root'),
    sentenceOf: Int32Array.from(sentenceOf),
    sentences,
    layers: new Map(),
  };
}

/** Tags and parses each sentence, writing its tree into the document's columns. */
function parseSentences(doc: Doc): void {
  const texts = tokenTexts(doc);
  for (const sentence of doc.sentences) {
    checkDeadline();
    const first = sentence.firstToken;
    const { tokenSyntax: s } = analyzeTokens(texts.slice(first, sentence.endToken));
    for (let i = 0; i < s.head.length; i++) {
      doc.upos[first + i] = s.upos[i]!;
      doc.tag[first + i] = s.xpos[i]!;
      doc.feats[first + i] = s.feats[i]!;
      doc.head[first + i] = s.head[i]! < 0 ? -1 : first + s.head[i]!;
      doc.deprel[first + i] = s.deprel[i]!;
    }
  }
}

/** The non-space tokens of a short text as the document tokeniser cuts them (for compiling dictionaries). */
export function tokenizeWords(text: string): string[] {
  return nlp
    .readDoc(text)
    .tokens()
    .out()
    .filter((w) => w.trim() !== '');
}

/**
 * The longest run of characters without a space that is read as a word. Longer runs (a 10 MB "word", an
 * inline data blob) are skipped: wink's tokenizer is quadratic in a word's length and overflows the stack on
 * a very long one. No word of any language in the evaluation pages comes near it (the longest: 114).
 */
export const MAX_WORD_CHARS = 1000;
/** wink counts at most 65,535 spaces before a token, so a long run of spaces is a break as well. */
const MAX_SPACES = 1000;

/** Whether a UTF-16 code unit is white space as JavaScript's \s has it (wink splits words on each). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/**
 * The runs wink is not given, in text order: words longer than MAX_WORD_CHARS and runs of at least
 * MAX_SPACES spaces. One pass over the characters (a regular expression overflows the stack on a 10 MB run).
 */
function* unreadable(text: string): Generator<{ start: number; end: number; space: boolean }> {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const space = i < text.length && isSpace(text.charCodeAt(i));
    if (i < text.length && i > start && space === isSpace(text.charCodeAt(start))) continue;
    const runSpace = i > start && isSpace(text.charCodeAt(start));
    if (i - start > (runSpace ? MAX_SPACES - 1 : MAX_WORD_CHARS)) yield { start, end: i, space: runSpace };
    start = i;
  }
}

/**
 * The pieces of text wink reads: each paragraph (blank-line separated), so that no sentence runs across a
 * paragraph break (which headlines and datelines would otherwise do), cut around the runs it is not given.
 */
function* readablePieces(text: string): Generator<{ base: number; piece: string }> {
  const paragraph = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (let m = paragraph.exec(text); m; m = paragraph.exec(text)) {
    checkDeadline();
    let from = 0;
    for (const run of unreadable(m[0])) {
      if (run.start > from) yield { base: m.index + from, piece: m[0].slice(from, run.start) };
      from = run.end;
    }
    if (from < m[0].length) yield { base: m.index + from, piece: m[0].slice(from) };
  }
}

/** The runs of characters without a space too long to be words, which createDoc skips (none in ordinary text). */
export function unreadableRuns(text: string): Array<{ start: number; end: number }> {
  const runs: Array<{ start: number; end: number }> = [];
  for (const run of unreadable(text)) if (!run.space) runs.push({ start: run.start, end: run.end });
  return runs;
}

/**
 * A fresh wink instance, for after it threw: a stack overflow inside its tokenizer leaves its lexicon cache
 * half-written, and every later document would lose its lemmas.
 */
export function resetTokenizer(): void {
  nlp = winkNLP(model);
}
