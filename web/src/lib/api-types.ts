/**
 * The shapes the HTTP API returns (docs/api.md), taken from the engine's own types: the store's browse
 * results, the facts, the stories. A change to a field there breaks the dashboard's type check instead
 * of its pages. The API adds `storyId` to the articles it lists.
 */
import type { ErrorCode } from '../../../src/api/errors.js';
import type { ActorRef, CodedEvent, mentionJson, Quote } from '../../../src/facts/annotate.js';
import type {
  ActorProfile,
  ArticleSummary as StoredArticleSummary,
  Graph,
  Page,
  PlaceCount,
  SearchFacets,
  SearchItem,
  SeriesPoint,
  StoreStats,
} from '../../../src/store/browse.js';
import type { Sighting, StoredEvent, StoredQuote } from '../../../src/store/store.js';

export type { ActorRef, CodedEvent, Page, Quote, SearchFacets, Sighting, StoredEvent, StoredQuote };
export type { Counterpart } from '../../../src/store/browse.js';
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

export type ApiErrorCode = ErrorCode;

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export type Stats = StoreStats;
export type ArticleSummary = StoredArticleSummary & { storyId: string | null };

/** A mention as `show --json` writes it: `{span: {start, end}, text, type, form, actor}`. */
export type MentionJson = ReturnType<typeof mentionJson>;

export interface ArticleDetail extends ArticleSummary {
  text: string;
  sightings: Sighting[];
  mentions: MentionJson[];
  events: CodedEvent[];
  quotes: Quote[];
}

/** A search hit; its snippet marks each match between « and ». */
export type SearchHit = Omit<SearchItem, 'article'> & { article: ArticleSummary };

export interface SearchResponse extends Page<SearchHit> {
  facets: SearchFacets;
  total: number;
}

export type ActorDetail = ActorProfile;
/** Events between the actor and one counterpart in one period, by PLOVER quad class. */
export type RelationPoint = SeriesPoint;
export type ActorGraph = Graph;
export type GraphNode = Graph['nodes'][number];
export type GraphEdge = Graph['edges'][number];
export type Place = PlaceCount;
