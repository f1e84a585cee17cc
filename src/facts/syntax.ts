/**
 * The little syntax the coders share, read from tags and lemmas: where a clause ends, and whether an
 * actor is the object of a preposition (and so not a clause's subject).
 */
import subjects from '../../data/plover/subjects.json' with { type: 'json' };
import { ingForm, tokenAt, type Doc } from '../document/doc.js';
import type { Mention } from './actors/recognize.js';

/** Words that open a new clause: a cue on the far side of one does not govern a word on this side. */
const CLAUSE_OPENERS = new Set(['that', 'which', 'who', 'whom', 'whose', 'while', 'whereas', 'although', 'though', 'because', 'but', 'since', 'after', 'before', 'when', 'where', 'if', 'unless', ';', ':', '—', '–']);
// "after" and "before" are left out: they mostly open a clause ("after Pyongyang launched a rocket").
const PREPOSITIONS = new Set(['of', 'in', 'at', 'from', 'for', 'on', 'with', 'to', 'by', 'near', 'into', 'over', 'against', 'between', 'among', 'about', 'under', 'during']);
/** "a group of Moroccan diplomats": after these nouns, the actor after "of" is the group itself. */
const PARTITIVES = new Set(subjects.partitiveNouns);

/** Token range [first, end) of the clause around tokens [first, end), within their sentence. */
export function clauseOf(doc: Doc, span: { first: number; end: number }): { first: number; end: number } {
  const sentence = doc.sentences[doc.sentenceOf[span.first]!]!;
  let first = span.first;
  while (first > sentence.firstToken && !CLAUSE_OPENERS.has(doc.lemma[first - 1]!)) first--;
  let end = span.end;
  while (end < sentence.endToken && !CLAUSE_OPENERS.has(doc.lemma[end]!)) end++;
  return { first, end };
}

/** Words a conjunct may consist of when walking back over a coordination ("between Pyongyang and Washington"). */
const CONJUNCT_POS = new Set(['PROPN', 'ADJ', 'DET', 'PART']);
/** How many words a coordination walked back over may span. */
const COORDINATION_REACH = 8;

/**
 * Whether a mention is the object of a preposition ("to the National Assembly", "of Cyprus"), also as a
 * later conjunct of one ("between Pyongyang and Washington").
 */
export function afterPreposition(doc: Doc, m: Mention): boolean {
  const sentenceFirst = doc.sentences[doc.sentenceOf[tokenAt(doc, m.start)]!]!.firstToken;
  let t = tokenAt(doc, m.start) - 1;
  const skipModifiers = () => {
    while (t >= sentenceFirst && (doc.lemma[t] === 'the' || doc.pos[t] === 'ADJ' || doc.pos[t] === 'DET')) t--;
  };
  skipModifiers();
  const limit = t - COORDINATION_REACH;
  // The last conjunct follows "and"/"or"; earlier ones follow commas and are followed by one or by "and"
  // ("between Seoul, Tokyo and Washington"). A comma alone ends a clause as often as it joins conjuncts
  // ("… in Japan, the news agency said").
  const next = tokenAt(doc, m.end);
  let joined = next < doc.lemma.length && (doc.lemma[next] === 'and' || doc.lemma[next] === 'or' || doc.lemma[next] === ',');
  while (t > limit && t >= sentenceFirst && (doc.lemma[t] === 'and' || doc.lemma[t] === 'or' || (joined && doc.lemma[t] === ','))) {
    joined = true;
    let u = t - 1;
    while (u > limit && u >= sentenceFirst && CONJUNCT_POS.has(doc.pos[u]!)) u--;
    if (u === t - 1) break;
    t = u;
    skipModifiers();
  }
  if (t < sentenceFirst || !PREPOSITIONS.has(doc.lemma[t]!)) return false;
  return !(doc.lemma[t] === 'of' && t > sentenceFirst && PARTITIVES.has(doc.text.slice(doc.tokenStart[t - 1], doc.tokenEnd[t - 1]).toLowerCase()));
}

/** A participle ("saying", "adding"): an -ing form whose lemma is the bare verb, not a noun ("building"). */
export function isParticiple(doc: Doc, t: number): boolean {
  return ingForm(doc, t) && !doc.lemma[t]!.endsWith('ing');
}
