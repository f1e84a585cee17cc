/**
 * The story tables: each clustered article's story, copy link and features in arrival order
 * (`story_members`), and the queries that read stories back. Story summaries and comparisons are built
 * from stored articles and facts by the stories stage (src/stories/compare.ts).
 */
import { factOf, type Sql } from './sql.js';
import type { ArticleRow } from './store.js';
import type { StoryComparison, StorySummary } from '../stories/types.js';
import type { StoryFeatures, StorySource } from '../stories/features.js';
import type { StoryMove } from '../stories/cluster.js';
import { compareStory, summarizeStory, type StoryMember } from '../stories/compare.js';
import type { CodedEvent, Quote } from '../facts/annotate.js';

export interface StoryFilter {
  since?: string;
  actor?: string;
  limit?: number;
  offset?: number;
}

export interface StoryMemberRow {
  articleId: string;
  seq: number;
  storyId: string;
  copyOf: string | null;
  score: number;
  features: StoryFeatures;
}


const likePrefix = (code: string) => `${code.replace(/[%_\\]/g, '\\$&')}%`;

export class StoryTables {
  constructor(private readonly sql: Sql) {}

  /** Stored members in arrival order, a page at a time. */
  async *members(pageSize = 2000): AsyncGenerator<StoryMemberRow[]> {
    let after = -1;
    for (;;) {
      const rows = await this.sql.query<{ article_id: string; seq: string | number; story_id: string; copy_of: string | null; score: number; features: StoryFeatures | string }>(
        `SELECT article_id, seq, story_id, copy_of, score, features FROM story_members WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]!.seq);
      yield rows.map((r) => ({
        articleId: r.article_id,
        seq: Number(r.seq),
        storyId: r.story_id,
        copyOf: r.copy_of,
        score: Number(r.score),
        features: factOf(r.features),
      }));
    }
  }

  /** The ids of the clustered articles in arrival order, without their features. */
  async arrivalOrder(): Promise<string[]> {
    const rows = await this.sql.query<{ article_id: string }>(`SELECT article_id FROM story_members ORDER BY seq`);
    return rows.map((r) => r.article_id);
  }

  /** Articles not yet in a story, in arrival order (publication instant, unknown last, then id). */
  async pending(limit: number): Promise<StorySource[]> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = a.id)
       ORDER BY a.published_at NULLS LAST, a.id LIMIT $1`,
      [limit],
    );
    return this.sources(rows.map((r) => r.id));
  }

  /** Articles with their actor and event codes, in the order of `ids`. */
  async sources(ids: string[]): Promise<StorySource[]> {
    if (ids.length === 0) return [];
    const articles = await this.sql.query<{ id: string; title: string | null; text: string; published: string | null }>(
      `SELECT id, title, text, published FROM articles WHERE id = ANY($1::text[])`,
      [ids],
    );
    const mentions = await this.sql.query<{ article_id: string; code: string }>(
      `SELECT article_id, code FROM mentions WHERE article_id = ANY($1::text[]) AND code IS NOT NULL ORDER BY article_id, start_pos`,
      [ids],
    );
    const events = await this.sql.query<{ article_id: string; source_code: string; type: string; target_codes: string[] }>(
      `SELECT article_id, source_code, type, target_codes FROM events WHERE article_id = ANY($1::text[]) ORDER BY article_id, ordinal`,
      [ids],
    );
    const byId = new Map<string, StorySource>(
      articles.map((a) => [a.id, { id: a.id, title: a.title, text: a.text, published: a.published, actorCodes: [], events: [] }]),
    );
    for (const m of mentions) byId.get(m.article_id)?.actorCodes.push(m.code);
    for (const e of events) byId.get(e.article_id)?.events.push({ sourceCode: e.source_code, type: e.type, targetCodes: e.target_codes.filter(Boolean) });
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async lastSeq(): Promise<number> {
    const [row] = await this.sql.query<{ seq: string | number | null }>(`SELECT max(seq) AS seq FROM story_members`);
    return row?.seq === null || row?.seq === undefined ? 0 : Number(row.seq);
  }

  /** Adds clustered articles and moves the stored ones that merges and splits moved, in one transaction. */
  async append(rows: StoryMemberRow[], moves: StoryMove[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (const move of moves) {
        await tx.query(`UPDATE story_members SET story_id = $1 WHERE article_id = ANY($2::text[])`, [move.storyId, move.articleIds]);
      }
      await insertMembers(tx, rows);
    });
  }

  /** Replaces every membership (a rebuild), in one transaction: readers see the old stories or the new. */
  async replaceAll(rows: StoryMemberRow[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(`DELETE FROM story_members`);
      for (let i = 0; i < rows.length; i += 1000) await insertMembers(tx, rows.slice(i, i + 1000));
    });
  }

