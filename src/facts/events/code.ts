/**
 * The event coder, in PETRARCH's line but over a flat clause model: a trigger from data/plover patterns,
 * a source and targets from the actor mentions in the slots the pattern names, all inside one sentence
 * (never stitched across sentences), and no event at all when an actor is missing.
 */
import intent from '../../../data/plover/intent.json' with { type: 'json' };
import demands from '../../../data/plover/demands.json' with { type: 'json' };
import claimCues from '../../../data/claims/cues.json' with { type: 'json' };
import { ingForm, tokenAt, type Doc } from '../../document/doc.js';
import { checkDeadline } from '../../document/deadline.js';
import type { ActorRef, Mention } from '../actors/recognize.js';
import { claimStanding, type ClaimStatus } from '../claims/status.js';
import { afterPreposition, clauseOf } from '../syntax.js';
import { spanContaining, spansBySentence, spansWithin } from '../spans.js';
import type { EventPattern, PatternIndex, PloverType } from './patterns.js';
import type { ResolvedTime } from '../time/resolve.js';
import type { PlaceMention } from '../places/locate.js';

/** An event's date: a temporal expression of its sentence, resolved against the article's date. */
export type EventTime = ResolvedTime;

export interface CodedEvent {
  type: PloverType;
  mode: string | null;
  cameo: string;
  cameoRoot: string;
  quadClass: number;
  source: ActorRef;
  targets: ActorRef[];
  date: EventTime | null;
  /** Where it happened: a place the sentence names, with gazetteer coordinates. */
  location: PlaceMention | null;
  status: ClaimStatus;
  attribution: ActorRef | null;
  /** The sentence that states the event, and the span from the first to the last word used. */
  sentence: { start: number; end: number };
  span: { start: number; end: number };
  trigger: { start: number; end: number; text: string };
}

/** Why a trigger gave no event (for `sitrep eval`): no actor in the source or target slots. */
export interface UncodedTrigger {
  type: PloverType;
  trigger: string;
  reason: 'no source' | 'no target';
}

const MAX_GAP = 3;
/**
 * Where an event may still find a target when the pattern's own slots are empty, in order. "by" and "from"
 * name the author of what a verb acts on ("rejected calls by Belarus", "demanded autonomy from Serbia");
 * an actor inside a trigger with a gap is the owner of its noun ("rejected a U.S. request"), after "at" so
 * that "fired Iranian-made drones at Kyiv" keeps its target.
 */
const OPTIONAL_TARGET = ['object', 'to', 'with', 'on', 'against', 'for', 'from', 'by', 'at', 'inside', 'in'];
const INTENT_MARKERS = intent.markers.map((m) => m.split(/\s+/));
const THREAT_CONDITIONS = intent.threatConditions.map((m) => m.split(/\s+/));
const RECIPROCALS = [['each', 'other'], ['one', 'another']];

/** Whether one of the lemma sequences stands wholly within tokens [from, to). */
function lemmasWithin(doc: Doc, from: number, to: number, sequences: string[][]): boolean {
  for (let i = from; i < to; i++) {
    if (sequences.some((seq) => i + seq.length <= to && seq.every((w, k) => doc.lemma[i + k] === w))) return true;
  }
  return false;
}

/** Whether an intent marker stands in the clause before the trigger ("will support", "is ready to send"). */
const statedIntent = (doc: Doc, clauseFirst: number, triggerFirst: number) => lemmasWithin(doc, clauseFirst, triggerFirst, INTENT_MARKERS);
/** Whether a threat condition ("unless", "or else") follows the trigger in its sentence. */
const conditionAfter = (doc: Doc, from: number, sentenceEnd: number) => lemmasWithin(doc, from, sentenceEnd, THREAT_CONDITIONS);
/** Whether "each other" / "one another" follows the trigger in its clause ("accused each other"). */
const reciprocalAfter = (doc: Doc, from: number, clauseEnd: number) => lemmasWithin(doc, from, clauseEnd, RECIPROCALS);

/** Words a title between a country and its office holder consists of ("U.S. Secretary of State Antony Blinken"). */
const TITLE_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'ADP', 'DET', 'PART', 'PUNCT']);
function titleWordsBetween(doc: Doc, from: number, to: number): boolean {
  for (let t = tokenAt(doc, from); t < doc.tokenStart.length && doc.tokenStart[t]! < to; t++) if (!TITLE_POS.has(doc.pos[t]!)) return false;
  return true;
}

