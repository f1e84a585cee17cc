/**
 * The standing of a claim: asserted by the writer, reported by someone ("according to the NIS", "X said
 * that …"), hedged ("likely", "is said to"), proposed (offers and plans), a personal view, or denied.
 * The cue words are data (data/claims/cues.json); this file only finds them around a trigger.
 */
import cues from '../../../data/claims/cues.json' with { type: 'json' };
import { lowerTokenTexts, tokenAt, tokenTexts, tokenizeWords, type Doc } from '../../document/doc.js';
import { afterPreposition, clauseOf, isParticiple } from '../syntax.js';
import type { ActorRef, Mention } from '../actors/recognize.js';
import { spansWithin } from '../spans.js';
import { valence } from '../valence.js';

export type ClaimStatus = 'asserted' | 'reported' | 'hedged' | 'proposed' | 'opinion' | 'denied';

export interface ClaimStanding {
  status: ClaimStatus;
  /** Who reports the claim, when someone does (kept whatever the final status). */
  attribution: ActorRef | null;
  /** The words that decided the status. */
  cue: { start: number; end: number; text: string } | null;
}

type LemmaSeq = string[];
/** Stands for any one token in a cue phrase ("in * 's view"). */
const ANY = '*';

/**
 * A cue list indexed by its first word, so that a token is compared only with the phrases that can start
 * there; `order` keeps the list's own order, which decides between phrases starting at the same token.
 */
interface CueList {
  byFirst: Map<string, Array<{ seq: LemmaSeq; order: number }>>;
  anyFirst: Array<{ seq: LemmaSeq; order: number }>;
}

/** Cue phrases cut by the document tokeniser itself, so "cannot" and "newspaper's" meet the text's tokens. */
function seqs(list: string[]): CueList {
  const byFirst = new Map<string, Array<{ seq: LemmaSeq; order: number }>>();
  const anyFirst: Array<{ seq: LemmaSeq; order: number }> = [];
  list.forEach((cue, order) => {
    const seq = tokenizeWords(cue.toLowerCase());
    if (seq[0] === ANY) anyFirst.push({ seq, order });
    else byFirst.set(seq[0]!, [...(byFirst.get(seq[0]!) ?? []), { seq, order }]);
  });
  return { byFirst, anyFirst };
}

const REPORTING = seqs(cues.reporting);
const ADDRESSEE_VERBS = seqs(cues.addresseeVerbs);
const CONCESSIVES = seqs(cues.concessives);
const BELIEF_VERBS = new Set(cues.beliefVerbs);
const DENIAL_COMPLEMENT = seqs(cues.denialFrames.complementVerbs);
const ACCORDING = seqs(cues.according);
const HEDGES = seqs(cues.hedges);
const REPORTED_ADVERBS = seqs(cues.reportedAdverbs);
const DENIAL_VERBS = seqs(cues.denialFrames.verbs);
const DENIAL_OBJECTS = new Set(cues.denialFrames.objects);

/** "rejected the North's claim that …", "dismissed reports that …": a denial of what follows. */
function denialFrame(doc: Doc, from: number, to: number): { at: number; length: number } | null {
  const verb = findCue(doc, from, to, DENIAL_VERBS);
  if (!verb) return null;
  const end = Math.min(doc.sentences[doc.sentenceOf[verb.at]!]!.endToken, verb.at + verb.length + cues.denialFrames.reach);
  for (let t = verb.at + verb.length; t < end; t++) {
    if (DENIAL_OBJECTS.has(doc.text.slice(doc.tokenStart[t], doc.tokenEnd[t]).toLowerCase())) return verb;
  }
  return null;
}
/** Longest tail after a closing reporting verb: "said in a statement on Friday." */
const POSTPOSED_TAIL = 14;
/** How many words before a verb a proposal word may stand and still govern it ("plans to quickly deploy"). */
const PROPOSAL_REACH = 6;
const NEGATIONS = seqs(cues.negations);
const PROPOSALS = seqs(cues.proposals);
const DEMANDS = seqs(cues.demands.words);

