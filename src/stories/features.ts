/**
 * What the story stage reads of an article: its term counts (title, body, linked actors and event dyads
 * in one bag, so one TF-IDF weighting serves all three), its MinHash signature over word shingles (for
 * near-copies), and its day. Plain numbers only, so features can be stored and replayed exactly.
 */
import stopwordData from '../../data/stories/stopwords.json' with { type: 'json' };
import { minhashSignature } from './copies.js';
import type { Article } from '../article/types.js';
import type { Mention, CodedEvent } from '../facts/annotate.js';
import { toEpochMs } from '../article/dates.js';
import { findTimes } from '../facts/time/resolve.js';

export interface StoryInput {
  id: string;
  title: string | null;
  text: string;
  /** Days since 1970-01-01 (UTC) of publication, or null when the date is unknown. */
  day: number | null;
  /**
   * Whether the article reports an event of the days just before its publication (its news peg). An
   * article without one (a rehash, an explainer) is placed by its content more than by its date.
   */
  fresh: boolean;
  /** CAMEO codes of the linked actors the article mentions, once per mention. */
  actors: string[];
  /** Event dyads "SRC>TYPE>TGT" at country level, once per event and target. */
  dyads: string[];
}

export interface StoryFeatures {
  /** Distinct term hashes and their weighted counts (title words count thrice, dyads twice). */
  terms: number[];
  counts: number[];
  /** MinHash of the body's word 5-shingles, and how many distinct shingles the body has. */
  minhash: number[];
  shingles: number;
  day: number | null;
  fresh: boolean;
}

const DAY_MS = 24 * 3600 * 1000;

export function dayOf(published: string | null): number | null {
  if (!published) return null;
  const ms = toEpochMs(published);
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : null;
}

/** An article as the story stage reads it: its words, and the codes of its actors and events. */
export interface StorySource {
  id: string;
  title: string | null;
  text: string;
  published: string | null;
  /** Codes of its linked actor mentions, once per mention. */
  actorCodes: string[];
  events: { sourceCode: string; type: string; targetCodes: string[] }[];
}

/** A day the text names within the week before publication (or the day after, for time zones). */
const PEG_DAYS_BEFORE = 8;

/** The clustering input of an article: its words, linked actors and country-level event dyads. */
export function storyInput(source: StorySource): StoryInput {
  const country = (code: string) => code.slice(0, 3);
  const dyads = source.events.flatMap((e) =>
    e.targetCodes.length ? e.targetCodes.map((t) => `${country(e.sourceCode)}>${e.type}>${country(t)}`) : [`${country(e.sourceCode)}>${e.type}`],
  );
  const day = dayOf(source.published);
  const fresh =
    day === null ||
    findTimes(source.text, source.published).some((t) => {
      const d = t.precision === 'day' ? dayOf(t.value) : null;
      return d !== null && d >= day - PEG_DAYS_BEFORE && d <= day + 1;
    });
  return { id: source.id, title: source.title, text: source.text, day, fresh, actors: source.actorCodes, dyads };
}

/** The same from freshly annotated facts (before they are stored). */
export function storySourceOf(
  article: Pick<Article, 'id' | 'title' | 'text' | 'published'>,
  facts: { mentions: Pick<Mention, 'actor'>[]; events: Pick<CodedEvent, 'source' | 'type' | 'targets'>[] },
): StorySource {
  return {
    id: article.id,
    title: article.title,
    text: article.text,
    published: article.published,
    actorCodes: facts.mentions.flatMap((m) => (m.actor?.code ? [m.actor.code] : [])),
    events: facts.events.map((e) => ({
      sourceCode: e.source.code ?? '',
      type: e.type,
      targetCodes: e.targets.flatMap((t) => (t.code ? [t.code] : [])),
    })),
  };
}

const STOPWORDS = new Set(stopwordData.stopwords);
const WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;
const TITLE_WEIGHT = 3;
const DYAD_WEIGHT = 2;

/** FNV-1a, 32 bits: term and shingle ids. Collisions among a few hundred thousand terms are negligible. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Lower-case words without a possessive, and plurals folded by a crude rule ("talks" ~ "talk"). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    let word = match[0].replace(/['’]s$/, '');
    if (word.length > 4 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) word = word.slice(0, -1);
    out.push(word);
  }
  return out;
}

function contentWord(word: string): boolean {
  return word.length > 1 && !STOPWORDS.has(word) && !/^\d+$/.test(word);
}

export function storyFeatures(input: StoryInput): StoryFeatures {
  const bag = new Map<number, number>();
  const add = (term: string, weight: number) => {
    const h = hashString(term);
    bag.set(h, (bag.get(h) ?? 0) + weight);
  };
  for (const w of words(input.title ?? '')) if (contentWord(w)) add(w, TITLE_WEIGHT);
  const body = words(input.text);
  for (const w of body) if (contentWord(w)) add(w, 1);
  // Actor and dyad terms cannot collide with words: words never contain '@' or '>'.
  for (const code of input.actors) add(`@${code}`, 1);
  for (const dyad of input.dyads) add(`>${dyad}`, DYAD_WEIGHT);
  const terms = [...bag.keys()].sort((a, b) => a - b);
  const { signature, shingles } = minhashSignature(body);
  return { terms, counts: terms.map((t) => bag.get(t)!), minhash: signature, shingles, day: input.day, fresh: input.fresh };
}
