/**
 * Which way a time expression points, read from the verb that governs it in the dependency tree: "will fly
 * to Tokyo on Thursday" looks forward, "flew to Tokyo on Thursday" back. The future auxiliaries and the
 * verbs whose infinitive is a plan ("plans to", "is expected to") are data (data/time/expressions.json,
 * `futureMarkers`). Where no verb governs the expression, or its tense does not say (a modal, a present
 * simple), the answer is null and findTimes keeps its reading of the words before the expression.
 */
import vocabulary from '../../../data/time/expressions.json' with { type: 'json' };
import { lowerTokenTexts, tokenAt, type Doc } from '../../document/doc.js';
import { children, clauseHead } from '../../document/tree.js';

export type Tense = 'past' | 'future';

const FUTURE_AUXILIARIES = new Set(vocabulary.futureMarkers.auxiliaries);
const PLAN_VERBS = new Set(vocabulary.futureMarkers.planVerbs);

const isPastTag = (tag: string) => tag === 'VBD';
const isPresentTag = (tag: string) => tag === 'VBZ' || tag === 'VBP';

/** The tense of the clause a verb heads, or null when its form does not say. */
function clauseTense(doc: Doc, verb: number, depth = 0): Tense | null {
  const words = lowerTokenTexts(doc);
  const deps = children(doc, verb);
  const auxiliaries = deps.filter((c) => doc.deprel[c] === 'aux' || doc.deprel[c] === 'aux:pass' || doc.deprel[c] === 'cop');
  if (auxiliaries.some((a) => FUTURE_AUXILIARIES.has(doc.lemma[a]!) || FUTURE_AUXILIARIES.has(words[a]!))) return 'future';
  // Another modal ("would", "could", "must") says nothing of the calendar.
  if (auxiliaries.some((a) => doc.tag[a] === 'MD')) return null;
  const infinitive = deps.some((c) => doc.deprel[c] === 'mark' && words[c] === 'to');
  if (infinitive) {
    // "The ministers are to meet", a headline's "Putin to visit", "plans to fly", "is expected to arrive".
    if (auxiliaries.some((a) => doc.lemma[a] === 'be')) return 'future';
    const governor = doc.head[verb]!;
    if (governor < 0) return 'future';
    if (depth < 2 && PLAN_VERBS.has(doc.lemma[governor]!)) return clauseTense(doc, governor, depth + 1) === 'past' ? null : 'future';
    return null;
  }
  if (isPastTag(doc.tag[verb]!) || auxiliaries.some((a) => isPastTag(doc.tag[a]!))) return 'past';
  // The present perfect ("has met … on Monday") tells of the past; the present progressive ("is flying to
  // Tokyo on Thursday") of the future.
  if (doc.tag[verb] === 'VBN' && auxiliaries.some((a) => doc.lemma[a] === 'have')) return 'past';
  if (doc.tag[verb] === 'VBG' && auxiliaries.some((a) => doc.lemma[a] === 'be' && isPresentTag(doc.tag[a]!))) return 'future';
  return null;
}

/** For a document, the tense of the verb governing the word at a character offset, or null. */
export function tenseAt(doc: Doc): (offset: number) => Tense | null {
  return (offset) => {
    const t = tokenAt(doc, offset);
    if (t >= doc.head.length) return null;
    const verb = clauseHead(doc, t);
    if (verb === t && doc.pos[t] !== 'VERB') return null;
    return clauseTense(doc, verb);
  };
}
