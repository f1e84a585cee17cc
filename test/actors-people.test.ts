import { describe, it, expect } from 'vitest';

import people from '../data/actors/people.json' with { type: 'json' };

interface Role {
  title: string;
  code: string;
  start: string;
  end: string | null;
  approx?: boolean;
  acting?: boolean;
}

interface Person {
  id: string;
  type: string;
  country: string;
  names: string[];
  surnames: string[];
  ambiguousSurnames?: string[];
  roles: Role[];
}

const raw = people as unknown[];
const header = raw[0] as { $comment?: unknown };
const entries = raw.slice(1) as Person[];
const byId = new Map(entries.map((p) => [p.id, p]));

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Z]{3}([A-Z]{3})*$/;
const HEAD_TITLES = new Set(['President', 'Prime Minister', 'Premier', 'Chancellor', 'King', 'Queen', 'Emperor', 'Supreme Leader']);
const COUNTRIES = [
  'ARG', 'AUS', 'BRA', 'CAN', 'CHN', 'FRA', 'DEU', 'IND', 'IDN', 'ITA', 'JPN', 'MEX', 'RUS', 'SAU', 'ZAF', 'KOR', 'TUR',
  'GBR', 'USA', 'PRK', 'IRN', 'ISR', 'UKR',
];
const DAY = 86_400_000;

function isValidDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Roles held on an ISO date, as the linker reads them (src/facts/actors/dictionary.ts roleAt): start
 * inclusive, end exclusive (the day the office passed on), end null = still held.
 */
function rolesAt(id: string, date: string): Role[] {
  const person = byId.get(id);
  if (!person) throw new Error(`no person ${id}`);
  return person.roles.filter((r) => r.start <= date && (r.end === null || date < r.end));
}

/** The role the linker picks on a date: the last listed of those held. */
function roleAt(id: string, date: string): Role | undefined {
  return rolesAt(id, date).at(-1);
}

function person(id: string): Person {
  const p = byId.get(id);
  if (!p) throw new Error(`no person ${id}`);
  return p;
}

/** Longest run of days in [from, to] not covered by any interval. */
function longestGap(intervals: Array<[string, string | null]>, from: string, to: string): { days: number; start: string } {
  const t0 = Date.parse(`${from}T00:00:00Z`);
  const t1 = Date.parse(`${to}T00:00:00Z`);
  // end is exclusive: the office passed on that day.
  const ranges = intervals.map(([s, e]) => [Date.parse(`${s}T00:00:00Z`), e === null ? Infinity : Date.parse(`${e}T00:00:00Z`)] as const);
  let best = { days: 0, start: '' };
  let run = 0;
  let runStart = 0;
  for (let t = t0; t <= t1; t += DAY) {
    if (ranges.some(([s, e]) => s <= t && t < e)) {
      run = 0;
    } else {
      if (run === 0) runStart = t;
      run += 1;
      if (run > best.days) best = { days: run, start: new Date(runStart).toISOString().slice(0, 10) };
    }
  }
  return best;
}

