/**
 * The export requests the API and `sitrep export` accept: per collection, its filters (the same as its list
 * route, without paging) and its formats. Both read filters through these schemas, so a filter means the
 * same on the command line and over HTTP.
 */
import { z } from '@hono/zod-openapi';
import type { Collection, ExportFormat, ExportRequest } from '../export/collections.js';
import { P, articleQuery, eventQuery, storyQuery } from './params.js';

export const EXPORT_FILTERS = {
  articles: z.strictObject({ since: P.since, until: P.until, source: P.outlet, actor: P.actor, type: P.type, status: P.status }),
  events: z.strictObject({ actor: P.actor, source: P.source, target: P.target, type: P.type, status: P.status, since: P.since, until: P.until, article: P.article }),
  quotes: z.strictObject({ speaker: P.speaker, article: P.article }),
  mentions: z.strictObject({ article: P.article, actor: P.actor }),
  stories: z.strictObject({ since: P.since, actor: P.actor }),
} satisfies Record<Collection, z.ZodType>;

export type ExportFilters<C extends Collection> = z.infer<(typeof EXPORT_FILTERS)[C]>;

/** Formats by collection: every collection has JSON Lines; events also GDELT 2.0 CSV and sitrep's flat CSV. */
export const EXPORT_FORMATS: Record<Collection, readonly ExportFormat[]> = {
  articles: ['jsonl'],
  events: ['jsonl', 'gdelt', 'csv'],
  quotes: ['jsonl'],
  mentions: ['jsonl'],
  stories: ['jsonl'],
};

/** An export request from validated filters (dates become store bounds, codes upper case). */
export function exportRequest<C extends Collection>(collection: C, format: ExportFormat, filters: ExportFilters<C>): ExportRequest {
  const f = filters as Record<string, string | undefined>;
  switch (collection) {
    case 'articles':
      return { collection, format: 'jsonl', filter: articleQuery(f) };
    case 'events':
      return { collection, format, filter: eventQuery(f) };
    case 'quotes':
      return { collection, format: 'jsonl', filter: { speaker: f.speaker, article: f.article } };
    case 'mentions':
      return { collection, format: 'jsonl', filter: { article: f.article, actor: f.actor?.toUpperCase() } };
    default:
      return { collection: 'stories', format: 'jsonl', filter: storyQuery(f) };
  }
}
