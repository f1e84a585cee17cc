/**
 * Quotes, direct and indirect: who said what, with which cue, where (venue), to whom (audience) and when,
 * each with its span.
 *
 * - Direct quotes are the text between quotation marks, running on across paragraphs when a paragraph opens
 *   a quote it does not close (the wire convention). Their speaker is found around the marks ("…," X said /
 *   said X / X said: "…"). A quote sentence with no attribution of its own right after a quote continues
 *   that speaker's words.
 * - Indirect quotes: "X said (that) …", a closing "…, X said." (the outermost attribution of its sentence),
 *   "according to X, …", "KCNA quoted X as saying …", and a participle that goes on for the same speaker
 *   ("…, adding that …").
 * - Speakers: actor mentions; else the noun phrase itself ("a spokesperson", "the defence ministry in
 *   Pyongyang"), with an appositive ("X, the ambassador, said" / "the ambassador, X, said"); pronouns and
 *   definite role nouns ("the ambassador") stand for the last fitting speaker or person; a bare surname for
 *   the person named in full before.
 * - Venue, audience and date are read in the attribution, never in the quoted words ("since August" in
 *   the claim is not when it was said), and not in a second attribution that relays the first ("…, state
 *   media said on Sunday"). A quote that gives none continues the venue and date of its speaker's previous
 *   quote (and the venue of a sentence just before that names the speaker).
 *
 * The cue words and venue patterns are data (data/quotes/cues.json).
 */
import cues from '../../../data/quotes/cues.json' with { type: 'json' };
import { ingForm, lowerTokenTexts, tokenAt, tokenTexts, type Doc } from '../../document/doc.js';
import { checkDeadline } from '../../document/deadline.js';
import { isCapitalised, type ActorRef, type Mention } from '../actors/recognize.js';
import { viewOrHedge, type ClaimStatus } from '../claims/status.js';
import type { EventTime } from '../events/code.js';
import { afterPreposition, isParticiple } from '../syntax.js';
import { SpanIndex, firstStartingAt, spansWithin } from '../spans.js';
import { authorPhrase, isNonSpeaker, issuerOf, organisationNamed, phraseHead } from './speakers.js';

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface Quote {
  speaker: TextSpan & { actor: ActorRef | null; name: string | null; role: string | null };
  cue: TextSpan;
  /** The quoted words (direct: inside the marks; indirect: the reported clause). */
  quote: TextSpan;
  direct: boolean;
  venue: (TextSpan & { organization: string | null }) | null;
  /** Whom the words were addressed to ("told reporters", "told Putin"), when the attribution says. */
  audience: TextSpan | null;
  date: EventTime | null;
  /** A quote is what its speaker says: reported, unless its own words mark it a view or a hedge. */
  status: ClaimStatus;
  sentence: { start: number; end: number };
}

