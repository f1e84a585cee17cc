import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { findTimes, type ResolvedTime } from '../src/facts/time/resolve.js';
import { MONTH_NAMES } from '../src/article/dates.js';
import { createDoc } from '../src/document/doc.js';
import { tenseAt } from '../src/facts/time/tense.js';
import { annotateArticle } from '../src/facts/annotate.js';

/** Published Tuesday 2023-09-05 unless told. */
const P = '2023-09-05';
const brief = (t: ResolvedTime) => [t.text, t.value, t.precision, t.qualifier].filter((x) => x !== undefined).join('|');
const times = (text: string, published: string | null = P, tense?: 'past' | 'future' | 'auto') =>
  findTimes(text, published, undefined, tense ? { tense } : {}).map(brief);
const one = (text: string, published: string | null = P, tense?: 'past' | 'future' | 'auto') => {
  const found = times(text, published, tense);
  expect(found, text).toHaveLength(1);
  return found[0];
};

describe('weekdays', () => {
  it('reads a bare weekday as the most recent such day on or before publication', () => {
    expect(one('The minister said on Friday that talks would resume.')).toBe('on Friday|2023-09-01|day');
    expect(one('Talks resumed on Tuesday.')).toBe('on Tuesday|2023-09-05|day');
    expect(one('Police said Wednesday the suspect fled.')).toBe('Wednesday|2023-08-30|day');
    expect(one('Monday’s attack killed three.')).toBe('Monday|2023-09-04|day');
  });

  it('reads "last Friday" as the most recent Friday before the publication day', () => {
    expect(one('He arrived last Friday.')).toBe('last Friday|2023-09-01|day');
    expect(one('He arrived last Tuesday.')).toBe('last Tuesday|2023-08-29|day');
    expect(one('It happened this past Sunday.')).toBe('this past Sunday|2023-09-03|day');
  });

  it('reads "next Friday", "this coming Friday" and "this Friday" forward', () => {
    expect(one('They meet next Friday.')).toBe('next Friday|2023-09-08|day');
    expect(one('They meet next Tuesday.')).toBe('next Tuesday|2023-09-12|day');
    expect(one('They meet this coming Friday.')).toBe('this coming Friday|2023-09-08|day');
    expect(one('They meet this Friday.')).toBe('this Friday|2023-09-08|day');
  });

  it('looks forward in the future tense, per call or from the clause', () => {
    expect(one('The board meets on Friday.', P, 'future')).toBe('on Friday|2023-09-08|day');
    expect(one('The board will meet on Friday.', P, 'auto')).toBe('on Friday|2023-09-08|day');
    expect(one('He said on Friday the board will meet.', P, 'auto')).toBe('on Friday|2023-09-01|day');
    expect(one('The board will meet on Friday.')).toBe('on Friday|2023-09-01|day');
  });

  it('follows the tense of the verb that governs the expression, wherever the expression stands', () => {
    const parsed = (text: string) => {
      const doc = createDoc(text, { articleId: 't', published: P });
      return findTimes(text, P, undefined, { tense: 'auto', tenseAt: tenseAt(doc) }).map(brief);
    };
    // Future auxiliaries, before or after a fronted expression, and contracted.
    expect(parsed('On Thursday, Blinken will fly to Tokyo.')).toEqual(['On Thursday|2023-09-07|day']);
    expect(parsed('Blinken will fly to Tokyo on Thursday.')).toEqual(['on Thursday|2023-09-07|day']);
    expect(parsed("He won't travel on Friday, and she'll fly on Monday.")).toEqual(['on Friday|2023-09-08|day', 'on Monday|2023-09-11|day']);
    // Plans, schedules and the present progressive look forward; so does a headline's infinitive.
    expect(parsed('The ministers are to meet on Friday.')).toEqual(['on Friday|2023-09-08|day']);
    expect(parsed('Kim is expected to arrive on Friday.')).toEqual(['on Friday|2023-09-08|day']);
    expect(parsed('Seoul plans to launch a satellite in November.')).toEqual(['in November|2023-11|month']);
    expect(parsed('Blinken is flying to Tokyo on Thursday.')).toEqual(['on Thursday|2023-09-07|day']);
    expect(parsed('Putin to visit Pyongyang on Friday')).toEqual(['on Friday|2023-09-08|day']);
    // The past and the present perfect look back, even after a future verb in the same sentence.
    expect(parsed('Blinken flew to Tokyo on Thursday.')).toEqual(['on Thursday|2023-08-31|day']);
    expect(parsed('He will meet Putin, who arrived on Monday.')).toEqual(['on Monday|2023-09-04|day']);
    expect(parsed('The vote was held on Friday, and the board has met on Monday.')).toEqual(['on Friday|2023-09-01|day', 'on Monday|2023-09-04|day']);
    expect(parsed('He said on Friday the board will meet.')).toEqual(['on Friday|2023-09-01|day']);
  });

  it('keeps the reading of the words before the expression where no verb tense governs it', () => {
    const parsed = (text: string) => {
      const doc = createDoc(text, { articleId: 't', published: P });
      return findTimes(text, P, undefined, { tense: 'auto', tenseAt: tenseAt(doc) }).map(brief);
    };
    for (const text of ['The summit opens on Thursday.', 'Talks on Friday.', 'He would fly on Friday.']) {
      expect(parsed(text), text).toEqual(times(text, P, 'auto'));
    }
    // The whole stage dates events and quotes so.
    const { events } = annotateArticle({ id: 't', text: 'North Korean leader Kim Jong Un will visit Russia on Thursday.', published: P });
    expect(events.map((e) => e.date?.value)).toContain('2023-09-07');
  });

  it('lets a date written next to its weekday win', () => {
    expect(one('The vote was held on Friday, Sept. 1, 2023.')).toBe('on Friday, Sept. 1, 2023|2023-09-01|day');
    expect(one('The vote was held on Thursday 31 August.')).toBe('on Thursday 31 August|2023-08-31|day');
  });

  it('skips holidays and papers named after weekdays', () => {
    expect(times('Black Friday sales beat Good Friday, The Sunday Times reported.')).toEqual([]);
  });
});

