import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { annotateArticle } from '../src/facts/annotate.js';
import { parseTextArticle } from '../src/article/text.js';
import { SEEDS, hasSeeds } from './helpers.js';

/** The bundled dictionary (data/actors/) on wire-style sentences. */
const annotate = (text: string, published = '2023-09-05') => annotateArticle({ id: 't', text, published }).mentions;
const codes = (text: string, published?: string) => annotate(text, published).map((m) => `${m.text}=${m.actor?.code ?? '∅'}`);

describe('the bundled actor dictionary', () => {
  it('links states, stand-ins, agencies, media and office holders of 2023', () => {
    expect(codes('Moscow and Pyongyang deepened ties as the Kremlin and Xinhua reported, and Kim Jong Un met Vladimir Putin in Vostochny.')).toEqual([
      'Moscow=RUSGOV', 'Pyongyang=PRKGOV', 'Kremlin=RUSGOV', 'Xinhua=CHNGOVMED', 'Kim Jong Un=PRKGOV', 'Vladimir Putin=RUSGOV',
    ]);
    expect(codes('U.S. Secretary of State Antony Blinken and Japanese Prime Minister Fumio Kishida met at Camp David on Aug. 18.', '2023-08-19')).toEqual([
      'U.S.=USA', 'Antony Blinken=USAGOVDIP', 'Japanese=JPN', 'Fumio Kishida=JPNGOV',
    ]);
  });

  it('follows people through their offices: the same name, another code at another date', () => {
    expect(codes('Sergei Shoigu spoke.', '2023-07-27')).toEqual(['Sergei Shoigu=RUSGOVMIL']);
    expect(codes('Sergei Shoigu spoke.', '2024-09-01')).toEqual(['Sergei Shoigu=RUSGOV']);
  });

  it('reads territories and regions as the country CAMEO codes them by, and archive-era names', () => {
    expect(codes('Israeli troops raided a town in the West Bank while rockets were fired from the Gaza Strip.')).toEqual([
      'Israeli=ISR', 'troops=ISRMIL', 'West Bank=PSE', 'Gaza Strip=PSE',
    ]);
    expect(codes('Chechen fighters left Darfur for Chechnya.')).toEqual(['Chechen=RUS', 'fighters=RUSREB', 'Darfur=SDN', 'Chechnya=RUS']);
    expect(codes('Hong Kong protesters marched against Chinese authorities.')).toEqual(['Hong Kong=HKG', 'protesters=HKGOPP', 'Chinese=CHN', 'authorities=CHNGOV']);
    expect(codes('Kampuchean guerrillas fought forces backed by Zaire.', '1985-05-01')).toEqual(['Kampuchean=KHM', 'guerrillas=KHMREB', 'Zaire=COD']);
  });

  it('links armed movements, parties and news agencies', () => {
    expect(codes('UNITA, the PKK, the Taliban and al-Qaeda were named, and Hamas and the PLO replied.')).toEqual([
      'UNITA=AGOREB', 'PKK=TURREB', 'Taliban=AFGREB', 'al-Qaeda=IMGMUS', 'Hamas=PSEREBHMS', 'PLO=PSEGOV',
    ]);
    expect(codes('Ansa news agency reported, citing Omdurman radio and Belgrade radio.')).toEqual([
      'Ansa news agency=ITAMED', 'Omdurman radio=SDNGOVMED', 'Belgrade=SRBGOV', 'radio=SRBMED',
    ]);
    expect(codes("Hungary's Fidesz and Poland's Law and Justice party won; law and justice prevailed.")).toEqual([
      'Hungary=HUN', 'Fidesz=HUNPTY', 'Poland=POL', 'Law and Justice party=POLPTY',
    ]);
    // 'IRA' needs its context; 'ETA' without a Spanish context is left alone.
    expect(codes('The IRA bombed a pub in Belfast.')).toEqual(['IRA=GBRREB']);
    expect(codes('The ETA of the flight is noon.')).toEqual(['ETA=∅']);
    // An abbreviation the dictionary does not know is nobody's ('AKK' was once a German minister's nickname).
    expect(codes('The Montenegro Municipality Association (AKK) asked the Montenegro Assembly for help.')).toEqual([
      'Montenegro=MNE', 'Montenegro=MNE', 'Assembly=MNELEG',
    ]);
    expect(codes('The United States vetoed a Security Council resolution.')).toEqual(['United States=USA', 'Security Council=IGOUNO']);
    expect(codes('European Community foreign ministers and the OAU met, Dutch Foreign Minister Hans Van den Broek said.', '1991-07-01')).toEqual([
      'European Community=IGOEUREEC', 'OAU=IGOAFRAFU', 'Dutch=NLD', 'Hans Van den Broek=NLDGOVDIP',
    ]);
    // "Parliament" is Britain's only with a British context; here it is Lithuania's.
    expect(codes('The Homeland Union asked the Lithuanian Parliament to act.')).toEqual(['Lithuanian=LTU', 'Parliament=LTULEG']);
  });

  it('gives generic bodies and role titles the country before them', () => {
    expect(codes("Russian security services and Ukraine's coordination headquarters said Niger's military rulers agreed.")).toEqual([
      'Russian=RUS', 'security services=RUSGOVSPY', 'Ukraine=UKR', 'coordination headquarters=UKRGOV', 'Niger=NER', 'military rulers=NERGOV',
    ]);
    expect(codes('Afghan guerillas attacked, and Russian warplanes struck.')).toEqual(['Afghan=AFG', 'guerillas=AFGREB', 'Russian=RUS', 'warplanes=RUSMIL']);
    expect(codes('Sudanese warlord Ali Kushayb was tried.')).toEqual(['Sudanese=SDN', 'Ali Kushayb=SDNREB']);
    expect(codes('U.S. border patrol agents and Serbian military police met Kurdistan Regional Government officials.')).toEqual([
      'U.S.=USA', 'border patrol=USACOP', 'Serbian=SRB', 'military police=SRBCOP', 'Kurdistan Regional Government=IRQGOV', 'officials=IRQGOV',
    ]);
    expect(codes('A truck bomb planted by Ukrainian intelligence; artificial intelligence helped.')).toEqual(['Ukrainian=UKR', 'intelligence=UKRGOVSPY']);
    expect(codes('Chinese firms were added by the Commerce Department to its blacklist, U.S. officials said.')).toEqual([
      'Chinese=CHN', 'firms=CHNBUS', 'Commerce Department=USAGOV', 'U.S.=USA', 'officials=USAGOV',
    ]);
    // 'the capital Kabul' is the city, not the government.
    expect(codes('Afghan rebels exploded bombs in the capital Kabul.', '1987-01-01')).toEqual(['Afghan=AFG', 'rebels=AFGREB', 'Kabul=AFG']);
  });

  it('links leaders of archive news at the date of the article', () => {
    expect(codes('President Reagan met Mikhail Gorbachev and Margaret Thatcher.', '1987-12-08')).toEqual([
      'Reagan=USAGOV', 'Mikhail Gorbachev=RUSGOV', 'Margaret Thatcher=GBRGOV',
    ]);
    expect(codes('Rwandan rebels demanded the removal of President Juvenal Habyarimana.', '1992-01-01')).toEqual([
      'Rwandan=RWA', 'rebels=RWAREB', 'Juvenal Habyarimana=RWAGOV',
    ]);
    expect(codes('Osama bin Laden praised al-Shabaab.', '2010-01-01')).toEqual(['Osama bin Laden=IMGMUS', 'al-Shabaab=SOMREB']);
    // One surname, two presidents: the date decides.
    const bush = (date: string) => annotate('President Bush spoke.', date)[0]?.actor?.id;
    expect(bush('1991-03-01')).toBe('george-h-w-bush');
    expect(bush('2003-03-20')).toBe('george-w-bush');
    expect(annotate('President Assad spoke.', '1995-01-01')[0]?.actor?.id).toBe('hafez-al-assad');
    expect(annotate('President Assad spoke.', '2012-01-01')[0]?.actor?.id).toBe('bashar-al-assad');
  });

  it('keeps seas and peninsulas from being read as the states they are named after', () => {
    expect(codes('Warships sailed through the South China Sea toward the Korean Peninsula.')).toEqual([]);
  });
});