describe('people.json schema', () => {
  it('is an array whose first element is the $comment', () => {
    expect(Array.isArray(people)).toBe(true);
    expect(typeof header.$comment).toBe('string');
    expect(Object.keys(header)).toEqual(['$comment']);
    expect(entries.length).toBeGreaterThanOrEqual(300);
  });

  it('has unique slug ids and well-formed entries', () => {
    const ids = entries.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of entries) {
      expect(p.id, p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.type, p.id).toBe('person');
      expect(p.country, p.id).toMatch(/^[A-Z]{3}$/);
      expect(p.names.length, p.id).toBeGreaterThan(0);
      expect(Array.isArray(p.surnames), p.id).toBe(true);
      expect(p.roles.length, p.id).toBeGreaterThan(0);
      for (const n of [...p.names, ...p.surnames, ...(p.ambiguousSurnames ?? [])]) {
        expect(typeof n, p.id).toBe('string');
        expect(n.trim(), p.id).toBe(n);
        expect(n.length, p.id).toBeGreaterThan(0);
      }
      expect(new Set(p.names.map((n) => n.toLowerCase())).size, `${p.id}: duplicate names`).toBe(p.names.length);
      const amb = new Set((p.ambiguousSurnames ?? []).map((s) => s.toLowerCase()));
      for (const s of p.surnames) expect(amb.has(s.toLowerCase()), `${p.id}: ${s} in both surname lists`).toBe(false);
    }
  });

  it('keeps very common family names out of surnames', () => {
    const common = new Set(['kim', 'lee', 'park', 'choi', 'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'singh', 'khan', 'smith', 'ri', 'pak', 'choe', 'no', 'may']);
    for (const p of entries) {
      for (const s of p.surnames) expect(common.has(s.toLowerCase()), `${p.id}: ${s}`).toBe(false);
    }
  });

  it('is sorted by country, then id', () => {
    const keys = entries.map((p) => `${p.country}\u0000${p.id}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('has valid codes, ISO dates and start <= end', () => {
    for (const p of entries) {
      for (const r of p.roles) {
        const where = `${p.id}: ${r.title}`;
        expect(r.title.length, where).toBeGreaterThan(0);
        expect(r.code, where).toMatch(CODE);
        expect(isValidDate(r.start), `${where}: start ${r.start}`).toBe(true);
        if (r.end !== null) {
          expect(isValidDate(r.end), `${where}: end ${r.end}`).toBe(true);
          expect(r.start <= r.end, `${where}: ${r.start} > ${r.end}`).toBe(true);
        }
        if (r.approx !== undefined) expect(r.approx, where).toBe(true);
        if (r.acting !== undefined) expect(r.acting, where).toBe(true);
        const extra = Object.keys(r).filter((k) => !['title', 'code', 'start', 'end', 'approx', 'acting'].includes(k));
        expect(extra, where).toEqual([]);
      }
    }
  });

  it('does not let one person hold the same office twice at once', () => {
    for (const p of entries) {
      const byTitle = new Map<string, Role[]>();
      for (const r of p.roles) byTitle.set(r.title, [...(byTitle.get(r.title) ?? []), r]);
      for (const [title, roles] of byTitle) {
        const sorted = [...roles].sort((a, b) => a.start.localeCompare(b.start));
        for (let i = 1; i < sorted.length; i++) {
          const prev = sorted[i - 1]!;
          const next = sorted[i]!;
          expect(prev.end !== null && prev.end <= next.start, `${p.id}: ${title} ${prev.start}..${prev.end} overlaps ${next.start}`).toBe(true);
        }
      }
    }
  });
});

describe('people.json coverage', () => {
  it.each(COUNTRIES)('%s has a head of state or government every day of 2015-01-01..2025-06-30', (country) => {
    const intervals: Array<[string, string | null]> = [];
    for (const p of entries) {
      for (const r of p.roles) {
        if (r.code === `${country}GOV` && HEAD_TITLES.has(r.title)) intervals.push([r.start, r.end]);
      }
    }
    const gap = longestGap(intervals, '2015-01-01', '2025-06-30');
    expect(gap.days, `${country}: ${gap.days} uncovered days from ${gap.start}`).toBeLessThanOrEqual(31);
  });

  // Foreign and defence ministers: gaps only for interregna and caretaker periods (the longest known
  // is China's defence ministry, vacant 2023-10-24..2023-12-29).
  const FOREIGN = /^(Minister of Foreign Affairs|Minister for Foreign Affairs|Foreign Minister|Foreign Secretary|Secretary of State|Minister of External Affairs|Minister of International Relations and Cooperation|Secretary of Foreign Affairs)$/;
  const DEFENCE = /^(Defence Minister|Minister of Defence|Minister for Defence|Minister of Defense|Minister of National Defence|Minister of National Defense|Secretary of Defense|Defence Secretary|Minister of the Armed Forces|Secretary of National Defense|Minister of the People's Armed Forces|Minister of Defence and Military Veterans)$/;
  it.each(COUNTRIES.flatMap((c) => [[c, 'GOVDIP'], [c, 'GOVMIL']] as const))('%s has a %s minister with gaps of at most 70 days', (country, sector) => {
    const titles = sector === 'GOVDIP' ? FOREIGN : DEFENCE;
    const intervals: Array<[string, string | null]> = [];
    for (const p of entries) {
      for (const r of p.roles) if (r.code === `${country}${sector}` && titles.test(r.title)) intervals.push([r.start, r.end]);
    }
    const gap = longestGap(intervals, '2015-01-01', '2025-06-30');
    expect(gap.days, `${country} ${sector}: ${gap.days} uncovered days from ${gap.start}`).toBeLessThanOrEqual(70);
  });

  it('includes the heads of the EU institutions, UN, NATO and IAEA', () => {
    const holders = (code: string, title: string) =>
      entries.filter((p) => p.roles.some((r) => r.code === code && r.title === title)).map((p) => p.id);
    expect(holders('IGOEUREEC', 'President of the European Commission')).toEqual(expect.arrayContaining(['jean-claude-juncker', 'ursula-von-der-leyen']));
    expect(holders('IGOEUREEC', 'President of the European Council')).toEqual(expect.arrayContaining(['donald-tusk', 'charles-michel', 'antonio-costa']));
    expect(holders('IGOUNO', 'Secretary-General of the United Nations')).toEqual(expect.arrayContaining(['ban-ki-moon', 'antonio-guterres']));
    expect(holders('IGOWSTNAT', 'Secretary General of NATO')).toEqual(expect.arrayContaining(['jens-stoltenberg', 'mark-rutte']));
    expect(holders('IGOUNOIAE', 'Director General of the IAEA')).toEqual(expect.arrayContaining(['yukiya-amano', 'rafael-grossi']));
  });
});

describe('people.json spot checks', () => {
  it('Shoigu is defence minister in July 2023 and no longer after May 2024', () => {
    const jul2023 = rolesAt('sergei-shoigu', '2023-07-27');
    expect(jul2023.map((r) => r.code)).toEqual(['RUSGOVMIL']);
    const jun2024 = rolesAt('sergei-shoigu', '2024-06-01');
    expect(jun2024.length).toBeGreaterThan(0);
    for (const r of jun2024) expect(r.code.endsWith('GOVMIL')).toBe(false);
    expect(jun2024.map((r) => r.code)).toEqual(['RUSGOV']);
    // On the handover day the new office applies.
    expect(roleAt('sergei-shoigu', '2024-05-12')?.code).toBe('RUSGOV');
    expect(person('sergei-shoigu').surnames).toContain('Shoigu');
  });

  it('Matsegora is Russia’s ambassador in Pyongyang in 2023', () => {
    expect(rolesAt('alexander-matsegora', '2023-09-01').map((r) => r.code)).toEqual(['RUSGOVDIP']);
  });

  it('Kim Kyou-hyun heads the NIS in September 2023', () => {
    expect(rolesAt('kim-kyou-hyun', '2023-09-01').map((r) => r.code)).toEqual(['KORGOVSPY']);
    expect(person('kim-kyou-hyun').ambiguousSurnames).toContain('Kim');
  });

  it.each([
    ['yoon-suk-yeol', '2023-08-18', 'President', 'KORGOV'],
    ['fumio-kishida', '2023-08-18', 'Prime Minister', 'JPNGOV'],
    ['joe-biden', '2023-08-18', 'President', 'USAGOV'],
    ['lloyd-austin', '2023-09-01', 'Secretary of Defense', 'USAGOVMIL'],
    ['kim-jong-un', '2023-09-13', 'Supreme Leader', 'PRKGOV'],
    ['choe-son-hui', '2023-09-13', 'Minister of Foreign Affairs', 'PRKGOVDIP'],
    ['sergei-lavrov', '2023-10-19', 'Minister of Foreign Affairs', 'RUSGOVDIP'],
    ['li-hongzhong', '2023-07-27', 'Member of the Politburo of the Chinese Communist Party', 'CHNGOV'],
    ['john-kirby', '2023-09-01', 'National Security Council Coordinator for Strategic Communications', 'USAGOV'],
    ['yoo-sang-bum', '2023-09-01', 'Member of the National Assembly', 'KORLEG'],
    ['lee-jae-myung', '2025-07-01', 'President', 'KORGOV'],
  ])('%s on %s is %s (%s)', (id, date, title, code) => {
    const roles = rolesAt(id, date);
    expect(roles.some((r) => r.title === title && r.code === code), JSON.stringify(roles)).toBe(true);
  });

  it.each([
    ['benjamin-netanyahu', '2017-06-01', 'ISRGOV'],
    ['fumio-kishida', '2021-11-05', 'JPNGOV'],
    ['fumio-kishida', '2017-07-30', 'JPNGOVDIP'],
    ['marco-rubio', '2025-06-01', 'USAGOVDIP'],
    ['yair-lapid', '2022-09-01', 'ISRGOV'],
    ['sebastien-lecornu', '2025-09-20', 'FRAGOV'],
  ])('with concurrent roles, %s on %s links as %s', (id, date, code) => {
    expect(roleAt(id, date)?.code).toBe(code);
  });

  it('the last listed role of a current office holder is the principal one', () => {
    expect(person('benjamin-netanyahu').roles.at(-1)?.title).toBe('Prime Minister');
    expect(person('marco-rubio').roles.at(-1)?.title).toBe('Secretary of State');
    expect(person('kim-jong-un').roles.at(-1)?.code).toBe('PRKGOV');
  });

  it('Antony Blinken has two date-bounded offices', () => {
    expect(rolesAt('antony-blinken', '2016-06-01').map((r) => r.title)).toEqual(['Deputy Secretary of State']);
    expect(rolesAt('antony-blinken', '2019-06-01')).toEqual([]);
    expect(rolesAt('antony-blinken', '2023-06-01').map((r) => r.title)).toEqual(['Secretary of State']);
  });

  // Beyond the G20 window: archive-era leaders and other countries' heads of state and government.
  it.each([
    ['ronald-reagan', '1985-06-01', 'USAGOV'],
    ['jacques-chirac', '1987-06-01', 'FRAGOV'],
    ['jacques-chirac', '2000-01-01', 'FRAGOV'],
    ['boris-yeltsin', '1995-01-01', 'RUSGOV'],
    ['vladimir-putin', '2000-01-01', 'RUSGOV'],
    ['ehud-barak', '2000-01-01', 'ISRGOV'],
    ['ehud-barak', '2010-01-01', 'ISRGOVMIL'],
    ['paul-kagame', '1996-01-01', 'RWAGOV'],
    ['juvenal-habyarimana', '1990-10-01', 'RWAGOV'],
    ['hillary-clinton', '2010-01-01', 'USAGOVDIP'],
    ['ismail-haniyeh', '2020-01-01', 'PSEREBHMS'],
    ['hassan-nasrallah', '2006-07-12', 'LBNREBHEZ'],
    ['abdel-fattah-el-sisi', '2013-07-03', 'EGYGOVMIL'],
    ['pervez-musharraf', '2005-01-01', 'PAKGOV'],
  ])('%s on %s links as %s', (id, date, code) => {
    expect(roleAt(id, date)?.code).toBe(code);
  });

  it('gives a family name shared by known people to each of them, and leaves out the ones that are common words', () => {
    const withSurname = (s: string) => entries.filter((p) => p.surnames.includes(s)).map((p) => p.id).sort();
    expect(withSurname('Bush')).toEqual(['george-h-w-bush', 'george-w-bush']);
    expect(withSurname('Assad')).toEqual(['bashar-al-assad', 'hafez-al-assad']);
    expect(withSurname('Sharif')).toEqual(['nawaz-sharif', 'shehbaz-sharif']);
    expect(person('raheel-sharif').ambiguousSurnames).toContain('Sharif');
    expect(person('menachem-begin').surnames).not.toContain('Begin');
    expect(person('john-major').surnames).not.toContain('Major');
    expect(person('annegret-kramp-karrenbauer').names).not.toContain('AKK');
  });
});
