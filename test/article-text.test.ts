import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseTextArticle, cleanExtractedText, classifyLine } from '../src/article/text.js';
import { parseDateText, isInFuture } from '../src/article/dates.js';
import { SEEDS, hasSeeds } from './helpers.js';

describe('date parsing', () => {
  it.each([
    ['Posted September. 05, 2023 08:22,', 540, '2023-09-05T08:22:00+09:00'],
    ['Sept. 5, 2023', null, '2023-09-05'],
    ['Tue, 05 Sep 2023 08:22:00 +0900', null, '2023-09-05T08:22:00+09:00'],
    ['2023-09-14T10:30:00+03:00', null, '2023-09-14T10:30:00+03:00'],
    ['2023-10-19 08:00:00', null, '2023-10-19T08:00:00'],
    ['14 September 2023, 09:15', null, '2023-09-14T09:15:00'],
    ['20200607', null, '2020-06-07'],
  ])('%s → %s', (text, offset, iso) => {
    expect(parseDateText(text, { defaultOffsetMinutes: offset })?.iso).toBe(iso);
  });

  it('never invents a year or a date', () => {
    expect(parseDateText('June 3')).toBeNull();
    expect(parseDateText('on Friday')).toBeNull();
    expect(parseDateText('2023-02-30')).toBeNull();
    expect(parseDateText('')).toBeNull();
  });

  it('tells future dates with a day of grace for time zones', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(isInFuture('2026-11-23', now)).toBe(false);
    expect(isInFuture('2026-11-25', now)).toBe(true);
    expect(isInFuture('2031-01-01T00:00:00Z', now)).toBe(true);
  });
});

describe('plain text articles', () => {
  it('reads a first line "date YYYY-MM-DD", with the text on the same line or the next', () => {
    const inline = parseTextArticle(' date 2023-11-07 Amid tensions, Russia proposed drills.\n\nSecond paragraph.');
    expect(inline.published).toBe('2023-11-07');
    expect(inline.text).toBe('Amid tensions, Russia proposed drills.\n\nSecond paragraph.');
    const nextLine = parseTextArticle('date 2023-07-28\nShoigu arrived in Pyongyang.');
    expect(nextLine).toMatchObject({ published: '2023-07-28', text: 'Shoigu arrived in Pyongyang.' });
  });

  it('reads a header block', () => {
    const parsed = parseTextArticle(
      'Title: Kim meets Putin\nDate: 2023-09-14T10:30:00+03:00\nSource: EurAsia Monitor\nURL: https://eam.example/kim\nAuthor: Ivan Petrov\n\nKim Jong Un met Vladimir Putin.\n\nThey toured the cosmodrome.',
    );
    expect(parsed).toMatchObject({
      title: 'Kim meets Putin',
      published: '2023-09-14T10:30:00+03:00',
      source: 'EurAsia Monitor',
      url: 'https://eam.example/kim',
      byline: 'Ivan Petrov',
      text: 'Kim Jong Un met Vladimir Putin.\n\nThey toured the cosmodrome.',
    });
  });

  it('does not mistake a paragraph starting with a word and a colon for a header', () => {
    const parsed = parseTextArticle('Analysis: the drills matter because of China.\n\nMore text follows here.');
    expect(parsed.title).toBeNull();
    expect(parsed.text.startsWith('Analysis: the drills')).toBe(true);
  });

  it('joins hard-wrapped lines into paragraphs', () => {
    const parsed = parseTextArticle(
      'Russian Defense Minister Sergei Shoigu arrived in Pyongyang on\nWednesday for talks with North Korean officials, state media said.\n\nHe will attend a parade.',
    );
    expect(parsed.text).toBe(
      'Russian Defense Minister Sergei Shoigu arrived in Pyongyang on Wednesday for talks with North Korean officials, state media said.\n\nHe will attend a parade.',
    );
  });
});