/**
 * A demand whose complement holds the trigger: "urged North Korea to return …", "demanded that the government
 * provide …", "its demand today that Israel ease …". What is demanded is not done: proposed.
 */
function demandedComplement(doc: Doc, trigger: TriggerRange): { at: number; length: number } | null {
  const sentence = doc.sentences[doc.sentenceOf[trigger.first]!]!;
  const from = Math.max(sentence.firstToken, trigger.first - cues.demands.reach);
  for (let i = trigger.first - 1; i >= from; i--) {
    const demand = cueAt(doc, i, trigger.first, DEMANDS);
    if (!demand) continue;
    const between = doc.lemma.slice(demand.at + demand.length, trigger.first);
    // The complement: an infinitive right before the trigger ("urged X to return"), or a clause after "that".
    if (doc.lemma[trigger.first - 1] === 'to' || between.includes('that') || demand.length > 1) return demand;
  }
  return null;
}
const OPINIONS = seqs(cues.opinions);
const EVALUATIVES = seqs(cues.evaluatives);
/** How far after a denial verb its complement may start ("denied on Monday that …"). */
const DENIAL_COMPLEMENT_REACH = 6;

export interface TriggerRange {
  /** Token index range [first, end) of the trigger. */
  first: number;
  end: number;
}

/** A capitalised word inside a sentence is a name ("in May", "Theresa May"), never a cue word ("may"). */
function isName(doc: Doc, t: number, word: string): boolean {
  return word !== 'I' && /^\p{Lu}/u.test(word) && t > doc.sentences[doc.sentenceOf[t]!]!.firstToken;
}

/** The cue of the list that starts at token `i` and ends by `to` (the first in list order), or null. */
function cueAt(doc: Doc, i: number, to: number, list: CueList): { at: number; length: number } | null {
  const lower = lowerTokenTexts(doc);
  // Called for most tokens of a sentence, so it makes no arrays or closures: three candidate lists in turn.
  let best: { seq: LemmaSeq; order: number } | null = null;
  for (let source = 0; source < 3; source++) {
    const candidates =
      source === 0 ? list.byFirst.get(doc.lemma[i]!) : source === 1 ? (lower[i] !== doc.lemma[i] ? list.byFirst.get(lower[i]!) : undefined) : list.anyFirst;
    if (!candidates) continue;
    for (const c of candidates) if ((!best || c.order < best.order) && cueMatches(doc, lower, c.seq, i, to)) best = c;
  }
  return best ? { at: i, length: best.seq.length } : null;
}

/** Whether a cue phrase stands at token `i`, within `to`: each word by lemma or lower-case form, none a name. */
function cueMatches(doc: Doc, lower: string[], seq: LemmaSeq, i: number, to: number): boolean {
  if (i + seq.length > to) return false;
  for (let k = 0; k < seq.length; k++) {
    if (seq[k] !== ANY && doc.lemma[i + k] !== seq[k] && lower[i + k] !== seq[k]) return false;
  }
  for (let k = 0; k < seq.length; k++) {
    if (seq[k] !== ANY && isName(doc, i + k, tokenTexts(doc)[i + k]!)) return false;
  }
  return true;
}

const NOT_EVALUATIVE = new Set(cues.evaluativeLexicon.notEvaluative);
/** Words of strong valence in the lexicon (AFINN-165), as the evaluative predicates a writer's view uses. */
const valenced = (word: string) => {
  const v = valence(word);
  return !NOT_EVALUATIVE.has(word) && (v <= -cues.evaluativeLexicon.minNegative || v >= cues.evaluativeLexicon.minPositive);
};
/** Where a copula's predicate ends: at a clause break or a verb. */
const PREDICATE_BREAKS = new Set([',', ';', ':', 'that', 'which', 'who', 'because', 'but', 'while', 'as']);