  /** Stories, most recently active first. `since` keeps stories active on or after it; `actor` a CAMEO code prefix. */
  async list(filter: StoryFilter = {}): Promise<StorySummary[]> {
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const having: string[] = [];
    if (filter.since) having.push(`max(a.published_at) >= ${bind(filter.since)}::timestamptz`);
    const actor = filter.actor
      ? `AND m.story_id IN (SELECT sm.story_id FROM story_members sm JOIN mentions mn ON mn.article_id = sm.article_id WHERE mn.code LIKE ${bind(likePrefix(filter.actor.toUpperCase()))})`
      : '';
    const rows = await this.sql.query<{ story_id: string }>(
      `SELECT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id
       WHERE true ${actor}
       GROUP BY m.story_id
       ${having.length ? `HAVING ${having.join(' AND ')}` : ''}
       ORDER BY max(a.published_at) DESC NULLS LAST, m.story_id
       LIMIT ${bind(filter.limit ?? 100)} OFFSET ${bind(filter.offset ?? 0)}`,
      params,
    );
    const members = await this.storyMembers(rows.map((r) => r.story_id));
    return rows.map(({ story_id }) => summarizeStory(story_id, members.get(story_id)!));
  }

  /** The full comparison of one story, by id or unique prefix (at least 4 characters). */
  async comparison(idOrPrefix: string): Promise<StoryComparison | null | 'ambiguous'> {
    const rows = await this.sql.query<{ story_id: string }>(
      `SELECT DISTINCT story_id FROM story_members WHERE story_id = $1 OR (length($1) >= 4 AND story_id LIKE $2) ORDER BY story_id LIMIT 2`,
      [idOrPrefix, likePrefix(idOrPrefix)],
    );
    const exact = rows.find((r) => r.story_id === idOrPrefix);
    if (!exact && rows.length > 1) return 'ambiguous';
    const id = exact?.story_id ?? rows[0]?.story_id;
    if (!id) return null;
    return compareStory(id, (await this.storyMembers([id])).get(id)!);
  }

  /** The story an article belongs to. */
  async storyOf(articleId: string): Promise<string | null> {
    const [row] = await this.sql.query<{ story_id: string }>(`SELECT story_id FROM story_members WHERE article_id = $1`, [articleId]);
    return row?.story_id ?? null;
  }

  /** The members of several stories with their facts, in arrival order, in four queries whatever their number. */
  private async storyMembers(storyIds: string[]): Promise<Map<string, StoryMember[]>> {
    const articles = await this.sql.query<
      Pick<ArticleRow, 'id' | 'external_id' | 'url' | 'source' | 'title' | 'published' | 'text'> & {
        story_id: string;
        copy_of: string | null;
        sighted: string[] | null;
      }
    >(
      `SELECT m.story_id, a.id, a.external_id, a.url, a.source, a.title, a.published, a.text, m.copy_of,
              (SELECT array_agg(DISTINCT s.source) FROM sightings s WHERE s.article_id = a.id AND s.source IS NOT NULL) AS sighted
       FROM story_members m JOIN articles a ON a.id = m.article_id
       WHERE m.story_id = ANY($1::text[]) ORDER BY m.seq`,
      [storyIds],
    );
    const ids = articles.map((a) => a.id);
    const events = await this.sql.query<{ article_id: string; fact: CodedEvent | string }>(
      `SELECT article_id, fact FROM events WHERE article_id = ANY($1::text[]) ORDER BY article_id, ordinal`,
      [ids],
    );
    const quotes = await this.sql.query<{ article_id: string; fact: Quote | string }>(
      `SELECT article_id, fact FROM quotes WHERE article_id = ANY($1::text[]) ORDER BY article_id, ordinal`,
      [ids],
    );
    const mentions = await this.sql.query<{ article_id: string; code: string | null; actor_name: string; country: string | null; start_pos: number; end_pos: number }>(
      `SELECT article_id, code, actor_name, country, start_pos, end_pos FROM mentions WHERE article_id = ANY($1::text[]) AND actor_name IS NOT NULL ORDER BY article_id, start_pos`,
      [ids],
    );
    const members = new Map<string, StoryMember>(
      articles.map((a) => [
        a.id,
        {
          article: { id: a.id, externalId: a.external_id, url: a.url, source: a.source, title: a.title, published: a.published, text: a.text },
          copyOf: a.copy_of,
          sightedBy: a.sighted ?? [],
          events: [],
          quotes: [],
          actors: [],
        },
      ]),
    );
    for (const e of events) members.get(e.article_id)?.events.push(factOf(e.fact));
    for (const q of quotes) members.get(q.article_id)?.quotes.push(factOf(q.fact));
    for (const m of mentions) members.get(m.article_id)?.actors.push({ code: m.code, name: m.actor_name, country: m.country, start: m.start_pos, end: m.end_pos });
    const byStory = new Map<string, StoryMember[]>(storyIds.map((id) => [id, []]));
    for (const a of articles) byStory.get(a.story_id)?.push(members.get(a.id)!);
    return byStory;
  }
}

async function insertMembers(tx: Sql, rows: StoryMemberRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO story_members (article_id, seq, story_id, copy_of, score, features)
     SELECT a, s, st, c, sc, f::jsonb FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::real[], $6::text[]) AS x(a, s, st, c, sc, f)`,
    [
      rows.map((r) => r.articleId),
      rows.map((r) => r.seq),
      rows.map((r) => r.storyId),
      rows.map((r) => r.copyOf),
      rows.map((r) => r.score),
      rows.map((r) => JSON.stringify(r.features)),
    ],
  );
}