describe('relative days, weeks, months and years', () => {
  it('reads today, yesterday, tomorrow and last night', () => {
    expect(one('Officials said yesterday.')).toBe('yesterday|2023-09-04|day');
    expect(one('A vote is due tomorrow.')).toBe('tomorrow|2023-09-06|day');
    expect(one('Today, the court ruled.')).toBe('Today|2023-09-05|day');
    expect(one('Shelling continued last night.')).toBe('last night|2023-09-04|day');
    expect(one('It began the day before yesterday.')).toBe('the day before yesterday|2023-09-03|day');
  });

  it('reads months and years relative to the publication month', () => {
    expect(one('Prices fell last month.')).toBe('last month|2023-08|month');
    expect(one('Prices fell last month.', '2023-01-15')).toBe('last month|2022-12|month');
    expect(one('Talks resume next month.')).toBe('next month|2023-10|month');
    expect(one('It was signed earlier this month.')).toBe('earlier this month|2023-09|month');
    expect(one('Growth slowed this year.')).toBe('this year|2023|year');
    expect(one('Growth slowed last year.')).toBe('last year|2022|year');
    expect(one('It was agreed earlier this year.')).toBe('earlier this year|2023|year');
  });

  it('gives weeks and weekends month precision inside one month and leaves them out across two', () => {
    expect(one('They meet next week.')).toBe('next week|2023-09|month');
    expect(one('They met this week.')).toBe('this week|2023-09|month');
    expect(times('They met last week.')).toEqual([]); // Aug. 28 – Sept. 3
    expect(one('Fighting raged over the weekend.')).toBe('over the weekend|2023-09|month');
    expect(one('Fighting raged over the weekend.', '2023-09-01')).toBe('over the weekend|2023-08|month');
  });

  it('reads "N days/weeks/months/years ago"', () => {
    expect(one('He left two days ago.')).toBe('two days ago|2023-09-03|day');
    expect(one('He left 10 days ago.')).toBe('10 days ago|2023-08-26|day');
    expect(one('He left three weeks ago.')).toBe('three weeks ago|2023-08|month');
    expect(one('He left six months ago.')).toBe('six months ago|2023-03|month');
    expect(one('He left a year ago.')).toBe('a year ago|2022|year');
  });
});

