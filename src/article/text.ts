/**
 * Plain-text articles: an optional `date YYYY-MM-DD` first line, an optional header block
 * (Title:/Date:/Source:/URL:), and scraped page text whose furniture (skip links, breadcrumbs,
 * language switches, a doubled title, Posted/Updated lines, share and copyright lines) is removed.
 * The patterns are data (data/text-boilerplate.json); this file only applies them.
 */
import boilerplate from '../../data/text-boilerplate.json' with { type: 'json' };
import languageTimezones from '../../data/language-timezones.json' with { type: 'json' };
import { parseDateText, formatOffset, type ParsedDate } from './dates.js';
import { normaliseForIdentity } from './identity.js';

export interface ParsedText {
  title: string | null;
  published: string | null;
  updated: string | null;
  source: string | null;
  url: string | null;
  byline: string | null;
  language: string | null;
  externalId: string | null;
  /** Paragraphs separated by blank lines. */
  text: string;
}

const whole = (patterns: string[]) => new RegExp(`^(?:${patterns.join('|')})$`, 'i');
const SKIP_LINK = whole(boilerplate.skipLinks);
const SHARE_LINE = whole(boilerplate.share);
const NAVIGATION_LINE = whole(boilerplate.navigation.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
const INTERFACE_WORDS = new Set(boilerplate.interfaceWords);
const SIGN_OFF_LINE = /^((?:[\p{Lu}][\p{L}'’-]*\s+){0,4}[\p{Lu}][\p{L}'’-]*)[\s,(<]+[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)>]?$/u;
const BYLINE_LINE = new RegExp(`^(?:${boilerplate.bylinePrefixes.join('|')})\\s+([\\p{Lu}][^,;|]{1,60})(?:[,;|].*)?$`, 'iu');
const prefixes = (names: string[]) => new RegExp(`^(?:${names.join('|')})\\b\\s*(?:on|at)?\\s*:?\\s*(.+)$`, 'i');
const PUBLISHED_LINE = prefixes(boilerplate.dateLinePrefixes.published);
const UPDATED_LINE = prefixes(boilerplate.dateLinePrefixes.updated);
const LANGUAGE_BY_NAME = new Map<string, string>(
  Object.entries(boilerplate.languageNames).flatMap(([code, names]) => names.map((n) => [n.toLowerCase(), code])),
);
// ASCII separators count only with spaces around them ("Home / World", not "1/2" or a URL); arrows need none.
const CRUMB_SPLIT = new RegExp(
  boilerplate.breadcrumbSeparators
    .map((sep) => (/^[\x21-\x7e]$/.test(sep) ? `\\s+\\${sep}\\s+` : `\\s*${sep}\\s*`))
    .join('|'),
);
const TIMEZONE_OF = new Map(Object.entries(languageTimezones).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));

const DATE_FIRST_LINE = /^\s*date\s*:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*/i;
const HEADER_LINE = /^(title|headline|date|published|updated|modified|source|outlet|url|link|author|by|byline|language|lang|id)\s*:\s*(.*)$/i;
const SENTENCE_END = /[.!?…:;"”’»)\]]$/;

function offsetOf(iso: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!m) return 0; // "Z"
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** Languages named by a line that consists only of language names (a language switch), or null. */
function languageSwitch(line: string): string[] | null {
  const parts = line.split(/\s*[|/·•,]\s*|\s{2,}/).filter(Boolean);
  if (parts.length === 0) return null;
  const codes = parts.map((p) => LANGUAGE_BY_NAME.get(p.toLowerCase()));
  return codes.every(Boolean) ? (codes as string[]) : null;
}

/** "Text size  A+  A-  Print", "Share on Facebook  Share on X  Email": a toolbar, not prose. */
function isToolbar(line: string): boolean {
  const words = line.toLowerCase().split(/\s+/);
  return words.length <= 16 && words.every((w) => INTERFACE_WORDS.has(w));
}

/** "Home > Politics > North Korea": several short segments, no sentence. */
function isBreadcrumb(line: string): boolean {
  const parts = line.split(CRUMB_SPLIT).filter(Boolean);
  if (parts.length < 2 || line.length > 120) return false;
  if (!CRUMB_SPLIT.test(line)) return false;
  return parts.every((p) => p.split(/\s+/).length <= 4 && !/[.!?]$/.test(p));
}

interface HeaderFields {
  fields: Map<string, string>;
  body: string;
}

/** Reads a leading `Key: value` block ended by a blank line. Needs two known keys, or one of Title/Date. */
function headerBlock(text: string): HeaderFields | null {
  const end = text.search(/\n[ \t]*\n/);
  const head = end < 0 ? text : text.slice(0, end);
  const lines = head.split('\n');
  const fields = new Map<string, string>();
  for (const line of lines) {
    const m = HEADER_LINE.exec(line.trim());
    if (!m) return null;
    fields.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  const strong = fields.has('title') || fields.has('headline') || fields.has('date') || fields.has('published');
  if (fields.size < 2 && !strong) return null;
  return { fields, body: end < 0 ? '' : text.slice(end).replace(/^\s+/, '') };
}

/** Joins hard-wrapped lines of a block into paragraphs; keeps lines that end a sentence as breaks. */
function paragraphsOf(block: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of block.split('\n')) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    if (current && !SENTENCE_END.test(current) && current.length > 40) current += ' ' + line;
    else {
      if (current) out.push(current);
      current = line;
    }
  }
  if (current) out.push(current);
  return out;
}

function sameTitle(a: string, b: string): boolean {
  return normaliseForIdentity(a) === normaliseForIdentity(b);
}

/** A short line that does not read as a sentence: a headline candidate. */
function looksLikeHeadline(line: string): boolean {
  return line.length <= 200 && line.split(/\s+/).length <= 30 && !/[.!?]$/.test(line);
}

/** What one line of a page is: article text, or one kind of page furniture. */
export type LineRole =
  | { kind: 'body' }
  | { kind: 'furniture' }
  | { kind: 'languages'; languages: string[] }
  | { kind: 'byline'; name: string }
  | { kind: 'date'; field: 'published' | 'updated'; date: ParsedDate };

/** Longest line that can be furniture; longer lines are always article text. */
const FURNITURE_MAX_CHARS = 160;

/** Classifies one whitespace-normalised line by the patterns in data/text-boilerplate.json. */
export function classifyLine(line: string): LineRole {
  if (line.length > FURNITURE_MAX_CHARS) return { kind: 'body' };
  const languages = languageSwitch(line);
  if (languages) return { kind: 'languages', languages };
  if (SKIP_LINK.test(line) || NAVIGATION_LINE.test(line) || SHARE_LINE.test(line)) return { kind: 'furniture' };
  if (isToolbar(line) || isBreadcrumb(line)) return { kind: 'furniture' };
  // A reporter's sign-off: a short name followed by an e-mail address.
  const signOff = SIGN_OFF_LINE.exec(line);
  if (signOff) return { kind: 'byline', name: signOff[1]!.trim() };
  const byline = BYLINE_LINE.exec(line);
  if (byline && line.length <= 100) return { kind: 'byline', name: byline[1]!.trim() };
  const updated = UPDATED_LINE.exec(line);
  const match = updated ?? PUBLISHED_LINE.exec(line);
  const date = match ? parseDateText(match[1]!) : null;
  if (date) return { kind: 'date', field: updated ? 'updated' : 'published', date };
  return { kind: 'body' };
}

/**
 * Drops furniture paragraphs that survived HTML extraction (crumbs, section labels, sign-offs, date lines)
 * and a repeat of the title at the top; returns the byline a sign-off gave.
 */
export function cleanExtractedText(text: string, title: string | null): { text: string; byline: string | null } {
  let byline: string | null = null;
  const paragraphs = text.split(/\n{2,}/).filter((paragraph) => {
    const role = classifyLine(paragraph.replace(/\s+/g, ' ').trim());
    if (role.kind === 'byline') byline ??= role.name;
    return role.kind === 'body';
  });
  while (title && paragraphs.length && sameTitle(paragraphs[0]!, title)) paragraphs.shift();
  return { text: paragraphs.join('\n\n'), byline };
}

export interface ParseTextOptions {
  /** A title known from elsewhere (header, JSON record); a repeat of it at the top is dropped. */
  knownTitle?: string | null;
}

export function parseTextArticle(input: string, options: ParseTextOptions = {}): ParsedText {
  let text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  const result: ParsedText = {
    title: null,
    published: null,
    updated: null,
    source: null,
    url: null,
    byline: null,
    language: null,
    externalId: null,
    text: '',
  };

  const dateLine = DATE_FIRST_LINE.exec(text);
  if (dateLine) {
    result.published = parseDateText(dateLine[1]!)?.iso ?? null;
    text = text.slice(dateLine[0].length);
  } else {
    const header = headerBlock(text.replace(/^\s+/, ''));
    if (header) {
      const f = header.fields;
      const get = (...keys: string[]) => keys.map((k) => f.get(k)).find((v) => v) ?? null;
      result.title = get('title', 'headline');
      result.published = parseDateText(get('date', 'published') ?? '')?.iso ?? null;
      result.updated = parseDateText(get('updated', 'modified') ?? '')?.iso ?? null;
      result.source = get('source', 'outlet');
      result.url = get('url', 'link');
      result.byline = get('author', 'by', 'byline');
      result.language = get('language', 'lang');
      result.externalId = get('id');
      text = header.body;
    }
  }

  // Classify each line of the page; keep the article lines in their blocks.
  const blocks = text.split(/\n[ \t]*\n/);
  const kept: string[][] = [];
  const homeLanguages: string[] = [];
  const dateLines: Array<{ kind: 'published' | 'updated'; date: ParsedDate }> = [];
  for (const block of blocks) {
    const lines: string[] = [];
    for (const raw of block.split('\n')) {
      const line = raw.replace(/\s+/g, ' ').trim();
      if (!line) continue;
      const role = classifyLine(line);
      if (role.kind === 'languages') homeLanguages.push(...role.languages);
      else if (role.kind === 'byline') result.byline ??= role.name;
      else if (role.kind === 'date') dateLines.push({ kind: role.field, date: role.date });
      if (role.kind !== 'body') continue;
      lines.push(raw);
    }
    if (lines.length) kept.push(lines);
  }

  // A time without a zone on a page that links to its home edition in a one-zone language takes that zone;
  // links to editions in different zones leave it local.
  const offsets = new Set(homeLanguages.map((l) => TIMEZONE_OF.get(l)).filter((o) => o !== undefined));
  // A zone stated on one date line of the page holds for the others.
  const stated = dateLines.find(({ date }) => date.hasOffset)?.date;
  const offset = stated ? offsetOf(stated.iso) : offsets.size === 1 ? [...offsets][0]! : null;
  for (const { kind, date } of dateLines) {
    const iso = date.hasTime && !date.hasOffset && offset !== null ? date.iso + formatOffset(offset) : date.iso;
    if (kind === 'published' && !result.published) result.published = iso;
    if (kind === 'updated' && !result.updated) result.updated = iso;
  }

  // A paragraph printed twice (a pull quote, a scraper's double capture) is kept once.
  const seen = new Set<string>();
  let paragraphs = kept
    .flatMap((lines) => paragraphsOf(lines.join('\n')))
    .filter((p) => p.length < 40 || (!seen.has(p) && seen.add(p)));
  const knownTitle = options.knownTitle ?? result.title;
  if (knownTitle) {
    while (paragraphs.length && sameTitle(paragraphs[0]!, knownTitle)) paragraphs.shift();
  } else if (paragraphs.length >= 2 && looksLikeHeadline(paragraphs[0]!)) {
    // Scraped pages print the headline at the top, often twice; a lone short first line is a headline too.
    const first = paragraphs[0]!;
    const repeated = sameTitle(first, paragraphs[1]!);
    const separate = blocks.length > 1 && kept[0]?.length === 1;
    if (repeated || separate) {
      result.title = first;
      while (paragraphs.length && sameTitle(paragraphs[0]!, first)) paragraphs.shift();
    }
  }
  result.text = paragraphs.join('\n\n');
  return result;
}
