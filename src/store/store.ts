/**
 * The store's public surface: saving batches of articles and reading them back. Callers pass and get
 * plain Article data; SQL stays in this folder.
 */
import type { Article } from '../article/types.js';
import type { ArticleFacts, Mention, CodedEvent, Quote } from '../facts/annotate.js';
import { toEpochMs } from '../article/dates.js';
import { factOf, openSql, type Sql } from './sql.js';
import { migrate } from './migrations.js';
import { Browse } from './browse.js';
import { StoryTables } from './stories.js';

export interface SaveSummary {
  /** New articles stored. */
  ingested: number;
  /** Exact copies of an already stored article, recorded as new sightings. */
  duplicates: number;
  /** Records already stored from the same origin (a rerun): nothing changed. */
  unchanged: number;
}

export interface Sighting {
  url: string | null;
  source: string | null;
  externalId: string | null;
  origin: { file: string; record?: string };
  seenAt: string;
}

export interface ArticleFilter {
  since?: string;
  until?: string;
  source?: string;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  article: Article;
  rank: number;
  snippet: string;
}

const ARTICLE_COLUMNS = `id, external_id, url, source, title, published, updated, language, byline, text, origin_file, origin_record`;

/** An articles row as the drivers return it (store folder only). */
export interface ArticleRow {
  id: string;
  external_id: string | null;
  url: string | null;
  source: string | null;
  title: string | null;
  published: string | null;
  updated: string | null;
  language: string | null;
  byline: string | null;
  text: string;
  origin_file: string;
  origin_record: string | null;
}

function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    externalId: row.external_id,
    url: row.url,
    source: row.source,
    title: row.title,
    published: row.published,
    updated: row.updated,
    language: row.language,
    byline: row.byline,
    text: row.text,
    origin: row.origin_record ? { file: row.origin_file, record: row.origin_record } : { file: row.origin_file },
  };
}

