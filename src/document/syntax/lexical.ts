/**
 * The integer attributes of each word that tagger and parser features are built from: hashes of the
 * word, its affixes and its shape, and its word classes (clusters of word vectors, shipped with the model
 * because rare and unseen words share a class with frequent ones).
 */
import { hashString } from './features.js';

export interface Lexical {
  /** Hash of the lower-cased word with digits folded to 0 ("1,500" and "2,000" are one word). */
  word: Int32Array;
  /** Hash of the word as written (capitals kept). */
  form: Int32Array;
  prefix1: Int32Array;
  prefix2: Int32Array;
  suffix1: Int32Array;
  suffix2: Int32Array;
  suffix3: Int32Array;
  suffix4: Int32Array;
  shape: Int32Array;
  /** Word classes, coarse and fine (0 when the word has no vector). */
  coarse: Int32Array;
  fine: Int32Array;
  /** The word's ambiguity class: the set of UPOS tags it has in the treebank (0 for a rare or unseen word). */
  ambiguity: Int32Array;
  /** 1 for punctuation (a word with no letter or digit), else 0. */
  punct: Int32Array;
}

/** Ambiguity classes of frequent treebank words, by the hash of the normalised word. */
export interface AmbiguityClasses {
  get(wordHash: number): number | undefined;
}

/** Word-vector classes of words: lower-cased word → coarse and fine class (1-based). */
export interface WordClasses {
  get(word: string): { coarse: number; fine: number } | undefined;
}

export function normalizeWord(w: string): string {
  return w.toLowerCase().replace(/[0-9]/g, '0');
}

/** "Xxxx" → "Xx", "U.S." → "X.X.", "1,000" → "d,d", "e-mail" → "x-x": runs of one kind collapse. */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w.length > 24 ? w.slice(0, 24) : w) {
    let c: string;
    if (ch >= 'a' && ch <= 'z') c = 'x';
    else if (ch >= 'A' && ch <= 'Z') c = 'X';
    else if (ch >= '0' && ch <= '9') c = 'd';
    else if (/\p{Ll}/u.test(ch)) c = 'x';
    else if (/\p{Lu}/u.test(ch)) c = 'X';
    else if (/\p{L}/u.test(ch)) c = 'l';
    else c = ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

export function lexicalOf(words: readonly string[], classes: WordClasses | null, ambiguity: AmbiguityClasses | null): Lexical {
  const n = words.length;
  const lex: Lexical = {
    word: new Int32Array(n),
    form: new Int32Array(n),
    prefix1: new Int32Array(n),
    prefix2: new Int32Array(n),
    suffix1: new Int32Array(n),
    suffix2: new Int32Array(n),
    suffix3: new Int32Array(n),
    suffix4: new Int32Array(n),
    shape: new Int32Array(n),
    coarse: new Int32Array(n),
    fine: new Int32Array(n),
    ambiguity: new Int32Array(n),
    punct: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    const lower = normalizeWord(w);
    lex.word[i] = hashString(lower);
    lex.ambiguity[i] = ambiguity?.get(lex.word[i]!) ?? 0;
    lex.form[i] = hashString(w);
    lex.prefix1[i] = hashString(lower.slice(0, 1));
    lex.prefix2[i] = hashString(lower.slice(0, 2));
    lex.suffix1[i] = hashString(lower.slice(-1));
    lex.suffix2[i] = hashString(lower.slice(-2));
    lex.suffix3[i] = hashString(lower.slice(-3));
    lex.suffix4[i] = hashString(lower.slice(-4));
    lex.shape[i] = hashString(wordShape(w));
    lex.punct[i] = /[\p{L}\p{N}]/u.test(w) ? 0 : 1;
    const c = classes?.get(w.toLowerCase());
    if (c) {
      lex.coarse[i] = c.coarse;
      lex.fine[i] = c.fine;
    }
  }
  return lex;
}
