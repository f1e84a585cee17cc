import { describe, expect, it } from 'vitest';
import { annotateArticle } from '../src/facts/annotate.js';
import { valence } from '../src/facts/valence.js';
import { findTimes } from '../src/facts/time/resolve.js';
import { compareStory, type StoryMember } from '../src/stories/compare.js';
import { storyFeatures, storyInput, storySourceOf } from '../src/stories/features.js';
import { parseDateText } from '../src/article/dates.js';
import { buildArticle } from '../src/article/build.js';

/**
 * Every name an object inherits ("constructor", "toString", "__proto__" …) fed through every word list the
 * engine looks words up in: actors, event patterns, claim and quote cues, time words, story stopwords and
 * number words, the tone lexicon, date locales. A list held in a plain object answered such a word with a
 * built-in function ("constructor" made an outlet's tone NaN).
 */
const NAMES = Object.getOwnPropertyNames(Object.prototype);
const capitalised = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** Sentences that put each name where each list is consulted: as a verb, a noun, a name, a time word, a cue. */
function hostileText(): string {
  return NAMES.map((w) =>
    [
      `Russia ${w} North Korea on ${w} after talks in ${capitalised(w)}, the ${w} said.`,
      `${capitalised(w)} ${w}s that China will ${w} the drills ${w} ago, according to ${w}.`,
      `"We ${w} Japan," ${capitalised(w)} ${w} told reporters in ${w} last ${w}, ${w} three ${w}.`,
      `The ${w} of the ${capitalised(w)} ${capitalised(w)} was a ${w}, and ${w} ${w} ${w}.`,
    ].join(' '),
  ).join('\n\n');
}

/** Facts hold plain data only: a function or NaN picked up from a built-in property would not survive JSON. */
const plain = (value: unknown) => expect(JSON.parse(JSON.stringify(value))).toEqual(value);

describe('built-in property names are never words of a list', () => {
  it('gives them no valence', () => {
    for (const w of NAMES) expect(valence(w)).toBe(0);
  });

  it('finds no actor, event, time or place in them, and keeps every fact plain data', () => {
    const text = hostileText();
    const facts = annotateArticle({ id: 'proto', text, published: '2023-09-05' });
    plain(facts);
    // Only the real countries of the sentences are actors.
    const codes = new Set(facts.mentions.map((m) => m.actor?.code));
    for (const code of codes) expect(['RUS', 'PRK', 'CHN', 'JPN']).toContain(code);
    for (const e of facts.events) for (const place of [e.location?.place]) if (place) expect(Number.isFinite(place.lat)).toBe(true);
    for (const w of NAMES) {
      expect(findTimes(`on ${w}, in ${capitalised(w)}, last ${w}, three ${w} ago, ${w} 5`, '2023-09-05', undefined, { tense: 'auto' })).toEqual([]);
    }
  });

  it('keeps story features and the tone of an outlet finite', () => {
    const text = hostileText();
    const published = '2023-09-05';
    const facts = annotateArticle({ id: 'a', text, published });
    const features = storyFeatures(storyInput(storySourceOf({ id: 'a', title: NAMES.join(' '), text, published }, facts)));
    plain(features);
    const member = (id: string, source: string): StoryMember => ({
      article: { id, externalId: null, url: null, source, title: NAMES.join(' '), published, text },
      copyOf: null,
      sightedBy: [],
      events: facts.events,
      quotes: facts.quotes,
      actors: facts.mentions.flatMap((m) => (m.actor ? [{ code: m.actor.code, name: m.actor.name, country: m.actor.country, start: m.start, end: m.end }] : [])),
    });
    const story = compareStory('s1', [member('a', 'Wire'), member('b', 'Other')]);
    plain(story);
    for (const outlet of story.outlets) expect(Number.isFinite(outlet.tone)).toBe(true);
  });

  it('reads no date, language or header field from them', () => {
    for (const w of NAMES) {
      expect(parseDateText(`${w} 5, 2023`, { language: w })).toBeNull();
      const built = buildArticle(
        { origin: { file: 'proto.txt' }, contentType: 'text', content: `Title: ${w}\nLanguage: ${w}\nDate: ${w}\n\n${hostileText().slice(0, 400)}`, hints: {} },
        { now: new Date('2023-09-06') },
      );
      if (built.ok) plain(built.article);
    }
  });
});
