import { describe, it, expect } from 'vitest';
import { createDoc } from '../src/document/doc.js';
import { compileDictionary, roleAt, type ActorData } from '../src/facts/actors/dictionary.js';
import { recognizeActors, type Mention } from '../src/facts/actors/recognize.js';

/** A small dictionary in the shape of data/actors/, so these tests pin the recogniser's rules, not the data. */
const data: ActorData = {
  nonActors: [{ names: ['South China Sea', 'Korean Peninsula', 'Latin America'] }],
  countries: [
    { id: 'RUS', code: 'RUS', type: 'country', names: ['Russia', 'Russian Federation'], abbreviations: [], demonyms: ['Chechen', 'Chechens', 'Russian', 'Russians'], adjective: 'Russian', capitals: ['Moscow'], seats: ['the Kremlin'] },
    { id: 'PRK', code: 'PRK', type: 'country', names: ['North Korea'], abbreviations: ['DPRK'], demonyms: ['North Korean'], adjective: 'North Korean', capitals: ['Pyongyang'], seats: [] },
    { id: 'KOR', code: 'KOR', type: 'country', names: ['South Korea', 'Korea'], abbreviations: ['ROK'], demonyms: ['South Korean'], adjective: 'South Korean', capitals: ['Seoul'], seats: [] },
    { id: 'USA', code: 'USA', type: 'country', names: ['United States'], abbreviations: ['US', 'U.S.'], demonyms: ['American'], adjective: 'American', capitals: ['Washington'], seats: ['the White House'] },
    { id: 'CHN', code: 'CHN', type: 'country', names: ['China'], abbreviations: ['PRC'], demonyms: ['Chinese'], adjective: 'Chinese', capitals: ['Beijing'], seats: [] },
    { id: 'USA-AM', code: 'USA', type: 'country', names: ['America'], abbreviations: [], demonyms: [], adjective: 'American', capitals: [], seats: [] },
  ],
  organizations: [
    { id: 'KOR-NIS', type: 'agency', code: 'KORGOVSPY', country: 'KOR', names: ['National Intelligence Service'], abbreviations: ['NIS'] },
    { id: 'RUS-TASS', type: 'media', code: 'RUSMED', country: 'RUS', names: ['TASS'], abbreviations: [] },
    { id: 'KOR-NA', type: 'legislature', code: 'KORLEG', country: 'KOR', names: ['National Assembly'], context: ['South Korea', 'Seoul', 'South Korean'] },
  ],
  genericOrganizations: [{ names: ['Defense Ministry', 'Ministry of Defense'], type: 'agency', sector: 'GOVMIL' }],
  roles: [
    { titles: ['ambassador', 'envoy'], sector: 'GOVDIP', rank: 'ambassador' },
    { titles: ['lawmaker', 'legislator'], sector: 'LEG', rank: 'lawmaker' },
    { titles: ['director'], sector: 'GOV', rank: 'director' },
    { titles: ['leader'], sector: 'GOV', rank: 'leader' },
    { titles: ['defense minister', 'defence minister'], sector: 'GOVMIL', rank: 'defense-minister' },
  ],
  people: [
    {
      id: 'sergei-shoigu', type: 'person', country: 'RUS', names: ['Sergei Shoigu', 'Sergey Shoygu'], surnames: ['Shoigu', 'Shoygu'],
      roles: [
        { title: 'Defence Minister', code: 'RUSGOVMIL', start: '2012-11-06', end: '2024-05-12' },
        { title: 'Secretary of the Security Council', code: 'RUSGOV', start: '2024-05-12', end: null },
      ],
    },
    { id: 'kim-jong-un', type: 'person', country: 'PRK', names: ['Kim Jong Un', 'Kim Jong-un'], surnames: [], ambiguousSurnames: ['Kim'], roles: [{ title: 'Supreme Leader', code: 'PRKGOV', start: '2011-12-17', end: null }] },
  ],
};
const dictionary = compileDictionary(data);
const mentionsOf = (text: string, published = '2023-09-05') => recognizeActors(createDoc(text, { articleId: 't', published }), dictionary);
const brief = (m: Mention) => `${m.text}=${m.actor?.code ?? '∅'}`;

