/**
 * The actor dictionary: the data files of data/actors/ (see its README) compiled into one phrase index
 * keyed by normalised tokens, so that recognition is a single left-to-right scan of a document.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenizeWords } from '../../document/doc.js';

export interface CountryEntry {
  id: string;
  code: string;
  type: 'country';
  iso2?: string;
  /** [latitude, longitude]. */
  centroid?: [number, number];
  names: string[];
  abbreviations?: string[];
  demonyms?: string[];
  /** The country's own adjective, the one that qualifies a title it names ("Russian envoy"). */
  adjective: string;
  capitals?: string[];
  seats?: string[];
}

export interface OrganizationEntry {
  id: string;
  type: string;
  code: string;
  country: string | null;
  names: string[];
  abbreviations?: string[];
  /** Words that must occur in the article for an ambiguous name to be linked. */
  context?: string[];
}

export interface GenericOrganizationEntry {
  names: string[];
  type: string;
  /** Sector codes appended to the country the text gives ("GOVMIL"). */
  sector: string;
}

export interface RoleEntry {
  titles: string[];
  sector: string;
  rank: string;
}

export interface PersonRole {
  title: string;
  code: string;
  start: string | null;
  end: string | null;
}

export interface PersonEntry {
  id: string;
  type: 'person';
  country: string;
  names: string[];
  surnames?: string[];
  ambiguousSurnames?: string[];
  roles: PersonRole[];
}

export interface ActorData {
  /** Phrases that contain an actor's name without naming the actor. */
  nonActors?: Array<{ names: string[] }>;
  countries: CountryEntry[];
  organizations: OrganizationEntry[];
  genericOrganizations: GenericOrganizationEntry[];
  roles: RoleEntry[];
  people: PersonEntry[];
}

/** What a phrase in the index stands for. */
export type PhraseTarget =
  | { kind: 'country-name'; country: CountryEntry }
  | { kind: 'demonym'; country: CountryEntry }
  | { kind: 'capital'; country: CountryEntry }
  | { kind: 'seat'; country: CountryEntry }
  | { kind: 'organization'; organization: OrganizationEntry }
  | { kind: 'generic-organization'; generic: GenericOrganizationEntry }
  | { kind: 'role'; role: RoleEntry }
  | { kind: 'person'; person: PersonEntry }
  /**
   * A known person's distinctive family name used alone ("Shoigu"); common ones are not indexed. Other
   * known people listed with the same surname ("Bush", "Assad") are its `namesakes`: the article's date
   * decides between them (see pickNamesake).
   */
  | { kind: 'surname'; person: PersonEntry; namesakes?: PersonEntry[] }
  /** A phrase that is not an actor but contains one's name ("South China Sea"): matched to be skipped. */
  | { kind: 'non-actor' };

export interface Phrase {
  /** Normalised tokens (see normaliseToken). */
  tokens: string[];
  /** Case-sensitive forms (abbreviations) must match their surface exactly, periods aside. */
  exactSurface: string | null;
  /** The name is written with a lower-case first word ("al-Qaeda", "bin Laden"), so the text may be too. */
  lowerInitial?: boolean;
  target: PhraseTarget;
}

/** The phrases that share a first token, as a text's next token narrows them down. */
export interface PhraseGroup {
  /** Those of one token. */
  single: Phrase[];
  /** By second token: those of one token and those with that second token, longest first. */
  bySecond: Map<string, Phrase[]>;
}

export interface ActorDictionary {
  /** Phrases by their first normalised token, longest first. */
  byFirstToken: Map<string, Phrase[]>;
  /**
   * The same phrases by first token and then by second, for the scan of a document: a common first word
   * ("north", "national") heads dozens of phrases, and all but a few are ruled out by the next word.
   */
  byFirstTwoTokens: Map<string, PhraseGroup>;
  countriesByCode: Map<string, CountryEntry>;
  /** ISO alpha-2 → alpha-3, for gazetteers keyed by alpha-2. */
  alpha3ByAlpha2: Map<string, string>;
  /** Known people by full name as normalised tokens joined by spaces (the first listed wins). */
  peopleByName: Map<string, PersonEntry>;
  people: PersonEntry[];
  /** Known people by country code, in the order of `people` (an office named without a person is looked up there). */
  peopleByCountry: Map<string, PersonEntry[]>;
  roles: RoleEntry[];
}

