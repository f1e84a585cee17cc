/**
 * Document tokens to the syntactic words of UD English, which the tagger and parser were trained on.
 * The document keeps its own tokens (the fact stages and the dictionaries are cut by them); the parser
 * reads words, and its tree is projected back onto tokens (`projectToTokens`). The rules are data:
 * `data/syntax/words.json`.
 */
import rules from '../../../data/syntax/words.json' with { type: 'json' };

/** A word as an offset range within its token. */
export interface WordPiece {
  start: number;
  end: number;
}

const CLITICS = rules.clitics.flatMap((c) => [c, c.replace("'", '\u2019')]);
const FIXED = new Map<string, string[]>(Object.entries(rules.words));
const KEEP_HYPHENATED = new Set(rules.keepHyphenated);

/** Splits at hyphens between letters or digits ("anti-war" → anti, -, war; "U.S.-led"); all-digit tokens stay whole. */
function hyphenPieces(token: string, offset: number, out: WordPiece[]): void {
  if (!/[\p{L}\p{N}.]-[\p{L}\p{N}]/u.test(token) || /^[\d-]+$/.test(token) || KEEP_HYPHENATED.has(token.toLowerCase())) {
    out.push({ start: offset, end: offset + token.length });
    return;
  }
  let start = 0;
  for (let i = 1; i < token.length - 1; i++) {
    if (token[i] !== '-' || !/[\p{L}\p{N}.]/u.test(token[i - 1]!) || !/[\p{L}\p{N}]/u.test(token[i + 1]!)) continue;
    out.push({ start: offset + start, end: offset + i }, { start: offset + i, end: offset + i + 1 });
    start = i + 1;
  }
  out.push({ start: offset + start, end: offset + token.length });
}

export function splitToken(token: string): WordPiece[] {
  const fixed = FIXED.get(token.toLowerCase());
  if (fixed && fixed.join('').length === token.length) {
    let at = 0;
    return fixed.map((w) => ({ start: at, end: (at += w.length) }));
  }
  const lower = token.toLowerCase();
  for (const clitic of CLITICS) {
    if (lower.length > clitic.length && lower.endsWith(clitic) && /\p{L}/u.test(lower[lower.length - clitic.length - 1]!)) {
      const cut = token.length - clitic.length;
      const out: WordPiece[] = [];
      hyphenPieces(token.slice(0, cut), 0, out);
      out.push({ start: cut, end: token.length });
      return out;
    }
  }
  const out: WordPiece[] = [];
  hyphenPieces(token, 0, out);
  return out;
}
