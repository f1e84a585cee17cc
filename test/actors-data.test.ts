/**
 * The actor dictionary (data/actors/, schema in data/actors/README.md): every file validates, surface forms
 * are unambiguous unless both owners carry `context`, the key countries and organisations carry the forms
 * the recogniser relies on, and countries.json is what scripts/build-countries.ts builds.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Countries } from 'world-countries';
import { REPO } from './helpers.js';
import { buildCountries, formatCountries, loadExtras, COUNTRIES_FILE } from '../scripts/build-countries.js';

const DIR = path.join(REPO, 'data', 'actors');
const worldCountries = createRequire(import.meta.url)('world-countries') as Countries;
type Json = Record<string, unknown>;

/** The entries of an array file, without `{ "$comment": ... }` elements. */
function entries(file: string): Json[] {
  const data = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as unknown;
  expect(Array.isArray(data), `${file} is an array`).toBe(true);
  const all = data as Json[];
  for (const e of all) {
    if ('$comment' in e && !('id' in e) && !('names' in e) && !('titles' in e)) {
      expect(Object.keys(e), `${file}: comment elements hold only $comment`).toEqual(['$comment']);
    }
  }
  return all.filter((e) => !(Object.keys(e).length === 1 && '$comment' in e));
}

const CODE = /^[A-Z]{3}([A-Z]{3})*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const fold = (s: string): string => s.toLocaleLowerCase('en');

function strings(e: Json, key: string, where: string, { optional = false, nonEmpty = false } = {}): string[] {
  const v = e[key];
  if (v === undefined && optional) return [];
  expect(Array.isArray(v), `${where}.${key} is an array`).toBe(true);
  const list = v as unknown[];
  for (const s of list) {
    expect(typeof s === 'string' && s.trim() === s && s.length > 0, `${where}.${key}: ${JSON.stringify(s)}`).toBe(true);
  }
  if (nonEmpty) expect(list.length, `${where}.${key} is not empty`).toBeGreaterThan(0);
  expect(new Set(list).size, `${where}.${key} has no duplicates`).toBe(list.length);
  return list as string[];
}

function uniqueIds(list: Json[], file: string): void {
  const ids = list.map((e) => e['id']);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  expect(dup, `${file}: duplicate ids`).toEqual([]);
}

