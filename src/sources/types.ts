import type { Origin, RecordHints } from '../article/types.js';

/** The input formats sitrep reads, detected from content. */
export type InputFormat = 'warc' | 'feed' | 'html' | 'json' | 'jsonl' | 'text';

/** One article-to-be as a source format hands it on: raw content plus what the format told about it. */
export interface SourceRecord {
  origin: Origin;
  /**
   * How `content` is to be read by the article stage: a whole page (`html`, main content is extracted),
   * HTML that is already the article body (`html-fragment`: feed items), or plain text.
   */
  contentType: 'html' | 'html-fragment' | 'text';
  content: string;
  hints: RecordHints;
}

/** A file or record that could not be read, with a one-line reason. */
export interface SourceFailure {
  origin: Origin;
  reason: string;
}

export type SourceItem =
  | { kind: 'record'; record: SourceRecord }
  | { kind: 'failure'; failure: SourceFailure }
  | { kind: 'file-done'; file: string };

export interface ReadOptions {
  /** Largest single-document file (HTML, text, JSON, feed) or single record read, in bytes (decoded bytes for compressed data). */
  maxBytes: number;
  /** Longest text record, in characters; a page's or fragment's HTML may be MARKUP_FACTOR times longer. */
  maxChars?: number;
}

/**
 * The longest article text sitrep takes, in characters (`--max-chars`): far beyond any news article, and
 * small enough that building and annotating one article stays within a few hundred MB.
 */
export const DEFAULT_MAX_CHARS = 1_000_000;
/** How much longer than its text limit a record's HTML may be: markup, scripts and furniture are mostly not text. */
export const MARKUP_FACTOR = 8;

/** The character limit for a record's content. */
export function contentLimit(contentType: SourceRecord['contentType'], maxChars: number): number {
  return contentType === 'text' ? maxChars : maxChars * MARKUP_FACTOR;
}