/**
 * An evaluative word of strong valence where it judges: an adjective or noun of the predicate after a copula
 * ("was a disgrace", "is a reckless gamble", "has been timid") or a manner adverb before a verb ("badly
 * misjudged"). Elsewhere such words mostly name events ("the war", "a deadly attack").
 */
function evaluativePredicate(doc: Doc, from: number, to: number): { at: number; length: number } | null {
  const lower = lowerTokenTexts(doc);
  for (let t = from; t < to; t++) {
    if (doc.pos[t] === 'ADV' && doc.pos[t + 1] === 'VERB' && t + 1 < to && valenced(lower[t]!)) return { at: t, length: 1 };
    if (doc.lemma[t] !== 'be') continue;
    let k = t + 1;
    while (k < to && (doc.pos[k] === 'ADV' || doc.pos[k] === 'PART')) k++;
    // "was killed", "is being held": a passive or progressive, no predicate to judge.
    if (k < to && doc.pos[k] === 'VERB') continue;
    for (; k < to && !PREDICATE_BREAKS.has(lower[k]!) && doc.pos[k] !== 'VERB'; k++) {
      // The first part of a compound classifies rather than judges ("a solid-fuel missile").
      if ((doc.pos[k] === 'ADJ' || doc.pos[k] === 'NOUN') && lower[k + 1] !== '-' && valenced(lower[k]!)) return { at: k, length: 1 };
    }
  }
  return null;
}

/** Start token of the first occurrence of any cue sequence in [from, to), or null, with its length. */
function findCue(doc: Doc, from: number, to: number, list: CueList): { at: number; length: number } | null {
  for (let i = from; i < to; i++) {
    const hit = cueAt(doc, i, to, list);
    if (hit) return hit;
  }
  return null;
}

function cueSpan(doc: Doc, hit: { at: number; length: number }) {
  const start = doc.tokenStart[hit.at]!;
  const end = doc.tokenEnd[hit.at + hit.length - 1]!;
  return { start, end, text: doc.text.slice(start, end) };
}

/**
 * The actor mention that ends nearest before `before` (and after `after`), skipping objects of prepositions.
 * Mentions are in text order (as recognizeActors gives them), so only those in the range are read.
 */
function actorBefore(doc: Doc, mentions: Mention[], after: number, before: number): Mention | null {
  let best: Mention | null = null;
  for (const m of spansWithin(mentions, after, before)) {
    if (m.actor && (!best || m.end > best.end) && !afterPreposition(doc, m)) best = m;
  }
  return best;
}

function actorAfter(mentions: Mention[], after: number, before: number): Mention | null {
  let best: Mention | null = null;
  for (const m of spansWithin(mentions, after, before)) if (m.actor && (!best || m.start < best.start)) best = m;
  return best;
}


/** Whether a noun phrase ends right before token i, allowing adverbs and auxiliaries ("officials have also said"). */
function nominalBefore(doc: Doc, i: number, first: number): boolean {
  let t = i - 1;
  while (t >= first && (doc.pos[t] === 'ADV' || doc.pos[t] === 'AUX')) t--;
  return t >= first && (doc.pos[t] === 'NOUN' || doc.pos[t] === 'PROPN' || doc.pos[t] === 'PRON' || doc.pos[t] === 'NUM');
}

/**
 * Whether a nominal trigger is the object of the verb before it rather than part of a reported clause:
 * "announced $1.85 billion in military aid" is the announcing itself; in "said the attack killed two" the
 * noun has a verb of its own after it, and "said that …" opens a clause.
 */
function inObject(doc: Doc, from: number, trigger: TriggerRange): boolean {
  if (doc.pos[trigger.first] === 'VERB' || doc.pos[trigger.first] === 'AUX') return false;
  for (let t = from; t < trigger.first; t++) if (doc.lemma[t] === 'that' || doc.pos[t] === 'VERB' || doc.pos[t] === 'AUX') return false;
  const sentence = doc.sentences[doc.sentenceOf[trigger.first]!]!;
  for (let t = trigger.end; t < sentence.endToken; t++) {
    const w = doc.text.slice(doc.tokenStart[t], doc.tokenEnd[t]);
    if (w === ',' || w === ';') break;
    if (doc.pos[t] === 'AUX' || (doc.pos[t] === 'VERB' && !/ing$/i.test(w))) return false;
  }
  return true;
}

