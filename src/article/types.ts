/**
 * The article: the unit every later stage reads. Plain data, no behaviour, so that
 * sources, store, query and annotation exchange it without knowing each other.
 */

/** Where an article (or a sighting of a duplicate) came from. */
export interface Origin {
  /** Path of the input file, or "-" for stdin. */
  file: string;
  /** Record within the file: JSONL line number, feed item index, WARC record offset. */
  record?: string;
}

export interface Article {
  /** Stable id derived from the normalised text (see article/identity.ts). */
  id: string;
  /** The input record's own id, when it had one. */
  externalId: string | null;
  url: string | null;
  /** Outlet name, else the URL's domain. */
  source: string | null;
  title: string | null;
  /** ISO 8601; with time and offset when known, a bare date otherwise. */
  published: string | null;
  updated: string | null;
  /** ISO 639-1. */
  language: string | null;
  byline: string | null;
  /** Clean paragraphs separated by blank lines. */
  text: string;
  origin: Origin;
}

/** Hints a source format gives about a record before the article is built. */
export interface RecordHints {
  externalId?: string | null;
  url?: string | null;
  title?: string | null;
  source?: string | null;
  published?: string | null;
  updated?: string | null;
  language?: string | null;
  byline?: string | null;
}
