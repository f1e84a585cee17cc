/**
 * Actor mentions: one left-to-right pass over a document's tokens against the compiled dictionary.
 * Countries (names, abbreviations, demonyms, capitals and seats standing for governments), organisations,
 * known people (linked to the role they held on the article's date), unknown people introduced by a role
 * title ("South Korean lawmaker Yoo Sang-bum"), and later mentions of people by surname or by role noun
 * ("Matsegora", "the ambassador"), resolved within the document.
 */
import metonymy from '../../../data/actors/metonymy.json' with { type: 'json' };
import { tokenTexts, type Doc } from '../../document/doc.js';
import { checkDeadline } from '../../document/deadline.js';
import {
  normaliseToken,
  pickNamesake,
  roleAt,
  type ActorDictionary,
  type CountryEntry,
  type PersonEntry,
  type PersonRole,
  type Phrase,
  type RoleEntry,
} from './dictionary.js';

export type MentionType = 'person' | 'organization' | 'country' | 'location';
export type MentionForm = 'name' | 'abbreviation' | 'demonym' | 'capital' | 'seat' | 'surname' | 'role';

export interface ActorRef {
  /** CAMEO actor code, e.g. RUSGOVDIP; null when the text does not say enough. */
  code: string | null;
  /** Dictionary id of a known actor, or null for an actor found in the text only. */
  id: string | null;
  name: string;
  country: string | null;
  /** The role held at the article's date, or the title the text gives. */
  role: string | null;
}

export interface Mention {
  start: number;
  end: number;
  text: string;
  type: MentionType;
  form: MentionForm;
  actor: ActorRef | null;
}

/** When a capital names a place, not its government ("in Moscow" vs "Moscow said"): data/actors/metonymy.json. */
const LOCATIVE = new Set(metonymy.locativePrepositions);
const PLACE_VERBS = new Set(metonymy.placeVerbs);
/** Families whose names are written family name first in English news. */
const FAMILY_FIRST = new Set(['KOR', 'PRK', 'CHN', 'TWN', 'VNM', 'HKG', 'MAC']);
const MAX_NAME_TOKENS = 4;
/** Words that shorten a country name to "the North" / "the South" once the country has been named. */
const COMPASS = new Set(['North', 'South']);
/** Words between a country and a title that do not change whose title it is ("Lebanon's new President"). */
const TITLE_MODIFIERS = new Set(['new', 'former', 'then', 'acting', 'interim', 'outgoing', 'incoming', 'deputy', 'vice', 'senior', 'top', 'chief', 'ousted', 'late', 'first', 'current', 'newly', 'elected', 'designate']);
/** Words between a title and its posting: "Ambassador to North Korea", "Minister of Defence". */
const POSTING = new Set(['to', 'of', 'for', 'in']);

interface Person {
  actor: ActorRef;
  rank: string | null;
  surnames: string[];
}

const UPPER_FIRST = /^\p{Lu}/u;
/** An upper-case first letter; asked of most tokens, so an ASCII one is told by its code. */
export const isCapitalised = (s: string) => {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : UPPER_FIRST.test(s);
};

/** Whether a role was held on the day of `date` (an unknown date holds nothing). */
function holds(role: PersonRole, date: string | null): boolean {
  if (!date) return false;
  const day = date.slice(0, 10);
  return (!role.start || role.start <= day) && (!role.end || day < role.end);
}

/** Known people by dictionary id (the first listed with an id wins), made once per dictionary. */
const idIndexes = new WeakMap<ActorDictionary, Map<string, PersonEntry>>();
function peopleById(dictionary: ActorDictionary): Map<string, PersonEntry> {
  let index = idIndexes.get(dictionary);
  if (!index) {
    index = new Map();
    for (const person of dictionary.people) if (!index.has(person.id)) index.set(person.id, person);
    idIndexes.set(dictionary, index);
  }
  return index;
}