describe('months, qualifiers and open ranges', () => {
  it('reads a month as its most recent occurrence up to the publication month', () => {
    expect(one('Prices rose in July.')).toBe('in July|2023-07|month');
    expect(one('Prices rose in September.')).toBe('in September|2023-09|month');
    expect(one('Prices rose in December.')).toBe('in December|2022-12|month');
    expect(one('Elections are held in December.', P, 'future')).toBe('in December|2023-12|month');
  });

  it('reads a month with a written or relative year', () => {
    expect(one('Prices rose in May 2022.')).toBe('in May 2022|2022-05|month');
    expect(one('Prices rose in July last year.')).toBe('in July last year|2022-07|month');
    expect(one('Prices rise in July next year.')).toBe('in July next year|2024-07|month');
    expect(one('Prices rose last July.')).toBe('last July|2023-07|month');
    expect(one('Prices rose last September.')).toBe('last September|2022-09|month');
    expect(one('Prices rise next July.')).toBe('next July|2024-07|month');
  });

  it('qualifies parts of months and years', () => {
    expect(one('Troops left at the end of July.')).toBe('at the end of July|2023-07|month|end');
    expect(one('Troops left in late July.')).toBe('in late July|2023-07|month|late');
    expect(one('Troops left in early August.')).toBe('in early August|2023-08|month|early');
    expect(one('Troops left mid-August.')).toBe('mid-August|2023-08|month|mid');
    expect(one('Troops left in the middle of August.')).toBe('in the middle of August|2023-08|month|mid');
    expect(one('Troops left at the beginning of 2022.')).toBe('at the beginning of 2022|2022|year|beginning');
    expect(one('Troops leave early next year.')).toBe('early next year|2024|year|early');
    expect(one('Troops left late last year.')).toBe('late last year|2022|year|late');
    expect(one('Troops left at the end of last month.')).toBe('at the end of last month|2023-08|month|end');
  });

  it('reads since and until as open ranges, over a position qualifier', () => {
    expect(one('Since the beginning of the year, 40 people died.')).toBe('Since the beginning of the year|2023|year|since');
    expect(one('Inflation has doubled since 2019.')).toBe('since 2019|2019|year|since');
    expect(one('The ban holds until the end of the month.')).toBe('until the end of the month|2023-09|month|until');
    expect(one('Nothing moved since Friday.')).toBe('since Friday|2023-09-01|day|since');
  });

  it('reads a bare year only where a preposition or qualifier licenses it', () => {
    expect(one('The law passed in 2022.')).toBe('in 2022|2022|year');
    expect(one('The law passed in mid-2022.')).toBe('in mid-2022|2022|year|mid');
    expect(times('The 2022 law and 2,000 people, with the 1990s in mind.')).toEqual([]);
    expect(times('Troops moved at 1900 GMT.')).toEqual([]);
  });

  it('never reads month words without a license as dates', () => {
    expect(times('May said the July report and March organisers met at Mar-a-Lago.')).toEqual([]);
    expect(times('Prices may rise in march.')).toEqual([]);
  });
});

