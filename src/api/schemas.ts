/**
 * Response shapes for the OpenAPI document. They name the fields clients rely on; objects that carry more
 * (a stored event's spans, a story comparison's parts) list their main fields and keep the rest as stored.
 */
import { z } from '@hono/zod-openapi';

const nullableString = z.string().nullable();
const span = z.object({ start: z.number().int(), end: z.number().int() });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(['bad_request', 'not_found', 'too_large', 'rate_limited', 'internal']),
      message: z.string().openapi({ example: 'limit: must be a whole number from 1 to 500, got "100000"' }),
    }),
  })
  .openapi('Error');

export const ActorRefSchema = z
  .object({ code: nullableString, id: nullableString, name: z.string(), country: nullableString, role: nullableString })
  .openapi('ActorRef');

const articleFields = {
  id: z.string(),
  externalId: nullableString,
  url: nullableString,
  source: nullableString,
  title: nullableString,
  published: nullableString.openapi({ description: 'ISO 8601, with time and offset when known' }),
  updated: nullableString,
  language: nullableString,
  byline: nullableString,
};
export const ArticleSummarySchema = z.object({ ...articleFields, storyId: nullableString }).openapi('ArticleSummary');

export const EventSchema = z
  .object({
    articleId: z.string(),
    ordinal: z.number().int().openapi({ description: 'position of the event in its article' }),
    outlet: nullableString,
    published: nullableString,
    type: z.string(),
    mode: nullableString,
    cameo: z.string(),
    cameoRoot: z.string(),
    quadClass: z.number().int().openapi({ description: '1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict' }),
    source: ActorRefSchema,
    targets: z.array(ActorRefSchema),
    date: z.object({ value: z.string(), precision: z.string(), text: z.string(), start: z.number(), end: z.number() }).nullable(),
    location: z
      .object({ text: z.string(), start: z.number(), end: z.number(), place: z.object({ name: z.string(), country: z.string(), lat: z.number(), lon: z.number(), kind: z.string() }) })
      .nullable(),
    status: z.string(),
    attribution: ActorRefSchema.nullable(),
    sentence: span,
    span,
    trigger: span.extend({ text: z.string() }),
  })
  .openapi('Event');

const textSpan = span.extend({ text: z.string() });
export const QuoteSchema = z
  .object({
    articleId: z.string(),
    ordinal: z.number().int(),
    outlet: nullableString,
    published: nullableString,
    speaker: textSpan.extend({ actor: ActorRefSchema.nullable(), name: nullableString, role: nullableString }),
    cue: textSpan,
    quote: textSpan,
    direct: z.boolean(),
    venue: textSpan.extend({ organization: nullableString }).nullable(),
    audience: textSpan.nullable(),
    date: z.object({ value: z.string(), precision: z.string() }).nullable(),
    status: z.string(),
    sentence: span,
  })
  .openapi('Quote');

export const MentionSchema = z
  .object({ span, text: z.string(), type: z.string(), form: z.string(), actor: ActorRefSchema.nullable() })
  .openapi('Mention');

export const SightingSchema = z.object({
  url: nullableString,
  source: nullableString,
  externalId: nullableString,
  origin: z.object({ file: z.string(), record: z.string().optional() }),
  seenAt: z.string(),
});

export const ArticleDetailSchema = z
  .object({
    ...articleFields,
    text: z.string(),
    origin: z.object({ file: z.string(), record: z.string().optional() }),
    storyId: nullableString,
    sightings: z.array(SightingSchema),
    mentions: z.array(MentionSchema),
    events: z.array(EventSchema),
    quotes: z.array(QuoteSchema),
  })
  .openapi('Article');

export const ActorSchema = z
  .object({ code: nullableString, id: nullableString, name: z.string(), country: nullableString, type: z.string(), mentions: z.number().int(), articles: z.number().int() })
  .openapi('Actor');

const facet = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const SearchSchema = z
  .object({
    items: z.array(z.object({ article: ArticleSummarySchema, snippet: z.string(), rank: z.number() })),
    facets: z.object({
      source: facet,
      actor: z.array(z.object({ value: z.string(), name: z.string(), count: z.number().int() })),
      type: facet,
      status: facet,
      month: facet,
    }),
    total: z.number().int().openapi({ description: 'articles matching, over all pages' }),
    nextCursor: nullableString,
  })
  .openapi('SearchResult');

