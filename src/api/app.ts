/**
 * The HTTP API (docs/api.md) and the dashboard's files, as one Hono app over a Store. Routes are declared
 * with zod-openapi, so one definition validates each request and documents it in /api/openapi.json.
 * `createApi` opens nothing: tests call `app.request(...)` on it; `serve` (server.ts) puts it on a socket.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { Store } from '../store/store.js';
import { CursorError, offsetCursor, type ArticleSummary } from '../store/browse.js';
import { mentionJson } from '../facts/annotate.js';
import { COLLECTIONS, exportChunks, exportFile, type Collection, type ExportFormat } from '../export/collections.js';
import { ApiError, badRequest, notFound, type ErrorBody } from './errors.js';
import { DEFAULT_LIMITS, requestLimits, type Limits } from './limits.js';
import { dashboard } from './dashboard.js';
import { EXPORT_FILTERS, exportRequest } from './exports.js';
import { P, articleQuery, codePath, eventQuery, idPath, pageOf, placeQuery, storyQuery } from './params.js';
import {
  ActorProfileSchema,
  ActorSchema,
  ArticleDetailSchema,
  ArticleSummarySchema,
  ErrorSchema,
  EventSchema,
  GraphSchema,
  PlacesSchema,
  QuoteSchema,
  SearchSchema,
  StatsSchema,
  StoryComparisonSchema,
  StorySummarySchema,
  pageSchema,
} from './schemas.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_WEB_ROOT = path.join(REPO_ROOT, 'dist', 'web');

export interface ApiOptions {
  /** The dashboard build (default dist/web of this checkout). */
  webRoot?: string;
  limits?: Partial<Limits>;
  /** Clock for the rate limit, in milliseconds (tests). */
  now?: () => number;
  /** Where unexpected errors are reported (default stderr). */
  logError?: (line: string) => void;
}

const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'sitrep',
    version: '1',
    description: 'Read-only access to a sitrep store: articles, search, facts (actors, PLOVER events, quotes), stories and exports. See docs/api.md.',
  },
} as const;

/**
 * Content-Security-Policy of the dashboard: its own scripts, styles, images and API only (the build bundles
 * everything). Styles may be inline: Mantine writes its CSS variables into a style element at run time.
 */
const DASHBOARD_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
/** The API answers data, never a page: nothing in it may load or run. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const ERROR_RESPONSES = {
  400: json(ErrorSchema, 'a malformed request: the message names the parameter'),
  404: json(ErrorSchema, 'no such item: the message names the id'),
  429: json(ErrorSchema, 'too many requests from this client'),
};

/** A GET route of the API with its query (and path) parameters and its JSON answer. */
function getRoute<Request extends { query: z.ZodObject; params?: z.ZodObject }, R extends z.ZodType>(
  apiPath: string,
  tag: string,
  summary: string,
  request: Request,
  response: R,
) {
  return createRoute({ method: 'get', path: apiPath, tags: [tag], summary, request, responses: { 200: json(response, summary), ...ERROR_RESPONSES } });
}