const countries = entries('countries.json');
const organizations = entries('organizations.json');
const generic = entries('generic-organizations.json');
const roles = entries('roles.json');
const byId = (list: Json[], id: string): Json => {
  const e = list.find((x) => x['id'] === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};
const countryCodes = new Set(countries.map((c) => c['id'] as string));

/** Surface forms of an entry: folded names (case-insensitive) and abbreviations as written. */
function forms(e: Json): string[] {
  const names = ['names', 'demonyms', 'capitals', 'seats'].flatMap((k) => (Array.isArray(e[k]) ? (e[k] as string[]) : []));
  const abbreviations = Array.isArray(e['abbreviations']) ? (e['abbreviations'] as string[]) : [];
  return [...new Set([...names.map((n) => `name:${fold(n)}`), ...abbreviations.map((a) => `abbr:${a}`)])];
}

describe('countries.json', () => {
  it('validates against the schema', () => {
    uniqueIds(countries, 'countries.json');
    for (const c of countries) {
      const where = String(c['id']);
      expect(Object.keys(c).sort(), where).toEqual(
        ['abbreviations', 'adjective', 'capitals', 'centroid', 'code', 'demonyms', 'id', 'iso2', 'names', 'seats', 'type'].sort(),
      );
      expect(c['iso2'], where).toMatch(/^[A-Z]{2}$/);
      const [lat, lon] = c['centroid'] as [number, number];
      expect(Math.abs(lat) <= 90 && Math.abs(lon) <= 180, `${where} centroid`).toBe(true);
      expect(c['id'], where).toMatch(/^[A-Z]{3}$/);
      expect(c['code'], where).toBe(c['id']);
      expect(c['type'], where).toBe('country');
      strings(c, 'names', where, { nonEmpty: true });
      for (const k of ['abbreviations', 'demonyms', 'capitals', 'seats']) strings(c, k, where);
      for (const a of c['abbreviations'] as string[]) expect(a, `${where} abbreviation`).toMatch(/[A-Z]/);
    }
  });

  it('covers every UN member and observer, Taiwan, Kosovo, Hong Kong and Macau', () => {
    const members = worldCountries.filter((c) => c.unMember && c.cca3 !== 'VAT').map((c) => c.cca3);
    expect(members.length).toBe(193);
    for (const code of [...members, 'VAT', 'PSE', 'TWN', 'XKX', 'HKG', 'MAC']) expect(countryCodes.has(code), code).toBe(true);
    expect(countries.length).toBe(199);
  });

  it("displays each country by its own adjective: one of its demonyms (its name when it has none), never a plural or a region's", () => {
    // Plurals: "Russians" beside "Russian", and the irregular ones the build knows ("Danes", "Batswana").
    const irregular = Object.values(loadExtras().plurals).filter((p): p is string => typeof p === 'string');
    const plurals = new Set([...irregular, ...countries.flatMap((c) => (c['demonyms'] as string[]).filter((d) => (c['demonyms'] as string[]).includes(d.replace(/s$/, '')) && d.endsWith('s')))]);
    for (const c of countries) {
      const adjective = c['adjective'] as string;
      const demonyms = c['demonyms'] as string[];
      expect(demonyms.length ? demonyms : (c['names'] as string[]).slice(0, 1), String(c['id'])).toContain(adjective);
      expect(plurals.has(adjective), `${String(c['id'])}: ${adjective}`).toBe(false);
    }
    const adjectiveOf = (id: string) => byId(countries, id)['adjective'];
    expect(['RUS', 'DNK', 'ESP', 'SWE', 'POL', 'GBR', 'USA', 'PRK'].map(adjectiveOf)).toEqual(['Russian', 'Danish', 'Spanish', 'Swedish', 'Polish', 'British', 'American', 'North Korean']);
  });

  it('is what scripts/build-countries.ts builds', () => {
    expect(readFileSync(COUNTRIES_FILE, 'utf8')).toBe(formatCountries(buildCountries()));
  });

  it('carries the forms the recogniser relies on', () => {
    const has = (id: string, key: string, value: string): void => {
      expect(byId(countries, id)[key] as string[], `${id}.${key}`).toContain(value);
    };
    has('PRK', 'abbreviations', 'DPRK');
    has('PRK', 'names', 'North Korea');
    has('PRK', 'names', "Democratic People's Republic of Korea");
    has('PRK', 'demonyms', 'North Korean');
    has('PRK', 'demonyms', 'North Koreans');
    has('PRK', 'capitals', 'Pyongyang');
    has('KOR', 'abbreviations', 'ROK');
    has('KOR', 'names', 'South Korea');
    has('KOR', 'names', 'Korea');
    has('KOR', 'capitals', 'Seoul');
    has('KOR', 'demonyms', 'South Korean');
    has('RUS', 'seats', 'the Kremlin');
    has('RUS', 'seats', 'Kremlin');
    has('RUS', 'capitals', 'Moscow');
    has('RUS', 'names', 'Russia');
    has('USA', 'names', 'U.S.');
    has('USA', 'names', 'the United States');
    has('USA', 'names', 'America');
    has('USA', 'abbreviations', 'US');
    has('USA', 'capitals', 'Washington');
    has('USA', 'seats', 'the White House');
    has('USA', 'demonyms', 'Americans');
    has('CHN', 'abbreviations', 'PRC');
    has('CHN', 'capitals', 'Beijing');
    has('CHN', 'demonyms', 'Chinese');
    has('GBR', 'names', 'Britain');
    has('GBR', 'abbreviations', 'UK');
    has('GBR', 'demonyms', 'British');
    has('GBR', 'seats', 'Downing Street');
    has('FRA', 'seats', 'Élysée');
    has('CIV', 'names', 'Ivory Coast');
    has('CIV', 'names', "Côte d'Ivoire");
    has('CZE', 'names', 'Czech Republic');
    has('TUR', 'names', 'Turkey');
    has('TUR', 'names', 'Türkiye');
    has('MMR', 'names', 'Burma');
    has('TWN', 'abbreviations', 'ROC');
    has('XKX', 'names', 'Kosovo');
    has('PSE', 'names', 'State of Palestine');
    has('VAT', 'names', 'Holy See');
    // Territories and regions CAMEO codes by their country, and historical names of archive news.
    has('PSE', 'names', 'West Bank');
    has('PSE', 'names', 'Gaza Strip');
    has('PSE', 'names', 'Gaza');
    has('SDN', 'names', 'Darfur');
    has('RUS', 'names', 'Chechnya');
    has('RUS', 'demonyms', 'Chechen');
    has('KHM', 'demonyms', 'Kampuchean');
    has('COD', 'names', 'Zaire');
    has('HKG', 'names', 'Hong Kong');
    // Countries whose names are also other things keep them (the matcher disambiguates, not the data).
    for (const [id, name] of [['GEO', 'Georgia'], ['JOR', 'Jordan'], ['TCD', 'Chad'], ['NER', 'Niger'], ['GIN', 'Guinea']]) {
      has(id as string, 'names', name as string);
    }
  });

  it('gives "Korea" to South Korea only and "Guinea" to Guinea only; no junk forms', () => {
    const owners = (form: string): string[] =>
      countries.filter((c) => forms(c).includes(`name:${fold(form)}`)).map((c) => c['id'] as string);
    expect(owners('Korea')).toEqual(['KOR']);
    expect(owners('Guinea')).toEqual(['GIN']);
    expect(owners('Congo')).toEqual(['COD']);
    for (const c of countries) {
      const where = String(c['id']);
      for (const n of [...(c['names'] as string[]), ...(c['demonyms'] as string[])]) {
        expect(n, `${where}: no ISO codes or inverted names`).not.toMatch(/^[A-Z]{2}$|,\s|\(/);
        expect(n, `${where}: Latin script only`).toMatch(/^[\p{Script=Latin}\p{M}0-9 '’.\-&]+$/u);
      }
      for (const a of c['abbreviations'] as string[]) {
        expect(['IT', 'IN', 'ME', 'NO', 'OR', 'AM', 'TO', 'SO', 'ON', 'AT', 'BE', 'IS', 'CAR', 'PNG', 'SA', 'GB']).not.toContain(a);
      }
    }
  });
});

describe('organizations.json', () => {
  const TYPES = ['igo', 'agency', 'legislature', 'military', 'media', 'party', 'court', 'company', 'ngo'];
  it('validates against the schema', () => {
    uniqueIds(organizations, 'organizations.json');
    expect(organizations.length).toBeGreaterThanOrEqual(150);
    for (const o of organizations) {
      const where = String(o['id']);
      expect(where).toMatch(/^(IGO|NGO|IMG|[A-Z]{3})-[A-Z0-9]+(-[A-Z0-9]+)*$/);
      expect(TYPES, where).toContain(o['type']);
      expect(o['code'], where).toMatch(CODE);
      strings(o, 'names', where, { nonEmpty: true });
      strings(o, 'abbreviations', where);
      strings(o, 'context', where, { optional: true });
      if (o['context'] !== undefined) expect((o['context'] as string[]).length, where).toBeGreaterThan(0);
      if (o['note'] !== undefined) expect(typeof o['note'], where).toBe('string');
      const country = o['country'];
      if (country === null) {
        // International organisations, NGOs and CAMEO's international militarised groups (IMG: al-Qaeda).
        expect(where, `${where}: IGO/NGO/IMG ids have no country`).toMatch(/^(IGO|NGO|IMG)-/);
        expect(o['code'] as string, where).toMatch(/^(IGO|NGO|NGM|IMG)/);
      } else {
        expect(countryCodes.has(country as string), `${where}: country ${String(country)}`).toBe(true);
        expect(where.startsWith(`${String(country)}-`), where).toBe(true);
        expect((o['code'] as string).startsWith(country as string), `${where}: code starts with the country`).toBe(true);
      }
      const extra = Object.keys(o).filter(
        (k) => !['id', 'type', 'code', 'country', 'names', 'abbreviations', 'context', 'note'].includes(k),
      );
      expect(extra, where).toEqual([]);
    }
  });

  it('codes the key bodies by the documented conventions', () => {
    const code = (id: string): unknown => byId(organizations, id)['code'];
    expect(code('KOR-NIS')).toBe('KORGOVSPY');
    expect(byId(organizations, 'KOR-NIS')['abbreviations']).toContain('NIS');
    expect(code('IGO-UN')).toBe('IGOUNO');
    expect(code('IGO-UNSC')).toBe('IGOUNO');
    expect(code('IGO-NATO')).toBe('IGOWSTNAT');
    expect(code('IGO-EU')).toBe('IGOEUREEC');
    expect(code('IGO-IAEA')).toBe('IGOUNOIAE');
    const tass = byId(organizations, 'RUS-TASS');
    expect(tass['type']).toBe('media');
    expect(tass['country']).toBe('RUS');
    expect(tass['code']).toBe('RUSGOVMED');
    expect(code('PRK-KCNA')).toBe('PRKGOVMED');
    expect(code('GBR-REUTERS')).toBe('GBRMED');
    expect(code('USA-AP')).toBe('USAMED');
    expect(code('USA-PENTAGON')).toBe('USAGOVMIL');
    expect(code('USA-STATE-DEPARTMENT')).toBe('USAGOVDIP');
    expect(code('KOR-UNIFICATION-MINISTRY')).toBe('KORGOV');
    expect(code('PRK-KPA')).toBe('PRKMIL');
    expect(byId(organizations, 'KOR-NATIONAL-ASSEMBLY')['context']).toContain('South Korea');
    // Armed movements, parties and news agencies.
    expect(code('IMG-AL-QAEDA')).toBe('IMGMUS');
    expect(code('AGO-UNITA')).toBe('AGOREB');
    expect(code('TUR-PKK')).toBe('TURREB');
    expect(code('AFG-TALIBAN')).toBe('AFGREB');
    expect(code('PSE-PLO')).toBe('PSEGOV');
    expect(code('ITA-ANSA')).toBe('ITAMED');
    expect(code('SDN-OMDURMAN-RADIO')).toBe('SDNGOVMED');
    expect(byId(organizations, 'GBR-IRA')['context']).toContain('Northern Ireland');
  });
});

describe('surface forms', () => {
  it('are unambiguous across countries and organisations unless both owners carry context', () => {
    const owners = new Map<string, Json[]>();
    for (const e of [...countries, ...organizations]) {
      for (const f of forms(e)) owners.set(f, [...(owners.get(f) ?? []), e]);
    }
    const clashes = [...owners]
      .filter(([, list]) => list.length > 1 && !list.every((e) => Array.isArray(e['context'])))
      .map(([f, list]) => `${f}: ${list.map((e) => String(e['id'])).join(', ')}`);
    expect(clashes).toEqual([]);
  });
});

describe('generic-organizations.json', () => {
  it('validates against the schema and shares no name without context', () => {
    expect(generic.length).toBeGreaterThanOrEqual(15);
    const countryForms = new Set(countries.flatMap(forms));
    const orgForms = new Map(organizations.flatMap((o) => forms(o).map((f) => [f, o] as const)));
    const seen = new Set<string>();
    for (const g of generic) {
      const names = strings(g, 'names', JSON.stringify(g['names']), { nonEmpty: true });
      const where = names[0] ?? '';
      expect(['agency', 'legislature', 'military', 'media', 'party', 'court', 'group'], where).toContain(g['type']);
      expect(g['sector'], where).toMatch(CODE);
      expect(countryCodes.has(g['sector'] as string), `${where}: sector is not a country`).toBe(false);
      for (const n of names) {
        const f = `name:${fold(n)}`;
        expect(seen.has(f), `${n} listed twice`).toBe(false);
        seen.add(f);
        expect(countryForms.has(f), `${n} is a country form`).toBe(false);
        const org = orgForms.get(f);
        if (org) expect(Array.isArray(org['context']), `${n} equals ${String(org['id'])}, which has no context`).toBe(true);
      }
    }
    const sectorOf = (name: string): unknown =>
      generic.find((g) => (g['names'] as string[]).some((n) => fold(n) === fold(name)))?.['sector'];
    expect(sectorOf('Defense Ministry')).toBe('GOVMIL');
    expect(sectorOf('Ministry of National Defense')).toBe('GOVMIL');
    expect(sectorOf('Foreign Ministry')).toBe('GOVDIP');
    expect(sectorOf('armed forces')).toBe('MIL');
    expect(sectorOf('state media')).toBe('GOVMED');
    expect(sectorOf('intelligence agency')).toBe('GOVSPY');
  });
});

describe('roles.json', () => {
  it('validates against the schema; each title once', () => {
    expect(roles.length).toBeGreaterThanOrEqual(80);
    const seen = new Set<string>();
    for (const r of roles) {
      const titles = strings(r, 'titles', JSON.stringify(r['titles']), { nonEmpty: true });
      const where = titles[0] ?? '';
      for (const t of titles) {
        expect(t, where).toBe(fold(t));
        expect(seen.has(t), `${t} listed twice`).toBe(false);
        seen.add(t);
      }
      expect(r['sector'], where).toMatch(CODE);
      expect(r['rank'], where).toMatch(/^[a-z]+(-[a-z]+)*$/);
      if (r['requiresCountry'] !== undefined) expect(typeof r['requiresCountry'], where).toBe('boolean');
      const extra = Object.keys(r).filter((k) => !['titles', 'sector', 'rank', 'requiresCountry', 'note'].includes(k));
      expect(extra, where).toEqual([]);
    }
    const role = (title: string): Json | undefined => roles.find((r) => (r['titles'] as string[]).includes(title));
    expect(role('defense minister')?.['sector']).toBe('GOVMIL');
    expect(role('secretary of state')?.['sector']).toBe('GOVDIP');
    expect(role('lawmaker')?.['sector']).toBe('LEG');
    expect(role('gen.')?.['sector']).toBe('MIL');
    expect(role('spy chief')?.['sector']).toBe('GOVSPY');
    expect(role('journalist')?.['sector']).toBe('MED');
    expect(role('prosecutor')?.['sector']).toBe('JUD');
    expect(role('president')?.['rank']).toBe('head-of-state');
  });
});

describe('people.json (when present)', () => {
  const file = path.join(DIR, 'people.json');
  it.skipIf(!existsSync(file))('has ISO dates and valid codes', () => {
    const people = entries('people.json');
    uniqueIds(people, 'people.json');
    for (const p of people) {
      const where = String(p['id']);
      expect(p['type'], where).toBe('person');
      strings(p, 'names', where, { nonEmpty: true });
      for (const role of p['roles'] as Json[]) {
        expect(role['code'], where).toMatch(CODE);
        expect(role['start'], where).toMatch(ISO_DATE);
        if (role['end'] !== null) expect(role['end'], where).toMatch(ISO_DATE);
      }
    }
  });
});