/** Words that may stand between a subject and its verb ("has not yet agreed", "today formally protested"). */
const BEFORE_VERB_POS = new Set(['AUX', 'ADV', 'PART']);

/**
 * Whether the word right before a verb (past auxiliaries and adverbs) is a common noun after the nearest actor,
 * outside any time expression and in a phrase of its own: that noun is the verb's subject.
 */
function plainNounSubject(doc: Doc, verb: number, actorEnd: number, times: EventTime[]): boolean {
  let t = verb - 1;
  // An infinitive or a participle takes its subject from the clause it depends on ("a delegation to visit
  // Bucharest", "issued a declaration demanding that …").
  if (doc.lemma[t] === 'to' || ingForm(doc, verb)) return false;
  while (t >= 0 && BEFORE_VERB_POS.has(doc.pos[t]!)) t--;
  if (t < 0 || doc.pos[t] !== 'NOUN' || doc.tokenStart[t]! < actorEnd) return false;
  const at = doc.tokenStart[t]!;
  // Times never overlap and come in text order (findTimes), so the one holding `at` is found by search.
  if (spanContaining(times, at)) return false;
  // The noun heads a phrase of its own only when a comma, a relative word or a verb parts it from the actor;
  // otherwise the actor modifies it ("the APEC forum agreed", "Hizbollah (Party of God) group declared").
  const first = tokenAt(doc, actorEnd);
  return /[,;:]/.test(doc.text.slice(actorEnd, at)) || doc.pos.slice(first, t).includes('VERB') || doc.lemma.slice(first, t).some((l) => RELATIVES.has(l));
}
const RELATIVES = new Set(['who', 'whom', 'which', 'that', 'whose']);

/** Demands that name whom they address after a preposition ("call on", "appeal to"), as lemma sequences. */
const DEMANDS_WITH_PREPOSITION = claimCues.demands.words.map((w) => w.split(/\s+/)).filter((seq) => seq.length === 2);

/**
 * The actors a demand addresses through a preposition when the trigger is the infinitive it asks for: "called
 * on Russia (on Friday) to support …" (a direct object, "urged Russia to", is the subject already).
 */