describe('scraped page text', () => {
  const page = [
    'Skip to main content',
    'Home > Politics > North Korea',
    'Seoul suspends part of military pact',
    'Seoul suspends part of military pact',
    'Published: Nov. 22, 2023 14:05',
    'Last updated: Nov. 22, 2023 18:40',
    '日本語 | English',
    'South Korea suspended part of a 2018 inter-Korean military agreement on Wednesday.',
    'The move followed the North\'s launch of a reconnaissance satellite.',
    'Share on Facebook',
    'Subscribe to our newsletter',
    '© 2023 Seoul Daily Post. All rights reserved.',
  ].join('\n\n');

  it('drops skip links, crumbs, the doubled title, date lines, language switches and share/copyright lines', () => {
    const parsed = parseTextArticle(page);
    expect(parsed.title).toBe('Seoul suspends part of military pact');
    // "日本語" names a one-zone home edition (+09:00), so the zone-less times take that offset.
    expect(parsed.published).toBe('2023-11-22T14:05:00+09:00');
    expect(parsed.updated).toBe('2023-11-22T18:40:00+09:00');
    expect(parsed.text).toBe(
      "South Korea suspended part of a 2018 inter-Korean military agreement on Wednesday.\n\nThe move followed the North's launch of a reconnaissance satellite.",
    );
  });

  it('keeps a time local when no home edition is known', () => {
    expect(parseTextArticle(page.replace('日本語 | English', 'Español | Français')).published).toBe('2023-11-22T14:05:00');
    // Editions in two zones (+09:00, +08:00) say nothing certain about this one.
    expect(parseTextArticle(page.replace('日本語 | English', '日本語 | 中文')).published).toBe('2023-11-22T14:05:00');
  });

  it('drops menus, toolbars, related-link lines and newsletter pitches; takes bylines and sign-offs', () => {
    const parsed = parseTextArticle(
      [
        'Menu\nSearch',
        'A headline about drills',
        'By Jung Da-eun, Staff Reporter',
        'Published: Nov. 22, 2023 18:10 KST\nUpdated : November. 23, 2023 08:05,',
        'Text size  A+  A-    Print',
        'The navies of Russia and China held drills in the Sea of Japan, the ministry said.',
        'The ministry said the drills would continue.',
        'The ministry said the drills would continue.',
        'Related: Earlier drills in July | Timeline: naval cooperation',
        'Share on Facebook   Share on X   Share on KakaoTalk   Email',
        'Subscribe to our newsletter\nGet the day\'s top stories in your inbox every morning.',
        'Park Ji-hoon jhpark@example.co.kr',
        'ⓒ 2023 Example Daily. All rights reserved.\nTerms of Use | Privacy Policy | Contact Us',
      ].join('\n\n'),
    );
    expect(parsed.title).toBe('A headline about drills');
    expect(parsed.byline).toBe('Jung Da-eun');
    expect(parsed.published).toBe('2023-11-22T18:10:00+09:00');
    // The zone stated on the Published line holds for the Updated line of the same page.
    expect(parsed.updated).toBe('2023-11-23T08:05:00+09:00');
    expect(parsed.text).toBe(
      'The navies of Russia and China held drills in the Sea of Japan, the ministry said.\n\nThe ministry said the drills would continue.',
    );
    expect(parseTextArticle('Headline\n\nBody text of the story goes here.\n\nPark Ji-hoon jhpark@example.co.kr').byline).toBe('Park Ji-hoon');
  });

  it('keeps body lines that merely contain boilerplate words', () => {
    const parsed = parseTextArticle('Headline here\n\nRussia will share intelligence with Pyongyang, officials said.\n\nAll rights reserved by the treaty were invoked.');
    expect(parsed.text).toContain('Russia will share intelligence with Pyongyang');
  });
});

describe.skipIf(!hasSeeds)('seed articles', () => {
  const seed = (prefix: string) => {
    const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
    return parseTextArticle(readFileSync(path.join(SEEDS, name), 'utf8'));
  };

  it('seed 004: title, Posted/Updated in +09:00, no page furniture', () => {
    const a = seed('004');
    expect(a.title).toBe("Russian Ambassador, ‘DPRK-China-Russia joint training is appropriate’");
    expect(a.published).toBe('2023-09-05T08:22:00+09:00');
    expect(a.updated).toBe('2023-09-05T08:22:00+09:00');
    for (const junk of ['Go to contents', '한국어', 'Posted', 'Updated September', 'joint training is appropriate’']) {
      expect(a.text).not.toContain(junk);
    }
    expect(a.text.startsWith('Russian Ambassador to North Korea Alexander Matsegora said')).toBe(true);
  });

  it('seed 000: published 2023-11-07, text not starting with "date"', () => {
    const a = seed('000');
    expect(a.published).toBe('2023-11-07');
    expect(a.text.startsWith('Amidst growing tensions')).toBe(true);
  });
});

describe('furniture left in extracted HTML text', () => {
  it('drops crumbs, section labels, date lines and a repeated title; a sign-off gives the byline', () => {
    const extracted = [
      'Home > North Korea > Diplomacy',
      'Putin accepts invitation to Pyongyang',
      'Asia · Russia',
      'Published: 14 September 2023, 09:15 KST',
      'Vladimir Putin accepted an invitation to visit Pyongyang, KCNA said on Thursday.',
      'Kang Eun-bi ebkang@example.co.kr',
    ].join('\n\n');
    expect(cleanExtractedText(extracted, 'Putin accepts invitation to Pyongyang')).toEqual({
      text: 'Vladimir Putin accepted an invitation to visit Pyongyang, KCNA said on Thursday.',
      byline: 'Kang Eun-bi',
    });
  });
});

describe('breadcrumbs and lines that only look like them', () => {
  it.each([
    ['Home > Politics > North Korea', true],
    ['World / Asia / Korea', true],
    ['News › Asia', true],
    ['http://amzn.to/2iJFhRj', false],
    ['1/2 tsp ground cloves', false],
    ['Path A: Iceland, Bulgaria/Israel/Hungary/Romania*', false],
    ['we’re. on. it. https://t.co/HO1ZRs9T1P', false],
  ])('%s → furniture: %s', (line, furniture) => {
    expect(classifyLine(line).kind === 'furniture').toBe(furniture);
  });
});
