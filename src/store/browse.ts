/**
 * Read-only queries for the HTTP API and the dashboard: cursor pages, facets, actor relations.
 */
import type { Sql } from './sql.js';

export class Browse {
  constructor(private readonly sql: Sql) {}
}
