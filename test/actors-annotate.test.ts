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
