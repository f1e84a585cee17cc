/**
 * The shapes the HTTP API returns (docs/api.md). Facts and stories reuse the engine's own types, so a
 * change to a fact's fields breaks the dashboard's type check instead of its pages.
 */
import type { Article } from '../../../src/article/types.js';
import type { ActorRef, CodedEvent, Mention, Quote } from '../../../src/facts/annotate.js';
import type { Sighting, StoredEvent, StoredQuote } from '../../../src/store/store.js';

export type { ActorRef, CodedEvent, Quote, StoredEvent, StoredQuote, Sighting };
export type {
  Disagreement,
  Evidence,
  OutletProfile,
  StoryArticle,
  StoryComparison,
  StoryEvent,
  StoryQuote,
  StorySummary,
} from '../../../src/stories/types.js';

export type ApiErrorCode = 'bad_request' | 'not_found' | 'too_large' | 'rate_limited' | 'internal';

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Stats {
  articles: number;
  sightings: number;
  events: number;
  quotes: number;
  stories: number;
  outlets: number;
  first: string | null;
  last: string | null;
}

export type ArticleSummary = Omit<Article, 'text' | 'origin'> & { storyId: string | null };

/** A mention as `show --json` writes it. */
export interface MentionJson {
  span: { start: number; end: number };
  text: string;
  type: Mention['type'];
  form: Mention['form'];
  actor: ActorRef | null;
}

export interface ArticleDetail extends ArticleSummary {
  text: string;
  sightings: Sighting[];
  mentions: MentionJson[];
  events: CodedEvent[];
  quotes: Quote[];
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchFacets {
  source: FacetValue[];
  actor: (FacetValue & { name: string })[];
  type: FacetValue[];
  status: FacetValue[];
  month: FacetValue[];
}

export interface SearchHitJson {
  article: ArticleSummary;
  /** Text around the matches, each match between « and ». */
  snippet: string;
  rank: number;
}

export interface SearchResponse extends Page<SearchHitJson> {
  facets: SearchFacets;
  total: number;
}

export interface ActorListItem {
  code: string;
  id: string | null;
  name: string;
  country: string | null;
  type: string;
  mentions: number;
  articles: number;
}

export interface Counterpart {
  code: string;
  name: string;
  events: number;
  cooperation: number;
  conflict: number;
}

/** Events between the actor and one counterpart in one period, by PLOVER quad class. */
export interface RelationPoint {
  period: string;
  counterpart: string;
  verbalCooperation: number;
  materialCooperation: number;
  verbalConflict: number;
  materialConflict: number;
}

export interface ActorDetail {
  actor: { code: string; name: string; country: string | null; mentions: number; articles: number };
  counterparts: Counterpart[];
  series: RelationPoint[];
  events: StoredEvent[];
  articles: ArticleSummary[];
}

export interface GraphNode {
  id: string;
  name: string;
  country: string | null;
  events: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  events: number;
  cooperation: number;
  conflict: number;
}

export interface ActorGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface Place {
  name: string;
  country: string | null;
  lat: number;
  lon: number;
  kind: 'city' | 'country';
  events: number;
  types: Record<string, number>;
}
