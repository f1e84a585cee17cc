/**
 * Read-only queries for the HTTP API and the dashboard: cursor pages, search facets, actor relations,
 * places and export streams. Every value is a bound parameter; the only SQL put together here is fixed
 * fragments chosen by which filters are present. The same statements run on PGlite and PostgreSQL.
 *
 * Lists page by keyset (the last row's sort key, never an OFFSET that rescans and shifts under inserts),
 * except lists of aggregates (actors), whose rows have no stable key: there the cursor holds a position.
 * Cursors are opaque to callers: base64url JSON naming the list they belong to.
 */
import { factOf, type Sql } from './sql.js';
import type { Article } from '../article/types.js';
import type { CodedEvent, Mention, Quote } from '../facts/annotate.js';
import type { ActorCount, EventFilter, StoredEvent, StoredQuote } from './store.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An article as lists show it: everything but the text and the local origin. */
export type ArticleSummary = Omit<Article, 'text' | 'origin'>;

/**
 * Article filters. `since` and `until` are instants (ISO 8601, `until` exclusive); `actor` is a CAMEO code
 * prefix the article mentions; `type` and `status` ask for one event of the article having both.
 */
export interface ArticleQuery {
  q?: string;
  since?: string;
  until?: string;
  source?: string;
  actor?: string;
  type?: string;
  status?: string;
}

/**
 * Event filters, as `sitrep events` has them (Store.events): codes match as prefixes, `actor` is the source
 * or a target; `since` and `until` are days (YYYY-MM-DD, both inclusive) compared with the event's date
 * where the text gives one, else the article's publication day.
 */
export type EventQuery = Omit<EventFilter, 'limit'>;

export interface QuoteQuery {
  /** Part of the speaker's name (any case) or a code prefix. */
  speaker?: string;
  article?: string;
}

export interface MentionQuery {
  article?: string;
  actor?: string;
}

/** A stored event with its key: the article and its position there. */
export type BrowsedEvent = StoredEvent & { ordinal: number };
export type BrowsedQuote = StoredQuote & { ordinal: number };
export type BrowsedMention = { articleId: string } & ReturnType<typeof mentionJson>;

export interface FacetCount {
  value: string;
  count: number;
}
export interface SearchFacets {
  source: FacetCount[];
  actor: Array<FacetCount & { name: string }>;
  type: FacetCount[];
  status: FacetCount[];
  month: FacetCount[];
}
export interface SearchItem {
  article: ArticleSummary;
  snippet: string;
  rank: number;
}
export interface SearchResult extends Page<SearchItem> {
  total: number;
  facets: SearchFacets;
}

/** Actors in the relation queries: at country level (first three letters of the code) or as coded. */
export type ActorLevel = 'country' | 'code';
export type Period = 'week' | 'month';

export interface Counterpart {
  code: string;
  name: string;
  events: number;
  cooperation: number;
  conflict: number;
}
export interface SeriesPoint {
  /** `YYYY-MM` for months, the Monday `YYYY-MM-DD` for weeks. */
  period: string;
  counterpart: string;
  verbalCooperation: number;
  materialCooperation: number;
  verbalConflict: number;
  materialConflict: number;
}
export interface ActorProfile {
  actor: { code: string; name: string; country: string | null; mentions: number; articles: number };
  counterparts: Counterpart[];
  series: SeriesPoint[];
  events: BrowsedEvent[];
  articles: ArticleSummary[];
}

export interface Graph {
  nodes: Array<{ id: string; name: string; country: string | null; events: number }>;
  edges: Array<{ source: string; target: string; events: number; cooperation: number; conflict: number }>;
}

export interface PlaceCount {
  name: string;
  country: string | null;
  lat: number;
  lon: number;
  kind: string;
  events: number;
  types: Record<string, number>;
}

export interface StoreStats {
  articles: number;
  sightings: number;
  events: number;
  quotes: number;
  stories: number;
  outlets: number;
  first: string | null;
  last: string | null;
}

/** What exports need of an event's article beyond the event row. */
export interface ArticleContext {
  url: string | null;
  text: string;
  /** When sitrep stored it, UTC, as YYYYMMDDHHMMSS (GDELT's DATEADDED). */
  addedAt: string;
}

/** A cursor that this store did not give out for this list, or that was tampered with. */
export class CursorError extends Error {}

const MAX_OFFSET = 10_000_000;
const INT4_MAX = 2_147_483_647;
/** How many values a facet lists at most (its counts stay over all matches). */
const FACET_SIZE = { source: 50, actor: 30, type: 16, status: 6, month: 120 } as const;
/** Relation, series and map queries leave out denied events: the text says they did not happen. */
const HAPPENED = `e.status <> 'denied'`;