describe('calendar dates', () => {
  it('infers a missing year as the most recent past occurrence', () => {
    expect(one('They met at Camp David on Aug. 18.')).toBe('on Aug. 18|2023-08-18|day');
    expect(one('They met on August 18.')).toBe('on August 18|2023-08-18|day');
    expect(one('They met on 18 August.')).toBe('on 18 August|2023-08-18|day');
    expect(one('They met on Sept. 13.')).toBe('on Sept. 13|2022-09-13|day');
    expect(one('They meet on Sept. 13.', P, 'future')).toBe('on Sept. 13|2023-09-13|day');
    expect(one('They met on the 18th of August.')).toBe('on the 18th of August|2023-08-18|day');
    expect(one('They met on Feb. 29.')).toBe('on Feb. 29|2020-02-29|day');
  });

  it('keeps a written year', () => {
    expect(one('It was founded on Sept. 19, 2018.')).toBe('on Sept. 19, 2018|2018-09-19|day');
    expect(one('It was founded September 13, 2023.')).toBe('September 13, 2023|2023-09-13|day');
    expect(one('It was founded on 2023-09-13.')).toBe('on 2023-09-13|2023-09-13|day');
    expect(one('It was founded on 13/09/2023.')).toBe('on 13/09/2023|2023-09-13|day');
    expect(one('Posted September. 05, 2023')).toBe('September. 05, 2023|2023-09-05|day');
    expect(one('Signed on July 4th, 1776.')).toBe('on July 4th, 1776|1776-07-04|day');
  });

  it('does not take times, amounts or invalid days for dates', () => {
    expect(times('The vote was 18:30 on a June 31 deadline, Aug. 18,000 troops.')).toEqual([]);
  });
});

describe('offsets and scope', () => {
  it('returns every expression of a sentence with exact offsets', () => {
    const text = 'Kim met Putin on Wednesday, weeks after troops left at the end of July.';
    const found = findTimes(text, P);
    expect(found.map(brief)).toEqual(['on Wednesday|2023-08-30|day', 'at the end of July|2023-07|month|end']);
    for (const t of found) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(found[0]!.start).toBe(text.indexOf('on Wednesday'));
  });

  it('indexes the original string across curly quotes, dashes and astral characters', () => {
    const text = '“We’re ready” 😀 — said Zelenskyy’s aide — on Friday; «Aug. 18» in Kyiv 🇺🇦, and in 2022.';
    const found = findTimes(text, P);
    expect(found.map((t) => t.text)).toEqual(['on Friday', 'Aug. 18', 'in 2022']);
    for (const t of found) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('reads only the requested range, with offsets into the whole text', () => {
    const text = 'On Monday it rained. On Friday it snowed.';
    const from = text.indexOf('On Friday');
    const found = findTimes(text, P, { from, to: text.length });
    expect(found).toEqual([{ start: from, end: from + 9, text: 'On Friday', value: '2023-09-01', precision: 'day' }]);
  });

  it('returns only absolute expressions without a publication date', () => {
    expect(times('On Friday, in July, yesterday, on Sept. 19, 2018, in 2022 and in July 2023.', null)).toEqual([
      'on Sept. 19, 2018|2018-09-19|day',
      'in 2022|2022|year',
      'in July 2023|2023-07|month',
    ]);
  });

  it('uses the calendar day of a publication datetime as written', () => {
    expect(one('Talks resumed yesterday.', '2023-09-05T23:30:00-04:00')).toBe('yesterday|2023-09-04|day');
  });

  it('does not join an expression across a line break', () => {
    expect(times('Posted in\nJuly')).toEqual([]);
  });

  it('stays linear on long and repetitive text', () => {
    const text = 'on the end of in early Sept. , 1 '.repeat(20_000) + 'on Friday';
    const t0 = performance.now();
    const found = findTimes(text, P);
    expect(found.at(-1)?.text).toBe('on Friday');
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('the vocabulary', () => {
  it('names every month form the date parser knows', () => {
    const data = JSON.parse(readFileSync(new URL('../data/time/expressions.json', import.meta.url), 'utf8')) as {
      months: Array<{ names: string[]; abbreviations: string[] }>;
    };
    const known = new RegExp(`^(?:${MONTH_NAMES})$`, 'i');
    expect(data.months).toHaveLength(12);
    for (const m of data.months) for (const form of [...m.names, ...m.abbreviations]) expect(form).toMatch(known);
  });
});
