/**
 * The story tables: per-article clustering features, story membership and near-copy links.
 */
import type { Sql } from './sql.js';
import type { StoryComparison, StorySummary } from '../stories/types.js';

export interface StoryFilter {
  since?: string;
  actor?: string;
  limit?: number;
  offset?: number;
}

export class StoryTables {
  constructor(private readonly sql: Sql) {}

  /** Stories, most recently active first. */
  async list(filter: StoryFilter = {}): Promise<StorySummary[]> {
    void filter;
    void this.sql;
    throw new Error('stories are not built yet');
  }

  /** The full comparison of one story, by id or unique prefix; null when unknown. */
  async comparison(idOrPrefix: string): Promise<StoryComparison | null | 'ambiguous'> {
    void idOrPrefix;
    throw new Error('stories are not built yet');
  }

  /** The story an article belongs to. */
  async storyOf(articleId: string): Promise<string | null> {
    void articleId;
    throw new Error('stories are not built yet');
  }
}