const quadCounts = { events: z.number().int(), cooperation: z.number().int(), conflict: z.number().int() };
export const ActorProfileSchema = z
  .object({
    actor: z.object({ code: z.string(), name: z.string(), country: nullableString, mentions: z.number().int(), articles: z.number().int() }),
    counterparts: z.array(z.object({ code: z.string(), name: z.string(), ...quadCounts })),
    series: z.array(
      z.object({
        period: z.string().openapi({ description: 'YYYY-MM, or the Monday YYYY-MM-DD of an ISO week' }),
        counterpart: z.string(),
        verbalCooperation: z.number().int(),
        materialCooperation: z.number().int(),
        verbalConflict: z.number().int(),
        materialConflict: z.number().int(),
      }),
    ),
    events: z.array(EventSchema),
    articles: z.array(ArticleSummarySchema),
  })
  .openapi('ActorProfile');

export const GraphSchema = z
  .object({
    nodes: z.array(z.object({ id: z.string(), name: z.string(), country: nullableString, events: z.number().int() })),
    edges: z.array(z.object({ source: z.string(), target: z.string(), ...quadCounts })),
  })
  .openapi('Graph');

export const PlacesSchema = z
  .object({
    items: z.array(
      z.object({ name: z.string(), country: nullableString, lat: z.number(), lon: z.number(), kind: z.string(), events: z.number().int(), types: z.record(z.string(), z.number().int()) }),
    ),
  })
  .openapi('Places');

export const StatsSchema = z
  .object({
    articles: z.number().int(),
    sightings: z.number().int(),
    events: z.number().int(),
    quotes: z.number().int(),
    stories: z.number().int(),
    outlets: z.number().int(),
    first: nullableString,
    last: nullableString,
  })
  .openapi('Stats');

const storyArticle = z.object({ id: z.string(), externalId: nullableString, url: nullableString, source: nullableString, title: nullableString, published: nullableString, copyOf: z.string().optional() });
const storySummaryFields = {
  id: z.string(),
  title: z.string(),
  first: nullableString,
  last: nullableString,
  articleCount: z.number().int(),
  outletCount: z.number().int(),
  articles: z.array(storyArticle),
  actors: z.array(z.object({ code: nullableString, name: z.string(), country: nullableString, mentions: z.number().int(), outlets: z.number().int() })),
  events: z.array(z.object({ type: z.string(), source: z.string(), targets: z.array(z.string()), date: nullableString, outlets: z.number().int() })),
};
export const StorySummarySchema = z.object(storySummaryFields).openapi('StorySummary');

const evidence = z.object({
  articleId: z.string(),
  outlet: nullableString,
  published: nullableString,
  sentence: span,
  text: z.string(),
  status: z.string(),
  copyOf: z.string().optional(),
});
export const StoryComparisonSchema = z
  .object({
    ...storySummaryFields,
    timeline: z.array(
      z.object({ type: z.string(), cameo: z.string(), quadClass: z.number().int(), source: ActorRefSchema, targets: z.array(ActorRefSchema), corroboration: z.number().int(), outlets: z.array(z.string()), evidence: z.array(evidence) }),
    ),
    quotes: z.array(z.object({ speaker: z.object({ name: z.string(), code: nullableString }), quote: z.string(), direct: z.boolean(), corroboration: z.number().int(), evidence: z.array(evidence) })),
    disagreements: z.array(
      z.object({ kind: z.string(), subject: z.string(), a: evidence.extend({ value: z.string() }), b: evidence.extend({ value: z.string() }) }),
    ),
    outlets: z.array(z.object({ outlet: z.string(), articles: z.number().int(), hedgedShare: z.number(), reportedShare: z.number(), tone: z.number() })),
    toneLexicon: z.string(),
  })
  .openapi('StoryComparison');

export const pageSchema = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: nullableString.openapi({ description: 'pass as `cursor` for the next page; null on the last' }) }).openapi(name);