const CUE_VERBS = new Set(cues.verbs);
const ADDRESSEE_VERBS = new Set(cues.addresseeVerbs);
const PERSON_PRONOUNS = new Set(cues.pronouns.person);
const GROUP_PRONOUNS = new Set(cues.pronouns.group);
const ROLE_NOUNS = new Set(cues.roleNouns);
const ACCORDING = cues.according.map((a) => a.toLowerCase().split(/\s+/));
const ACCORDING_FIRST = new Set(ACCORDING.map((seq) => seq[0]!));
const ACCORDING_FIRST_LENGTHS = new Set([...ACCORDING_FIRST].map((w) => w.length));
const QUOTED_AS = cues.quotedAs.frame.split(/\s+/);
const MACROS = new Map(Object.entries(cues.macros as Record<string, string>));
const expand = (pattern: string) => pattern.replace(/\{(\w+)\}/g, (_, k: string) => MACROS.get(k) ?? `{${k}}`);
const VENUES = cues.venues.map((v) => new RegExp(expand(v), 'g'));
const AUDIENCE = new RegExp(
  `\\b(?:told|to|briefed|addressing|informed|assured)\\s+(?<who>(?:${cues.audiences.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}))\\b`,
  'g',
);
const OPENING = /["“«„]/;
const OPENINGS = /["“«„]/g;
const CLOSING = new Map([['"', '"'], ['“', '”'], ['«', '»'], ['„', '“']]);
/** How far after a cue its "that" may stand ("said in an interview with TASS on Friday that"). */
const THAT_REACH = 14;
/** Longest tail after a closing cue: "…, X said in a statement carried by KCNA on Thursday." */
const CLOSING_TAIL = 14;
/** A wire dateline: "SEOUL, March 8 (Reuters) - ". */
const DATELINE = /^\p{Lu}[\p{Lu}\s.'’-]+,[^–—\n]{0,40}?\s[-–—]+\s+/u;
/** Relative words: a subject that opens a relative clause. */
const RELATIVES = new Set(['who', 'which', 'that', 'whose', 'whom']);
/** Fewest words in a reported clause ("Kyiv would hold, he said"). */
const MIN_CLAUSE = 3;
/** Prepositions inside a speaker's phrase: "the defence ministry in Pyongyang", "ambassador to the UN". */
const PHRASE_PREPOSITIONS = new Set(['of', 'in', 'to', 'for', 'at', 'from', 'with']);

interface QuoteSpan {
  open: number;
  close: number;
}

interface Speaker {
  m: Mention | null;
  at: TextSpan;
  /** The name when no mention gives it (an unknown person, or the person a role noun stands for). */
  name: string | null;
  /** The actor only qualifies the phrase ("a senior U.S. official"): it is the speaker's side, not its name. */
  qualifier?: boolean;
}

/** A person the text introduces: a mention, or a name the dictionary does not know. */
interface Person {
  start: number;
  end: number;
  m: Mention | null;
  name: string;
  words: string[];
  country: string | null;
  /** Title and appositive around the name ("Israel's ambassador to the United Nations"), worked out when first asked. */
  context: () => string;
  /** Not the object of a preposition or of a verb of telling. */
  subject: boolean;
  sentence: number;
}

type Segments = Array<[number, number]>;

/**
 * Quotation-mark spans within paragraphs. A quote a paragraph leaves open continues when the next paragraph
 * opens with a quotation mark (the wire convention for multi-paragraph quotes) and ends where that one closes.
 */
function quoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const paragraphs: Array<[number, number]> = [];
  for (const m of text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g)) paragraphs.push([m.index!, m.index! + m[0].length]);
  // Where each closing mark stands, found once: searching the text again from every opening mark was
  // quadratic in a text with many unclosed quotes.
  const marks = new Map<string, number[]>();
  const closingAfter = (closer: string, from: number): number => {
    let at = marks.get(closer);
    if (!at) {
      at = [];
      for (let k = text.indexOf(closer); k >= 0; k = text.indexOf(closer, k + 1)) at.push(k);
      marks.set(closer, at);
    }
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return at[lo] ?? -1;
  };
  let p = 0;
  let i = paragraphs[0]?.[0] ?? 0;
  while (p < paragraphs.length) {
    const end = paragraphs[p]![1];
    OPENINGS.lastIndex = i;
    const found = i < end ? OPENINGS.exec(text) : null;
    const m = found && found.index < end ? found : null;
    if (!m) {
      p++;
      i = paragraphs[p]?.[0] ?? text.length;
      continue;
    }
    const open = m.index;
    const closer = CLOSING.get(m[0])!;
    let q = p;
    let close = closingAfter(closer, open + 1);
    while (close >= 0 && close >= paragraphs[q]![1]) {
      const next = paragraphs[q + 1];
      if (!next || !OPENING.test(text[next[0]] ?? '')) close = -1;
      else {
        q++;
        close = closingAfter(closer, next[0] + 1);
      }
    }
    if (close < 0) {
      i = open + 1;
      continue;
    }
    spans.push({ open, close });
    p = q;
    i = close + 1;
  }
  return spans;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Whether s has at least k words (runs of letters and digits): the search stops at the k-th, not at the end of a long quote. */
function hasWords(s: string, k: number): boolean {
  WORD.lastIndex = 0;
  let found = 0;
  while (found < k && WORD.exec(s)) found++;
  return found >= k;
}

/** A value computed on the first call only: most people's contexts are never asked for. */
function once<T>(f: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value ??= { v: f() }).v;
}

function span(text: string, start: number, end: number): TextSpan {
  return { start, end, text: text.slice(start, end) };
}

export function extractQuotes(doc: Doc, mentions: Mention[], times: EventTime[] = []): Quote[] {
  const text = doc.text;
  const n = doc.tokenStart.length;
  // Each token's surface and its lower case, cut once per document: the passes below ask them of every
  // token of every sentence, some several times. (Out of range, a token is what the slice of the text
  // gives, as before.)
  const words = tokenTexts(doc);
  const lowerWords = lowerTokenTexts(doc);
  const word = (t: number) => words[t] ?? text.slice(doc.tokenStart[t], doc.tokenEnd[t]);
  const lower = (t: number) => lowerWords[t] ?? word(t).toLowerCase();
  /**
   * Whether token t in lower case is one of the first words of ACCORDING, asked of every token: lower-casing
   * them all took a tenth of the stage, so an ASCII token is ruled out by its length (it lower-cases to
   * ASCII of the same length), and only the others are lower-cased.
   */
  const startsAccording = (t: number): boolean => {
    const w = word(t);
    if (!ACCORDING_FIRST_LENGTHS.has(w.length) && /^[\x00-\x7f]*$/.test(w)) return false;
    return ACCORDING_FIRST.has(lower(t));
  };
  const sentenceIndexAt = (offset: number) => doc.sentenceOf[Math.min(tokenAt(doc, offset), n - 1)]!;
  const actorMentions = mentions.filter((m) => m.actor);
  const mentionsIn = (start: number, end: number) => spansWithin(actorMentions, start, end);
  const mentionIndex = new SpanIndex(actorMentions);
  /** The cue verb an -ing form stands for, whatever the tagger made of it ("warning" is often a noun). */
  const participleCue = (t: number): boolean => {
    const w = lower(t);
    if (!w.endsWith('ing')) return false;
    const stem = w.slice(0, -3);
    return [doc.lemma[t]!, stem, `${stem}e`, stem.replace(/(\w)\1$/, '$1')].some((x) => CUE_VERBS.has(x));
  };
  /** A cue verb in a finite use: not passive ("is said to"), not a participle. Decided once per token (the passes ask again and again). */
  const cueFlags = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    if ((doc.pos[t] === 'VERB' || doc.pos[t] === 'AUX') && CUE_VERBS.has(doc.lemma[t]!) && !(t > 0 && doc.lemma[t - 1] === 'be') && !isParticiple(doc, t)) cueFlags[t] = 1;
  }
  const isCue = (t: number) => cueFlags[t] === 1;
  const isNameWord = (t: number) => doc.pos[t] === 'PROPN' && isCapitalised(word(t));

  // People the text introduces, for pronouns, role nouns and surnames: mentions, and runs of two or more
  // capitalised names that no mention covers ("Gilad Erdan").
  const people: Person[] = [];
  {
    const contextOf = (start: number, end: number) => {
      const s = doc.sentences[sentenceIndexAt(start)]!;
      const before = text.slice(Math.max(s.start, text.lastIndexOf(',', start - 1) + 1), start);
      const rest = text.slice(end, s.end);
      const appositive = /^\s*,([^,]*),/.exec(rest)?.[1] ?? '';
      return `${before} ${appositive}`.toLowerCase();
    };
    const isSubject = (start: number) => {
      const t = tokenAt(doc, start);
      const sentenceFirst = doc.sentences[doc.sentenceOf[Math.min(t, n - 1)]!]!.firstToken;
      let k = t - 1;
      while (k >= sentenceFirst && (doc.pos[k] === 'DET' || doc.pos[k] === 'ADJ')) k--;
      return !(k >= sentenceFirst && (PHRASE_PREPOSITIONS.has(doc.lemma[k]!) || ADDRESSEE_VERBS.has(doc.lemma[k]!) || doc.lemma[k] === 'meet'));
    };
    for (const m of actorMentions) {
      // A role noun linked to no one in particular ("Norway's envoy") describes a person; it is not one.
      if (m.type !== 'person' || (m.form === 'role' && !m.actor!.id)) continue;
      people.push({
        start: m.start, end: m.end, m, name: m.actor!.name, words: m.actor!.name.split(/[\s-]+/), country: m.actor!.country,
        context: once(() => `${contextOf(m.start, m.end)} ${m.actor!.role ?? ''}`.toLowerCase()), subject: isSubject(m.start) && !afterPreposition(doc, m), sentence: sentenceIndexAt(m.start),
      });
    }
    for (let t = 0; t < n; t++) {
      if (!isNameWord(t) || (t > 0 && isNameWord(t - 1))) continue;
      let e = t;
      while (e < n && (isNameWord(e) || (word(e) === '-' && e + 1 < n && doc.tokenStart[e + 1] === doc.tokenEnd[e]))) e++;
      // A hyphenated given name ends in a lower-case part ("Ching-te").
      if (e < n && e > t && word(e - 1) === '-') e++;
      const start = doc.tokenStart[t]!;
      const end = doc.tokenEnd[e - 1]!;
      if (e - t < 2 || mentionIndex.overlaps(start, end)) continue;
      const name = text.slice(start, end);
      people.push({ start, end, m: null, name, words: name.split(/[\s-]+/), country: null, context: once(() => contextOf(start, end)), subject: isSubject(start), sentence: sentenceIndexAt(start) });
    }
    people.sort((a, b) => a.start - b.start);
  }
  const peopleIndex = new SpanIndex(people);
  /** The people each word of their names names ("Erdan" → Gilad Erdan), in text order. */
  const peopleByWord = new Map<string, Person[]>();
  for (const p of people) for (const w of new Set(p.words)) peopleByWord.set(w, [...(peopleByWord.get(w) ?? []), p]);

  const quotes: Quote[] = [];
  const speakerSentence = new Map<Quote, number>();

  /** The speaker of the last quote within `reach` sentences before offset, when `fits`. */
  const lastSpeaker = (offset: number, reach: number, fits: (q: Quote) => boolean): Quote | null => {
    const here = sentenceIndexAt(offset);
    for (let k = quotes.length - 1; k >= 0; k--) {
      const q = quotes[k]!;
      if (q.quote.start >= offset) continue;
      if (here - speakerSentence.get(q)! > reach) return null;
      if (fits(q)) return q;
    }
    return null;
  };
  const speakerType = new Map<Quote, 'person' | 'group'>();
  /** A pronoun standing for an earlier quote's speaker: that speaker, named by the pronoun. */
  const asSpeaker = (q: Quote, at: TextSpan): Speaker => {
    const type = speakerType.get(q) === 'person' ? 'person' : 'organization';
    const m = q.speaker.actor ? ({ start: q.speaker.start, end: q.speaker.end, text: q.speaker.text, type, form: 'name', actor: q.speaker.actor } as Mention) : null;
    return { m, at, name: m ? null : q.speaker.name };
  };

  /** The actor a pronoun at token t stands for: the last quoted speaker of its kind, else the last one named. */
  const antecedent = (t: number): Speaker | null => {
    const lemma = doc.lemma[t]!;
    const person = PERSON_PRONOUNS.has(lemma);
    if (!person && !GROUP_PRONOUNS.has(lemma)) return null;
    const at = span(text, doc.tokenStart[t]!, doc.tokenEnd[t]!);
    const before = doc.tokenStart[t]!;
    const previous = lastSpeaker(before, 2, (q) => (speakerType.get(q) === 'person') === person);
    if (previous) return asSpeaker(previous, at);
    if (person) {
      // The last person named before who is a subject, else the last one.
      let p: Person | undefined;
      for (const c of peopleIndex.endingBy(before)) {
        p ??= c;
        if (c.subject) {
          p = c;
          break;
        }
      }
      return p ? { m: p.m, at, name: p.m ? null : p.name } : null;
    }
    for (const m of mentionIndex.endingBy(before)) {
      if ((m.type === 'organization' || m.type === 'country') && !afterPreposition(doc, m)) return { m, at, name: null };
    }
    return null;
  };

  /** Who a definite role phrase ("the ambassador", "the Chinese leader") in tokens [a, b) stands for. */
  const roleAntecedent = (a: number, b: number): Speaker | null => {
    if (doc.lemma[a] !== 'the') return null;
    const roles: string[] = [];
    for (let t = a + 1; t < b; t++) if (ROLE_NOUNS.has(doc.lemma[t]!)) roles.push(doc.lemma[t]!);
    if (roles.length === 0 || doc.pos[b - 1] !== 'NOUN') return null;
    const at = span(text, doc.tokenStart[a]!, doc.tokenEnd[b - 1]!);
    const country = mentionsIn(at.start, at.end).find((m) => m.type === 'country')?.actor?.country ?? null;
    // The people named before within four sentences, the last first (people are in text order, so their
    // sentences too).
    const here = sentenceIndexAt(at.start);
    const before: Person[] = [];
    for (const p of peopleIndex.endingBy(at.start)) {
      if (here - p.sentence > 4) break;
      before.push(p);
    }
    const fits = (p: Person) => !country || !p.country || p.country === country;
    const p = before.find((c) => roles.some((r) => c.context().includes(r)) && fits(c)) ?? (country ? before.find((c) => c.country === country && c.subject) : undefined);
    return p ? { m: p.m, at, name: p.m ? null : p.name } : { m: null, at, name: null };
  };

  /** The speaker a noun phrase in tokens [a, b) names. */
  const resolvePhrase = (a: number, b: number): Speaker | null => {
    while (a < b && (doc.pos[a] === 'ADP' || doc.pos[a] === 'CCONJ' || doc.pos[a] === 'PUNCT')) a++;
    if (b <= a) return null;
    // A relative clause: "Putin, who said …" speaks for the phrase before it; "which officials said" has
    // no clause of its own to report.
    if (RELATIVES.has(doc.lemma[a]!)) {
      if (b - a > 1 || a < 2 || word(a - 1) !== ',') return null;
      const before = phraseStart(a - 2, doc.sentences[doc.sentenceOf[a]!]!.firstToken);
      return before <= a - 2 ? resolvePhrase(before, a - 1) : null;
    }
    // A pronoun is a speaker only through whom it stands for: one left unresolved names no one.
    if (b - a === 1 && doc.pos[a] === 'PRON') return antecedent(a);
    const at = span(text, doc.tokenStart[a]!, doc.tokenEnd[b - 1]!);
    // "a U.S. Forces Korea spokesperson": an indefinite phrase introduces someone new, whom a role noun
    // cannot name.
    const indefinite = doc.lemma[a] === 'a' || doc.lemma[a] === 'an';
    const inside = mentionsIn(at.start, at.end).filter((m) => !(indefinite && m.type === 'person' && m.form === 'role'));
    // A thing that reports ("the statement", "a video posted by the ministry") speaks for the actor it names,
    // and without one for no one.
    const head = phraseHead(doc, a, b);
    if (isNonSpeaker(doc, head)) {
      const author = authorPhrase(doc, head, a, b);
      if (author) return resolvePhrase(author.first, author.end);
      // "a KCNA report", "a Pentagon statement": the actor modifying the thing.
      const modifier = inside.find((m) => m.type !== 'country') ?? inside[0];
      if (modifier) return { m: modifier, at: span(text, modifier.start, modifier.end), name: null };
      // "The ministry issued a statement. The statement said …": whoever issued it.
      const issuer = doc.lemma[a] === 'the' ? issuerOf(doc, doc.lemma[head]!, doc.sentences[Math.max(0, doc.sentenceOf[a]! - 4)]!.firstToken, a) : null;
      const speaker = issuer ? resolvePhrase(issuer.first, issuer.end) : null;
      if (speaker && (speaker.m || speaker.name)) return { ...speaker, at };
      // Else "the statement" is the last speaking body's, as "it" would be ("The ministry said … The statement said …").
      const body = doc.lemma[a] === 'the' ? lastSpeaker(at.start, 2, (q) => speakerType.get(q) === 'group' && !!q.speaker.actor) : null;
      return body ? asSpeaker(body, at) : null;
    }
    const persons = inside.filter((m) => m.type === 'person');
    const person = persons.find((m) => !afterPreposition(doc, m)) ?? persons[0];
    // A role noun the dictionary links to no one in particular ("the envoy" → some envoy): the person
    // introduced before with that role, when there is one.
    if (person && person.form === 'role' && !person.actor?.id) {
      const role = roleAntecedent(a, b);
      if (role && (role.m || role.name)) return role;
    }
    if (person) return { m: person, at: span(text, person.start, person.end), name: null };
    // A name that no mention covers: a surname of someone named in full before, or a new person.
    let r = b;
    while (r > a && (isNameWord(r - 1) || word(r - 1) === '-' || (r - 1 > a && word(r - 2) === '-'))) r--;
    if (r < b && isNameWord(r)) {
      const runStart = doc.tokenStart[r]!;
      const runEnd = doc.tokenEnd[b - 1]!;
      if (!inside.some((m) => m.start < runEnd && m.end > runStart)) {
        const run = text.slice(runStart, runEnd);
        const named = peopleByWord.get(run) ?? [];
        let full: Person | undefined;
        for (let k = firstStartingAt(named, runStart) - 1; k >= 0 && !full; k--) if (named[k]!.end <= runStart && named[k]!.name !== run) full = named[k];
        if (full) return { m: full.m, at: span(text, runStart, runEnd), name: full.m ? null : full.name };
        if (b - r >= 2) return { m: null, at: span(text, runStart, runEnd), name: run };
      }
    }
    const role = roleAntecedent(a, b);
    if (role && (role.m || role.name)) return role;
    // "the agency", "the ministry": the organisation named before with that noun.
    if (!inside.length && doc.lemma[a] === 'the' && doc.pos[head] === 'NOUN') {
      const from = doc.sentences[Math.max(0, doc.sentenceOf[a]! - 4)]!.start;
      const named = organisationNamed(actorMentions, doc.lemma[head]!, from, at.start);
      if (named) return { m: named, at, name: null };
    }
    const body =
      inside.find((m) => m.type === 'organization' && !afterPreposition(doc, m)) ??
      inside.find((m) => m.type === 'country' && !afterPreposition(doc, m)) ??
      inside[inside.length - 1];
    if (!body && doc.pos[b - 1] !== 'NOUN' && doc.pos[b - 1] !== 'PROPN') return null;
    // The phrase's head is the body ("South Korea's military") or the actor only qualifies it ("a senior
    // U.S. official", "the defence ministry in Pyongyang").
    return { m: body ?? null, at, name: null, qualifier: !!body && body.end !== at.end };
  };

  // Tokens inside an actor mention belong to one phrase whatever their tags ("Shin Won-sik": "Won" is a verb to the tagger).
  const inMention = new Uint8Array(n);
  for (const m of actorMentions) for (let t = tokenAt(doc, m.start); t < n && doc.tokenStart[t]! < m.end; t++) inMention[t] = 1;
  const inPhrase = (t: number) =>
    inMention[t] === 1 ||
    ['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(doc.pos[t]!) || doc.lemma[t] === "'s" || doc.lemma[t] === '’s' || word(t) === '-' || word(t) === '&';
  /** Start token of the noun phrase ending at token k (inclusive), not before token lo. */
  const phraseStart = (k: number, lo: number): number => {
    let a = k + 1;
    while (a - 1 >= lo) {
      const p = a - 1;
      if (inPhrase(p)) a = p;
      else if (PHRASE_PREPOSITIONS.has(doc.lemma[p]!) && a <= k && p - 1 >= lo && (doc.pos[p - 1] === 'NOUN' || doc.pos[p - 1] === 'PROPN')) a = p;
      else if (doc.pos[p] === 'PRON' && a === k + 1) return p;
      else break;
    }
    return a;
  };

  /**
   * The subject before a cue at token t, not before offset lo: "X said", "X has also said", and appositives
   * "X, the ambassador, said" / "the ambassador, X, said" (the person wins, else the phrase next to the cue).
   * Returns the speaker and the first token of the whole subject.
   */
  const subjectBefore = (t: number, lo: number): { speaker: Speaker; first: number } | null => {
    const loToken = tokenAt(doc, lo);
    let k = t - 1;
    while (k >= loToken && (doc.pos[k] === 'ADV' || doc.pos[k] === 'AUX' || doc.lemma[k] === 'not')) k--;
    if (k < loToken) return null;
    if (word(k) === ',') {
      // A parenthetical between commas ("A senior official, speaking on condition of anonymity, said"): the
      // subject is before it.
      let c1 = k - 1;
      while (c1 >= loToken && word(c1) !== ',') c1--;
      if (c1 > loToken && c1 < k - 1 && (['VERB', 'ADV', 'ADP', 'SCONJ'].includes(doc.pos[c1 + 1]!) || ['who', 'which'].includes(doc.lemma[c1 + 1]!))) {
        const a = phraseStart(c1 - 1, loToken);
        const speaker = a <= c1 - 1 ? resolvePhrase(a, c1) : null;
        return speaker ? { speaker, first: a } : null;
      }
      const bStart = phraseStart(k - 1, loToken);
      if (bStart > k - 1 || bStart - 1 < loToken || word(bStart - 1) !== ',') return null;
      const aStart = phraseStart(bStart - 2, loToken);
      if (aStart > bStart - 2) return null;
      const second = resolvePhrase(bStart, k);
      const first = resolvePhrase(aStart, bStart - 1);
      const isPerson = (s: Speaker | null) => !!s && ((s.m?.type === 'person') || (s.name !== null && s.m === null));
      // Both persons ("Russia's Ambassador, Alexander Matsegora,"): the one named by name.
      const names = (x: Speaker) => (x.at.text.match(/(?:^|\s)\p{Lu}/gu) ?? []).length;
      if (isPerson(first) && isPerson(second) && names(second!) > names(first!)) return { speaker: second!, first: aStart };
      if (isPerson(first)) return { speaker: first!, first: aStart };
      if (isPerson(second)) return { speaker: second!, first: aStart };
      return second ? { speaker: second, first: bStart } : null;
    }
    const a = phraseStart(k, loToken);
    if (a > k) return null;
    const speaker = resolvePhrase(a, k + 1);
    return speaker ? { speaker, first: a } : null;
  };

  /** The subject right after a cue ("…," said Maria Zakharova), never after a verb of telling. */
  const subjectAfter = (t: number, hi: number): Speaker | null => {
    if (ADDRESSEE_VERBS.has(doc.lemma[t]!)) return null;
    const hiToken = tokenAt(doc, hi);
    let b = t + 1;
    while (b < hiToken && (inPhrase(b) || (PHRASE_PREPOSITIONS.has(doc.lemma[b]!) && b + 1 < hiToken && inPhrase(b + 1) && doc.pos[b + 1] !== 'NUM' && !/^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.test(doc.lemma[b + 1]!)))) b++;
    if (b === t + 1) return null;
    return resolvePhrase(t + 1, b);
  };

  const venueIn = (segments: Segments): Quote['venue'] => {
    let best = null as { start: number; end: number; org: string | null } | null;
    for (const [from, to] of segments) {
      const region = text.slice(from, to);
      // A capital that only opens the sentence is no name: "In an interview …", "Speaking to …".
      const lowered = region.charAt(0).toLowerCase() + region.slice(1);
      const variants = lowered === region ? [region] : [region, lowered];
      for (const re of VENUES) {
        for (const v of variants) {
          re.lastIndex = 0;
          for (let m = re.exec(v); m; m = re.exec(v)) {
            const start = from + m.index;
            const end = start + m[0].length;
            const org = m.groups?.org ?? null;
            // "told Putin", "told General Surovikin", "told a meeting with Lee Jae-myung": a person or country
            // told is an audience, not a venue; elsewhere ("at a dinner with U.S. business leaders") it is
            // only not the venue's organisation.
            let organization = org;
            if (org) {
              const orgStart = from + m.index + m[0].lastIndexOf(org);
              const orgEnd = orgStart + org.length;
              const named = mentionIndex.overlapping(orgStart, orgEnd);
              const told = /^told\b/.test(m[0]);
              // A name the dictionary does not know right after "told" is a person told ("told Halvard Brekke").
              const toldName = told && orgStart === start + 5 && peopleIndex.overlaps(orgStart, orgEnd);
              if (named.some((x) => x.type !== 'organization') || toldName) {
                if (told) continue;
                organization = null;
              }
            }
            if (!best || start < best.start || (start === best.start && end > best.end)) best = { start, end, org: organization };
            break;
          }
        }
      }
      if (best) break;
    }
    return best ? { ...span(text, best.start, best.end), organization: best.org } : null;
  };

  const audienceIn = (segments: Segments): TextSpan | null => {
    for (const [from, to] of segments) {
      const region = text.slice(from, to);
      AUDIENCE.lastIndex = 0;
      const m = AUDIENCE.exec(region);
      if (m) {
        const start = from + m.index + m[0].lastIndexOf(m.groups!.who!);
        return span(text, start, start + m.groups!.who!.length);
      }
      // "told Putin": the person told.
      const told = /\b(?:told|briefed|informed|assured)\s+/g;
      for (let k = told.exec(region); k; k = told.exec(region)) {
        const at = from + k.index + k[0].length;
        const m2 = mentionIndex.firstStartingIn(at, at + 12, (x) => x.type === 'person') ?? null;
        const p = m2 ? null : peopleIndex.firstStartingIn(at, at + 12);
        if (m2) return span(text, m2.start, m2.end);
        if (p) return span(text, p.start, p.end);
      }
    }
    return null;
  };

  /** The first time expression inside the segments (`times` are in text order, as findTimes gives them). */
  const dateIn = (segments: Segments): EventTime | null => {
    for (const [from, to] of segments) {
      const d = spansWithin(times, from, to)[0];
      if (d) return d;
    }
    return null;
  };

  /**
   * Where a quote's own attribution ends, from offset `from` within its sentence: at a second attribution
   * that relays it or goes on ("…, state media said", "…, according to KCNA", "…, adding that …").
   */
  const attributionEnd = (from: number, sentenceEnd: number): number => {
    const endToken = tokenAt(doc, sentenceEnd);
    for (let t = tokenAt(doc, from); t < endToken; t++) {
      if (word(t) !== ',') continue;
      for (let k = t + 1; k < Math.min(endToken, t + 7); k++) {
        if (word(k) === ',') break;
        if (doc.lemma[k] === 'accord' || (doc.pos[k] === 'VERB' && (CUE_VERBS.has(doc.lemma[k]!) || doc.lemma[k] === 'report'))) return doc.tokenStart[t]!;
      }
    }
    return sentenceEnd;
  };

  /** Reported, unless the quoted words or their attribution mark a view ("in his view") or a hedge. */
  const statusOf = (quote: TextSpan, frame: Segments): ClaimStatus => {
    let status: ClaimStatus = 'reported';
    for (const [a, b] of [[quote.start, quote.end] as [number, number], ...frame]) {
      const s = viewOrHedge(doc, tokenAt(doc, a), tokenAt(doc, b));
      if (s === 'opinion' || (s === 'hedged' && status === 'reported')) status = s;
    }
    return status;
  };

  const build = (speaker: Speaker, cue: TextSpan, quote: TextSpan, direct: boolean, region: { start: number; end: number }, frame: Segments): Quote => {
    const status = statusOf(quote, frame);
    const q: Quote = {
      speaker: { start: speaker.at.start, end: speaker.at.end, text: speaker.at.text, actor: speaker.m?.actor ?? null, name: speaker.qualifier ? null : (speaker.m?.actor?.name ?? speaker.name), role: speaker.m?.actor?.role ?? null },
      cue,
      quote,
      direct,
      venue: venueIn(frame),
      audience: audienceIn(frame),
      date: dateIn(frame),
      status,
      sentence: region,
    };
    speakerSentence.set(q, sentenceIndexAt(quote.start));
    const isPerson = speaker.m ? speaker.m.type === 'person' : speaker.name !== null;
    speakerType.set(q, isPerson ? 'person' : 'group');
    return q;
  };
  const cueSpan = (t: number) => span(text, doc.tokenStart[t]!, doc.tokenEnd[t]!);
  const trim = (s: TextSpan): TextSpan => {
    const lead = s.text.length - s.text.trimStart().length;
    const t = s.text.trim().replace(/[\s,;:]+$/, '');
    return span(text, s.start + lead, s.start + lead + t.length);
  };
  /**
   * What stands before a subject in its sentence, when it belongs to the attribution: a fronted phrase
   * ("Speaking to the Assembly, X said", "On Friday, X said"), not a clause of its own ("Russia signed a
   * deal on Tuesday, and X said").
   */
  const leadIn = (first: number, subjectFirst: number): Segments =>
    subjectFirst > first && (doc.pos[first] === 'ADP' || doc.pos[first] === 'ADV' || ingForm(doc, first))
      ? [[doc.tokenStart[first]!, doc.tokenStart[subjectFirst]!]]
      : [];
  /** Whether tokens [a, b) hold a verb other than an -ing form ("Speaking to the Assembly" is no clause). */
  const hasFiniteVerb = (a: number, b: number) => {
    for (let k = a; k < b; k++) if (doc.pos[k] === 'AUX' || (doc.pos[k] === 'VERB' && !/ing$/i.test(word(k)))) return true;
    return false;
  };

  /** The clause a cue at token t introduces ("said on Friday that CLAUSE", "told reporters CLAUSE"). */
  const clauseAfter = (t: number, sentenceEndToken: number, sentenceEnd: number): TextSpan | null => {
    let from = t + 1;
    const reach = Math.min(sentenceEndToken, from + THAT_REACH, tokenAt(doc, attributionEnd(doc.tokenEnd[t]!, sentenceEnd)));
    const window = doc.lemma.slice(from, reach);
    let that = window.indexOf('that');
    // Not a "that" past another cue ("told his hosts, who said that …").
    if (that >= 0 && window.slice(0, that).some((_, k) => isCue(from + k))) that = -1;
    if (that >= 0) from += that + 1;
    else if (ADDRESSEE_VERBS.has(doc.lemma[t]!)) {
      // "told reporters the launch was …": past whom it was told.
      while (from < sentenceEndToken && ['DET', 'ADJ', 'NOUN', 'PROPN', 'PRON', 'NUM'].includes(doc.pos[from]!) && !((doc.pos[from] === 'DET' || doc.pos[from] === 'PRON') && from > t + 1)) from++;
    }
    if (from >= sentenceEndToken || doc.lemma[from] === 'to' || doc.pos[from] === 'ADP' || word(from) === ',' || word(from) === '.') return null;
    // The clause runs to the end of the sentence, or to a participle that goes on ("…, adding that …").
    const end = attributionEnd(doc.tokenStart[from]!, sentenceEnd);
    const clause = trim(span(text, doc.tokenStart[from]!, end));
    // A clause has a verb of its own.
    const first = tokenAt(doc, clause.start);
    const last = tokenAt(doc, clause.end);
    // A clause has a verb of its own, not only an -ing form ("noted the progress, without giving details").
    return hasFiniteVerb(first, last) && hasWords(clause.text, MIN_CLAUSE) ? clause : null;
  };

  // Direct quotes, then, sentence by sentence, indirect ones.
  const spans = quoteSpans(text).filter((q) => hasWords(text.slice(q.open + 1, q.close), 1));
  // Which tokens stand inside quotation marks, marked once (asked of every token of every sentence).
  const quoted = new Uint8Array(doc.tokenStart.length);
  for (const q of spans) for (let t = tokenAt(doc, q.open + 1); t < quoted.length && doc.tokenStart[t]! < q.close; t++) quoted[t] = 1;
  // The regions direct quotes take up, asked of every sentence after them.
  const covered = new SpanIndex<{ start: number; end: number }>();
  const sentenceQuote = new Map<number, Quote>();
  const directQuote = (q: QuoteSpan, index: number) => {
    checkDeadline();
    const inner = span(text, q.open + 1, q.close);
    const firstIndex = sentenceIndexAt(q.open);
    const first = doc.sentences[firstIndex]!;
    let last = doc.sentences[sentenceIndexAt(q.close)]!;
    // A quote ending in "?" or "!" ends the tagger's sentence too: its attribution is what follows
    // ("“Is this a threat?” Zakharova asked reporters.").
    const following = doc.sentences[sentenceIndexAt(q.close) + 1];
    if (last.end <= q.close + 1 && following && /[?!]\s*$/.test(text.slice(q.open, q.close)) && !/\n/.test(text.slice(q.close, following.start))) {
      for (let t = following.firstToken; t < Math.min(following.endToken, following.firstToken + 8); t++) {
        if (isCue(t) && (subjectBefore(t, following.start)?.first === following.firstToken || t === following.firstToken)) {
          last = following;
          break;
        }
      }
    }
    const nextOpen = spans[index + 1]?.open ?? Infinity;
    const lastEnd = Math.min(Math.max(last.end, q.close + 1), nextOpen);
    const region = { start: first.start, end: Math.max(last.end, q.close + 1) };
    let found: { speaker: Speaker; cue: number; frame: Segments } | null = null;
    // After the closing mark, within its sentence: "…," X said. / "…," said X.
    for (let t = tokenAt(doc, q.close + 1); t < last.endToken && doc.tokenStart[t]! < lastEnd && !found; t++) {
      if (!isCue(t)) continue;
      const s = subjectBefore(t, q.close + 1)?.speaker ?? (/^[\s,.;:!?’”"»]*$/.test(text.slice(q.close + 1, doc.tokenStart[t]!)) ? subjectAfter(t, last.end) : null);
      if (s) {
        const frame: Segments = [...leadIn(first.firstToken, tokenAt(doc, q.open)), [q.close + 1, attributionEnd(doc.tokenEnd[t]!, lastEnd)]];
        found = { speaker: s, cue: t, frame };
      }
    }
    // Before the opening mark, within its sentence: X said: "…" / X said that the idea "…".
    for (let t = tokenAt(doc, q.open) - 1; t >= first.firstToken && !found; t--) {
      if (!isCue(t)) continue;
      const s = subjectBefore(t, first.start)?.speaker;
      if (s) {
        const that = doc.lemma.slice(t + 1, tokenAt(doc, q.open)).indexOf('that');
        const frameEnd = that >= 0 ? doc.tokenStart[t + 1 + that]! : q.open;
        found = { speaker: s, cue: t, frame: [[first.start, frameEnd]] };
      }
    }
    // Scare quotes around a term are not speech, unless they stand in what a speaker is said to say.
    // ("“Why now?” he asked" opens its sentence: speech).
    const opensSentence = /^\s*$/.test(text.slice(first.start, q.open));
    if (!hasWords(inner.text, 3) && !(found && (found.cue < tokenAt(doc, q.open) || opensSentence))) return;
    if (found) {
      const quote = build(found.speaker, cueSpan(found.cue), inner, true, region, found.frame);
      quotes.push(quote);
      sentenceQuote.set(firstIndex, quote);
      covered.add({ start: region.start, end: region.end });
      return;
    }
    // A quote sentence with no attribution right after a quote continues that speaker's words: in the same
    // paragraph, or opening the next one.
    const previous = quotes[quotes.length - 1];
    if (!previous || !hasWords(inner.text, 3)) return;
    const standsAlone = /^\s*$/.test(text.slice(first.start, q.open)) && /^[\s.,!?;:’”"»]*$/.test(text.slice(q.close + 1, last.end));
    const gap = firstIndex - sentenceIndexAt(previous.sentence.end - 1);
    const opensParagraph = /\n\s*$/.test(text.slice(Math.max(0, q.open - 3), q.open)) && q.open - previous.sentence.end < 400;
    if (standsAlone && (gap <= 1 || opensParagraph)) {
      const quote: Quote = { ...previous, quote: inner, direct: true, sentence: region, status: statusOf(inner, []) };
      speakerSentence.set(quote, firstIndex);
      speakerType.set(quote, speakerType.get(previous)!);
      quotes.push(quote);
      covered.add({ start: region.start, end: region.end });
    }
  };

  const indirectQuote = (sentenceIndex: number) => {
    const sentence = doc.sentences[sentenceIndex]!;
    const inside = (t: number) => quoted[t] === 1;
    const isCovered = covered.overlaps(sentence.start, sentence.end);
    if (isCovered) return;
    // "KCNA quoted Kim as saying CLAUSE".
    for (let t = sentence.firstToken; t < sentence.endToken; t++) {
      if (doc.lemma[t] !== cues.quotedAs.verb || doc.pos[t] !== 'VERB') continue;
      let as = t + 1;
      while (as < sentence.endToken && as < t + 8 && !(doc.lemma[as] === QUOTED_AS[0] && lower(as + 1) === QUOTED_AS[1])) as++;
      if (as >= sentence.endToken || as >= t + 8) continue;
      const speaker = resolvePhrase(t + 1, as);
      const clause = speaker ? clauseAfter(as + 1, sentence.endToken, sentence.end) : null;
      if (!speaker || !clause) continue;
      const quote = build(speaker, cueSpan(t), clause, false, sentence, [[sentence.start, clause.start]]);
      quotes.push(quote);
      sentenceQuote.set(sentenceIndex, quote);
      return;
    }
    // A closing attribution, the outermost of its sentence: "CLAUSE, X said (in a statement on Friday)." /
    // "CLAUSE, said X, Russia's ambassador."
    for (let t = sentence.endToken - 1; t > sentence.firstToken; t--) {
      if (!isCue(t) || inside(t)) continue;
      checkDeadline();
      // The tail up to a participle that goes on ("…, X said, adding that …") or an appositive to the
      // sentence ("…, the military said, the latest in a string of launches").
      const nextComma = text.indexOf(',', doc.tokenEnd[t]!);
      const tailEnd = tokenAt(doc, Math.min(attributionEnd(doc.tokenEnd[t]!, sentence.end), nextComma >= 0 && nextComma < sentence.end ? nextComma : sentence.end));
      if (tailEnd - t > CLOSING_TAIL) continue;
      if (doc.lemma.slice(t + 1, tailEnd).includes('that')) continue;
      const before = subjectBefore(t, sentence.start);
      let comma = -1;
      let speaker: Speaker | null = null;
      if (before && before.first - 1 > sentence.firstToken && word(before.first - 1) === ',') {
        comma = before.first - 1;
        speaker = before.speaker;
      } else if (word(t - 1) === ',') {
        comma = t - 1;
        speaker = subjectAfter(t, sentence.end);
      }
      if (!speaker || comma < 0) continue;
      // A clause follows the cue ("…, Zelenskiy said Russia was …"): the cue opens it, it does not close one.
      if (doc.pos.slice(t + 1, tailEnd).includes('AUX')) continue;
      // Not the dateline that opens a wire story ("SEOUL, March 8 (Reuters) - ").
      const dateline = DATELINE.exec(text.slice(sentence.start, doc.tokenStart[comma]!))?.[0].length ?? 0;
      const clause = trim(span(text, sentence.start + dateline, doc.tokenStart[comma]!));
      if (!hasWords(clause.text, MIN_CLAUSE) || !hasFiniteVerb(sentence.firstToken, comma)) continue;
      const quote = build(speaker, cueSpan(t), clause, false, sentence, [[doc.tokenEnd[comma]!, attributionEnd(doc.tokenEnd[t]!, sentence.end)]]);
      quotes.push(quote);
      sentenceQuote.set(sentenceIndex, quote);
      return;
    }
    for (let t = sentence.firstToken; t < sentence.endToken; t++) {
      if (inside(t)) continue;
      const according =
        ACCORDING_FIRST.has(doc.lemma[t]!) || startsAccording(t)
          ? ACCORDING.find((seq) => seq.every((w, k) => doc.lemma[t + k] === w || lower(t + k) === w))
          : undefined;
      if (according) {
        // The speaker is the phrase after "according to", up to its comma ("according to a senior U.S.
        // official, who spoke on condition of anonymity, …").
        const phraseFirst = t + according.length;
        let phraseEnd = phraseFirst;
        while (phraseEnd < sentence.endToken && word(phraseEnd) !== ',' && !(doc.pos[phraseEnd] === 'PUNCT' && word(phraseEnd) !== '-' && word(phraseEnd) !== '&')) phraseEnd++;
        const speaker = resolvePhrase(phraseFirst, phraseEnd);
        if (!speaker || !(speaker.m || speaker.name || hasWords(speaker.at.text, 1))) continue;
        // The claim is the rest of the sentence on the other side of "according to X" (past a relative
        // clause that describes X).
        const before = text.slice(sentence.start, doc.tokenStart[t]!).replace(/[\s,]+$/, '');
        let after = phraseEnd + 1;
        if (after < sentence.endToken && RELATIVES.has(doc.lemma[after]!)) {
          while (after < sentence.endToken && word(after) !== ',') after++;
          after++;
        }
        const clause = trim(
          before.length > 20
            ? span(text, sentence.start, sentence.start + before.length)
            : span(text, after < sentence.endToken ? doc.tokenStart[after]! : sentence.end, sentence.end),
        );
        if (!hasWords(clause.text, 4)) continue;
        const frameEnd = before.length > 20 ? sentence.end : doc.tokenStart[Math.min(phraseEnd, sentence.endToken - 1)]!;
        const quote = build(speaker, span(text, doc.tokenStart[t]!, doc.tokenEnd[t + according.length - 1]!), clause, false, sentence, [[doc.tokenStart[t]!, frameEnd]]);
        quotes.push(quote);
        sentenceQuote.set(sentenceIndex, quote);
        return;
      }
      if (!isCue(t)) continue;
      checkDeadline();
      // "X said (that) CLAUSE".
      const subject = subjectBefore(t, sentence.start);
      if (!subject) continue;
      let clause = clauseAfter(t, sentence.endToken, sentence.end);
      if (!clause) continue;
      // A relative clause ends at its closing comma: "Putin, who said that …, visited the front".
      const comma = RELATIVES.has(doc.lemma[subject.first]!) ? clause.text.indexOf(',') : -1;
      if (comma > 0) clause = trim(span(text, clause.start, clause.start + comma));
      const frame: Segments = [...leadIn(sentence.firstToken, subject.first), [doc.tokenStart[subject.first]!, clause.start]];
      const quote = build(subject.speaker, cueSpan(t), clause, false, sentence, frame);
      quotes.push(quote);
      if (!sentenceQuote.has(sentenceIndex)) sentenceQuote.set(sentenceIndex, quote);
      // Another speaker may go on after the clause ("…, and he said the trip would …").
      t = tokenAt(doc, clause.end) - 1;
    }
  };

  /** "…, adding that CLAUSE", "…, warning CLAUSE": the same speaker goes on, where and when the main quote says. */
  const participleQuotes = (sentenceIndex: number) => {
    const sentence = doc.sentences[sentenceIndex]!;
    const main = sentenceQuote.get(sentenceIndex);
    const from = main ? Math.max(tokenAt(doc, main.cue.end), main.direct ? tokenAt(doc, main.quote.end) : 0) : sentence.firstToken + 1;
    for (let t = from; t < sentence.endToken; t++) {
      if (word(t - 1) !== ',' || !participleCue(t)) continue;
      checkDeadline();
      if (quoted[t] === 1) continue;
      const clause = clauseAfter(t, sentence.endToken, sentence.end);
      if (!clause) continue;
      let parent = main;
      if (!parent) {
        // No quote yet: the speaker is the subject of the sentence's verb ("The agency acknowledged the
        // failure, saying …").
        let verb = sentence.firstToken;
        while (verb < t && !(doc.pos[verb] === 'VERB' && !isParticiple(doc, verb))) verb++;
        const subject = verb < t ? subjectBefore(verb, sentence.start) : null;
        if (!subject) return;
        parent = build(subject.speaker, cueSpan(t), clause, false, sentence, [[sentence.start, doc.tokenStart[t]!]]);
        quotes.push(parent);
        t = tokenAt(doc, clause.end);
        continue;
      }
      const quote: Quote = { ...parent, cue: cueSpan(t), quote: clause, direct: false, status: statusOf(clause, []) };
      speakerSentence.set(quote, sentenceIndex);
      speakerType.set(quote, speakerType.get(parent)!);
      quotes.push(quote);
      t = tokenAt(doc, clause.end);
    }
  };

  let next = 0;
  for (let s = 0; s < doc.sentences.length; s++) {
    checkDeadline();
    const sentence = doc.sentences[s]!;
    while (next < spans.length && spans[next]!.open < sentence.end) directQuote(spans[next]!, next++);
    indirectQuote(s);
    participleQuotes(s);
  }

  // A quote whose attribution gives no venue or date continues those of its speaker's previous quote, and a
  // venue given just before, in a sentence that names the speaker ("Lai, in his inauguration speech, …").
  const identity = (q: Quote) => q.speaker.actor?.id ?? q.speaker.name ?? q.speaker.actor?.code ?? q.speaker.text.toLowerCase();
  const ordered = quotes.sort((a, b) => a.quote.start - b.quote.start);
  // Each quote's speaker identity, worked out once rather than in every comparison.
  const identities = ordered.map(identity);
  const continueSpeaker = (q: Quote, here: number, own: { quotes: number[]; reach: number[] }): void => {
    let previous: Quote | undefined;
    for (let j = own.quotes.length - 1; j >= 0 && !previous && own.reach[j]! >= here - 2; j--) {
      const candidate = ordered[own.quotes[j]!]!;
      if (here - speakerSentence.get(candidate)! <= 2) previous = candidate;
    }
    if (previous) {
      q.venue ??= previous.venue;
      q.date ??= previous.date;
    }
    if (!q.venue && here > 0 && !previous) {
      const before = doc.sentences[here - 1]!;
      const names = [q.speaker.name, q.speaker.actor?.name].filter((x): x is string => !!x);
      const sameParagraph = !/\n\s*\n/.test(text.slice(before.end, q.sentence.start));
      if (sameParagraph && names.some((x) => text.slice(before.start, before.end).includes(x)) && !covered.overlaps(before.start, before.end)) {
        q.venue = venueIn([[before.start, before.end]]);
      }
    }
  };
  // Each speaker's quotes so far (indices into `ordered`), with the latest sentence reached up to each: a
  // speaker's previous quote within two sentences is found without reading every earlier quote.
  const bySpeaker = new Map<string, { quotes: number[]; reach: number[] }>();
  for (let k = 0; k < ordered.length; k++) {
    const q = ordered[k]!;
    const here = speakerSentence.get(q)!;
    let own = bySpeaker.get(identities[k]!);
    if (!own) bySpeaker.set(identities[k]!, (own = { quotes: [], reach: [] }));
    if (!q.venue || !q.date) continueSpeaker(q, here, own);
    own.quotes.push(k);
    own.reach.push(Math.max(here, own.reach[own.reach.length - 1] ?? -Infinity));
  }
  return ordered;
}
