/**
 * What a speaker phrase is, read from the dependency tree where it is reliable: its head word, whether
 * that head is a thing that "says" ("the statement said", "a video posted by the ministry showed") rather
 * than someone, who issued such a thing ("The ministry issued a statement. The statement said …"), and
 * which organisation named before a definite noun ("the agency", "the ministry") stands for.
 * The nouns of things are data (data/quotes/cues.json, `nonSpeakers`).
 */
import cues from '../../../data/quotes/cues.json' with { type: 'json' };
import type { Doc } from '../../document/doc.js';
import { children, subtreeSpan } from '../../document/tree.js';
import type { Mention } from '../actors/recognize.js';

const NON_SPEAKERS = new Set(cues.nonSpeakers);
const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON']);

/**
 * The head of the noun phrase in tokens [a, b): the nominal the tree attaches outside the phrase (a subject
 * first); where the parse gives none, the last nominal before the phrase's first preposition.
 */
export function phraseHead(doc: Doc, a: number, b: number): number {
  let first = -1;
  for (let t = a; t < b; t++) {
    const h = doc.head[t]!;
    if ((h >= a && h < b) || !NOMINAL.has(doc.pos[t]!)) continue;
    if (doc.deprel[t]!.startsWith('nsubj')) return t;
    if (first < 0) first = t;
  }
  if (first >= 0) return first;
  let head = b - 1;
  for (let t = a; t < b && doc.pos[t] !== 'ADP'; t++) if (NOMINAL.has(doc.pos[t]!)) head = t;
  return head;
}

/**
 * Whether token t names a thing that reports, not a speaker ("statement", "report", "video"): a common
 * noun only, since a name may end in one ("The Washington Post said", "the Kyiv Independent reported").
 */
export function isNonSpeaker(doc: Doc, t: number): boolean {
  return NON_SPEAKERS.has(doc.lemma[t]!) && !/^\p{Lu}/u.test(doc.text.slice(doc.tokenStart[t], doc.tokenEnd[t])) && doc.upos[t] !== 'PROPN' && doc.pos[t] !== 'PROPN';
}

/**
 * The organisation a definite noun ("the agency", "the ministry", "the government") stands for: the last
 * organisation (or government, for a capital or seat) mentioned before offset `before` and not before
 * `from` whose name has that noun.
 */
export function organisationNamed(mentions: Mention[], noun: string, from: number, before: number): Mention | null {
  for (let k = mentions.length - 1; k >= 0; k--) {
    const m = mentions[k]!;
    if (m.end > before) continue;
    if (m.start < from) break;
    if (m.type !== 'organization' && !(m.type === 'country' && (m.form === 'capital' || m.form === 'seat'))) continue;
    if (`${m.text} ${m.actor?.name ?? ''}`.toLowerCase().split(/[^\p{L}]+/u).includes(noun)) return m;
  }
  return null;
}

/**
 * Who issued the thing a definite noun names ("the statement"), as the tokens [first, end) of their phrase:
 * the last earlier mention of that noun, at or after token `from`, and the author the tree gives it: its
 * possessor or "by"/"from" phrase ("the ministry's statement", "a statement from the ministry"), else the
 * subject of the verb it depends on ("The ministry issued a statement", "KCNA said in a statement") or the
 * agent of a passive one ("was released by the ministry"). Null when the text does not say.
 */
export function issuerOf(doc: Doc, noun: string, from: number, before: number): { first: number; end: number } | null {
  for (let t = before - 1; t >= from; t--) {
    if (doc.lemma[t] !== noun) continue;
    const author = authorPhrase(doc, t, doc.sentences[doc.sentenceOf[t]!]!.firstToken, doc.sentences[doc.sentenceOf[t]!]!.endToken);
    if (author) return author;
    // A mention that is itself a subject ("The statement said") sends the search further back.
    const verb = doc.head[t]!;
    if (verb < 0 || doc.deprel[t] === 'nsubj') continue;
    const issuer = children(doc, verb).find((c) => (doc.deprel[t] === 'nsubj:pass' ? doc.deprel[c] === 'obl:agent' : doc.deprel[c] === 'nsubj'));
    if (issuer === undefined) continue;
    const { first, end } = subtreeSpan(doc, issuer);
    const marker = doc.deprel[t] === 'nsubj:pass' ? children(doc, issuer).find((k) => doc.deprel[k] === 'case' && k === first) : undefined;
    return { first: marker === undefined ? first : first + 1, end };
  }
  return null;
}

const AUTHOR_CASES = new Set(['by', 'from', 'of', "'s", '’s']);

/**
 * The tokens [first, end) of the author a thing's phrase names in the tree: its possessor or its "by",
 * "from" or "of" phrase ("the ministry's statement", "a statement from the presidential office", "a video
 * posted by the ministry"), within tokens [a, b). Null when the phrase names none.
 */
export function authorPhrase(doc: Doc, thing: number, a: number, b: number): { first: number; end: number } | null {
  const stack = [thing];
  while (stack.length) {
    const x = stack.shift()!;
    for (const c of children(doc, x)) {
      if (c < a || c >= b) continue;
      const marker = children(doc, c).find((k) => doc.deprel[k] === 'case');
      if (doc.deprel[c] === 'nmod:poss' || ((doc.deprel[c] === 'nmod' || doc.deprel[c] === 'obl' || doc.deprel[c] === 'obl:agent') && marker !== undefined && AUTHOR_CASES.has(doc.lemma[marker]!))) {
        const { first, end } = subtreeSpan(doc, c);
        const from = marker !== undefined && marker >= first && marker < c ? marker + 1 : first;
        // The possessor's own "'s" is no part of its name.
        const stop = doc.deprel[c] === 'nmod:poss' && marker !== undefined && marker === end - 1 ? marker : end;
        if (from < stop) return { first: Math.max(from, a), end: Math.min(stop, b) };
      }
      // Through a participle ("a video posted by …").
      if (doc.deprel[c] === 'acl') stack.push(c);
    }
  }
  return null;
}