export function recognizeActors(doc: Doc, dictionary: ActorDictionary): Mention[] {
  const n = doc.tokenStart.length;
  const surface = tokenTexts(doc);
  const norm = surface.map(normaliseToken);
  const mentions: Mention[] = [];
  const people: Person[] = [];
  const bySurname = new Map<string, Person>();
  const date = doc.published;

  const span = (from: number, to: number) => ({ start: doc.tokenStart[from]!, end: doc.tokenEnd[to - 1]! });
  /** The country last named by a name of several words, by its first word ("North" → North Korea), for "the North". */
  const countryByFirstWord = new Map<string, ActorRef>();
  const push = (from: number, to: number, type: MentionType, form: MentionForm, actor: ActorRef | null) => {
    const { start, end } = span(from, to);
    const text = doc.text.slice(start, end);
    mentions.push({ start, end, text, type, form, actor });
    const space = text.indexOf(' ');
    if (type === 'country' && form === 'name' && actor && space > 0) countryByFirstWord.set(text.slice(0, space), actor);
  };
  const sameSentence = (a: number, b: number) => doc.sentenceOf[a] === doc.sentenceOf[b];

  /** The longest dictionary phrase starting at token i, if any. */
  const matchAt = (i: number): { phrase: Phrase; end: number } | null => {
    const group = dictionary.byFirstTwoTokens.get(norm[i]!);
    if (!group) return null;
    // Only the phrases the next token leaves possible, in the same order (longest first).
    const phrases = (i + 1 < n ? group.bySecond.get(norm[i + 1]!) : undefined) ?? group.single;
    for (const phrase of phrases) {
      const end = i + phrase.tokens.length;
      if (end > n || !sameSentence(i, end - 1)) continue;
      let ok = true;
      for (let k = 1; k < phrase.tokens.length && ok; k++) ok = norm[i + k] === phrase.tokens[k];
      if (!ok) continue;
      if (phrase.exactSurface !== null) {
        if (surface.slice(i, end).join('').replace(/\./g, '') !== phrase.exactSurface.replace(/\s+/g, '')) continue;
      } else if (phrase.target.kind !== 'role' && phrase.target.kind !== 'generic-organization' && !isCapitalised(surface[i]!) && !phrase.lowerInitial) continue;
      return { phrase, end };
    }
    return null;
  };

  const knownPersonActor = (person: PersonEntry, name: string): ActorRef => {
    const role = roleAt(person, date);
    return { code: role?.code ?? person.country, id: person.id, name, country: person.country, role: role?.title ?? null };
  };

  /** The person last named whose dictionary entry lists a surname as ambiguous ("Kim"), by that surname. */
  const byAmbiguousSurname = new Map<string, Person>();
  const remember = (person: Person) => {
    people.push(person);
    for (const s of person.surnames) bySurname.set(s, person);
    const entry = person.actor.id ? peopleById(dictionary).get(person.actor.id) : undefined;
    for (const s of entry?.ambiguousSurnames ?? []) byAmbiguousSurname.set(normaliseToken(s), person);
  };

  /**
   * A person's name from i: a proper noun, then capitalised words (whatever their tag: "Sang" in
   * "Yoo Sang-bum" is tagged a verb) and hyphenated parts, up to a dictionary phrase. Returns its end.
   */
  const nameRun = (i: number): number => {
    if (doc.pos[i] !== 'PROPN' || !isCapitalised(surface[i]!)) return i;
    let end = i + 1;
    let words = 1;
    while (end < n && words < MAX_NAME_TOKENS && sameSentence(i, end)) {
      const t = surface[end]!;
      if (t === '-' && end + 1 < n && /^\p{L}/u.test(surface[end + 1]!) && doc.tokenStart[end + 1] === doc.tokenEnd[end]) {
        end += 2; // "Kyou-hyun": the hyphen and the next part belong to the name
        continue;
      }
      // A role word inside a name ("Tom King") does not end it; any other dictionary phrase does.
      const inner = matchAt(end);
      if (!/^\p{Lu}\p{L}*$/u.test(t) || (inner && inner.phrase.target.kind !== 'role')) break;
      end++;
      words++;
    }
    return end;
  };

  const countryBefore = (i: number): CountryEntry | null => {
    // "[the] Russian X", "Russia's X", "South Korea's new X", "NIS X" (an organisation's country)
    let j = i - 1;
    for (let skipped = 0; j >= 0 && skipped < 3 && TITLE_MODIFIERS.has(norm[j]!); skipped++) j--;
    if (j >= 0 && (norm[j] === "'s" || norm[j] === "'")) j--;
    const previous = mentions[mentions.length - 1];
    if (!previous || j < 0 || previous.end !== doc.tokenEnd[j]) return null;
    const code = previous.actor?.country ?? null;
    return code ? (dictionary.countriesByCode.get(code) ?? null) : null;
  };

  /** The person a role noun ("the ambassador", "the Russian defense minister") refers to. */
  const resolveRoleNoun = (role: RoleEntry, country: CountryEntry | null): ActorRef | null => {
    for (let k = people.length - 1; k >= 0; k--) {
      const p = people[k]!;
      if (p.rank === role.rank && (!country || p.actor.country === country.code)) return p.actor;
    }
    if (!country) return null;
    // Nobody named yet: the dictionary knows who held this office in that country on the article's date.
    const code = country.code + role.sector;
    // The office must be this role's: "a British minister" is not the Prime Minister, whose title holds a
    // longer role title ("prime minister"); any head of state or government is "the leader".
    const isThisRole = (title: string): boolean => {
      const t = title.toLowerCase();
      if (!role.titles.some((x) => t.includes(x))) return false;
      if (role.rank === 'leader') return true;
      let best: RoleEntry | null = null;
      let bestLength = 0;
      for (const other of dictionary.roles) {
        for (const x of other.titles) if (x.length > bestLength && t.includes(x)) [best, bestLength] = [other, x.length];
      }
      return best === role || best?.rank === role.rank;
    };
    const holders = (dictionary.peopleByCountry.get(country.code) ?? []).filter(
      (person) => person.roles.some((r) => r.code === code && holds(r, date) && isThisRole(r.title)),
    );
    return holders.length === 1 ? knownPersonActor(holders[0]!, holders[0]!.names[0]!) : null;
  };

  const unknownPerson = (from: number, to: number, role: RoleEntry, country: CountryEntry | null): Person => {
    const name = doc.text.slice(doc.tokenStart[from]!, doc.tokenEnd[to - 1]!);
    const parts = name.split(/\s+/);
    const familyFirst = (country && FAMILY_FIRST.has(country.code)) || /^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(parts[parts.length - 1] ?? '');
    const family = familyFirst ? parts[0]! : parts[parts.length - 1]!;
    return {
      actor: { code: country ? country.code + role.sector : null, id: null, name, country: country?.code ?? null, role: role.titles[0]! },
      rank: role.rank,
      surnames: parts.length > 1 ? [normaliseToken(family)] : [],
    };
  };

  // Tokens are joined by spaces, so a hyphenated name ("Kim Kyou - hyun") is rejoined to meet the index.
  const knownPerson = (from: number, to: number): PersonEntry | null =>
    dictionary.peopleByName.get(norm.slice(from, to).join(' ').replace(/ - /g, '-').replace(/ -/g, '-')) ?? null;

  // A known person is named as the dictionary names them, whatever form the text uses.
  const personFromEntry = (entry: PersonEntry): Person => ({
    actor: knownPersonActor(entry, entry.names[0]!),
    rank: null,
    surnames: (entry.surnames ?? []).map(normaliseToken),
  });

  /**
   * "the North", "the South" standing alone: the country last named whose name starts with that word
   * ("North Korea" … "the North's missiles"). Not "the North Atlantic", not before any such country.
   */
  const shortCountry = (i: number): ActorRef | null => {
    if (i === 0 || norm[i - 1] !== 'the' || !COMPASS.has(surface[i]!)) return null;
    if (i + 1 < n && /^\p{Lu}/u.test(surface[i + 1]!)) return null;
    return countryByFirstWord.get(surface[i]!) ?? null;
  };

  const countryRef = (c: CountryEntry): ActorRef => ({ code: c.code, id: c.id, name: c.names[0]!, country: c.code, role: null });

  /**
   * Whether [from, to) sits inside a longer proper name the dictionary does not know: a capitalised word
   * right before it (not the first word of the sentence, not an actor) or right after it. "Andersen Air
   * Force Base", "the Lisbon Institute", "National Aerospace Technology Administration".
   */
  const insideLongerName = (from: number, to: number): boolean => {
    const before = from - 1;
    const previousMention = mentions[mentions.length - 1];
    const beforeIsName =
      before >= 0 && sameSentence(before, from) && doc.sentences[doc.sentenceOf[from]!]!.firstToken !== before &&
      /^\p{Lu}/u.test(surface[before]!) && previousMention?.end !== doc.tokenEnd[before];
    const afterIsName = to < n && sameSentence(from, to) && /^\p{Lu}\p{Ll}/u.test(surface[to]!) && doc.pos[to] !== 'VERB' && !matchAt(to);
    return beforeIsName || afterIsName;
  };

  /** The person this document has named whose surname (distinctive or common) is `key`, the latest first. */
  const namedEarlier = (key: string): Person | undefined => bySurname.get(key) ?? byAmbiguousSurname.get(key);

  /** The generic name with the same words as a phrase ("Parliament" the British body, "parliament" any). */
  const genericAlternative = (phrase: Phrase): Phrase | undefined =>
    dictionary.byFirstToken
      .get(phrase.tokens[0]!)
      ?.find((p) => p.target.kind === 'generic-organization' && p.tokens.length === phrase.tokens.length && p.tokens.every((t, k) => t === phrase.tokens[k]));

  // Whether a context word occurs in the article, searched for once per document, not at every mention.
  const foundInText = new Map<string, boolean>();
  const inText = (word: string): boolean => {
    let found = foundInText.get(word);
    if (found === undefined) foundInText.set(word, (found = doc.text.includes(word)));
    return found;
  };

  /** Records the mention a dictionary phrase (other than a role title) makes at [from, to). */
  const emit = (from: number, to: number, phrase: Phrase) => {
    const target = phrase.target;
    // Generic names and capitals are the words most often borrowed by longer names.
    if ((target.kind === 'generic-organization' || target.kind === 'capital') && insideLongerName(from, to)) return;
    const form: MentionForm = phrase.exactSurface !== null ? 'abbreviation' : 'name';
    const text = doc.text.slice(doc.tokenStart[from]!, doc.tokenEnd[to - 1]!);
    switch (target.kind) {
      case 'country-name':
        push(from, to, 'country', form, countryRef(target.country));
        break;
      case 'demonym':
        push(from, to, 'country', 'demonym', countryRef(target.country));
        break;
      case 'capital':
      case 'seat': {
        // "in Moscow", "visited Pyongyang" are places; "Moscow said", "talks between Pyongyang and Washington"
        // and "the Kremlin warned" stand for the government.
        // "the" and adjectives may stand between ("in central Baghdad").
        let prev = from - 1;
        while (prev >= 0 && (norm[prev] === 'the' || doc.pos[prev] === 'ADJ')) prev--;
        const place = prev >= 0 && (LOCATIVE.has(norm[prev]!) || (doc.pos[prev] === 'VERB' && PLACE_VERBS.has(doc.lemma[prev]!)));
        const ref = countryRef(target.country);
        push(from, to, place ? 'location' : 'country', target.kind, place ? ref : { ...ref, code: `${ref.code}GOV`, name: `${ref.name} (government)` });
        break;
      }
      case 'organization': {
        const org = target.organization;
        const linked = !org.context?.length || org.context.some(inText);
        // Without its context a country's body is another country's: "the Lithuanian Parliament", "the Ivory
        // Coast's Supreme Court" are the generic names with the country before them.
        const generic = linked ? undefined : genericAlternative(phrase);
        if (generic) {
          emit(from, to, generic);
          break;
        }
        push(from, to, 'organization', form, linked ? { code: org.code, id: org.id, name: org.names[0]!, country: org.country, role: null } : null);
        break;
      }
      case 'generic-organization': {
        const country = countryBefore(from);
        // "the army", "Warships sailed": common nouns (lower case in the data) are mentions only with their
        // country ("Russian troops"); proper generic names ("Defense Ministry") are mentions either way.
        const commonNoun = target.generic.names.some((name) => name === name.toLowerCase() && name === text.toLowerCase());
        if (!country && (commonNoun || !isCapitalised(surface[from]!))) break;
        const actor = country
          ? { code: country.code + target.generic.sector, id: null, name: `${country.adjective} ${text}`, country: country.code, role: null }
          : null;
        push(from, to, 'organization', 'name', actor);
        break;
      }
      case 'person':
      case 'surname': {
        // A surname alone is only a name when the text uses it as one (a proper noun, not "Moon" the noun).
        // ("al-Assad", "bin Laden": the family name proper is the last word.)
        if (target.kind === 'surname' && doc.pos[to - 1] !== 'PROPN') break;
        // A surname is first the person this document has already named with it ("Bill Blair … Blair"),
        // else the known person of that name the article's date points to ("Bush" in 1990 and in 2003).
        const earlier = target.kind === 'surname' ? namedEarlier(norm.slice(from, to).join(' ')) : undefined;
        if (earlier) {
          push(from, to, 'person', 'surname', earlier.actor);
          remember(earlier);
          break;
        }
        const entry = target.kind === 'surname' && target.namesakes ? pickNamesake([target.person, ...target.namesakes], date) : target.person;
        const person = personFromEntry(entry);
        push(from, to, 'person', target.kind === 'person' ? 'name' : 'surname', person.actor);
        remember(person);
        break;
      }
      case 'role':
      case 'non-actor':
        break;
    }
  };

  /** After a title: "[to|of] [the] COUNTRY/ORG" naming the posting ("Ambassador to North Korea"). */
  const postingAfter = (k: number): { from: number; to: number; phrase: Phrase } | null => {
    if (k >= n || !POSTING.has(norm[k]!)) return null;
    const from = norm[k + 1] === 'the' ? k + 2 : k + 1;
    const m = from < n ? matchAt(from) : null;
    const kind = m?.phrase.target.kind;
    return m && (kind === 'country-name' || kind === 'organization') ? { from, to: m.end, phrase: m.phrase } : null;
  };

  /** A title followed by a name introduces a person; returns the token after the name, or -1. */
  const titledPerson = (i: number, end: number, role: RoleEntry): number => {
    const country = countryBefore(i);
    const posting = postingAfter(end);
    const nameStart = posting ? posting.to : end;
    if (nameStart >= n || !isCapitalised(surface[nameStart]!) || matchAt(nameStart)) {
      // A dictionary phrase right after the title is not a name, except a known person.
      const m = nameStart < n ? matchAt(nameStart) : null;
      if (!m || (m.phrase.target.kind !== 'person' && m.phrase.target.kind !== 'surname')) return -1;
      if (posting) emit(posting.from, posting.to, posting.phrase);
      emit(nameStart, m.end, m.phrase);
      // A surname before anyone is introduced names nobody, so there may be no one to give the rank.
      const named = people[people.length - 1];
      if (named) named.rank = role.rank;
      return m.end;
    }
    const nameEnd = nameRun(nameStart);
    if (nameEnd === nameStart) return -1;
    if (posting) emit(posting.from, posting.to, posting.phrase);
    const entry = knownPerson(nameStart, nameEnd);
    const earlier = nameEnd - nameStart === 1 ? bySurname.get(norm[nameStart]!) : undefined;
    if (entry) {
      const person = { ...personFromEntry(entry), rank: role.rank };
      push(nameStart, nameEnd, 'person', 'name', person.actor);
      remember(person);
    } else if (earlier) {
      push(nameStart, nameEnd, 'person', 'surname', earlier.actor);
    } else {
      const person = unknownPerson(nameStart, nameEnd, role, country);
      push(nameStart, nameEnd, 'person', 'name', person.actor);
      remember(person);
    }
    return nameEnd;
  };

  let i = 0;
  for (let steps = 0; i < n; steps++) {
    if ((steps & 4095) === 0) checkDeadline();
    const match = matchAt(i);
    if (!match) {
      // A later mention by surname of someone the document has named.
      const known = isCapitalised(surface[i]!) ? bySurname.get(norm[i]!) : undefined;
      if (known) push(i, i + 1, 'person', 'surname', known.actor);
      else {
        const short = shortCountry(i);
        if (short) push(i, i + 1, 'country', 'name', short);
      }
      i++;
      continue;
    }
    const { phrase, end } = match;
    if (phrase.target.kind !== 'role') {
      emit(i, end, phrase);
      i = end;
      continue;
    }
    const role = phrase.target.role;
    const after = titledPerson(i, end, role);
    if (after > 0) {
      i = after;
      continue;
    }
    // No name follows: a role noun for someone named before ("the ambassador", "the North Korean leader"),
    // when it is a noun: "Russia's major military parade" names no major.
    const country = countryBefore(i);
    if (((i > 0 && norm[i - 1] === 'the') || country) && doc.pos[end - 1] !== 'ADJ') {
      const actor = resolveRoleNoun(role, country);
      if (actor) push(i, end, 'person', 'role', actor);
      // Whoever holds it, an office of a named country is that country's ("a senior British minister").
      else if (country) {
        const text = doc.text.slice(doc.tokenStart[i]!, doc.tokenEnd[end - 1]!);
        const name = `${country.adjective} ${text}`;
        push(i, end, 'person', 'role', { code: country.code + role.sector, id: null, name, country: country.code, role: role.titles[0]! });
      }
    }
    i = end;
  }
  return mentions.sort((a, b) => a.start - b.start);
}