describe('countries and their stand-ins', () => {
  it('links names, abbreviations (case-sensitively), demonyms, capitals and seats', () => {
    const ms = mentionsOf('The DPRK and the U.S. met in Pyongyang while Moscow said the Kremlin and Russian officials disagreed with us and the US.');
    expect(ms.map(brief)).toEqual(['DPRK=PRK', 'U.S.=USA', 'Pyongyang=PRK', 'Moscow=RUSGOV', 'Kremlin=RUSGOV', 'Russian=RUS', 'US=USA']);
    expect(ms.find((m) => m.text === 'Pyongyang')).toMatchObject({ type: 'location', form: 'capital' });
    expect(ms.find((m) => m.text === 'Moscow')).toMatchObject({ type: 'country', form: 'capital' });
    // Adjectives between the preposition and the capital keep it a place.
    expect(mentionsOf('Shells fell in central Pyongyang.').map(brief)).toEqual(['Pyongyang=PRK']);
    // A role word used as an adjective is no person ("major" the rank).
    expect(mentionsOf("Kim attended Russia's major military parade.").map(brief)).toEqual(['Russia=RUS']);
  });

  it('does not read a country inside a region, sea or event that merely contains its name', () => {
    expect(mentionsOf('Ships sailed the South China Sea near the Korean Peninsula and on to Latin America and America.').map(brief)).toEqual(['America=USA']);
  });

  it('reads "the North" and "the South" as the last country so named, and nothing else', () => {
    expect(mentionsOf("North Korea fired a missile; the North's launch worried the South, said South Korea. The North Atlantic was calm.").map(brief)).toEqual([
      'North Korea=PRK', 'North=PRK', 'South Korea=KOR',
    ]);
    expect(mentionsOf('The North was quiet.').map(brief)).toEqual([]);
  });

  it('prefers the longest name and does not match lower-case words', () => {
    expect(mentionsOf('North Korea and South Korea talked; china plates broke.').map(brief)).toEqual(['North Korea=PRK', 'South Korea=KOR']);
  });
});

describe('organisations', () => {
  it('links fixed organisations and gives generic ones the country before them', () => {
    const ms = mentionsOf("South Korea's National Intelligence Service told the National Assembly, TASS reported, and Russia's Defense Ministry and the Russian Defense Ministry agreed with a Defense Ministry.");
    expect(ms.map(brief)).toEqual([
      'South Korea=KOR', 'National Intelligence Service=KORGOVSPY', 'National Assembly=KORLEG', 'TASS=RUSMED',
      'Russia=RUS', 'Defense Ministry=RUSGOVMIL', 'Russian=RUS', 'Defense Ministry=RUSGOVMIL', 'Defense Ministry=∅',
    ]);
  });

  it("names a country's unnamed office or body by the country's own adjective, not by its first demonym", () => {
    const named = (text: string) => mentionsOf(text).filter((m) => m.actor && !m.actor.id && m.type !== 'country').map((m) => m.actor!.name);
    expect(named("Moscow's envoy met the Kremlin's Defense Ministry.")).toEqual(['Russian envoy', 'Russian Defense Ministry']);
    expect(named("Russia's ambassador and the Russian Defense Ministry spoke.")).toEqual(['Russian ambassador', 'Russian Defense Ministry']);
    expect(named("Beijing's envoy and Pyongyang's Defense Ministry spoke.")).toEqual(['Chinese envoy', 'North Korean Defense Ministry']);
  });

  it('leaves generic names and capitals inside longer proper names alone', () => {
    expect(mentionsOf('Jets flew from Andersen Defense Ministry Base while the Seoul Institute and the Space Defense Ministry met. Moscow agreed.').map(brief)).toEqual([
      'Moscow=RUSGOV',
    ]);
  });

  it('matches a name the data writes with a lower-case first word in the same case, and no other lower-case name', () => {
    const withAlQaeda = compileDictionary({
      ...data,
      organizations: [...data.organizations, { id: 'IMG-AL-QAEDA', type: 'military', code: 'IMGMUS', country: null, names: ['al-Qaeda'] }],
    });
    const ms = recognizeActors(createDoc('Militants of al-Qaeda fought; china plates broke.', { articleId: 't', published: '2023-09-05' }), withAlQaeda);
    expect(ms.map(brief)).toEqual(['al-Qaeda=IMGMUS']);
  });

  it('links a name that is ambiguous across countries only with its context in the article', () => {
    expect(mentionsOf('The National Assembly met on Friday.').map(brief)).toEqual(['National Assembly=∅']);
  });

  it("reads a context-bound name without its context as the generic body of the country before it", () => {
    const withGeneric = compileDictionary({
      ...data,
      genericOrganizations: [...data.genericOrganizations, { names: ['national assembly'], type: 'legislature', sector: 'LEG' }],
    });
    const of = (text: string) => recognizeActors(createDoc(text, { articleId: 't', published: '2023-09-05' }), withGeneric).map(brief);
    expect(of("Russia's National Assembly met on Friday.")).toEqual(['Russia=RUS', 'National Assembly=RUSLEG']);
    expect(of('Seoul said the National Assembly met.')).toEqual(['Seoul=KORGOV', 'National Assembly=KORLEG']);
  });
});