/** Lower case, periods dropped, typographic apostrophes straightened: "U.S." and "US" meet as "us". */
export function normaliseToken(token: string): string {
  const lower = token.toLowerCase();
  return needsFolding(lower) ? lower.replace(/\./g, '').replace(/[’‘`]/g, "'") : lower;
}

/** Whether a token has a period or a quote mark to replace: asked of every token of every document, and most have neither. */
function needsFolding(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e || c === 0x60 || c === 0x2018 || c === 0x2019) return true; // . ` ‘ ’
  }
  return false;
}

const LEADING_ARTICLE = /^the\s+/i;

export function compileDictionary(data: ActorData): ActorDictionary {
  const byFirstToken = new Map<string, Phrase[]>();
  const seen = new Map<string, Phrase>();
  const add = (form: string, target: PhraseTarget, exact = false) => {
    // "the Kremlin" is matched as "Kremlin": the article is not part of the name.
    const bare = form.replace(LEADING_ARTICLE, '');
    const words = tokenizeWords(bare).map(normaliseToken).filter(Boolean);
    if (words.length === 0) return;
    const lowerInitial = /^\p{Ll}/u.test(bare);
    const key = `${words.join(' ')}\u0000${exact ? form : ''}\u0000${target.kind}`;
    const earlier = seen.get(key);
    if (earlier) {
      if (lowerInitial && !exact) earlier.lowerInitial = true; // "Al-Qaeda" and "al-Qaeda"
      return;
    }
    const phrase: Phrase = { tokens: words, exactSurface: exact ? form.replace(/\./g, '') : null, target };
    if (lowerInitial && !exact) phrase.lowerInitial = true;
    seen.set(key, phrase);
    const list = byFirstToken.get(words[0]!) ?? [];
    list.push(phrase);
    byFirstToken.set(words[0]!, list);
  };
  for (const country of data.countries) {
    for (const n of country.names) add(n, { kind: 'country-name', country });
    for (const a of country.abbreviations ?? []) add(a, { kind: 'country-name', country }, true);
    for (const d of country.demonyms ?? []) add(d, { kind: 'demonym', country });
    for (const c of country.capitals ?? []) add(c, { kind: 'capital', country });
    for (const s of country.seats ?? []) add(s, { kind: 'seat', country });
  }
  for (const organization of data.organizations) {
    for (const n of organization.names) add(n, { kind: 'organization', organization });
    for (const a of organization.abbreviations ?? []) add(a, { kind: 'organization', organization }, true);
  }
  for (const generic of data.genericOrganizations) {
    for (const n of generic.names) add(n, { kind: 'generic-organization', generic });
  }
  for (const role of data.roles) for (const t of role.titles) add(t, { kind: 'role', role });
  const bySurname = new Map<string, PersonEntry[]>();
  for (const person of data.people) {
    for (const n of person.surnames ?? []) {
      const key = tokenizeWords(n).map(normaliseToken).join(' ');
      const list = bySurname.get(key) ?? [];
      if (!list.includes(person)) list.push(person);
      bySurname.set(key, list);
    }
  }
  for (const person of data.people) {
    for (const n of person.names) add(n, { kind: 'person', person });
    for (const n of person.surnames ?? []) {
      const [first, ...namesakes] = bySurname.get(tokenizeWords(n).map(normaliseToken).join(' '))!;
      add(n, namesakes.length ? { kind: 'surname', person: first!, namesakes } : { kind: 'surname', person: first! });
    }
  }
  for (const blocked of data.nonActors ?? []) for (const n of blocked.names) add(n, { kind: 'non-actor' });
  for (const list of byFirstToken.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  const byFirstTwoTokens = new Map<string, PhraseGroup>();
  for (const [first, list] of byFirstToken) {
    const bySecond = new Map<string, Phrase[]>();
    for (const second of new Set(list.filter((p) => p.tokens.length > 1).map((p) => p.tokens[1]!))) {
      bySecond.set(second, list.filter((p) => p.tokens.length === 1 || p.tokens[1] === second));
    }
    byFirstTwoTokens.set(first, { single: list.filter((p) => p.tokens.length === 1), bySecond });
  }
  const peopleByName = new Map<string, PersonEntry>();
  for (const person of data.people) {
    for (const name of person.names) {
      const key = normaliseToken(name).split(/\s+/).join(' ');
      if (!peopleByName.has(key)) peopleByName.set(key, person);
    }
  }
  const peopleByCountry = new Map<string, PersonEntry[]>();
  for (const person of data.people) peopleByCountry.set(person.country, [...(peopleByCountry.get(person.country) ?? []), person]);
  return {
    byFirstToken,
    byFirstTwoTokens,
    countriesByCode: new Map(data.countries.map((c) => [c.code, c])),
    alpha3ByAlpha2: new Map(data.countries.filter((c) => c.iso2).map((c) => [c.iso2!, c.code])),
    peopleByName,
    people: data.people,
    peopleByCountry,
    roles: data.roles,
  };
}

const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'actors');

function readEntries<T>(dir: string, file: string): T[] {
  const full = path.join(dir, file);
  if (!existsSync(full)) return [];
  const parsed = JSON.parse(readFileSync(full, 'utf8')) as unknown[];
  // A leading { "$comment": … } documents the file; it is not an entry.
  return parsed.filter((e) => !(e && typeof e === 'object' && '$comment' in e && Object.keys(e).length === 1)) as T[];
}

export function loadActorData(dir = DATA_DIR): ActorData {
  return {
    countries: readEntries<CountryEntry>(dir, 'countries.json'),
    organizations: readEntries<OrganizationEntry>(dir, 'organizations.json'),
    genericOrganizations: readEntries<GenericOrganizationEntry>(dir, 'generic-organizations.json'),
    roles: readEntries<RoleEntry>(dir, 'roles.json'),
    people: readEntries<PersonEntry>(dir, 'people.json'),
    nonActors: readEntries<{ names: string[] }>(dir, 'non-actors.json'),
  };
}

let cached: ActorDictionary | null = null;

/** The bundled dictionary, compiled once per process. */
export function defaultDictionary(): ActorDictionary {
  cached ??= compileDictionary(loadActorData());
  return cached;
}

/**
 * Of several known people with one surname, the one the article's date points to: one holding office on
 * that day, else the one whose latest office began last before it, else the first listed.
 */
export function pickNamesake(people: PersonEntry[], date: string | null): PersonEntry {
  if (!date || people.length === 1) return people[0]!;
  const day = date.slice(0, 10);
  const holding = people.find((p) => p.roles.some((r) => (!r.start || r.start <= day) && (!r.end || day < r.end)));
  if (holding) return holding;
  let best: PersonEntry | null = null;
  let bestStart = '';
  for (const p of people) {
    for (const r of p.roles) {
      if (r.start && r.start <= day && r.start > bestStart) {
        best = p;
        bestStart = r.start;
      }
    }
  }
  return best ?? people[0]!;
}

/** The code a person holds on `date` (ISO), else the code of the role nearest before it, else the latest. */
export function roleAt(person: PersonEntry, date: string | null): PersonRole | null {
  if (person.roles.length === 0) return null;
  if (!date) return person.roles[person.roles.length - 1]!;
  const day = date.slice(0, 10);
  const holding = person.roles.filter((r) => (!r.start || r.start <= day) && (!r.end || day < r.end));
  if (holding.length) return holding[holding.length - 1]!;
  const before = person.roles.filter((r) => r.start && r.start <= day);
  return before[before.length - 1] ?? person.roles[0]!;
}
