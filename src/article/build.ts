/**
 * The article stage's public entry: one source record in, one clean article (or a reason to reject it) out.
 * Structured fields a record carries (JSON fields, feed item elements) win over what the page says about
 * itself; the page's metadata wins over what is guessed from visible text.
 */
import { DEFAULT_MAX_CHARS, type SourceRecord } from '../sources/types.js';
import type { Article } from './types.js';
import { parseDateText, isInFuture } from './dates.js';
import { parseTextArticle, cleanExtractedText } from './text.js';
import { articleId } from './identity.js';
import { detectLanguage, normaliseLanguageTag } from './language.js';
import { parseHtml } from './html/dom.js';
import { extractContent } from './html/content.js';
import { fragmentText } from './html/fragment.js';
import { extractMetadata } from './html/metadata.js';

export type BuildResult = { ok: true; article: Article } | { ok: false; reason: string };

export interface BuildOptions {
  /** The ingestion time; dates after it are rejected. */
  now: Date;
  /** Longest article text, in characters (default DEFAULT_MAX_CHARS). */
  maxChars?: number;
}

interface Fields {
  title: string | null;
  published: string | null;
  updated: string | null;
  url: string | null;
  source: string | null;
  byline: string | null;
  language: string | null;
  externalId: string | null;
  text: string;
}

const first = <T>(...values: Array<T | null | undefined>): T | null =>
  values.find((v) => v !== null && v !== undefined && v !== '') ?? null;

function isoFromHint(value: string | null | undefined): string | null {
  return value ? (parseDateText(value)?.iso ?? null) : null;
}

/** An absolute http(s) URL as given, else null: `javascript:`, `data:` or relative URLs are never an article's URL. */
function webUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return /^https?:$/.test(new URL(value).protocol) ? value : null;
  } catch {
    return null;
  }
}

function domainOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

function fromHtml(record: SourceRecord): Fields {
  const hints = record.hints;
  const doc = parseHtml(record.content);
  const meta = extractMetadata(doc, { url: webUrl(hints.url) });
  const title = first(hints.title, meta.title);
  const url = first(webUrl(hints.url), webUrl(meta.canonicalUrl));
  const body = record.contentType === 'html-fragment' ? fragmentText(doc) : extractContent(doc, { title }).text;
  const cleaned = cleanExtractedText(body, title);
  return {
    title,
    published: first(isoFromHint(hints.published), meta.published),
    updated: first(isoFromHint(hints.updated), meta.updated),
    url,
    source: first(hints.source, meta.siteName),
    byline: first(hints.byline, meta.author, cleaned.byline),
    language: first(normaliseLanguageTag(hints.language), meta.language),
    externalId: hints.externalId ?? null,
    text: cleaned.text,
  };
}

function fromText(record: SourceRecord): Fields {
  const hints = record.hints;
  const parsed = parseTextArticle(record.content, { knownTitle: hints.title ?? null });
  return {
    title: first(hints.title, parsed.title),
    published: first(isoFromHint(hints.published), parsed.published),
    updated: first(isoFromHint(hints.updated), parsed.updated),
    url: first(webUrl(hints.url), webUrl(parsed.url)),
    source: first(hints.source, parsed.source),
    byline: first(hints.byline, parsed.byline),
    language: first(normaliseLanguageTag(hints.language), normaliseLanguageTag(parsed.language)),
    externalId: first(hints.externalId, parsed.externalId),
    text: parsed.text,
  };
}

export function buildArticle(record: SourceRecord, options: BuildOptions): BuildResult {
  const fields = record.contentType === 'text' ? fromText(record) : fromHtml(record);
  // Control characters (NUL above all) are never article text, and PostgreSQL refuses NUL in text columns.
  const text = fields.text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (!text) return { ok: false, reason: 'no article text found' };
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  if (text.length > maxChars) {
    return { ok: false, reason: `article text too long: ${text.length} characters, the limit is ${maxChars} (raise it with --max-chars)` };
  }
  for (const [name, value] of [
    ['published', fields.published],
    ['updated', fields.updated],
  ] as const) {
    if (value && isInFuture(value, options.now)) {
      return { ok: false, reason: `${name} date ${value} is in the future (ingested ${options.now.toISOString()})` };
    }
  }
  return {
    ok: true,
    article: {
      id: articleId(text),
      externalId: fields.externalId,
      url: fields.url,
      source: first(fields.source, domainOf(fields.url)),
      title: fields.title,
      published: fields.published,
      updated: fields.updated,
      language: fields.language ?? detectLanguage(text),
      byline: fields.byline,
      text,
      origin: record.origin,
    },
  };
}