describe('people', () => {
  it('introduces unknown people by title, with the country and posting around the title', () => {
    const ms = mentionsOf('Russian Ambassador to North Korea Alexander Matsegora said South Korean lawmaker Yoo Sang-bum and NIS Director Kim Kyou-hyun were wrong.');
    expect(ms.map(brief)).toEqual(['Russian=RUS', 'North Korea=PRK', 'Alexander Matsegora=RUSGOVDIP', 'South Korean=KOR', 'Yoo Sang-bum=KORLEG', 'NIS=KORGOVSPY', 'Kim Kyou-hyun=KORGOV']);
    expect(ms.find((m) => m.text === 'Alexander Matsegora')!.actor).toMatchObject({ id: null, country: 'RUS', role: 'ambassador' });
  });

  it('resolves later mentions by surname (family name first for Korean names) and by role noun', () => {
    const ms = mentionsOf(
      'Russian Ambassador Alexander Matsegora spoke. Ambassador Matsegora said more. South Korean lawmaker Yoo Sang-bum agreed. Yoo said so, and the ambassador left.',
    );
    expect(ms.filter((m) => m.type === 'person').map((m) => `${m.text}:${m.form}=${m.actor?.name}`)).toEqual([
      'Alexander Matsegora:name=Alexander Matsegora',
      'Matsegora:surname=Alexander Matsegora',
      'Yoo Sang-bum:name=Yoo Sang-bum',
      'Yoo:surname=Yoo Sang-bum',
      'ambassador:role=Alexander Matsegora',
    ]);
  });

  it('links known people to the role they held on the article date', () => {
    expect(mentionsOf('Sergei Shoigu visited Pyongyang. Shoigu met Kim Jong Un.', '2023-07-27').map(brief)).toEqual([
      'Sergei Shoigu=RUSGOVMIL', 'Pyongyang=PRK', 'Shoigu=RUSGOVMIL', 'Kim Jong Un=PRKGOV',
    ]);
    expect(mentionsOf('Sergey Shoygu spoke.', '2024-06-01').map(brief)).toEqual(['Sergey Shoygu=RUSGOV']);
    expect(roleAt(data.people[0]!, '2020-01-01')!.title).toBe('Defence Minister');
  });

  it('finds who held an office on the article date when only the role is named', () => {
    const ms = mentionsOf('The Russian Defense Minister attended the military parade in North Korea at the end of July.', '2023-09-05');
    expect(ms.map(brief)).toEqual(['Russian=RUS', 'Defense Minister=RUSGOVMIL', 'North Korea=PRK']);
    expect(ms[1]!.actor).toMatchObject({ id: 'sergei-shoigu', role: 'Defence Minister' });
    // In June 2024 Shoigu no longer held the office, and the dictionary names no successor here: the
    // office is still Russia's.
    const later = mentionsOf('The Russian Defense Minister spoke.', '2024-06-01');
    expect(later.map(brief)).toEqual(['Russian=RUS', 'Defense Minister=RUSGOVMIL']);
    expect(later[1]!.actor).toMatchObject({ id: null, country: 'RUS' });
  });

  it('lets the article date choose between known people who share a surname', () => {
    const namesakes = compileDictionary({
      ...data,
      people: [
        { id: 'george-h-w-bush', type: 'person', country: 'USA', names: ['George H. W. Bush'], surnames: ['Bush'], roles: [{ title: 'President', code: 'USAGOV', start: '1989-01-20', end: '1993-01-20' }] },
        { id: 'george-w-bush', type: 'person', country: 'USA', names: ['George W. Bush'], surnames: ['Bush'], roles: [{ title: 'President', code: 'USAGOV', start: '2001-01-20', end: '2009-01-20' }] },
        { id: 'bill-blair', type: 'person', country: 'CAN', names: ['Bill Blair'], surnames: [], ambiguousSurnames: ['Blair'], roles: [{ title: 'Minister of National Defence', code: 'CANGOVMIL', start: '2023-07-26', end: null }] },
        { id: 'tony-blair', type: 'person', country: 'GBR', names: ['Tony Blair'], surnames: ['Blair'], roles: [{ title: 'Prime Minister', code: 'GBRGOV', start: '1997-05-02', end: '2007-06-27' }] },
      ],
    });
    const ids = (text: string, published: string) =>
      recognizeActors(createDoc(text, { articleId: 't', published }), namesakes).map((m) => `${m.text}=${m.actor?.id}`);
    expect(ids('President Bush spoke.', '1991-03-01')).toEqual(['Bush=george-h-w-bush']);
    expect(ids('President Bush spoke.', '2003-03-20')).toEqual(['Bush=george-w-bush']);
    // Out of office: the one whose office began last before the date.
    expect(ids('Bush spoke.', '1996-01-01')).toEqual(['Bush=george-h-w-bush']);
    // A surname is first the person the article has already named with it.
    expect(ids('Blair said so.', '2024-01-10')).toEqual(['Blair=tony-blair']);
    expect(ids('Bill Blair spoke. Blair said so.', '2024-01-10')).toEqual(['Bill Blair=bill-blair', 'Blair=bill-blair']);
  });

  it('does not read an office named by a shorter title ("a minister") as a longer one ("Prime Minister")', () => {
    const pm = compileDictionary({
      ...data,
      countries: [...data.countries, { id: 'GBR', code: 'GBR', type: 'country', names: ['Britain'], demonyms: ['British'], adjective: 'British' }],
      roles: [...data.roles, { titles: ['minister'], sector: 'GOV', rank: 'minister' }, { titles: ['prime minister'], sector: 'GOV', rank: 'head-of-government' }],
      people: [{ id: 'tony-blair', type: 'person', country: 'GBR', names: ['Tony Blair'], surnames: ['Blair'], roles: [{ title: 'Prime Minister', code: 'GBRGOV', start: '1997-05-02', end: '2007-06-27' }] }],
    });
    const minister = recognizeActors(createDoc('A senior British minister spoke.', { articleId: 't', published: '2000-01-01' }), pm);
    expect(minister.map(brief)).toEqual(['British=GBR', 'minister=GBRGOV']);
    expect(minister[1]!.actor?.id).toBeNull();
    const premier = recognizeActors(createDoc('The British prime minister spoke.', { articleId: 't', published: '2000-01-01' }), pm);
    expect(premier.map(brief)).toEqual(['British=GBR', 'prime minister=GBRGOV']);
    expect(premier[1]!.actor?.id).toBe('tony-blair');
  });

  it('gives every mention its exact span in the text', () => {
    const text = 'Moscow said NIS Director Kim Kyou-hyun briefed lawmakers.';
    for (const m of mentionsOf(text)) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});