function timestamp(iso: string | null): string | null {
  if (!iso) return null;
  const ms = toEpochMs(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export interface EventFilter {
  articleId?: string;
  actor?: string;
  source?: string;
  target?: string;
  type?: string;
  status?: string;
  since?: string;
  until?: string;
  limit?: number;
}

/** A stored event with the article it comes from. */
export type StoredEvent = CodedEvent & { articleId: string; outlet: string | null; published: string | null };
export type StoredQuote = Quote & { articleId: string; outlet: string | null; published: string | null };

export interface ActorCount {
  code: string | null;
  id: string | null;
  name: string;
  country: string | null;
  type: string;
  mentions: number;
  articles: number;
}

interface MentionRow {
  start_pos: number;
  end_pos: number;
  text: string;
  type: string;
  form: string;
  code: string | null;
  actor_id: string | null;
  actor_name: string | null;
  country: string | null;
  role: string | null;
}


/**
 * Facts as stored: mentions, events and quotes of one article (never the uncoded triggers), or, with
 * `missing`, why it has none (annotation failed or ran past its budget: kept so that reannotate can retry).
 */
export type StoredFacts = Pick<ArticleFacts, 'articleId' | 'mentions' | 'events' | 'quotes'> & { missing?: string };

async function insertFacts(tx: Sql, facts: StoredFacts[]): Promise<void> {
  const missing = facts.filter((f) => f.missing);
  if (missing.length) {
    await tx.query(
      `UPDATE articles SET facts_missing = x.why FROM unnest($1::text[], $2::text[]) AS x(id, why) WHERE articles.id = x.id`,
      [missing.map((f) => f.articleId), missing.map((f) => f.missing)],
    );
  }
  await insertMentions(tx, facts);
  const events = facts.flatMap((f) => f.events.map((e, ordinal) => ({ articleId: f.articleId, ordinal, e })));
  if (events.length) {
    await tx.query(
      `INSERT INTO events (article_id, ordinal, type, status, source_code, target_codes, event_date, fact)
       SELECT a, o, t, s, src, string_to_array(tg, ' '), d, f::jsonb
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS x(a, o, t, s, src, tg, d, f)
       ON CONFLICT DO NOTHING`,
      [
        events.map((r) => r.articleId),
        events.map((r) => r.ordinal),
        events.map((r) => r.e.type),
        events.map((r) => r.e.status),
        events.map((r) => r.e.source.code ?? ''),
        events.map((r) => r.e.targets.map((t) => t.code).join(' ')),
        events.map((r) => r.e.date?.value ?? null),
        events.map((r) => JSON.stringify(r.e)),
      ],
    );
  }
  const quotes = facts.flatMap((f) => f.quotes.map((q, ordinal) => ({ articleId: f.articleId, ordinal, q })));
  if (quotes.length) {
    await tx.query(
      `INSERT INTO quotes (article_id, ordinal, speaker_code, speaker_name, fact)
       SELECT a, o, c, n, f::jsonb FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS x(a, o, c, n, f)
       ON CONFLICT DO NOTHING`,
      [
        quotes.map((r) => r.articleId),
        quotes.map((r) => r.ordinal),
        quotes.map((r) => r.q.speaker.actor?.code ?? null),
        quotes.map((r) => r.q.speaker.name ?? r.q.speaker.text),
        quotes.map((r) => JSON.stringify(r.q)),
      ],
    );
  }
}

async function insertMentions(tx: Sql, facts: StoredFacts[]): Promise<void> {
  const rows = facts.flatMap((f) => f.mentions.map((m) => ({ articleId: f.articleId, m })));
  if (rows.length === 0) return;
  const col = <T>(get: (r: (typeof rows)[number]) => T) => rows.map(get);
  await tx.query(
    `INSERT INTO mentions (article_id, start_pos, end_pos, text, type, form, code, actor_id, actor_name, country, role)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                          $9::text[], $10::text[], $11::text[])
     ON CONFLICT DO NOTHING`,
    [
      col((r) => r.articleId),
      col((r) => r.m.start),
      col((r) => r.m.end),
      col((r) => r.m.text),
      col((r) => r.m.type),
      col((r) => r.m.form),
      col((r) => r.m.actor?.code ?? null),
      col((r) => r.m.actor?.id ?? null),
      col((r) => r.m.actor?.name ?? null),
      col((r) => r.m.actor?.country ?? null),
      col((r) => r.m.actor?.role ?? null),
    ],
  );
}

export class Store {
  /** Cursor pages, facets and relations for the API (browse.ts). */
  readonly browse: Browse;
  /** Clustering features, stories and copies (stories.ts). */
  readonly stories: StoryTables;

  private constructor(private readonly sql: Sql) {
    this.browse = new Browse(sql);
    this.stories = new StoryTables(sql);
  }

  static async open(target: string): Promise<Store> {
    const sql = await openSql(target);
    try {
      await migrate(sql);
    } catch (error) {
      await sql.close();
      throw error;
    }
    return new Store(sql);
  }

  get backend(): Sql['kind'] {
    return this.sql.kind;
  }

  /**
   * True for a store folder this process may read but not write: it runs on a private copy, so the commands
   * that write refuse it, and what reading changes (stories brought up to date) goes with the copy.
   */
  get readOnly(): boolean {
    return this.sql.readOnly;
  }

  /**
   * Saves a batch in one transaction: either every article and sighting of the batch is stored, or none.
   * Articles are keyed by content id, sightings by origin, so saving the same batch twice changes nothing.
   * `recordHashes[i]` is the hash of the source record article i was built from (see `recordHashes`).
   */
  async saveBatch(articles: Article[], facts: StoredFacts[] = [], recordHashes: Array<string | null> = []): Promise<SaveSummary> {
    if (articles.length === 0) return { ingested: 0, duplicates: 0, unchanged: 0 };
    return this.sql.transaction(async (tx) => {
      const col = <K extends keyof Article>(k: K) => articles.map((a) => a[k]);
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO articles (id, external_id, url, source, title, published, published_at, updated, language, byline,
                               text, origin_file, origin_record)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                              $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
         ON CONFLICT (id) DO NOTHING
         RETURNING id`,
        [
          col('id'),
          col('externalId'),
          col('url'),
          col('source'),
          col('title'),
          col('published'),
          articles.map((a) => timestamp(a.published)),
          col('updated'),
          col('language'),
          col('byline'),
          col('text'),
          articles.map((a) => a.origin.file),
          articles.map((a) => a.origin.record ?? null),
        ],
      );
      const sightings = await tx.query<{ article_id: string; origin_file: string; origin_record: string }>(
        `INSERT INTO sightings (article_id, origin_file, origin_record, url, source, external_id, content_hash)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         ON CONFLICT DO NOTHING
         RETURNING article_id, origin_file, origin_record`,
        [
          col('id'),
          articles.map((a) => a.origin.file),
          articles.map((a) => a.origin.record ?? ''),
          col('url'),
          col('source'),
          col('externalId'),
          articles.map((_, i) => recordHashes[i] ?? null),
        ],
      );
      const newArticles = new Set(inserted.map((r) => r.id));
      // Facts go in with their article; a copy of a stored article brings none.
      await insertFacts(tx, facts.filter((f) => newArticles.has(f.articleId)));
      const newSightings = new Set(sightings.map((s) => `${s.article_id}\u0000${s.origin_file}\u0000${s.origin_record}`));
      const summary: SaveSummary = { ingested: 0, duplicates: 0, unchanged: 0 };
      const counted = new Set<string>();
      for (const a of articles) {
        const key = `${a.id}\u0000${a.origin.file}\u0000${a.origin.record ?? ''}`;
        if (counted.has(key)) continue; // the same record twice in one batch
        counted.add(key);
        if (newArticles.delete(a.id)) summary.ingested++;
        else if (newSightings.has(key)) summary.duplicates++;
        else summary.unchanged++;
      }
      return summary;
    });
  }

  /** The hashes of the records stored from one input file, by record ('' for a whole-file record). */
  async recordHashes(file: string): Promise<Map<string, Set<string>>> {
    const rows = await this.sql.query<{ origin_record: string; content_hash: string }>(
      `SELECT origin_record, content_hash FROM sightings WHERE origin_file = $1 AND content_hash IS NOT NULL`,
      [file],
    );
    const hashes = new Map<string, Set<string>>();
    for (const r of rows) {
      const set = hashes.get(r.origin_record) ?? new Set<string>();
      set.add(r.content_hash);
      hashes.set(r.origin_record, set);
    }
    return hashes;
  }

  async listArticles(filter: ArticleFilter = {}): Promise<Article[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.since) where.push(`published_at >= ${bind(filter.since)}::timestamptz`);
    if (filter.until) where.push(`published_at < ${bind(filter.until)}::timestamptz`);
    if (filter.source) where.push(`lower(source) = lower(${bind(filter.source)})`);
    const rows = await this.sql.query<ArticleRow>(
      `SELECT ${ARTICLE_COLUMNS} FROM articles
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY published_at DESC NULLS LAST, id
       LIMIT ${bind(filter.limit ?? 1000)} OFFSET ${bind(filter.offset ?? 0)}`,
      params,
    );
    return rows.map(toArticle);
  }

  /** An article by full id or by a unique id prefix (at least 4 characters). */
  async getArticle(idOrPrefix: string): Promise<Article | null | 'ambiguous'> {
    const rows = await this.sql.query<ArticleRow>(
      `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1 OR (length($1) >= 4 AND id LIKE $2) ORDER BY id LIMIT 2`,
      [idOrPrefix, `${idOrPrefix.replace(/[%_\\]/g, '\\$&')}%`],
    );
    const exact = rows.find((r) => r.id === idOrPrefix);
    if (exact) return toArticle(exact);
    if (rows.length > 1) return 'ambiguous';
    return rows[0] ? toArticle(rows[0]) : null;
  }

  async sightings(articleId: string): Promise<Sighting[]> {
    const rows = await this.sql.query<{
      url: string | null;
      source: string | null;
      external_id: string | null;
      origin_file: string;
      origin_record: string;
      seen_at: string;
    }>(
      `SELECT url, source, external_id, origin_file, origin_record, to_char(seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS seen_at
       FROM sightings WHERE article_id = $1 ORDER BY seen_at, origin_file, origin_record`,
      [articleId],
    );
    return rows.map((r) => ({
      url: r.url,
      source: r.source,
      externalId: r.external_id,
      origin: r.origin_record ? { file: r.origin_file, record: r.origin_record } : { file: r.origin_file },
      seenAt: r.seen_at,
    }));
  }

  /** Full-text search over title and text (web-search syntax: "phrases", OR, -exclusions). */
  async search(query: string, limit = 20): Promise<SearchHit[]> {
    const rows = await this.sql.query<ArticleRow & { rank: number; snippet: string }>(
      `WITH q AS (SELECT websearch_to_tsquery('english', $1) || websearch_to_tsquery('simple', $1) AS query)
       SELECT ${ARTICLE_COLUMNS}, ts_rank_cd(search, q.query) AS rank,
              ts_headline('english', text, q.query, 'MaxFragments=2, MaxWords=18, MinWords=6, StartSel=«, StopSel=»') AS snippet
       FROM articles, q
       WHERE search @@ q.query
       ORDER BY rank DESC, published_at DESC NULLS LAST, id
       LIMIT $2`,
      [query, limit],
    );
    return rows.map((r) => ({ article: toArticle(r), rank: Number(r.rank), snippet: r.snippet }));
  }

  /** Replaces the facts of the given articles (after a dictionary change), in one transaction. */
  async replaceFacts(facts: StoredFacts[]): Promise<void> {
    if (facts.length === 0) return;
    await this.sql.transaction(async (tx) => {
      const ids = [facts.map((f) => f.articleId)];
      for (const table of ['mentions', 'events', 'quotes']) await tx.query(`DELETE FROM ${table} WHERE article_id = ANY($1::text[])`, ids);
      await tx.query(`UPDATE articles SET facts_missing = NULL WHERE id = ANY($1::text[]) AND facts_missing IS NOT NULL`, ids);
      await insertFacts(tx, facts);
    });
  }

  /**
   * Events, newest first. Codes match as prefixes ("RUS" matches "RUSGOVMIL"); `actor` matches source or a
   * target. Dates filter on the event's date where the text gives one, else the article's publication.
   */
  async events(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const prefix = (code: string) => `${code.replace(/[%_\\]/g, '\\$&')}%`;
    if (filter.actor) {
      const p = bind(prefix(filter.actor));
      where.push(`(e.source_code LIKE ${p} OR EXISTS (SELECT 1 FROM unnest(e.target_codes) t WHERE t LIKE ${p}))`);
    }
    if (filter.articleId) where.push(`e.article_id = ${bind(filter.articleId)}`);
    if (filter.source) where.push(`e.source_code LIKE ${bind(prefix(filter.source))}`);
    if (filter.target) where.push(`EXISTS (SELECT 1 FROM unnest(e.target_codes) t WHERE t LIKE ${bind(prefix(filter.target))})`);
    if (filter.type) where.push(`e.type = ${bind(filter.type.toUpperCase())}`);
    if (filter.status) where.push(`e.status = ${bind(filter.status.toLowerCase())}`);
    const day = `coalesce(e.event_date, left(a.published, 10))`;
    if (filter.since) where.push(`${day} >= ${bind(filter.since.slice(0, 10))}`);
    if (filter.until) where.push(`left(${day}, 10) <= ${bind(filter.until.slice(0, 10))}`);
    const rows = await this.sql.query<{ article_id: string; fact: CodedEvent | string; published: string | null; source: string | null }>(
      `SELECT e.article_id, e.fact, a.published, a.source FROM events e JOIN articles a ON a.id = e.article_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${day} DESC NULLS LAST, e.article_id, e.ordinal
       LIMIT ${bind(filter.limit ?? 1000)}`,
      params,
    );
    return rows.map((r) => ({ articleId: r.article_id, outlet: r.source, published: r.published, ...factOf<CodedEvent>(r.fact) }));
  }

  /** Quotes, by speaker name (case-insensitive substring) or code prefix. */
  async quotes(filter: { speaker?: string; articleId?: string; limit?: number } = {}): Promise<StoredQuote[]> {
    const params: unknown[] = [filter.limit ?? 1000];
    const conditions: string[] = [];
    if (filter.speaker) {
      params.push(filter.speaker);
      conditions.push(`(q.speaker_code LIKE $${params.length} || '%' OR q.speaker_name ILIKE '%' || $${params.length} || '%')`);
    }
    if (filter.articleId) {
      params.push(filter.articleId);
      conditions.push(`q.article_id = $${params.length}`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.sql.query<{ article_id: string; fact: Quote | string; published: string | null; source: string | null }>(
      `SELECT q.article_id, q.fact, a.published, a.source FROM quotes q JOIN articles a ON a.id = q.article_id ${where}
       ORDER BY a.published_at DESC NULLS LAST, q.article_id, q.ordinal LIMIT $1`,
      params,
    );
    return rows.map((r) => ({ articleId: r.article_id, outlet: r.source, published: r.published, ...factOf<Quote>(r.fact) }));
  }

  /** Stored articles in id order, a page at a time, for recomputing facts (`missingFacts`: only those stored without). */
  async articlesAfter(afterId: string, limit: number, options: { missingFacts?: boolean } = {}): Promise<Article[]> {
    const missing = options.missingFacts ? 'AND facts_missing IS NOT NULL' : '';
    const rows = await this.sql.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id > $1 ${missing} ORDER BY id LIMIT $2`, [afterId, limit]);
    return rows.map(toArticle);
  }

  async mentions(articleId: string): Promise<Mention[]> {
    const rows = await this.sql.query<MentionRow>(
      `SELECT start_pos, end_pos, text, type, form, code, actor_id, actor_name, country, role
       FROM mentions WHERE article_id = $1 ORDER BY start_pos`,
      [articleId],
    );
    return rows.map((r) => ({
      start: r.start_pos,
      end: r.end_pos,
      text: r.text,
      type: r.type as Mention['type'],
      form: r.form as Mention['form'],
      actor: r.actor_name === null ? null : { code: r.code, id: r.actor_id, name: r.actor_name, country: r.country, role: r.role },
    }));
  }

  /** Actors with how often and in how many articles they are mentioned, most mentioned first. */
  async actors(filter: { limit?: number } = {}): Promise<ActorCount[]> {
    const rows = await this.sql.query<{ code: string | null; actor_id: string | null; name: string; country: string | null; type: string; mentions: number; articles: number }>(
      `SELECT code, actor_id, min(actor_name) AS name, country, min(type) AS type,
              count(*)::int AS mentions, count(DISTINCT article_id)::int AS articles
       FROM mentions
       WHERE actor_name IS NOT NULL
       GROUP BY code, actor_id, country, CASE WHEN actor_id IS NULL THEN actor_name END
       ORDER BY mentions DESC, articles DESC, code NULLS LAST, name
       LIMIT $1`,
      [filter.limit ?? 1000],
    );
    return rows.map((r) => ({ code: r.code, id: r.actor_id, name: r.name, country: r.country, type: r.type, mentions: r.mentions, articles: r.articles }));
  }

  async counts(): Promise<{ articles: number; sightings: number }> {
    const [row] = await this.sql.query<{ articles: number; sightings: number }>(
      `SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM sightings) AS sightings`,
    );
    return row ?? { articles: 0, sightings: 0 };
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}