function demandAddressees(doc: Doc, mentions: Mention[], verb: number): Mention[] {
  if (doc.lemma[verb - 1] !== 'to') return [];
  const before = doc.tokenStart[verb - 1]!;
  const last = mentions.filter((x) => x.end <= before && /^[\s\p{L}\p{N}.,'-]{0,30}$/u.test(doc.text.slice(x.end, before))).pop();
  if (!last) return [];
  // "appealed to Israel and Hamas to agree": back over the coordination to its first member.
  const group = [last];
  for (let k = mentions.indexOf(last) - 1; k >= 0; k--) {
    const joiner = doc.text.slice(mentions[k]!.end, group[0]!.start).trim().toLowerCase();
    if (joiner !== 'and' && joiner !== ',' && joiner !== ', and') break;
    group.unshift(mentions[k]!);
  }
  const first = tokenAt(doc, group[0]!.start);
  return DEMANDS_WITH_PREPOSITION.some(([verbLemma, preposition]) => doc.lemma[first - 1] === preposition && doc.lemma[first - 2] === verbLemma) ? group : [];
}

/** The verb of its clause that an event noun depends on: the nearest one before it ("abide by a … agreement"). */
function governingVerb(doc: Doc, clauseFirst: number, noun: number, pattern: EventPattern): number | undefined {
  if (pattern.pos !== 'noun') return undefined;
  for (let t = noun - 1; t >= clauseFirst; t--) if (doc.pos[t] === 'VERB') return t;
  return undefined;
}

/** Words before a verb form that make it a clause's verb, not a participle used as an adjective. */
const VERBAL_BEFORE = new Set(['to', 'be', 'have', 'will', 'would', 'can', 'could', 'may', 'might', 'shall', 'should', 'must', 'not']);

/**
 * A participle used as an adjective before a noun ("extradited suspected British militant X"); after a noun
 * it is that noun's verb ("demonstrations alarmed Japan").
 */
function attributive(doc: Doc, t: number): boolean {
  if (!/(?:ed|ing)$/i.test(doc.text.slice(doc.tokenStart[t], doc.tokenEnd[t])) || VERBAL_BEFORE.has(doc.lemma[t - 1]!)) return false;
  if (doc.pos[t - 1] === 'NOUN' || doc.pos[t - 1] === 'PROPN' || doc.pos[t - 1] === 'PRON') return false;
  const next = doc.pos[t + 1];
  return next === 'NOUN' || next === 'PROPN' || next === 'ADJ';
}
/** How far past a trigger an object or a prepositional argument may lie, in tokens. */
const ARGUMENT_REACH = 12;

interface TriggerMatch {
  pattern: EventPattern;
  first: number;
  end: number;
}

/** Where a pattern's trigger that starts at token `i` (of the right tag) ends, or -1 when it does not match. */
function matchTrigger(doc: Doc, i: number, pattern: EventPattern, sentenceEnd: number): number {
  let t = i + 1;
  for (let k = 1; k < pattern.lemmas.length; k++) {
    const want = pattern.lemmas[k]!;
    if (want === '*') continue;
    const gapAllowed = pattern.lemmas[k - 1] === '*' ? MAX_GAP : 0;
    let found = -1;
    // The gap counts words: a hyphenated compound ("lifted a day-old blockade") is one.
    for (let u = t, words = 0; u < sentenceEnd && words <= gapAllowed; u++) {
      if (doc.lemma[u] === want) {
        found = u;
        break;
      }
      const hyphenPiece = doc.lemma[u] === '-' || (u > t && doc.lemma[u - 1] === '-' && doc.tokenStart[u] === doc.tokenEnd[u - 1]);
      if (!hyphenPiece) words++;
    }
    if (found < 0) return -1;
    t = found + 1;
  }
  return t;
}

/** Whether a character code is an upper-case letter (ASCII by range, others by the Unicode test). */
const isUpperCase = (code: number) => (code < 128 ? code >= 65 && code <= 90 : /\p{Lu}/u.test(String.fromCharCode(code)));

/** Trigger matches in a sentence, longest first at each position, never overlapping. */
function triggersIn(doc: Doc, first: number, end: number, patterns: PatternIndex): TriggerMatch[] {
  const out: TriggerMatch[] = [];
  for (let i = first; i < end; i++) {
    // A verb pattern starts at a verb, a noun pattern at a noun (or a name or an adjective: "joint drills") —
    // but a capitalised noun inside a sentence names a document or an institution ("the Comprehensive
    // Military Agreement"), not an event.
    const pos = doc.pos[i];
    let candidates = pos === 'VERB' ? patterns.verbsByFirstLemma.get(doc.lemma[i]!) : pos === 'NOUN' || pos === 'PROPN' || pos === 'ADJ' ? patterns.nounsByFirstLemma.get(doc.lemma[i]!) : undefined;
    if (!candidates) continue;
    if (pos !== 'VERB' && i > first && isUpperCase(doc.text.charCodeAt(doc.tokenStart[i]!))) candidates = undefined;
    for (const pattern of candidates ?? []) {
      const stop = matchTrigger(doc, i, pattern, end);
      if (stop < 0) continue;
      out.push({ pattern, first: i, end: stop });
      i = stop - 1;
      break;
    }
  }
  return out;
}

const DEMAND_VERBS = new Set(demands.verbs);
const DEMAND_MODALS = demands.modals.map((m) => m.split(/\s+/));
/** The speaker is the source; the target is the actor the obligation falls on, right after the verb or after "that". */
const DEMAND_PATTERN: EventPattern = {
  type: demands.type as PloverType,
  quadClass: demands.quadClass,
  lemmas: [],
  pos: 'verb',
  mode: null,
  cameo: demands.cameo,
  source: ['subject'],
  target: ['to', 'that', 'object'],
  optionalTarget: [],
  negative: false,
};

/**
 * "Britain said Libya must hand over the suspects": a speech verb whose complement puts an obligation on an
 * actor (data/plover/demands.json). An actor stands between the verb and the modal, and no other verb.
 */
function demandFrames(doc: Doc, mentions: Mention[], first: number, end: number): TriggerMatch[] {
  const out: TriggerMatch[] = [];
  for (let i = first; i < end; i++) {
    if (doc.pos[i] !== 'VERB' || !DEMAND_VERBS.has(doc.lemma[i]!)) continue;
    for (let t = i + 1; t < Math.min(end, i + 1 + demands.reach); t++) {
      const modal = DEMAND_MODALS.find((seq) => seq.every((w, k) => doc.lemma[t + k] === w));
      if (modal) {
        // An actor stands between the verb and the modal ("Libya must", "the Sudanese government and the rebels must").
        const from = doc.tokenEnd[i]!;
        const to = doc.tokenStart[t]!;
        if (spansWithin(mentions, from, to).some((m) => m.actor?.code)) out.push({ pattern: DEMAND_PATTERN, first: i, end: i + 1 });
        break;
      }
      if (doc.pos[t] === 'VERB' || (CLAUSE_BREAKS.has(doc.lemma[t]!) && doc.lemma[t] !== 'that')) break;
    }
  }
  return out;
}
const CLAUSE_BREAKS = new Set(['which', 'who', 'while', 'because', 'but', 'if', 'unless', 'when', ';', ':']);


/**
 * A country or demonym is the modifier of the actor of that country it stands before, which is the argument:
 * "Indian officials", "North Korean leader Kim Jong Un", "U.S. Secretary of State Antony Blinken", "Russia's
 * Federal Security Service".
 */
function nounHead(doc: Doc, mentions: Mention[], m: Mention): Mention {
  if (m.type !== 'country') return m;
  const next = mentions[mentions.indexOf(m) + 1];
  const between = next ? doc.text.slice(m.end, next.start) : '';
  return next && next.actor?.country === m.actor?.country && /^(?:['’]s)?(?:\s+[\p{L}-]+){0,3}\s+$|^\s+$/u.test(between) && titleWordsBetween(doc, m.end, next.start) ? next : m;
}

/** "X and Y", "X, Y and Z": the coordinated actors starting with `head`. */
function coordinated(doc: Doc, mentions: Mention[], head: Mention, limit: number): Mention[] {
  const group = [head];
  let last = head;
  for (const m of mentions) {
    if (m.start <= last.start || m.start > limit || !m.actor?.code) continue;
    const between = doc.text.slice(last.end, m.start).trim().toLowerCase();
    if (between === 'and' || between === ',' || between === ', and' || between === 'and the' || between === ', the' || between === 'or') {
      group.push(m);
      last = m;
    } else break;
  }
  return group;
}

/**
 * "Pakistan, a key U.S. ally, has refused": the nearest actor before the verb sits in an appositive set off
 * by commas after another actor, which is the subject.
 */
function appositiveHost(doc: Doc, candidates: Mention[], nearest: Mention, triggerStart: number): Mention | null {
  // The appositive closes with a comma followed by at most a few words before the verb ("…, has refused").
  const closing = doc.text.slice(nearest.end, triggerStart);
  if (!/^[^,]*,(?:\s*[\w'’-]+){0,3}\s*$/.test(closing)) return null;
  for (let k = candidates.indexOf(nearest) - 1; k >= 0; k--) {
    const host = candidates[k]!;
    const opening = doc.text.slice(host.end, nearest.start);
    if (/^\s*,[^,]*$/.test(opening)) return host;
    if (opening.includes(',')) return null;
  }
  return null;
}

/** Words that may stand between a modifier and the event noun it names the agent of ("North Korean missile launches"). */
const MODIFIER_POS = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM', 'PUNCT']);

/**
 * Whether an actor before an event noun is its agent: a modifier right before it ("Chinese military drills"),
 * or the subject of the verb that governs it (ending at token `from`), when that verb passes the subject on.
 * An actor followed by a preposition and no verb is some other verb's object ("blaming Ukraine for the attack").
 */
function passesSubject(doc: Doc, from: number, noun: number, sentenceMatches: TriggerMatch[]): boolean {
  const between = doc.pos.slice(from, noun);
  if (between.every((p) => MODIFIER_POS.has(p))) return true;
  if (!between.includes('VERB')) return false;
  for (let t = from; t < noun; t++) {
    if (doc.lemma[t] === 'be' && doc.pos[t + 1] === 'VERB' && !ingForm(doc, t + 1)) return false;
  }
  // A verb that is itself an event of another kind (condemn, reject, welcome …) is a reaction; agreeing to or
  // offering the event (AGREE: "offered joint drills", "agreed to hold talks") still makes the subject its agent.
  return !sentenceMatches.some((m) => m.pattern.pos === 'verb' && m.first >= from && m.end <= noun && m.pattern.type !== intent.cooperativeType);
}

export function codeEvents(
  doc: Doc,
  mentions: Mention[],
  patterns: PatternIndex,
  times: EventTime[] = [],
  places: PlaceMention[] = [],
): { events: CodedEvent[]; uncoded: UncodedTrigger[] } {
  const events: CodedEvent[] = [];
  const uncoded: UncodedTrigger[] = [];
  // Linked mentions can be event participants (places only as targets); mentions come in text order.
  const linked = mentions.filter((m) => m.actor?.code);
  // Times and places by sentence, found once: a filter of the whole list per sentence was quadratic.
  const timesBySentence = spansBySentence(doc, times);
  const placesBySentence = spansBySentence(doc, places);
  for (const [sentenceIndex, sentence] of doc.sentences.entries()) {
    checkDeadline();
    const inSentence = spansWithin(linked, sentence.start, sentence.end);
    const sentenceMatches = [...demandFrames(doc, mentions, sentence.firstToken, sentence.endToken), ...triggersIn(doc, sentence.firstToken, sentence.endToken, patterns)]
      .filter((m, k, all) => !all.some((o, j) => j < k && o.first <= m.first && m.first < o.end))
      .sort((a, b) => a.first - b.first);
    // Per sentence, not per trigger: its times and places, and the clause of each trigger.
    const sentenceTimes = timesBySentence[sentenceIndex]!;
    const sentencePlaces = placesBySentence[sentenceIndex]!;
    const clauses = sentenceMatches.map((m) => clauseOf(doc, m));
    for (const [matchIndex, match] of sentenceMatches.entries()) {
      checkDeadline();
      const { pattern } = match;
      const clause = clauses[matchIndex]!;
      const triggerStart = doc.tokenStart[match.first]!;
      const triggerEnd = doc.tokenEnd[match.end - 1]!;
      const reachEnd = doc.tokenEnd[Math.min(sentence.endToken, match.end + ARGUMENT_REACH) - 1]!;
      // Arguments stop at the next verb: a phrase past it belongs to that verb ("signed a deal to reopen ports to exports").
      // A passive verb after an event noun still lets its agent through ("joint exercises were held by the navies").
      // So does a participle that modifies it ("joint naval exercises involving North Korea and China").
      const passiveAfter = (t: number) => {
        if (pattern.pos !== 'noun') return false;
        const ing = ingForm(doc, t);
        return doc.lemma[t - 1] === 'be' ? !ing : ing && t === match.end;
      };
      // A verb's own infinitive complement, right after it, carries its arguments ("threatened on Monday to take
      // action against the drills").
      const complementOf = (t: number) => pattern.pos === 'verb' && doc.lemma[t - 1] === 'to' && !doc.pos.slice(match.end, t - 1).includes('NOUN');
      let nextVerb = match.end;
      while (
        nextVerb < sentence.endToken && doc.tokenStart[nextVerb]! < reachEnd &&
        (doc.pos[nextVerb] !== 'VERB' || passiveAfter(nextVerb) || complementOf(nextVerb) || attributive(doc, nextVerb))
      ) nextVerb++;
      // Nor do arguments cross into a following clause ("warned the West that Russia would …").
      const clauseEnd = clause.end < sentence.endToken ? doc.tokenStart[clause.end]! : sentence.end;
      const argumentEnd = Math.min(clauseEnd, nextVerb < sentence.endToken && doc.tokenStart[nextVerb]! < reachEnd ? doc.tokenStart[nextVerb]! : reachEnd);
      const clauseStart = doc.tokenStart[clause.first]!;
      // "was accused (by)": a form of "be" before a participle; "have been sending" is progressive, not passive.
      // An adverb may stand between them ("was flatly rejected by Pyongyang").
      const auxiliary = doc.pos[match.first - 1] === 'ADV' ? match.first - 2 : match.first - 1;
      const passive =
        pattern.pos === 'verb' && auxiliary >= sentence.firstToken && doc.lemma[auxiliary] === 'be' && doc.pos[match.first] === 'VERB' &&
        !ingForm(doc, match.first);

      /** The actors in one slot of the pattern. */
      const slot = (name: string): Mention[] => {
        if (name === 'subject') {
          // "called on Russia to support …": the one called on does what the infinitive says.
          const addressees = pattern.pos === 'verb' ? demandAddressees(doc, inSentence, match.first) : [];
          if (addressees.length) return addressees;
          // The nearest actor before the trigger that is not the object of a preposition.
          const candidates = inSentence.filter((m) => m.end <= triggerStart && m.type !== 'location' && !afterPreposition(doc, m));
          const inClause = candidates.filter((m) => m.start >= clauseStart);
          // A nominalisation's subject is that of a verb in its own clause.
          let subject = inClause[inClause.length - 1] ?? (pattern.pos === 'noun' ? undefined : candidates[candidates.length - 1]);
          if (!subject) return [];
          // A verb whose own subject is a noun no actor covers ("whom authorities blame", "a rights group
          // charged") has no actor subject: the nearest actor before that noun is someone else.
          if (pattern.pos === 'verb' && plainNounSubject(doc, match.first, subject.end, times)) return [];
          subject = appositiveHost(doc, candidates, subject, triggerStart) ?? subject;
          // A nominalisation takes the subject of the verb that governs it only when that verb passes it on:
          // not through a passive ("civilians were killed in a bombing") nor through a reaction to the event
          // ("North Korea condemned the drills").
          if (pattern.pos === 'noun' && !passesSubject(doc, tokenAt(doc, subject.end), match.first, sentenceMatches)) return [];
          // "Russia and North Korea held …": the whole coordinated subject, in text order. A demonym before a
          // title ("North Korean leader Kim Jong Un") belongs to the member it modifies.
          const group = [subject];
          let anchor = subject;
          for (let k = inSentence.indexOf(subject) - 1; k >= 0; k--) {
            const previous = inSentence[k]!;
            const joiner = doc.text.slice(previous.end, anchor.start).trim().toLowerCase();
            const modifier = previous.form === 'demonym' || (previous.type === 'country' && previous.actor?.country === anchor.actor?.country);
            if (modifier && /^(?:[a-z][a-z\s'-]{0,40})?$/.test(joiner) && !/\band\b/.test(joiner) && titleWordsBetween(doc, previous.end, anchor.start)) {
              anchor = previous;
              continue;
            }
            if (joiner !== 'and' && joiner !== ',' && joiner !== 'and the' && joiner !== ', and') break;
            group.unshift(previous);
            anchor = previous;
          }
          return group;
        }
        if (name === 'possessor') {
          const owner = inSentence.find((m) => /^\s*['’]s?\s*$/.test(doc.text.slice(m.end, triggerStart)) || /^['’]s\s+\S+\s*$/.test(doc.text.slice(m.end, triggerStart)));
          return owner ? [owner] : [];
        }
        if (name === 'object') {
          const next = inSentence.find((m) => m.start >= triggerEnd && m.end <= argumentEnd && !/[,;:]|\b(with|to|on|against|by|from|in|at|over|that|which|who|whom)\b/i.test(doc.text.slice(triggerEnd, m.start)));
          return next ? coordinated(doc, inSentence, nounHead(doc, inSentence, next), argumentEnd) : [];
        }
        // Actors inside a trigger with a gap are what it acts on: "rejected a U.S. request", "expelled two Russian diplomats".
        if (name === 'inside') return inSentence.filter((m) => m.start >= triggerStart && m.end <= triggerEnd);
        // A preposition: the actors right after the first occurrence of it past the trigger.
        // "that" opens the clause its actor stands in ("demanded that the United States stop").
        const slotEnd = name === 'that' ? reachEnd : argumentEnd;
        // Its head may lie past a verb ("with visiting Chinese officials") but not past the clause.
        const headEnd = name === 'that' ? sentence.end : clauseEnd;
        for (let t = match.end; t < sentence.endToken && doc.tokenStart[t]! < slotEnd; t++) {
          if (doc.lemma[t] !== name) continue;
          const after = doc.tokenEnd[t]!;
          // The head of the prepositional phrase: its first actor, a few plain words in at most ("with their counterparts from Japan").
          const head = inSentence.find((m) => m.start >= after && m.start < headEnd && /^\s*(the\s+)?[\w\s-]{0,40}$/i.test(doc.text.slice(after, m.start)) && m.start - after < 60);
          return head ? coordinated(doc, inSentence, nounHead(doc, inSentence, head), reachEnd + 80) : [];
        }
        return [];
      };
      let targetSlot = '';
      const first = (names: string[], record = false) => {
        for (const n of names) {
          const found = slot(n);
          if (found.length) {
            if (record) targetSlot = n;
            return found;
          }
        }
        return [];
      };

      // Passive voice turns the pattern around: "Seoul was accused by Pyongyang" has its source after "by".
      // A nominalisation's source may also be the subject of the verb that governs it ("Israel renewed negotiations").
      const sourceSlots = pattern.pos === 'noun' && !pattern.source.includes('subject') ? [...pattern.source, 'subject'] : pattern.source;
      // In the passive the subject is what the object was, and the agent follows "by" ("Cho was received by
      // Blinken" keeps the visitor as the source of a hosting verb).
      const voice = (names: string[]) => (passive ? names.map((n) => (n === 'subject' ? 'by' : n === 'object' ? 'subject' : n)) : names);
      let sources = first(voice(pattern.pos === 'verb' ? pattern.source : sourceSlots));
      let targets = first(voice(pattern.target.length ? [...pattern.target, 'inside'] : passive ? ['object'] : [...pattern.optionalTarget]), true);
      // "a summit between Korea, the U.S. and Japan": the parties after "between" are the event's sides, unless
      // someone else acts on them ("China brokered talks between Saudi Arabia and Iran").
      if (pattern.pos === 'noun') {
        const sides = slot('between');
        if (sides.length >= 2) {
          if (!sources[0] || sides.some((m) => m.actor!.country === sources[0]!.actor!.country)) sources = sides.slice(0, 1);
          targets = sides.filter((m) => m.actor!.code !== sources[0]!.actor!.code);
          targetSlot = 'between';
        }
      }
      if (!sources[0]) {
        uncoded.push({ type: pattern.type, trigger: doc.text.slice(triggerStart, triggerEnd), reason: 'no source' });
        continue;
      }
      // A joint act of a coordinated subject ("Israel and Lebanon renewed talks") is one event between its
      // members: cooperation reads so before any other target; conflict only when it is mutual by nature
      // (fighting) or by "each other", and the clause offers no other target ("China and Russia vetoed a
      // U.S.-drafted resolution" is two rejections of the U.S., "Russia and North Korea denied …" two denials).
      // Otherwise the clause may still offer a target the pattern does not name ("agreed to a center in Tokyo").
      const optional = () => (passive ? [] : first(OPTIONAL_TARGET.filter((n) => !pattern.target.includes(n)), true));
      let joint = false;
      const reciprocal = pattern.quadClass <= 2 || pattern.type === 'ASSAULT' || reciprocalAfter(doc, match.end, clause.end);
      if (targets.length === 0) {
        if (pattern.quadClass > 2) targets = optional();
        if (targets.length === 0 && sources.length > 1 && reciprocal) {
          targets = sources.slice(1);
          joint = true;
        }
        if (targets.length === 0) targets = optional();
      }
      // Otherwise each member of a coordinated subject acts on the targets ("Japan and the United States condemned North Korea").
      const actingSources = joint ? [sources[0]] : sources.filter((m, k) => sources.findIndex((u) => u.actor!.code === m.actor!.code) === k);
      for (const source of actingSources) {
        // An actor does not act on itself. (A government acting on its own country is kept: PLOVER codes
        // such within-state events, and dropping them lost correct targets on its gold set.)
        const distinctTargets = targets.filter((t, k) => t.actor!.code !== source.actor!.code && targets.findIndex((u) => u.actor!.code === t.actor!.code) === k);
        if (pattern.target.length > 0 && distinctTargets.length === 0) {
          uncoded.push({ type: pattern.type, trigger: doc.text.slice(triggerStart, triggerEnd), reason: 'no target' });
          continue;
        }
        // "will support", "is ready to send troops": the event is the stated intent (CAMEO 03 / 13).
        const intends = pattern.type !== intent.cooperativeType && pattern.type !== intent.conflictualType && statedIntent(doc, clause.first, match.first);
        const standing = claimStanding(doc, match, mentions, { negativeTrigger: pattern.negative, intentIsTheEvent: intends, governingVerb: governingVerb(doc, clause.first, match.first, pattern) });
        // "will withdraw unless …": a conditional intent is an ultimatum, a threat whatever the act.
        const ultimatum = intends && conditionAfter(doc, match.end, sentence.endToken);
        const cooperative = pattern.quadClass <= 2 && !ultimatum;
        const type = (intends ? (cooperative ? intent.cooperativeType : intent.conflictualType) : pattern.type) as PloverType;
        const cameo = intends ? (cooperative ? intent.cooperativeCameo : intent.conflictualCameo) : pattern.cameo;
        const used = [source, ...distinctTargets];
        const date = eventTime(doc, sentenceTimes, clause, clauses);
        // The place the sentence names nearest after the trigger, else before it.
        const inPlace = sentencePlaces;
        const location = inPlace.find((p) => p.start >= triggerEnd) ?? inPlace[inPlace.length - 1] ?? null;
        // A meeting held at the target's place is a visit ("attended the parade in North Korea", "visited Pyongyang").
        const atPlace = targetSlot === 'in' || targetSlot === 'to' || distinctTargets.some((t) => t.type === 'location');
        const mode = type === 'CONSULT' && atPlace ? 'visit' : pattern.mode;
        events.push({
          type,
          mode,
          cameo,
          cameoRoot: cameo.slice(0, 2),
          quadClass: intends ? (cooperative ? 1 : 3) : pattern.quadClass,
          source: source.actor!,
          targets: distinctTargets.map((t) => t.actor!),
          date,
          location,
          status: standing.status,
          attribution: standing.attribution,
          sentence: { start: sentence.start, end: sentence.end },
          span: { start: Math.min(triggerStart, ...used.map((m) => m.start)), end: Math.max(triggerEnd, ...used.map((m) => m.end)) },
          trigger: { start: triggerStart, end: triggerEnd, text: doc.text.slice(triggerStart, triggerEnd) },
        });
      }
    }
  }
  return { events: dedupe(events), uncoded };
}

/**
 * The date of an event: a time expression in the trigger's own clause, else one in the sentence outside the
 * clauses of its other triggers ("Seoul blamed Pyongyang after the North launched a satellite on Tuesday"
 * dates the launch, not the blame).
 */
function eventTime(doc: Doc, inSentence: EventTime[], clause: Clause, clauses: Clause[]): EventTime | null {
  if (inSentence.length === 0) return null;
  const span = (c: Clause) => ({ start: doc.tokenStart[c.first]!, end: doc.tokenEnd[c.end - 1]! });
  const own = span(clause);
  const within = (t: EventTime, c: { start: number; end: number }) => t.start >= c.start && t.end <= c.end;
  const inClause = inSentence.find((t) => within(t, own));
  if (inClause) return inClause;
  const others = clauses.map(span).filter((c) => c.start !== own.start || c.end !== own.end);
  return inSentence.find((t) => !others.some((c) => within(t, c))) ?? null;
}
type Clause = { first: number; end: number };

/**
 * One event per sentence, source and type: a second trigger for the same fact in the same sentence
 * ("offered North Korea to join the joint exercises with China") adds its targets, not another event.
 */
function dedupe(events: CodedEvent[]): CodedEvent[] {
  const byKey = new Map<string, CodedEvent>();
  for (const e of events) {
    const key = `${e.sentence.start}|${e.source.code}|${e.type}`;
    const kept = byKey.get(key);
    if (!kept) {
      byKey.set(key, e);
      continue;
    }
    for (const t of e.targets) if (!kept.targets.some((k) => k.code === t.code)) kept.targets.push(t);
    kept.span = { start: Math.min(kept.span.start, e.span.start), end: Math.max(kept.span.end, e.span.end) };
  }
  return [...byKey.values()];
}
