/**
 * Exports of every stored collection, shared by `GET /api/export/…` and `sitrep export`: JSON Lines for
 * each, and for events also GDELT 2.0 CSV and sitrep's own flat CSV. They page through the store (keyset
 * pages of a few hundred rows), so an export of any size never holds more than one page in memory.
 */
import type { Store } from '../store/store.js';
import { allPages, type ArticleContext, type ArticleQuery, type BrowsedEvent, type EventQuery, type MentionQuery, type QuoteQuery } from '../store/browse.js';
import type { StoryFilter } from '../store/stories.js';
import { csvLine, type CsvValue } from './csv.js';
import { GDELT_COLUMNS, gdeltRows } from './gdelt.js';

export const COLLECTIONS = ['articles', 'events', 'quotes', 'mentions', 'stories'] as const;
export type Collection = (typeof COLLECTIONS)[number];
export type ExportFormat = 'jsonl' | 'gdelt' | 'csv';

export type ExportRequest =
  | { collection: 'articles'; format: 'jsonl'; filter: ArticleQuery }
  | { collection: 'events'; format: ExportFormat; filter: EventQuery }
  | { collection: 'quotes'; format: 'jsonl'; filter: QuoteQuery }
  | { collection: 'mentions'; format: 'jsonl'; filter: MentionQuery }
  | { collection: 'stories'; format: 'jsonl'; filter: Omit<StoryFilter, 'limit' | 'offset'> };

/** Rows per store page: articles carry their whole text, so they come in smaller pages. */
const PAGE = { articles: 100, rows: 500, stories: 50 } as const;

/** sitrep's own flat event columns: one row per event, targets joined with "; ". */
export const FLAT_EVENT_COLUMNS = [
  'articleId', 'ordinal', 'published', 'outlet', 'url', 'date', 'datePrecision', 'type', 'mode', 'cameo', 'cameoRoot',
  'quadClass', 'status', 'sourceCode', 'sourceName', 'sourceCountry', 'targetCodes', 'targetNames', 'attributionCode',
  'attributionName', 'place', 'placeCountry', 'lat', 'lon', 'trigger', 'sentence',
] as const;

function flatEventRow(e: BrowsedEvent, article: ArticleContext | undefined): CsvValue[] {
  const place = e.location?.place;
  const row: Record<(typeof FLAT_EVENT_COLUMNS)[number], CsvValue> = {
    articleId: e.articleId,
    ordinal: e.ordinal,
    published: e.published,
    outlet: e.outlet,
    url: article?.url,
    date: e.date?.value,
    datePrecision: e.date?.precision,
    type: e.type,
    mode: e.mode,
    cameo: e.cameo,
    cameoRoot: e.cameoRoot,
    quadClass: e.quadClass,
    status: e.status,
    sourceCode: e.source.code,
    sourceName: e.source.name,
    sourceCountry: e.source.country,
    targetCodes: e.targets.map((t) => t.code ?? '').join('; '),
    targetNames: e.targets.map((t) => t.name).join('; '),
    attributionCode: e.attribution?.code,
    attributionName: e.attribution?.name,
    place: place?.name,
    placeCountry: place?.country,
    lat: place?.lat,
    lon: place?.lon,
    trigger: e.trigger.text,
    sentence: article?.text.slice(e.sentence.start, e.sentence.end).replace(/\s+/g, ' '),
  };
  return FLAT_EVENT_COLUMNS.map((c) => row[c]);
}

const jsonLines = (items: unknown[]) => items.map((item) => `${JSON.stringify(item)}\n`).join('');

async function* eventLines(store: Store, format: ExportFormat, filter: EventQuery): AsyncGenerator<string> {
  // The header goes out with the first page, so that the first chunk has met the store (the API answers an
  // error object when that fails, instead of a file cut after its header).
  let header = format === 'gdelt' ? csvLine(GDELT_COLUMNS) : format === 'csv' ? csvLine(FLAT_EVENT_COLUMNS) : '';
  for await (const events of allPages((cursor) => store.browse.events(filter, { cursor, limit: PAGE.rows }))) {
    if (format === 'jsonl') {
      yield jsonLines(events);
      continue;
    }
    const articles = await store.browse.articleContext(events.map((e) => e.articleId));
    const rows = format === 'gdelt' ? events.flatMap((e) => gdeltRows(e, articles.get(e.articleId))) : events.map((e) => flatEventRow(e, articles.get(e.articleId)));
    yield header + rows.map(csvLine).join('');
    header = '';
  }
  if (header) yield header;
}

async function* storyLines(store: Store, filter: Omit<StoryFilter, 'limit' | 'offset'>): AsyncGenerator<string> {
  for (let offset = 0; ; offset += PAGE.stories) {
    const stories = await store.stories.list({ ...filter, limit: PAGE.stories, offset });
    if (stories.length) yield jsonLines(stories);
    if (stories.length < PAGE.stories) return;
  }
}

async function* pagedLines<T>(fetchPage: Parameters<typeof allPages<T>>[0]): AsyncGenerator<string> {
  for await (const items of allPages(fetchPage)) yield jsonLines(items);
}

/** The export as chunks of text (a header, then a page of lines at a time). */
export function exportChunks(store: Store, request: ExportRequest): AsyncGenerator<string> {
  switch (request.collection) {
    case 'articles':
      return pagedLines((cursor) => store.browse.fullArticles(request.filter, { cursor, limit: PAGE.articles }));
    case 'events':
      return eventLines(store, request.format, request.filter);
    case 'quotes':
      return pagedLines((cursor) => store.browse.quotes(request.filter, { cursor, limit: PAGE.rows }));
    case 'mentions':
      return pagedLines((cursor) => store.browse.mentions(request.filter, { cursor, limit: PAGE.rows }));
    case 'stories':
      return storyLines(store, request.filter);
  }
}

/** Media type and file name of an export. */
export function exportFile(request: Pick<ExportRequest, 'collection' | 'format'>): { contentType: string; fileName: string } {
  if (request.format === 'jsonl') return { contentType: 'application/x-ndjson; charset=utf-8', fileName: `sitrep-${request.collection}.jsonl` };
  const suffix = request.format === 'gdelt' ? '-gdelt' : '';
  return { contentType: 'text/csv; charset=utf-8; header=present', fileName: `sitrep-${request.collection}${suffix}.csv` };
}