const TIMESTAMP_KEY = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
type CursorField = 'timestamp?' | 'text?' | 'id' | 'int' | 'number';
type CursorValue<F extends CursorField> = F extends 'timestamp?' | 'text?' ? string | null : F extends 'id' ? string : number;
type CursorOf<S extends Record<string, CursorField>> = { [K in keyof S]: CursorValue<S[K]> };

function fieldOk(kind: CursorField, value: unknown): boolean {
  switch (kind) {
    case 'timestamp?':
      return value === null || (typeof value === 'string' && TIMESTAMP_KEY.test(value));
    case 'text?':
      return value === null || (typeof value === 'string' && value.length <= 40);
    case 'id':
      return typeof value === 'string' && value.length > 0 && value.length <= 200;
    case 'int':
      return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= INT4_MAX;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/** One list's cursor: what its fields are, and how to write and read it back safely. */
class CursorCodec<S extends Record<string, CursorField>> {
  constructor(
    private readonly list: string,
    private readonly shape: S,
  ) {}

  encode(values: CursorOf<S>): string {
    return Buffer.from(JSON.stringify({ list: this.list, ...values })).toString('base64url');
  }

  decode(cursor: string | undefined): CursorOf<S> | null {
    if (cursor === undefined) return null;
    let parsed: unknown;
    try {
      if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw new CursorError(`cursor "${cursor.slice(0, 40)}" is not a cursor this API gave out`);
    }
    const record = parsed as Record<string, unknown>;
    const valid =
      typeof parsed === 'object' &&
      parsed !== null &&
      record.list === this.list &&
      Object.entries(this.shape).every(([key, kind]) => fieldOk(kind, record[key]));
    if (!valid) throw new CursorError(`cursor "${cursor.slice(0, 40)}" does not belong to this list (${this.list})`);
    return record as CursorOf<S>;
  }
}

const CURSORS = {
  articles: new CursorCodec('articles', { at: 'timestamp?', id: 'id' }),
  search: new CursorCodec('search', { rank: 'number', at: 'timestamp?', id: 'id' }),
  events: new CursorCodec('events', { key: 'text?', article: 'id', ordinal: 'int' }),
  quotes: new CursorCodec('quotes', { key: 'timestamp?', article: 'id', ordinal: 'int' }),
  mentions: new CursorCodec('mentions', { article: 'id', start: 'int' }),
  actors: new CursorCodec('actors', { offset: 'int' }),
  stories: new CursorCodec('stories', { offset: 'int' }),
};

/** A position in a list of aggregates (actors, stories), as a cursor. */
export const offsetCursor = {
  read(list: 'actors' | 'stories', cursor: string | undefined): number {
    const offset = CURSORS[list].decode(cursor)?.offset ?? 0;
    if (offset > MAX_OFFSET) throw new CursorError(`cursor is past the end of the list (${list})`);
    return offset;
  },
  write: (list: 'actors' | 'stories', offset: number): string => CURSORS[list].encode({ offset }),
};

/** Bound parameters of one statement: `bind` returns the placeholder for a value. */
class Params {
  readonly values: unknown[] = [];
  bind(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** Whether a code column starts with a bound code (codes hold no LIKE wildcards, but users may send them). */
function codePrefix(column: string, placeholder: string): string {
  return `left(${column}, length(${placeholder})) = ${placeholder}`;
}

/**
 * Rows after a cursor in the order `key DESC NULLS LAST, tiebreak…` (ascending): a keyset condition.
 * `key` null in the cursor means the walk has reached the rows without a key.
 */
function keysetAfter(key: string, tiebreak: string[], cursorKey: string | null, cursorTie: unknown[], p: Params, cast: string): string {
  const tie = `(${tiebreak.join(', ')}) > (${cursorTie.map((v) => p.bind(v)).join(', ')})`;
  if (cursorKey === null) return `(${key} IS NULL AND ${tie})`;
  const k = p.bind(cursorKey, cast);
  return `(${key} < ${k} OR (${key} = ${k} AND ${tie}) OR ${key} IS NULL)`;
}

const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
/** The sort key of an article as a cursor value: microseconds, UTC, so it reads back exactly. */
const SORT_AT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** An event's day: its own date where the text gives one, else its article's publication day. */
const EVENT_DAY = `coalesce(e.event_date, left(a.published, 10))`;

const SUMMARY_FIELDS = ['id', 'externalId', 'url', 'source', 'title', 'published', 'updated', 'language', 'byline'] as const satisfies ReadonlyArray<keyof ArticleSummary>;
/** An article's list columns, named as ArticleSummary names them, so a row is a summary as it comes. */
const SUMMARY_COLUMNS = SUMMARY_FIELDS.map((f) => `a.${f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} AS "${f}"`).join(', ');
/** A row of SUMMARY_COLUMNS and more (cursor keys, rank), as the summary alone. */
const toSummary = (row: ArticleSummary): ArticleSummary => Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, row[f]])) as ArticleSummary;

/** A stored event or quote row with its article's outlet and date. */
interface FactRow<T> {
  article_id: string;
  ordinal: number;
  fact: T | string;
  published: string | null;
  source: string | null;
}
const factItem = <T>(r: FactRow<T>) => ({ articleId: r.article_id, ordinal: r.ordinal, outlet: r.source, published: r.published, ...factOf<T>(r.fact) });

function mentionJson(m: { start_pos: number; end_pos: number; text: string; type: string; form: string; code: string | null; actor_id: string | null; actor_name: string | null; country: string | null; role: string | null }) {
  return {
    span: { start: m.start_pos, end: m.end_pos },
    text: m.text,
    type: m.type as Mention['type'],
    form: m.form as Mention['form'],
    actor: m.actor_name === null ? null : { code: m.code, id: m.actor_id, name: m.actor_name, country: m.country, role: m.role },
  };
}

/** Conditions on one event row `e` for its type and status. */
function eventKindConditions(f: { type?: string; status?: string }, p: Params): string[] {
  const conditions: string[] = [];
  if (f.type) conditions.push(`e.type = ${p.bind(f.type)}`);
  if (f.status) conditions.push(`e.status = ${p.bind(f.status)}`);
  return conditions;
}

/** Conditions on an article row `a` (the search condition is the caller's). */
function articleConditions(f: ArticleQuery, p: Params): string[] {
  const conditions: string[] = [];
  if (f.since) conditions.push(`a.published_at >= ${p.bind(f.since, '::timestamptz')}`);
  if (f.until) conditions.push(`a.published_at < ${p.bind(f.until, '::timestamptz')}`);
  if (f.source) conditions.push(`lower(a.source) = lower(${p.bind(f.source, '::text')})`);
  if (f.actor) conditions.push(`EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND ${codePrefix('m.code', p.bind(f.actor, '::text'))})`);
  const kind = eventKindConditions(f, p);
  if (kind.length) conditions.push(`EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND ${kind.join(' AND ')})`);
  return conditions;
}

/** Conditions on an event row `e` joined with its article `a`. */
function eventConditions(f: EventQuery, p: Params): string[] {
  const conditions = eventKindConditions(f, p);
  const anyTarget = (code: string) => `EXISTS (SELECT 1 FROM unnest(e.target_codes) AS t(code) WHERE ${codePrefix('t.code', code)})`;
  if (f.actor) {
    const code = p.bind(f.actor, '::text');
    conditions.push(`(${codePrefix('e.source_code', code)} OR ${anyTarget(code)})`);
  }
  if (f.source) conditions.push(codePrefix('e.source_code', p.bind(f.source, '::text')));
  if (f.target) conditions.push(anyTarget(p.bind(f.target, '::text')));
  if (f.articleId) conditions.push(`e.article_id = ${p.bind(f.articleId)}`);
  if (f.since) conditions.push(`${EVENT_DAY} >= ${p.bind(f.since, '::text')}`);
  if (f.until) conditions.push(`left(${EVENT_DAY}, 10) <= ${p.bind(f.until, '::text')}`);
  return conditions;
}

/** The two ends of every event with a target, one row per target, at the chosen level. */
function pairsCte(f: Pick<EventQuery, 'since' | 'until'>, level: ActorLevel, period: Period, p: Params): string {
  const key = (column: string) => (level === 'country' ? `left(${column}, 3)` : column);
  const publishedDay = `to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  // An event dated less precisely than the period asks is placed by its article's publication.
  const periodOf =
    period === 'month'
      ? `CASE WHEN length(e.event_date) >= 7 THEN left(e.event_date, 7) ELSE left(${publishedDay}, 7) END`
      : `to_char(date_trunc('week', (CASE WHEN length(e.event_date) = 10 THEN e.event_date ELSE ${publishedDay} END)::date), 'YYYY-MM-DD')`;
  return `pairs AS (
    SELECT e.article_id || ':' || e.ordinal AS event, (e.fact->>'quadClass')::int AS quad, ${periodOf} AS period,
           e.source_code AS src, t.code AS tgt, ${key('e.source_code')} AS src_key, ${key('t.code')} AS tgt_key
    FROM events e JOIN articles a ON a.id = e.article_id CROSS JOIN LATERAL unnest(e.target_codes) AS t(code)
    ${where([HAPPENED, `e.source_code <> ''`, `t.code <> ''`, ...eventConditions(f, p)])})`;
}

/** Counts of distinct events by PLOVER quad class (1, 2 verbal and material cooperation; 3, 4 conflict). */
const QUAD_COUNTS = `count(DISTINCT event)::int AS events,
  count(DISTINCT event) FILTER (WHERE quad IN (1, 2))::int AS cooperation,
  count(DISTINCT event) FILTER (WHERE quad IN (3, 4))::int AS conflict`;

export class Browse {
  constructor(private readonly sql: Sql) {}

  /** Articles newest first (undated last), without their text. */
  async articles(filter: ArticleQuery, page: { cursor?: string; limit: number }): Promise<Page<ArticleSummary>> {
    const p = new Params();
    const conditions = articleConditions(filter, p);
    const after = CURSORS.articles.decode(page.cursor);
    if (after) conditions.push(keysetAfter('a.published_at', ['a.id'], after.at, [after.id], p, '::timestamptz'));
    const rows = await this.sql.query<ArticleSummary & { sort_at: string | null }>(
      `SELECT ${SUMMARY_COLUMNS}, ${SORT_AT('a.published_at')} AS sort_at FROM articles a ${where(conditions)}
       ORDER BY a.published_at DESC NULLS LAST, a.id LIMIT ${p.bind(page.limit + 1)}`,
      p.values,
    );
    return this.pageOf(rows, page.limit, toSummary, (last) => CURSORS.articles.encode({ at: last.sort_at, id: last.id }));
  }

  /** Full articles (with text and origin) for exports, in the order and filters of `articles`. */
  async fullArticles(filter: ArticleQuery, page: { cursor?: string; limit: number }): Promise<Page<Article>> {
    const summaries = await this.articles(filter, page);
    const rows = await this.forIds<{ id: string; text: string; origin_file: string; origin_record: string | null }>(
      `SELECT id, text, origin_file, origin_record FROM articles WHERE id = ANY($1::text[])`,
      summaries.items.map((a) => a.id),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = summaries.items.map((a) => {
      const row = byId.get(a.id)!;
      return { ...a, text: row.text, origin: row.origin_record ? { file: row.origin_file, record: row.origin_record } : { file: row.origin_file } };
    });
    return { items, nextCursor: summaries.nextCursor };
  }

  /**
   * Full-text search (web-search syntax) with the article filters, best match first; an empty query lists
   * the filtered articles newest first. `total` and the facets count every matching article, not the page.
   */
  async search(filter: ArticleQuery, page: { cursor?: string; limit: number }): Promise<SearchResult> {
    const text = filter.q?.trim() ?? '';
    const matched = (p: Params) => {
      const conditions = articleConditions(filter, p);
      if (!text) return { from: 'articles a', rank: '0::float8', conditions, query: '' };
      const query = `WITH q AS (SELECT websearch_to_tsquery('english', ${p.bind(text, '::text')}) || websearch_to_tsquery('simple', ${p.bind(text, '::text')}) AS query)`;
      return { from: 'articles a, q', rank: 'ts_rank_cd(a.search, q.query)::float8', conditions: [...conditions, 'a.search @@ q.query'], query };
    };

    const p = new Params();
    const m = matched(p);
    const after = CURSORS.search.decode(page.cursor);
    const keyset = after ? [`(rank < ${p.bind(after.rank, '::float8')} OR (rank = ${p.bind(after.rank, '::float8')} AND ${keysetAfter('published_at', ['id'], after.at, [after.id], p, '::timestamptz')}))`] : [];
    const snippet = text
      ? `ts_headline('english', a.text, q.query, 'MaxFragments=2, MaxWords=18, MinWords=6, StartSel=«, StopSel=»')`
      : `left(a.text, 240)`;
    const rows = await this.sql.query<ArticleSummary & { sort_at: string | null; rank: number; snippet: string }>(
      `${m.query}${m.query ? ',' : 'WITH'} matched AS (
         SELECT a.id, a.published_at, ${m.rank} AS rank FROM ${m.from} ${where(m.conditions)})
       SELECT ${SUMMARY_COLUMNS}, ${SORT_AT('x.published_at')} AS sort_at, x.rank, ${snippet} AS snippet
       FROM (SELECT * FROM matched ${where(keyset)} ORDER BY rank DESC, published_at DESC NULLS LAST, id LIMIT ${p.bind(page.limit + 1)}) x
       JOIN articles a ON a.id = x.id ${text ? ', q' : ''}
       ORDER BY x.rank DESC, x.published_at DESC NULLS LAST, x.id`,
      p.values,
    );
    const result = this.pageOf(
      rows,
      page.limit,
      (r) => ({ article: toSummary(r), snippet: r.snippet, rank: Number(r.rank) }),
      (last) => CURSORS.search.encode({ rank: Number(last.rank), at: last.sort_at, id: last.id }),
    );

    const fp = new Params();
    const fm = matched(fp);
    const kind = eventKindConditions(filter, fp);
    const facet = (name: keyof SearchFacets, select: string) => `(SELECT '${name}' AS facet, value, count FROM (${select}) f ORDER BY count DESC, value LIMIT ${FACET_SIZE[name]})`;
    // The actor facet counts an article under a code when it mentions any code starting with it, as the
    // actor filter matches: choosing a value then gives exactly its count.
    const facets = await this.sql.query<{ facet: keyof SearchFacets | 'total'; value: string; count: number }>(
      `${fm.query}${fm.query ? ',' : 'WITH'} matched AS (SELECT a.id, a.source, a.published_at FROM ${fm.from} ${where(fm.conditions)}),
       codes AS (SELECT DISTINCT m.article_id, m.code FROM mentions m JOIN matched x ON x.id = m.article_id WHERE m.code IS NOT NULL)
       SELECT 'total' AS facet, '' AS value, count(*)::int AS count FROM matched
       UNION ALL ${facet('source', `SELECT min(source) AS value, count(*)::int AS count FROM matched WHERE source IS NOT NULL GROUP BY lower(source)`)}
       UNION ALL ${facet('actor', `SELECT c.code AS value, count(DISTINCT d.article_id)::int AS count FROM (SELECT DISTINCT code FROM codes) c JOIN codes d ON left(d.code, length(c.code)) = c.code GROUP BY c.code`)}
       UNION ALL ${facet('type', `SELECT e.type AS value, count(DISTINCT e.article_id)::int AS count FROM events e JOIN matched x ON x.id = e.article_id ${where(kind)} GROUP BY e.type`)}
       UNION ALL ${facet('status', `SELECT e.status AS value, count(DISTINCT e.article_id)::int AS count FROM events e JOIN matched x ON x.id = e.article_id ${where(kind)} GROUP BY e.status`)}
       UNION ALL ${facet('month', `SELECT to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM') AS value, count(*)::int AS count FROM matched WHERE published_at IS NOT NULL GROUP BY 1`)}`,
      fp.values,
    );
    const grouped: SearchFacets = { source: [], actor: [], type: [], status: [], month: [] };
    let total = 0;
    for (const row of facets) {
      if (row.facet === 'total') total = row.count;
      else if (row.facet === 'actor') grouped.actor.push({ value: row.value, name: '', count: row.count });
      else grouped[row.facet].push({ value: row.value, count: row.count });
    }
    const names = await this.actorNames(grouped.actor.map((a) => a.value));
    for (const a of grouped.actor) a.name = names.get(a.value)?.name ?? a.value;
    grouped.month.sort((x, y) => x.value.localeCompare(y.value));
    return { ...result, total, facets: grouped };
  }

  /** Stored events, latest day first; filters as `sitrep events`. */
  events(filter: EventQuery, page: { cursor?: string; limit: number }): Promise<Page<BrowsedEvent>> {
    const p = new Params();
    return this.factPage<CodedEvent>('events', { order: EVENT_DAY, value: EVENT_DAY, cast: '::text' }, eventConditions(filter, p), p, page);
  }

  /** Quotes, newest article first. */
  quotes(filter: QuoteQuery, page: { cursor?: string; limit: number }): Promise<Page<BrowsedQuote>> {
    const p = new Params();
    const conditions: string[] = [];
    if (filter.speaker) {
      const speaker = p.bind(filter.speaker, '::text');
      conditions.push(`(${codePrefix('q.speaker_code', `upper(${speaker})`)} OR strpos(lower(q.speaker_name), lower(${speaker})) > 0)`);
    }
    if (filter.article) conditions.push(`q.article_id = ${p.bind(filter.article)}`);
    return this.factPage<Quote>('quotes', { order: 'a.published_at', value: SORT_AT('a.published_at'), cast: '::timestamptz' }, conditions, p, page);
  }

  /**
   * A page of facts (rows `e` of events or `q` of quotes, joined with their article `a`) in the order
   * `sort DESC NULLS LAST, article, position`, after the page's cursor.
   */
  private async factPage<T>(
    table: 'events' | 'quotes',
    sort: { order: string; value: string; cast: string },
    conditions: string[],
    p: Params,
    page: { cursor?: string; limit: number },
  ) {
    const f = table === 'events' ? 'e' : 'q';
    const after = CURSORS[table].decode(page.cursor);
    if (after) conditions.push(keysetAfter(sort.order, [`${f}.article_id`, `${f}.ordinal`], after.key, [after.article, after.ordinal], p, sort.cast));
    const rows = await this.sql.query<FactRow<T> & { sort_key: string | null }>(
      `SELECT ${f}.article_id, ${f}.ordinal, ${f}.fact, a.published, a.source, ${sort.value} AS sort_key
       FROM ${table} ${f} JOIN articles a ON a.id = ${f}.article_id ${where(conditions)}
       ORDER BY ${sort.order} DESC NULLS LAST, ${f}.article_id, ${f}.ordinal LIMIT ${p.bind(page.limit + 1)}`,
      p.values,
    );
    return this.pageOf(rows, page.limit, factItem<T>, (last) => CURSORS[table].encode({ key: last.sort_key, article: last.article_id, ordinal: last.ordinal }));
  }

  /** Actor mentions in article and text order, for exports. */
  async mentions(filter: MentionQuery, page: { cursor?: string; limit: number }): Promise<Page<BrowsedMention>> {
    const p = new Params();
    const conditions: string[] = [];
    if (filter.article) conditions.push(`m.article_id = ${p.bind(filter.article)}`);
    if (filter.actor) conditions.push(codePrefix('m.code', p.bind(filter.actor, '::text')));
    const after = CURSORS.mentions.decode(page.cursor);
    if (after) conditions.push(`(m.article_id, m.start_pos) > (${p.bind(after.article)}, ${p.bind(after.start, '::int')})`);
    const rows = await this.sql.query<Parameters<typeof mentionJson>[0] & { article_id: string }>(
      `SELECT m.article_id, m.start_pos, m.end_pos, m.text, m.type, m.form, m.code, m.actor_id, m.actor_name, m.country, m.role
       FROM mentions m ${where(conditions)} ORDER BY m.article_id, m.start_pos LIMIT ${p.bind(page.limit + 1)}`,
      p.values,
    );
    return this.pageOf(
      rows,
      page.limit,
      (r) => ({ articleId: r.article_id, ...mentionJson(r) }),
      (last) => CURSORS.mentions.encode({ article: last.article_id, start: last.start_pos }),
    );
  }

  /** Actors mentioned, most mentioned first; `q` is part of a name (any case) or a code prefix. */
  async actors(filter: { q?: string }, page: { cursor?: string; limit: number }): Promise<Page<ActorCount>> {
    const offset = offsetCursor.read('actors', page.cursor);
    const p = new Params();
    const conditions = ['actor_name IS NOT NULL'];
    if (filter.q) {
      const q = p.bind(filter.q, '::text');
      conditions.push(`(strpos(lower(actor_name), lower(${q})) > 0 OR ${codePrefix('code', `upper(${q})`)})`);
    }
    const rows = await this.sql.query<{ code: string | null; actor_id: string | null; name: string; country: string | null; type: string; mentions: number; articles: number }>(
      `WITH grouped AS (
         SELECT code, actor_id, country, min(actor_name) AS name, min(type) AS type,
                count(*)::int AS mentions, count(DISTINCT article_id)::int AS articles
         FROM mentions ${where(conditions)}
         GROUP BY code, actor_id, country, CASE WHEN actor_id IS NULL THEN actor_name END)
       SELECT * FROM grouped ORDER BY mentions DESC, articles DESC, code NULLS LAST, name, actor_id NULLS LAST, country NULLS LAST
       LIMIT ${p.bind(page.limit + 1)} OFFSET ${p.bind(offset)}`,
      p.values,
    );
    return this.pageOf(
      rows,
      page.limit,
      (r) => ({ code: r.code, id: r.actor_id, name: r.name, country: r.country, type: r.type, mentions: r.mentions, articles: r.articles }),
      () => offsetCursor.write('actors', offset + page.limit),
    );
  }

  /**
   * One actor's page: the code covers every actor whose code starts with it (RUS: Russia, its government,
   * its military…). Counterparts and series count the events (not denied) between it and each other
   * actor, at `level`; null when no mention or event has the code.
   */
  async actor(code: string, options: { period: Period; level: ActorLevel }): Promise<ActorProfile | null> {
    const [head] = await this.sql.query<{ mentions: number; articles: number; events: number; name: string | null; country: string | null }>(
      `SELECT (SELECT count(*)::int FROM mentions WHERE ${codePrefix('code', '$1::text')}) AS mentions,
              (SELECT count(DISTINCT article_id)::int FROM mentions WHERE ${codePrefix('code', '$1::text')}) AS articles,
              (SELECT count(*)::int FROM events WHERE ${codePrefix('source_code', '$1::text')}
                 OR EXISTS (SELECT 1 FROM unnest(target_codes) AS t(code) WHERE ${codePrefix('t.code', '$1::text')})) AS events,
              (SELECT mode() WITHIN GROUP (ORDER BY actor_name) FROM mentions WHERE ${codePrefix('code', '$1::text')}) AS name,
              (SELECT mode() WITHIN GROUP (ORDER BY country) FROM mentions WHERE ${codePrefix('code', '$1::text')}) AS country`,
      [code],
    );
    if (!head || (head.mentions === 0 && head.events === 0)) return null;

    const p = new Params();
    const pairs = pairsCte({}, options.level, options.period, p);
    const c = p.bind(code, '::text');
    const sides = `sides AS (
      SELECT event, quad, period, CASE WHEN ${codePrefix('src', c)} THEN tgt_key ELSE src_key END AS other
      FROM pairs WHERE (${codePrefix('src', c)}) <> (${codePrefix('tgt', c)}))`;
    const counterparts = await this.sql.query<{ other: string; events: number; cooperation: number; conflict: number }>(
      `WITH ${pairs}, ${sides} SELECT other, ${QUAD_COUNTS} FROM sides GROUP BY other ORDER BY events DESC, other`,
      p.values,
    );
    const series = await this.sql.query<{ period: string; other: string; q1: number; q2: number; q3: number; q4: number }>(
      `WITH ${pairs}, ${sides}
       SELECT period, other, count(DISTINCT event) FILTER (WHERE quad = 1)::int AS q1, count(DISTINCT event) FILTER (WHERE quad = 2)::int AS q2,
              count(DISTINCT event) FILTER (WHERE quad = 3)::int AS q3, count(DISTINCT event) FILTER (WHERE quad = 4)::int AS q4
       FROM sides WHERE period IS NOT NULL GROUP BY period, other ORDER BY period, other`,
      p.values,
    );
    const names = await this.actorNames([code, ...counterparts.map((r) => r.other)]);
    return {
      actor: { code, name: names.get(code)?.name ?? head.name ?? code, country: head.country, mentions: head.mentions, articles: head.articles },
      counterparts: counterparts.map((r) => ({ code: r.other, name: names.get(r.other)?.name ?? r.other, events: r.events, cooperation: r.cooperation, conflict: r.conflict })),
      series: series.map((r) => ({ period: r.period, counterpart: r.other, verbalCooperation: r.q1, materialCooperation: r.q2, verbalConflict: r.q3, materialConflict: r.q4 })),
      events: (await this.events({ actor: code }, { limit: 50 })).items,
      articles: (await this.articles({ actor: code }, { limit: 50 })).items,
    };
  }

  /**
   * The relation graph: an undirected edge for each pair of actors with events between them (source and
   * target, either way), at `level`; edges with fewer than `minEvents` events are left out.
   */
  async graph(filter: Pick<EventQuery, 'since' | 'until'> & { minEvents: number; level: ActorLevel }): Promise<Graph> {
    const p = new Params();
    const cte = `WITH ${pairsCte(filter, filter.level, 'month', p)},
      undirected AS (SELECT DISTINCT event, quad, least(src_key, tgt_key) AS x, greatest(src_key, tgt_key) AS y FROM pairs WHERE src_key <> tgt_key),
      edges AS (SELECT x, y, ${QUAD_COUNTS} FROM undirected GROUP BY x, y HAVING count(DISTINCT event) >= ${p.bind(filter.minEvents, '::int')}),
      kept AS (SELECT u.event, u.x, u.y FROM undirected u JOIN edges USING (x, y))`;
    const edges = await this.sql.query<{ x: string; y: string; events: number; cooperation: number; conflict: number }>(
      `${cte} SELECT * FROM edges ORDER BY events DESC, x, y`,
      p.values,
    );
    const nodes = await this.sql.query<{ code: string; events: number }>(
      `${cte} SELECT code, count(DISTINCT event)::int AS events FROM (SELECT event, x AS code FROM kept UNION ALL SELECT event, y FROM kept) n
       GROUP BY code ORDER BY events DESC, code`,
      p.values,
    );
    const names = await this.actorNames(nodes.map((n) => n.code));
    return {
      nodes: nodes.map((n) => ({ id: n.code, name: names.get(n.code)?.name ?? n.code, country: names.get(n.code)?.country ?? null, events: n.events })),
      edges: edges.map((e) => ({ source: e.x, target: e.y, events: e.events, cooperation: e.cooperation, conflict: e.conflict })),
    };
  }

  /** Where events (not denied) took place, with their count per PLOVER type. */
  async places(filter: Pick<EventQuery, 'since' | 'until' | 'type'>): Promise<PlaceCount[]> {
    const p = new Params();
    const place = (field: string) => `e.fact->'location'->'place'->>'${field}'`;
    const rows = await this.sql.query<{ name: string; country: string | null; lat: number; lon: number; kind: string; type: string; events: number }>(
      `SELECT ${place('name')} AS name, ${place('country')} AS country, (${place('lat')})::float8 AS lat, (${place('lon')})::float8 AS lon,
              ${place('kind')} AS kind, e.type, count(*)::int AS events
       FROM events e JOIN articles a ON a.id = e.article_id
       ${where([HAPPENED, `jsonb_typeof(e.fact->'location'->'place') = 'object'`, ...eventConditions(filter, p)])}
       GROUP BY 1, 2, 3, 4, 5, 6`,
      p.values,
    );
    const byPlace = new Map<string, PlaceCount>();
    for (const r of rows) {
      const key = JSON.stringify([r.name, r.country, r.lat, r.lon, r.kind]);
      const entry = byPlace.get(key) ?? { name: r.name, country: r.country, lat: Number(r.lat), lon: Number(r.lon), kind: r.kind, events: 0, types: {} };
      entry.events += r.events;
      entry.types[r.type] = (entry.types[r.type] ?? 0) + r.events;
      byPlace.set(key, entry);
    }
    return [...byPlace.values()].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
  }

  async stats(): Promise<StoreStats> {
    const [row] = await this.sql.query<StoreStats>(
      `SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM sightings) AS sightings,
              (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM quotes) AS quotes,
              (SELECT count(DISTINCT lower(source))::int FROM articles WHERE source IS NOT NULL) AS outlets,
              (SELECT count(DISTINCT story_id)::int FROM story_members) AS stories,
              (SELECT published FROM articles WHERE published_at IS NOT NULL ORDER BY published_at, id LIMIT 1) AS first,
              (SELECT published FROM articles WHERE published_at IS NOT NULL ORDER BY published_at DESC, id LIMIT 1) AS last`,
    );
    return row!;
  }

  /** What exports need of the articles of a page of events: URL, text (for sentences) and when it was stored. */
  async articleContext(ids: string[]): Promise<Map<string, ArticleContext>> {
    const rows = await this.forIds<{ id: string; url: string | null; text: string; added_at: string }>(
      `SELECT id, url, text, to_char(ingested_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISS') AS added_at FROM articles WHERE id = ANY($1::text[])`,
      ids,
    );
    return new Map(rows.map((r) => [r.id, { url: r.url, text: r.text, addedAt: r.added_at }]));
  }

  /** The story of each article that is in one (the story tables of stories.ts). */
  async storyIds(articleIds: string[]): Promise<Map<string, string>> {
    const rows = await this.forIds<{ article_id: string; story_id: string }>(`SELECT article_id, story_id FROM story_members WHERE article_id = ANY($1::text[])`, articleIds);
    return new Map(rows.map((r) => [r.article_id, r.story_id]));
  }

  /**
   * The name and country each code is most often mentioned with. A person holding an office shares its
   * code (Putin is RUSGOV), so the name comes from the mentions that are not people when there are any.
   */
  async actorNames(codes: string[]): Promise<Map<string, { name: string; country: string | null }>> {
    const rows = await this.forIds<{ code: string; name: string; country: string | null }>(
      `SELECT code, coalesce(mode() WITHIN GROUP (ORDER BY actor_name) FILTER (WHERE type <> 'person'), mode() WITHIN GROUP (ORDER BY actor_name)) AS name,
              mode() WITHIN GROUP (ORDER BY country) AS country
       FROM mentions WHERE code = ANY($1::text[]) AND actor_name IS NOT NULL GROUP BY code`,
      codes,
    );
    return new Map(rows.map((r) => [r.code, { name: r.name, country: r.country }]));
  }

  /** A statement over a list of keys bound as $1 (each key once); nothing to ask for an empty list. */
  private forIds<R>(statement: string, keys: string[]): Promise<R[]> {
    return keys.length === 0 ? Promise.resolve([]) : this.sql.query<R>(statement, [[...new Set(keys)]]);
  }

  /** A page from `limit + 1` rows: the extra row only says that there is a next page. */
  private pageOf<R, T>(rows: R[], limit: number, toItem: (row: R) => T, cursorAfter: (last: R) => string): Page<T> {
    const more = rows.length > limit;
    const kept = more ? rows.slice(0, limit) : rows;
    return { items: kept.map(toItem), nextCursor: more ? cursorAfter(kept[kept.length - 1]!) : null };
  }
}

/** Every item of a paged list, a page at a time, so that exports never hold the whole list. */
export async function* allPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    if (page.items.length) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
