/**
 * The story tables: per-article clustering features, story membership and near-copy links.
 */
import type { Sql } from './sql.js';

export class StoryTables {
  constructor(private readonly sql: Sql) {}
}