/**
 * Who reports what the sentence says at the trigger: "according to X", a closing "…, X said.", "X said (that) …".
 * The closing attribution is the outermost one and wins over a reporting verb inside the claim ("Israel told
 * civilians to move south, the United Nations said" is the UN's report). A reporter that is not a known actor
 * ("a junta spokesman said", "officials said that …") still makes the claim reported, by nobody linked
 * (actor null); so does "reportedly".
 */
function attributionOf(doc: Doc, trigger: TriggerRange, mentions: Mention[]): { actor: ActorRef | null; cue: { at: number; length: number } } | null {
  const sentence = doc.sentences[doc.sentenceOf[trigger.first]!]!;
  const according = findCue(doc, sentence.firstToken, sentence.endToken, ACCORDING);
  if (according) {
    const after = doc.tokenEnd[according.at + according.length - 1]!;
    const m = actorAfter(mentions, after, sentence.end);
    if (m) return { actor: m.actor!, cue: according };
  }
  // A reporting verb closing the sentence after the trigger: "…, South Korea's spy agency said (on Friday)."
  // Not one that opens a clause of its own ("…, the authorities believe that …"), nor a participle ("…, saying …").
  for (let i = trigger.end; i < sentence.endToken; i++) {
    if (doc.pos[i] !== 'VERB' || isParticiple(doc, i)) continue;
    const hit = findCue(doc, i, i + 1, REPORTING);
    if (!hit) continue;
    if (sentence.endToken - i > POSTPOSED_TAIL || doc.lemma.slice(i + 1, sentence.endToken).includes('that')) continue;
    const comma = doc.text.lastIndexOf(',', doc.tokenStart[i]!);
    if (comma < doc.tokenEnd[trigger.end - 1]!) continue;
    if (findCue(doc, tokenAt(doc, comma), i, CONCESSIVES)) continue;
    // The reporter stands between the comma and the verb ("…, the foreign ministry in Tokyo said": its body,
    // else the place that names it), or right after the verb ("…, said the ministry"), but never after an
    // addressee verb ("…, a spokesman told Reuters": Reuters is whom it was told).
    const before = actorBefore(doc, mentions, comma, doc.tokenStart[i]!) ?? actorAfter(mentions, comma, doc.tokenStart[i]!);
    const subject = before !== null || nominalBefore(doc, i, tokenAt(doc, comma));
    const next = actorAfter(mentions, doc.tokenEnd[i]!, sentence.end);
    const inverted =
      !subject && next && !findCue(doc, i, i + 1, ADDRESSEE_VERBS) && /^\s*(?:the\s+|an?\s+)?$/i.test(doc.text.slice(doc.tokenEnd[i]!, next.start)) ? next : null;
    const sayer = before ?? inverted;
    if (sayer) return { actor: sayer.actor!, cue: hit };
    // "…, a junta spokesman said.": reported, by someone the dictionary does not know.
    return { actor: null, cue: hit };
  }
  // A reporting verb before the trigger with a subject ("the NIS reported that Russia …", "officials said …").
  for (let i = trigger.first - 1; i >= sentence.firstToken; i--) {
    if (doc.pos[i] !== 'VERB' && doc.pos[i] !== 'AUX') continue;
    // "is said to", "was reported to": a passive report names no reporter (it is a hedge).
    if (i > 0 && doc.lemma[i - 1] === 'be') continue;
    const hit = cueAt(doc, i, trigger.first, REPORTING);
    if (!hit || hit.at !== i || isParticiple(doc, i)) continue;
    if (inObject(doc, i + hit.length, trigger)) continue;
    const m = actorBefore(doc, mentions, sentence.start, doc.tokenStart[i]!);
    if (m) return { actor: m.actor!, cue: hit };
    if (nominalBefore(doc, i, sentence.firstToken)) return { actor: null, cue: hit };
  }
  const adverb = findCue(doc, sentence.firstToken, sentence.endToken, REPORTED_ADVERBS);
  return adverb ? { actor: null, cue: adverb } : null;
}

