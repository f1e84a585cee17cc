/**
 * One sentence of document tokens through the tagger and parser: tokens are cut into UD words
 * (`words.ts`), the words are tagged and parsed, and the tree is projected back onto the tokens.
 */
import { analyzeWords, syntaxModel, type SentenceSyntax, type SyntaxModel } from './model.js';
import { splitToken } from './words.js';

/** A syntactic word: its token, and its offsets within the sentence's token texts. */
export interface SyntacticWord {
  token: number;
  /** Offsets within the token's text. */
  start: number;
  end: number;
  text: string;
}

/** Per token: tags and a head among the sentence's tokens (-1 for the root). */
export interface TokenSyntax {
  upos: string[];
  xpos: string[];
  feats: string[];
  head: Int32Array;
  deprel: string[];
}

export interface AnalyzedSentence {
  words: SyntacticWord[];
  /** The tree over words (what `sitrep parse` writes). */
  wordSyntax: SentenceSyntax;
  /** The same tree over tokens (what the Doc carries). */
  tokenSyntax: TokenSyntax;
}

export function analyzeTokens(tokens: readonly string[], model: SyntaxModel = syntaxModel()): AnalyzedSentence {
  const words: SyntacticWord[] = [];
  tokens.forEach((token, t) => {
    for (const piece of splitToken(token)) words.push({ token: t, start: piece.start, end: piece.end, text: token.slice(piece.start, piece.end) });
  });
  const wordSyntax = analyzeWords(
    words.map((w) => w.text),
    model,
  );
  return { words, wordSyntax, tokenSyntax: projectToTokens(tokens.length, words, wordSyntax) };
}

/**
 * A token stands for the word of it whose head lies outside it (in "anti-war", "war"; in "I'm", "I"): the
 * token takes that word's tags, relation and head. A cycle this could make between two tokens is cut by
 * attaching the token to the sentence's root.
 */
export function projectToTokens(n: number, words: readonly SyntacticWord[], s: SentenceSyntax): TokenSyntax {
  const firstWord = new Int32Array(n + 1).fill(-1);
  for (let w = words.length - 1; w >= 0; w--) firstWord[words[w]!.token] = w;
  const out: TokenSyntax = { upos: [], xpos: [], feats: [], head: new Int32Array(n), deprel: [] };
  let rootToken = -1;
  for (let t = 0; t < n; t++) {
    let rep = firstWord[t]!;
    for (let w = rep; w < words.length && words[w]!.token === t; w++) {
      const h = s.head[w]!;
      if (h < 0 || words[h]!.token !== t) {
        rep = w;
        break;
      }
    }
    const h = s.head[rep]!;
    out.head[t] = h < 0 ? -1 : words[h]!.token;
    if (h < 0 && rootToken < 0) rootToken = t;
    out.upos.push(s.upos[rep]!);
    out.xpos.push(s.xpos[rep]!);
    out.feats.push(s.feats[rep]!);
    out.deprel.push(s.deprel[rep]!);
  }
  breakCycles(out, rootToken);
  return out;
}

function breakCycles(out: TokenSyntax, root: number): void {
  const n = out.head.length;
  const state = new Uint8Array(n); // 0 unvisited, 1 on the current path, 2 known to reach the root
  for (let t = 0; t < n; t++) {
    const path: number[] = [];
    let x = t;
    while (x >= 0 && state[x] === 0) {
      state[x] = 1;
      path.push(x);
      x = out.head[x]!;
    }
    if (x >= 0 && state[x] === 1) {
      // x is on a cycle: hang it from the root (or make it the root when the root is in the cycle).
      out.head[x] = root >= 0 && root !== x ? root : -1;
      if (out.head[x] === -1) out.deprel[x] = 'root';
    }
    for (const p of path) state[p] = 2;
  }
}
