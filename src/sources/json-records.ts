/**
 * JSON and JSON Lines records: news-please dumps and simple `{id, url, title, text|html, date, source}`
 * records. Field names vary between tools, so each article field lists the names it is read from.
 */
import type { RecordHints } from '../article/types.js';
import type { SourceRecord } from './types.js';
import { InputError } from './decode.js';

const FIELDS = {
  externalId: ['id', '_id', 'guid', 'uuid', 'article_id'],
  url: ['url', 'link', 'canonical_url'],
  title: ['title', 'headline'],
  text: ['text', 'maintext', 'body', 'content', 'article_text'],
  html: ['html', 'raw_html', 'content_html', 'body_html'],
  published: ['published', 'date', 'date_publish', 'published_at', 'publish_date', 'datePublished', 'pubDate'],
  updated: ['updated', 'date_modify', 'modified', 'updated_at', 'dateModified'],
  source: ['source', 'source_name', 'outlet', 'source_domain', 'domain', 'site_name'],
  language: ['language', 'lang'],
  byline: ['byline', 'author', 'authors'],
} as const;

function pick(record: Record<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number' && name !== 'date') return String(value);
    if (Array.isArray(value)) {
      const parts = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
      if (parts.length) return parts.join(', ');
    }
    // news-please nests the outlet as {source: {name}} in some exports.
    if (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') {
      return (value as { name: string }).name;
    }
  }
  return null;
}

/** Maps one parsed JSON value to a source record; throws InputError when it is not an article. */
export function recordFromJson(value: unknown, origin: SourceRecord['origin']): SourceRecord {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('not a JSON object', origin.record);
  }
  const obj = value as Record<string, unknown>;
  const text = pick(obj, FIELDS.text);
  const html = pick(obj, FIELDS.html);
  if (!text && !html) {
    throw new InputError(`no article text (expected one of: ${[...FIELDS.text, ...FIELDS.html].join(', ')})`, origin.record);
  }
  const hints: RecordHints = {
    externalId: pick(obj, FIELDS.externalId),
    url: pick(obj, FIELDS.url),
    title: pick(obj, FIELDS.title),
    published: pick(obj, FIELDS.published),
    updated: pick(obj, FIELDS.updated),
    source: pick(obj, FIELDS.source),
    language: pick(obj, FIELDS.language),
    byline: pick(obj, FIELDS.byline),
  };
  return text
    ? { origin, contentType: 'text', content: text, hints }
    : { origin, contentType: 'html', content: html!, hints };
}

/** A whole-document JSON file: one record, an array of records, or `{articles|items|data: [...]}`. */
export function recordsFromJsonDocument(text: string, file: string): Array<SourceRecord | InputError> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`malformed JSON: ${(error as Error).message}`);
  }
  const container = parsed as Record<string, unknown> | null;
  const list = Array.isArray(parsed)
    ? parsed
    : (['articles', 'items', 'data', 'records'].map((k) => container?.[k]).find(Array.isArray) ?? [parsed]);
  const items = list as unknown[];
  const numbered = items !== undefined && (Array.isArray(parsed) || items.length > 1);
  return items.map((item, index) => {
    const origin = numbered ? { file, record: `record ${index + 1}` } : { file };
    try {
      return recordFromJson(item, origin);
    } catch (error) {
      return error instanceof InputError ? error : new InputError(String(error), origin.record);
    }
  });
}
