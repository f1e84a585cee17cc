import { describe, it, expect } from 'vitest';
import { statusOfSentence } from '../src/eval/claims.js';

const status = (text: string) => statusOfSentence(text, '2023-09-05');

describe('claim status', () => {
  it.each([
    ['asserted', 'North Korea launched a satellite on Tuesday night.'],
    ['reported', 'North Korea sent artillery shells to Russia, according to the National Intelligence Service.'],
    ['reported', "South Korea's National Intelligence Service said that Russia offered North Korea a place in the drills."],
    ['reported', 'The drills ended on Sunday, a navy spokesman said.'],
    ['reported', 'Pyongyang has reportedly shipped rockets to Moscow.'],
    ['hedged', 'Russia likely offered North Korea a place in the drills.'],
    ['hedged', 'Moscow is said to have warned Seoul against sending arms.'],
    ['hedged', 'North Korea may conduct a nuclear test this year.'],
    ['proposed', 'Russia proposed joint naval exercises with North Korea and China.'],
    ['proposed', 'Beijing offered to host talks between the two sides.'],
    ['proposed', 'Japan plans to deploy long-range missiles by 2027.'],
    ['opinion', 'The ambassador personally believes the idea is appropriate.'],
    ['opinion', 'Washington should never accept a nuclear North Korea, in our view.'],
    ['denied', 'Pyongyang denied that its missiles had been used in Ukraine.'],
    ['denied', 'North Korea did not attend the meeting in Vladivostok.'],
    ['denied', 'Russia has never held joint exercises with North Korea.'],
    ['denied', "Seoul rejected the North's claim that drones had flown over Pyongyang."],
    ['opinion', 'Sending the carrier now would be reckless.'],
  ])('%s: %s', (expected, text) => {
    expect(status(text).status).toBe(expected);
  });

  it('names who reports a claim, and no one for unnamed sources', () => {
    expect(status('North Korea sent shells to Russia, according to the National Intelligence Service.').attribution).toBe('KORGOVSPY');
    expect(status('Russia warned Seoul against arms supplies, TASS reported.').attribution).toBe('RUSGOVMED');
    expect(status('The drills ended on Sunday, a navy spokesman said.').attribution).toBeNull();
  });
});