/**
 * A denial whose complement holds the trigger: "denied that Moscow had agreed …", "denied sending drones",
 * "rejected claims that …". The denial verb itself is not denied (it is the act of denying).
 */
function deniedComplement(doc: Doc, trigger: TriggerRange): { at: number; length: number } | null {
  const sentence = doc.sentences[doc.sentenceOf[trigger.first]!]!;
  for (let i = trigger.first - 1; i >= sentence.firstToken; i--) {
    const verb = cueAt(doc, i, trigger.first, DENIAL_COMPLEMENT) ?? denialFrame(doc, i, i + 1);
    if (!verb || verb.at !== i) continue;
    let next = verb.at + verb.length;
    while (next < trigger.first && doc.pos[next] === 'ADV') next++;
    if (next === trigger.first) return verb; // "denied sending"
    const that = doc.lemma.slice(next, Math.min(trigger.first, next + DENIAL_COMPLEMENT_REACH + cues.denialFrames.reach)).indexOf('that');
    if (that >= 0) return verb;
  }
  return null;
}

/** Decides the status of the claim at a trigger. */
export function claimStanding(
  doc: Doc,
  trigger: TriggerRange,
  mentions: Mention[],
  options: { negativeTrigger?: boolean; intentIsTheEvent?: boolean; triggerIsCue?: boolean; governingVerb?: number } = {},
): ClaimStanding {
  const negativeTrigger = options.negativeTrigger ?? false;
  // For a sentence's main verb (not an event trigger) the verb itself may be the cue: "denied", "proposed".
  const cueEnd = options.triggerIsCue ? trigger.end : trigger.first;
  const clause = clauseOf(doc, trigger);
  const sentence = doc.sentences[doc.sentenceOf[trigger.first]!]!;
  const reported = attributionOf(doc, trigger, mentions);
  const attribution = reported?.actor ?? null;
  // A view stays a view even when it negates something ("should never accept …, in our view"). An
  // evaluative word is a view only when nobody is reported saying it ("…, the ministry said").
  // A belief reported ("the minister believes it is wise …") is a view too.
  const believed = reported !== null && BELIEF_VERBS.has(doc.lemma[reported.cue.at]!);
  const opinion =
    findCue(doc, sentence.firstToken, sentence.endToken, OPINIONS) ??
    (reported && !believed ? null : (findCue(doc, clause.first, clause.end, EVALUATIVES) ?? evaluativePredicate(doc, clause.first, clause.end)));
  if (opinion) return { status: 'opinion', attribution, cue: cueSpan(doc, opinion) };
  // Negation governs the verb group just before the trigger ("did not attend", "has never held"); a denial
  // governs its complement ("denied that Moscow had agreed").
  // An event noun is also denied through the verb that governs it ("would no longer abide by a 2018 military
  // agreement").
  const governing = options.governingVerb;
  const negation =
    findCue(doc, Math.max(clause.first, trigger.first - 4), cueEnd, NEGATIONS) ??
    (governing !== undefined ? findCue(doc, Math.max(clause.first, governing - 4), governing, NEGATIONS) : null) ??
    (options.triggerIsCue ? denialFrame(doc, trigger.first, trigger.end) : null) ??
    deniedComplement(doc, trigger);
  if (negation || negativeTrigger) return { status: 'denied', attribution, cue: negation ? cueSpan(doc, negation) : null };
  // When the intent became the event ("is ready to attack" → THREATEN), its words are not a proposal too.
  // Within a trigger of several words only its head can be the offer: "dismissed Japan's proposal" is no proposal.
  const found = options.intentIsTheEvent
    ? null
    : (findCue(doc, Math.max(clause.first, trigger.first - PROPOSAL_REACH), trigger.end, PROPOSALS) ?? demandedComplement(doc, trigger));
  const proposal = found && found.at <= trigger.first ? found : null;
  // A proposal word before the verb governs it ("plans to deploy"); the verb itself as the offer ("Russia
  // offered …") is an act that a hedge or a reporter qualifies first.
  if (proposal && proposal.at < trigger.first) return { status: 'proposed', attribution, cue: cueSpan(doc, proposal) };
  const hedge = findCue(doc, clause.first, clause.end, HEDGES);
  if (hedge) return { status: 'hedged', attribution, cue: cueSpan(doc, hedge) };
  if (reported) return { status: 'reported', attribution, cue: cueSpan(doc, reported.cue) };
  if (proposal) return { status: 'proposed', attribution, cue: cueSpan(doc, proposal) };
  return { status: 'asserted', attribution: null, cue: null };
}