function validationMessage(error: ZodError): string {
  return error.issues
    .map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} (the parameters of each route are in /api/openapi.json)`
        : `${issue.path.join('.') || 'request'}: ${issue.message}`,
    )
    .join('; ');
}

function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(error.body() satisfies ErrorBody, error.status);
}

/**
 * A text stream from chunks; the first chunk (which holds the first page of rows) is read before answering,
 * so a failing query is an error object, not a cut file. A later failure ends the stream, reported once.
 */
async function streamOf(chunks: AsyncGenerator<string>, onError: (error: unknown) => void): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const first = await chunks.next();
  let pending: IteratorResult<string> | null = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await chunks.next());
        pending = null;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export function createApi(store: Store, options: ApiOptions = {}): OpenAPIHono {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const logError = options.logError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw badRequest(validationMessage(result.error));
    },
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof CursorError) return errorResponse(c, badRequest(`cursor: ${error.message}`));
    logError(`sitrep serve: ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return errorResponse(c, new ApiError(500, 'internal', `the server failed to answer ${c.req.method} ${c.req.path.slice(0, 200)}: ${error instanceof Error ? error.message : String(error)}`));
  });

  // First, so that every answer has them, the refusals of the limits and the error objects included.
  app.use('*', async (c, next) => {
    await next();
    const api = c.req.path === '/api' || c.req.path.startsWith('/api/');
    c.header('Content-Security-Policy', api ? API_POLICY : DASHBOARD_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    if (api) c.header('Cache-Control', 'no-store');
  });
  app.use('*', requestLimits(limits, options.now));

  /** Story ids for articles, from the story tables (null for articles not yet in a story). */
  const withStoryIds = async <T extends ArticleSummary>(articles: T[]) => {
    const ids = await store.browse.storyIds(articles.map((a) => a.id));
    return articles.map((a) => ({ ...a, storyId: ids.get(a.id) ?? null }));
  };

  app.openapi(getRoute('/api/openapi.json', 'meta', 'This OpenAPI 3.1 document', { query: z.strictObject({}) }, z.object({ openapi: z.string() }).passthrough()), (c) =>
    c.json(app.getOpenAPI31Document(OPENAPI_INFO), 200),
  );

  app.openapi(getRoute('/api/stats', 'meta', 'What the store holds', { query: z.strictObject({}) }, StatsSchema), async (c) => c.json(await store.browse.stats(), 200));

  const articleFilters = { since: P.since, until: P.until, source: P.outlet, actor: P.actor, type: P.type, status: P.status };
  app.openapi(
    getRoute('/api/articles', 'articles', 'Articles, newest first, without their text', { query: z.strictObject({ ...articleFilters, cursor: P.cursor, limit: P.limit }) }, pageSchema(ArticleSummarySchema, 'ArticlePage')),
    async (c) => {
      const query = c.req.valid('query');
      const page = await store.browse.articles(articleQuery(query), pageOf(query));
      return c.json({ items: await withStoryIds(page.items), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(getRoute('/api/articles/{id}', 'articles', 'One article with its text, sightings and facts', { query: z.strictObject({}), params: idPath('article') }, ArticleDetailSchema), async (c) => {
    const { id } = c.req.valid('param');
    const article = await store.getArticle(id);
    if (article === 'ambiguous') throw badRequest(`id: prefix "${id}" matches several articles; give more characters`);
    if (!article) throw notFound(`no article with id "${id}"`);
    const [sightings, mentions, events, quotes, [withStory]] = await Promise.all([
      store.sightings(article.id),
      store.mentions(article.id),
      store.browse.events({ articleId: article.id }, { limit: 100_000 }),
      store.browse.quotes({ article: article.id }, { limit: 100_000 }),
      withStoryIds([article]),
    ]);
    return c.json({ ...withStory!, sightings, mentions: mentions.map(mentionJson), events: events.items, quotes: quotes.items }, 200);
  });

  app.openapi(
    getRoute('/api/search', 'articles', 'Full-text search with filters and facets', { query: z.strictObject({ q: P.q, ...articleFilters, cursor: P.cursor, limit: P.limit }) }, SearchSchema),
    async (c) => {
      const query = c.req.valid('query');
      const result = await store.browse.search(articleQuery(query), pageOf(query));
      const articles = await withStoryIds(result.items.map((i) => i.article));
      return c.json({ ...result, items: result.items.map((item, i) => ({ ...item, article: articles[i]! })) }, 200);
    },
  );

  const eventFilters = { actor: P.actor, source: P.source, target: P.target, type: P.type, status: P.status, since: P.since, until: P.until, article: P.article };
  app.openapi(
    getRoute('/api/events', 'facts', 'PLOVER events, latest first; codes match as prefixes', { query: z.strictObject({ ...eventFilters, cursor: P.cursor, limit: P.limit }) }, pageSchema(EventSchema, 'EventPage')),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(await store.browse.events(eventQuery(query), pageOf(query)), 200);
    },
  );

  app.openapi(
    getRoute('/api/quotes', 'facts', 'Quotes, newest article first', { query: z.strictObject({ speaker: P.speaker, article: P.article, cursor: P.cursor, limit: P.limit }) }, pageSchema(QuoteSchema, 'QuotePage')),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(await store.browse.quotes({ speaker: query.speaker, article: query.article }, pageOf(query)), 200);
    },
  );

  app.openapi(
    getRoute('/api/actors', 'actors', 'Actors mentioned, most mentioned first', { query: z.strictObject({ q: P.actorQuery, cursor: P.cursor, limit: P.limit }) }, pageSchema(ActorSchema, 'ActorPage')),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(await store.browse.actors({ q: query.q }, pageOf(query)), 200);
    },
  );

  app.openapi(
    getRoute('/api/actors/{code}', 'actors', 'An actor: counterparts, cooperation and conflict over time, events, articles', { query: z.strictObject({ period: P.period, level: P.level }), params: codePath }, ActorProfileSchema),
    async (c) => {
      const code = c.req.valid('param').code.toUpperCase();
      const query = c.req.valid('query');
      const profile = await store.browse.actor(code, { period: query.period ?? 'month', level: query.level ?? 'country' });
      if (!profile) throw notFound(`no actor with code "${code}": no mention or event in the store has a code starting with it`);
      return c.json({ ...profile, articles: await withStoryIds(profile.articles) }, 200);
    },
  );

  app.openapi(
    getRoute('/api/graph', 'actors', 'Relation graph of actors: edges weighted by events, split into cooperation and conflict', { query: z.strictObject({ since: P.since, until: P.until, minEvents: P.minEvents, level: P.level }) }, GraphSchema),
    async (c) => {
      const query = c.req.valid('query');
      const graph = await store.browse.graph({ ...placeQuery(query), minEvents: query.minEvents ? Number(query.minEvents) : 1, level: query.level ?? 'country' });
      return c.json(graph, 200);
    },
  );

  app.openapi(getRoute('/api/places', 'facts', 'Event locations for the map', { query: z.strictObject({ since: P.since, until: P.until, type: P.type }) }, PlacesSchema), async (c) => {
    const query = c.req.valid('query');
    return c.json({ items: await store.browse.places(placeQuery(query)) }, 200);
  });

  app.openapi(
    getRoute('/api/stories', 'stories', 'Stories, most recently active first', { query: z.strictObject({ since: P.since, actor: P.actor, cursor: P.cursor, limit: P.limit }) }, pageSchema(StorySummarySchema, 'StoryPage')),
    async (c) => {
      const query = c.req.valid('query');
      const { limit } = pageOf(query);
      const offset = offsetCursor.read('stories', query.cursor);
      const stories = await store.stories.list({ ...storyQuery(query), limit: limit + 1, offset });
      const more = stories.length > limit;
      return c.json({ items: stories.slice(0, limit), nextCursor: more ? offsetCursor.write('stories', offset + limit) : null }, 200);
    },
  );

  app.openapi(getRoute('/api/stories/{id}', 'stories', 'One story compared across its sources', { query: z.strictObject({}), params: idPath('story') }, StoryComparisonSchema), async (c) => {
    const { id } = c.req.valid('param');
    const story = await store.stories.comparison(id);
    if (story === 'ambiguous') throw badRequest(`id: prefix "${id}" matches several stories; give more characters`);
    if (!story) throw notFound(`no story with id "${id}"`);
    return c.json(story, 200);
  });

  const exportRoute = (collection: Collection, format: ExportFormat, extension: 'csv' | 'jsonl', summary: string) => {
    const { contentType } = exportFile({ collection, format });
    const route = createRoute({
      method: 'get',
      path: `/api/export/${collection}.${extension}`,
      tags: ['exports'],
      summary,
      request: { query: EXPORT_FILTERS[collection] },
      responses: { 200: { content: { [contentType.split(';')[0]!]: { schema: z.string() } }, description: summary }, ...ERROR_RESPONSES },
    });
    app.openapi(route, async (c) => {
      const request = exportRequest(collection, format, c.req.valid('query') as never);
      const file = exportFile(request);
      const failed = (error: unknown) => logError(`sitrep serve: ${c.req.method} ${c.req.path}: export cut short: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return c.body(await streamOf(exportChunks(store, request), failed), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
      });
    });
  };
  exportRoute('events', 'gdelt', 'csv', 'Events in the GDELT 2.0 event table layout (61 columns, comma-separated, header row)');
  for (const collection of COLLECTIONS) exportRoute(collection, 'jsonl', 'jsonl', `All ${collection} matching the filters, as JSON Lines`);

  const noRoute = (c: Context) => errorResponse(c, notFound(`no API route ${c.req.method} ${c.req.path.slice(0, 200)}; the routes are listed in /api/openapi.json`));
  app.get('/api', noRoute);
  app.get('/api/*', noRoute);
  app.get('*', dashboard(options.webRoot ?? DEFAULT_WEB_ROOT));
  return app;
}