describe.skipIf(!hasSeeds)('actors in the seed articles', () => {
  const seed = (prefix: string) => {
    const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
    const parsed = parseTextArticle(readFileSync(path.join(SEEDS, name), 'utf8'));
    return annotate(parsed.text, parsed.published!);
  };
  const find = (ms: ReturnType<typeof annotate>, text: string) => ms.find((m) => m.text === text);

  it('seed 004: the ambassador, the NIS, and the defence minister named only by office', () => {
    const ms = seed('004');
    expect(find(ms, 'Alexander Matsegora')?.actor).toMatchObject({ code: 'RUSGOVDIP', country: 'RUS' });
    expect(find(ms, 'Matsegora')?.actor?.name).toBe('Alexander Matsegora');
    expect(find(ms, 'National Intelligence Service')?.actor?.code).toBe('KORGOVSPY');
    expect(find(ms, 'TASS')?.actor?.country).toBe('RUS');
    expect(find(ms, 'Defense Minister')?.actor).toMatchObject({ id: 'sergei-shoigu', code: 'RUSGOVMIL' });
  });

  it('seed 000: officials with their roles on 2023-11-07', () => {
    const ms = seed('000');
    expect(find(ms, 'Sergei Shoigu')?.actor?.code).toBe('RUSGOVMIL');
    expect(find(ms, 'Kim Jong Un')?.actor?.code).toBe('PRKGOV');
    expect(find(ms, 'Kim Kyou-hyun')?.actor?.code).toBe('KORGOVSPY');
    expect(find(ms, 'Yoo Sang-bum')?.actor?.code).toBe('KORLEG');
    expect(find(ms, 'leader')?.actor?.name).toBe('Kim Jong Un');
    expect(find(ms, 'Washington')?.actor?.code).toBe('USAGOV');
  });
});