/**
 * The standing of a sentence's main claim when no event carries it: read at its main predicate (the first
 * verb that is not a reporting cue, or a copula "is" that no verb follows), so "X said that Y happened" is Y,
 * reported by X, and "The launch was a grave threat, the ministry said" is read at "was". A sentence the
 * tagger gives no verb ("Hezbollah may open a front") is read at its first auxiliary.
 */
export function sentenceStanding(doc: Doc, sentenceIndex: number, mentions: Mention[]): ClaimStanding {
  const sentence = doc.sentences[sentenceIndex]!;
  const verbFollows = (t: number) => {
    let k = t + 1;
    while (k < sentence.endToken && (doc.pos[k] === 'ADV' || doc.pos[k] === 'AUX' || doc.pos[k] === 'PART')) k++;
    return k < sentence.endToken && doc.pos[k] === 'VERB';
  };
  const copula = (t: number) => doc.pos[t] === 'AUX' && doc.lemma[t] === 'be' && !verbFollows(t);
  let main = -1;
  for (let t = sentence.firstToken; t < sentence.endToken; t++) {
    if (doc.pos[t] !== 'VERB' && !copula(t)) continue;
    if (main < 0) main = t;
    if (!findCue(doc, t, t + 1, REPORTING)) {
      main = t;
      break;
    }
  }
  // A denial further on governs the claim at issue: "Iran played down the blasts and denied that Israel had
  // attacked" is about the attack, denied.
  for (let t = main + 1; main >= 0 && t < sentence.endToken; t++) {
    const denial = findCue(doc, t, t + 1, DENIAL_COMPLEMENT);
    if (!denial || doc.lemma[t + denial.length] !== 'that') continue;
    let k = t + denial.length + 1;
    while (k < sentence.endToken && doc.pos[k] !== 'VERB' && !copula(k)) k++;
    if (k < sentence.endToken) main = k;
    break;
  }
  if (main < 0) main = doc.pos.slice(sentence.firstToken, sentence.endToken).indexOf('AUX') + sentence.firstToken;
  if (main < sentence.firstToken) return { status: 'asserted', attribution: null, cue: null };
  // A copula's negation follows it ("there was no truth in …", "is not").
  const end = copula(main) && findCue(doc, main + 1, main + 2, NEGATIONS) ? main + 2 : main + 1;
  return claimStanding(doc, { first: main, end }, mentions, { triggerIsCue: true });
}

/**
 * Whether words in tokens [first, end) mark what someone says as a view (a view marker or an evaluative word:
 * "in my view", "appropriate", "should") or a hedge ("may", "seems"), else null. For quotes: a quote is
 * reported by definition, so its own words decide whether it is also a view or a hedge.
 */
export function viewOrHedge(doc: Doc, first: number, end: number): 'opinion' | 'hedged' | null {
  if (findCue(doc, first, end, OPINIONS) ?? findCue(doc, first, end, EVALUATIVES) ?? evaluativePredicate(doc, first, end)) return 'opinion';
  return findCue(doc, first, end, HEDGES) ? 'hedged' : null;
}
