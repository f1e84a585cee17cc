/**
 * Page metadata from news HTML: title, dates, canonical URL, outlet, author, language, description.
 *
 * Dates follow the order of trust that date extractors such as htmldate settle on: what the publisher
 * declares for machines (meta tags, JSON-LD, microdata, <time>) before what it shows to people (date-like
 * elements, "Published …" lines), and the URL's own date as the last resort and as a referee. Nothing is
 * guessed: a page without a convincing date gets null.
 */
import { readFileSync } from 'node:fs';
import { parseDateText, toEpochMs } from '../dates.js';
import { attr, isText, normalizeSpace, walkElements, type AnyNode, type Document, type Element } from './dom.js';

export interface HtmlMetadata {
  title: string | null;
  published: string | null;
  updated: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  author: string | null;
  language: string | null;
  description: string | null;
}

export interface ExtractMetadataOptions {
  /** The page's own URL: resolves relative links and is the last source of a date. */
  url?: string | null;
  /** Offset in minutes east of UTC for times the page gives without a zone. */
  defaultOffsetMinutes?: number | null;
}

interface DateMetaNames {
  published: string[];
  publishedGeneric: string[];
  updated: string[];
}

interface DateTextLabels {
  published: Record<string, string[]>;
  updated: Record<string, string[]>;
}

// The data folder sits three levels above this module both in src/article/html and in dist/article/html.
const loadData = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8')) as T;
const DATE_META = loadData<DateMetaNames>('date-meta-names.json');
const DATE_LABELS = loadData<DateTextLabels>('date-text-labels.json');

/** Dates before the web's news era are template defaults or typos, not publication dates. */
const EARLIEST_YEAR = 1995;
/** Visible text is only searched this far: the article's dateline sits near its start. */
const TEXT_SCAN_LIMIT = 60_000;
const MAX_HINT_ELEMENTS = 400;
const MAX_HEADINGS = 10;
const HEADLINE_HINT = /(?:^|[\s_-])(?:title|headline|head_?line|article[-_]?title|entry[-_]?title|post[-_]?title|tit)(?:$|[\s_-])/i;
const MAX_HINT_TEXT = 160;

const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'reviewnewsarticle',
  'backgroundnewsarticle',
  'askpublicnewsarticle',
  'blogposting',
  'liveblogposting',
  'socialmediaposting',
  'scholarlyarticle',
  'techarticle',
  'report',
  'videoobject',
]);

/** Containers whose dates belong to other stories, comments or the site itself. */
const FOREIGN_CONTAINER = /(?:comment|related|sidebar|footer|menu|recommend|popular|trending|most-?read|teaser|breadcrumb)/i;
const FOREIGN_TAGS = new Set(['nav', 'footer', 'aside']);
const DATE_HINT = /(?:date|datum|fecha|data(?!-)|tarih|time|publi|posted|dateline|byline|timestamp|stamp|meta-?info|article-?info|post-?info)/i;
const UPDATE_HINT = /(?:update|modif|edited|revis)/i;
const AUTHOR_HINT = /(?:byline|author|writer|reporter|journalist|autor|auteur)/i;
const BY_PREFIX = /^(?:(?:written|posted|reported)\s+by|by|from|por|par|von|di|door|av|af|от|автор|yazan)[\s:]+/i;
const NON_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'select', 'button']);

/** An element with its position in document order. */
interface Placed {
  el: Element;
  order: number;
}

/** What one walk over the document collects; every field extractor reads from here. */
interface PageFacts {
  htmlLang: string | null;
  /** Lower-cased meta key (name, property, itemprop or http-equiv) → contents in document order. */
  metas: Map<string, string[]>;
  canonical: string | null;
  relAuthors: Element[];
  jsonLd: string[];
  title: string | null;
  h1s: Placed[];
  /** h2/h3 elements whose class or id names a headline. */
  titledHeadings: Placed[];
  /** The h1 that holds the story's headline (the page's first h1 is often the site logo). */
  headline: Placed | null;
  times: Placed[];
  /** Non-meta elements carrying itemprop, keyed by lower-cased property. */
  itemprops: Map<string, Element[]>;
  dateHints: Placed[];
  authorHints: Element[];
  body: Element | null;
  /** The body's visible text, built on first use: most pages are dated before it is needed. */
  visibleText: () => VisibleText;
}

function collectFacts(doc: Document): PageFacts {
  const facts: PageFacts = {
    htmlLang: null,
    metas: new Map(),
    canonical: null,
    relAuthors: [],
    jsonLd: [],
    title: null,
    h1s: [],
    titledHeadings: [],
    headline: null,
    times: [],
    itemprops: new Map(),
    dateHints: [],
    authorHints: [],
    body: null,
    visibleText: () => {
      const text = visibleText(facts.body, facts.headline?.el ?? null);
      facts.visibleText = () => text;
      return text;
    },
  };
  const addMeta = (key: string | null, content: string) => {
    if (!key) return;
    for (const k of key.toLowerCase().split(/\s+/)) {
      if (!k) continue;
      const list = facts.metas.get(k);
      if (list) list.push(content);
      else facts.metas.set(k, [content]);
    }
  };
  let order = 0;
  walkElements(doc, (el) => {
    const a = el.attribs;
    order++;
    switch (el.name) {
      case 'html':
        facts.htmlLang ??= a.lang ?? a['xml:lang'] ?? null;
        break;
      case 'body':
        facts.body ??= el;
        break;
      case 'meta': {
        const content = a.content ?? a.value;
        if (content === undefined) break;
        addMeta(a.property ?? null, content);
        addMeta(a.name ?? null, content);
        addMeta(a.itemprop ?? null, content);
        addMeta(a['http-equiv'] ?? null, content);
        if (a.pubdate !== undefined) addMeta('pubdate', content);
        return;
      }
      case 'link': {
        const rel = (a.rel ?? '').toLowerCase();
        if (/\bcanonical\b/.test(rel) && a.href) facts.canonical ??= a.href;
        if (/\bauthor\b/.test(rel)) facts.relAuthors.push(el);
        return;
      }
      case 'script':
        if (/ld\+json/i.test(a.type ?? '')) facts.jsonLd.push(textOfNode(el));
        return;
      case 'title':
        if (facts.title === null && !insideTag(el, 'svg')) facts.title = normalizeSpace(textOfNode(el));
        break;
      case 'h1':
        if (facts.h1s.length < MAX_HEADINGS) facts.h1s.push({ el, order });
        break;
      case 'h2':
      case 'h3':
        // Some CMSs set the headline in a classed h2 and keep h1 for the logo.
        if (facts.titledHeadings.length < MAX_HEADINGS && HEADLINE_HINT.test(`${a.class ?? ''} ${a.id ?? ''}`))
          facts.titledHeadings.push({ el, order });
        break;
      case 'time':
        facts.times.push({ el, order });
        break;
    }
    if (a.itemprop) {
      for (const prop of a.itemprop.toLowerCase().split(/\s+/)) {
        const list = facts.itemprops.get(prop);
        if (list) list.push(el);
        else facts.itemprops.set(prop, [el]);
      }
    }
    if (a.rel && /\bauthor\b/i.test(a.rel) && el.name === 'a') facts.relAuthors.push(el);
    const hint = `${a.class ?? ''} ${a.id ?? ''}`;
    if (hint.length > 1) {
      if (facts.dateHints.length < MAX_HINT_ELEMENTS && DATE_HINT.test(hint) && !FOREIGN_CONTAINER.test(hint))
        facts.dateHints.push({ el, order });
      if (facts.authorHints.length < MAX_HINT_ELEMENTS && AUTHOR_HINT.test(hint)) facts.authorHints.push(el);
    }
    return undefined;
  });
  facts.headline = headlineHeading(facts);
  return facts;
}

/**
 * A bare `<title>` of a few words that shares nothing with the page's headline names the outlet
 * ("Seoul Daily Post" over an article headline), not the article.
 */
function titleNamingOutlet(title: string | null, headline: string): string | null {
  if (!title || !headline || TITLE_SEPARATOR.test(title) || title.split(/\s+/).length > 5) return null;
  const words = (t: string) => new Set(t.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3));
  const headlineWords = words(headline);
  return [...words(title)].some((w) => headlineWords.has(w)) ? null : title;
}

/** The h1 whose text is the page title's (or contained in it), else the first h1. */
function headlineHeading(facts: PageFacts): Placed | null {
  const titles = [facts.title, ...(facts.metas.get('og:title') ?? [])].filter((t): t is string => !!t).map(squash);
  for (const h1 of facts.h1s) {
    const text = squash(textOfNode(h1.el));
    if (text.length >= 8 && titles.some((t) => t.includes(text) || text.includes(t))) return h1;
  }
  return facts.h1s[0] ?? facts.titledHeadings[0] ?? null;
}

/**
 * Orders dated elements by closeness to the headline: those after it first (the dateline under the title,
 * then the story), then those before it from nearest to farthest, so that a site header's "today" comes last.
 */
function aroundHeadline<T extends { order: number }>(items: T[], headlineOrder: number | null): T[] {
  if (headlineOrder === null) return items;
  const after = items.filter((p) => p.order >= headlineOrder);
  const before = items.filter((p) => p.order < headlineOrder).reverse();
  return [...after, ...before];
}

function insideTag(el: Element, tag: string): boolean {
  for (let p = el.parent; p; p = p.parent) if ((p as Element).name === tag) return true;
  return false;
}

/** Text of a subtree without scripts and styles. */
function textOfNode(node: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (isText(current)) parts.push(current.data);
    else if ('children' in current) {
      if (current !== node && 'name' in current && NON_TEXT_TAGS.has((current as Element).name)) continue;
      const children = current.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------------
// Dates

interface DateContext {
  language: string | null;
  defaultOffsetMinutes: number | null;
}

/** A parsed, plausible ISO date from one raw value, or null. Epoch timestamps count as UTC. */
function readDate(raw: string | null | undefined, ctx: DateContext): string | null {
  if (!raw) return null;
  const value = raw.trim().slice(0, 120);
  if (/^\d{10}(?:\d{3})?$/.test(value)) {
    const ms = value.length === 13 ? Number(value) : Number(value) * 1000;
    const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return plausible(iso);
  }
  // Every complete date writes its year in digits; most candidate texts fail this cheap test.
  if (!LOOKS_DATED.test(value)) return null;
  const parsed = parseDateText(value, { language: ctx.language, defaultOffsetMinutes: ctx.defaultOffsetMinutes });
  return parsed ? plausible(parsed.iso) : null;
}

function plausible(iso: string): string | null {
  return Number(iso.slice(0, 4)) >= EARLIEST_YEAR ? iso : null;
}

/** The first readable date under the strongest meta key present. */
function metaDate(facts: PageFacts, keys: string[], ctx: DateContext): string | null {
  for (const key of keys) {
    for (const value of facts.metas.get(key) ?? []) {
      const date = readDate(value, ctx);
      if (date) return date;
    }
  }
  return null;
}

/** Date from a <time> or microdata element: its machine attribute first, its text otherwise. */
function elementDate(el: Element, ctx: DateContext): string | null {
  for (const name of ['datetime', 'content', 'data-datetime', 'data-date', 'data-time', 'data-timestamp', 'data-utime']) {
    const date = readDate(attr(el, name), ctx);
    if (date) return date;
  }
  const text = normalizeSpace(textOfNode(el));
  if (text.length > 3 && text.length <= MAX_HINT_TEXT) {
    const date = readDate(text, ctx);
    if (date) return date;
  }
  return readDate(attr(el, 'title'), ctx);
}

/** True when the element sits in a part of the page about other content (comments, related stories). */
function inForeignContainer(el: Element): boolean {
  for (let p = el.parent as Element | null; p && p.name && p.name !== 'body'; p = p.parent as Element | null) {
    if (FOREIGN_TAGS.has(p.name)) return true;
    const hint = `${p.attribs.class ?? ''} ${p.attribs.id ?? ''}`;
    if (hint.length > 1 && FOREIGN_CONTAINER.test(hint)) return true;
  }
  return false;
}

function timeElementDate(facts: PageFacts, wantUpdated: boolean, ctx: DateContext): string | null {
  const marked: Element[] = [];
  const plain: Placed[] = [];
  for (const placed of facts.times) {
    const el = placed.el;
    const hint = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''} ${el.attribs.itemprop ?? ''}`;
    const isUpdate = UPDATE_HINT.test(hint);
    if (wantUpdated) {
      if (isUpdate) marked.push(el);
      continue;
    }
    if (isUpdate) continue;
    if (el.attribs.pubdate !== undefined || /publi|posted|created/i.test(hint)) marked.push(el);
    else if (!inForeignContainer(el)) plain.push(placed);
  }
  for (const el of marked) {
    const date = elementDate(el, ctx);
    if (date) return date;
  }
  if (wantUpdated) return null;
  // An unmarked <time> counts only when it is the one nearest the headline: others date other items.
  const nearest = aroundHeadline(plain, facts.headline?.order ?? null)[0];
  return nearest ? elementDate(nearest.el, ctx) : null;
}

function itempropDate(facts: PageFacts, props: string[], ctx: DateContext): string | null {
  for (const prop of props) {
    for (const el of facts.itemprops.get(prop) ?? []) {
      const date = elementDate(el, ctx);
      if (date) return date;
    }
  }
  return null;
}

function hintElementDate(facts: PageFacts, wantUpdated: boolean, ctx: DateContext): string | null {
  for (const { el } of aroundHeadline(facts.dateHints, facts.headline?.order ?? null)) {
    const hint = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    if (UPDATE_HINT.test(hint) !== wantUpdated) continue;
    if (inForeignContainer(el)) continue;
    const date = elementDate(el, ctx);
    if (date) return date;
  }
  return null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function labelPattern(labels: Record<string, string[]>): RegExp {
  const words = [...new Set(Object.values(labels).flat())].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // The label, then a short run of connecting words/punctuation, then the date text itself.
  return new RegExp(`(?<![\\p{L}])(?:${words.join('|')})(?![\\p{L}])[^\\p{N}\\n]{0,24}([^\\n]{6,60})`, 'giu');
}

const PUBLISHED_LABEL = labelPattern(DATE_LABELS.published);
const UPDATED_LABEL = labelPattern(DATE_LABELS.updated);

interface VisibleText {
  text: string;
  /** Where the headline starts in `text`, or -1. */
  headlineAt: number;
}

/**
 * Visible text of the body with a line break at every element boundary, leaving out scripts, styles and
 * the parts of the page about other content (navigation, sidebars, comments).
 */
function visibleText(body: Element | null, headline: Element | null): VisibleText {
  if (!body) return { text: '', headlineAt: -1 };
  const parts: string[] = [];
  let length = 0;
  let headlineAt = -1;
  const stack: AnyNode[] = [body];
  while (stack.length > 0 && length < TEXT_SCAN_LIMIT) {
    const current = stack.pop()!;
    if (isText(current)) {
      const data = current.data.replace(/[ \t\r\f\v\u00a0\u200b]+/g, ' ');
      parts.push(data);
      length += data.length;
    } else if ('children' in current && 'name' in current) {
      const el = current as Element;
      if (NON_TEXT_TAGS.has(el.name) || FOREIGN_TAGS.has(el.name)) continue;
      const hint = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
      if (hint.length > 1 && FOREIGN_CONTAINER.test(hint)) continue;
      parts.push('\n');
      length++;
      if (el === headline) headlineAt = length;
      const children = el.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return { text: parts.join(''), headlineAt };
}

const DATE_LINE_MAX = 50;
/** A year (alone or in a compact 20200607), or a day-month-short-year group. */
const LOOKS_DATED = /(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)(?:19|20)\d{6}|\d{1,2}[./-]\d{1,2}[./-]\d{2}/;

/** The short line nearest the headline that is essentially a date ("January 18, 2020", "22/11/2020 - 04:30"). */
function dateLine({ text, headlineAt }: VisibleText, ctx: DateContext): string | null {
  const lines: Array<{ line: string; order: number }> = [];
  let at = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.length >= 6 && line.length <= DATE_LINE_MAX && LOOKS_DATED.test(line)) lines.push({ line, order: at });
    at += raw.length + 1;
  }
  for (const { line } of aroundHeadline(lines, headlineAt < 0 ? null : headlineAt)) {
    const date = readDate(line, ctx);
    if (date) return date;
  }
  return null;
}

function labelledDate({ text }: VisibleText, pattern: RegExp, ctx: DateContext): string | null {
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const date = readDate(m[1], ctx);
    if (date) return date;
  }
  return null;
}

const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const URL_YMD = /(?<!\d)((?:19|20)\d{2})[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?!\d)/;
const URL_YMONTHD = /\/((?:19|20)\d{2})\/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\/(0?[1-9]|[12]\d|3[01])(?!\d)/i;
const URL_COMPACT = /(?<![\d])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/;

/** A complete date written in the URL's path ("/2020/06/07/", "2020-06-07", "20200607"), or null. */
export function urlDate(url: string | null | undefined): string | null {
  if (!url) return null;
  let path: string;
  try {
    const parsed = new URL(url);
    path = parsed.pathname + parsed.search;
  } catch {
    return null;
  }
  const ymd = URL_YMD.exec(path);
  const named = URL_YMONTHD.exec(path);
  const compact = URL_COMPACT.exec(path);
  let parts: [string, number, string] | null = null;
  if (ymd) parts = [ymd[1]!, Number(ymd[2]), ymd[3]!];
  else if (named) parts = [named[1]!, MONTH_ABBR.indexOf(named[2]!.slice(0, 3).toLowerCase()) + 1, named[3]!];
  else if (compact) parts = [compact[1]!, Number(compact[2]), compact[3]!];
  if (!parts) return null;
  const [y, mo, d] = parts;
  const parsed = parseDateText(`${y}-${String(mo).padStart(2, '0')}-${d.padStart(2, '0')}`);
  return parsed ? plausible(parsed.iso) : null;
}

// ---------------------------------------------------------------------------------------------------
// JSON-LD

interface LinkedData {
  published: string | null;
  created: string | null;
  modified: string | null;
  headline: string | null;
  authors: string[];
  publisher: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJsonLenient(text: string): Json | undefined {
  const cleaned = text
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    .trim();
  for (const candidate of [cleaned, cleaned.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1')]) {
    try {
      return JSON.parse(candidate) as Json;
    } catch {
      // Try the repaired text next; broken JSON-LD falls back to a field-by-field scan.
    }
  }
  return undefined;
}

function typesOf(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase().replace(/^.*[/:]/, ''));
}

function stringOf(v: Json | undefined): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return stringOf(v[0]);
  if (isObject(v)) return stringOf(v['@value'] ?? v.name);
  return null;
}

function namesOf(v: Json | undefined, ids: Map<string, JsonObject>): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap((x) => namesOf(x, ids));
  if (isObject(v)) {
    const ref = typeof v['@id'] === 'string' ? ids.get(v['@id']) : undefined;
    const name = stringOf(v.name) ?? (ref ? stringOf(ref.name) : null);
    return name ? [name] : [];
  }
  return [];
}

/** Every object in the JSON-LD trees (@graph, arrays, nested values), shallow ones first. */
function linkedDataNodes(roots: Json[]): JsonObject[] {
  const nodes: JsonObject[] = [];
  let level: Json[] = roots;
  for (let depth = 0; depth < 6 && level.length > 0; depth++) {
    const next: Json[] = [];
    for (const v of level) {
      if (Array.isArray(v)) next.push(...v);
      else if (isObject(v)) {
        nodes.push(v);
        for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) next.push(child);
      }
    }
    level = next;
  }
  return nodes;
}

const RAW_FIELD = (field: string) => new RegExp(`"${field}"\\s*:\\s*"([^"]{4,80})"`);

function readLinkedData(scripts: string[]): LinkedData {
  const result: LinkedData = { published: null, created: null, modified: null, headline: null, authors: [], publisher: null };
  const roots: Json[] = [];
  const broken: string[] = [];
  for (const script of scripts) {
    const parsed = parseJsonLenient(script);
    if (parsed === undefined) broken.push(script);
    else roots.push(parsed);
  }
  const nodes = linkedDataNodes(roots);
  const ids = new Map<string, JsonObject>();
  // A node that is only {"@id": …} refers to another; the first full node under an id defines it.
  for (const node of nodes) {
    const id = node['@id'];
    if (typeof id === 'string' && Object.keys(node).length > 1 && !ids.has(id)) ids.set(id, node);
  }
  const articles = nodes.filter((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t)));
  const dated = nodes.filter((n) => n.datePublished !== undefined || n.dateModified !== undefined);
  for (const node of [...articles, ...dated]) {
    result.published ??= stringOf(node.datePublished);
    result.created ??= stringOf(node.dateCreated);
    result.modified ??= stringOf(node.dateModified);
  }
  for (const node of articles) {
    result.headline ??= stringOf(node.headline);
    if (result.authors.length === 0) result.authors = namesOf(node.author ?? node.creator, ids);
    if (result.publisher === null) result.publisher = namesOf(node.publisher, ids)[0] ?? null;
  }
  // Unparseable scripts still usually hold well-formed "key": "value" pairs.
  for (const script of broken) {
    result.published ??= RAW_FIELD('datePublished').exec(script)?.[1] ?? null;
    result.modified ??= RAW_FIELD('dateModified').exec(script)?.[1] ?? null;
    result.headline ??= RAW_FIELD('headline').exec(script)?.[1] ?? null;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Other fields

const NAMED_ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', ' ']]);

/** Decodes entities left in text that a CMS escaped twice ("&amp;#039;" in the source reads "&#039;"). */
function decodeLeftoverEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi, (whole, dec, hex, named) => {
    if (named) return NAMED_ENTITIES.get(named.toLowerCase()) ?? whole;
    const code = dec ? Number(dec) : parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function firstMeta(facts: PageFacts, keys: string[]): string | null {
  for (const key of keys) {
    for (const value of facts.metas.get(key) ?? []) {
      const clean = normalizeSpace(decodeLeftoverEntities(value));
      if (clean) return clean;
    }
  }
  return null;
}

function resolveUrl(href: string | null, base: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = base ? new URL(href.trim(), base) : new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const DEPRECATED_LANGUAGE = new Map([['iw', 'he'], ['in', 'id'], ['ji', 'yi'], ['jw', 'jv'], ['mo', 'ro']]);

function primaryLanguage(tag: string | null): string | null {
  const m = /^\s*([a-z]{2})(?:[-_]|\s*$)/i.exec(tag ?? '');
  if (!m) return null;
  const code = m[1]!.toLowerCase();
  return DEPRECATED_LANGUAGE.get(code) ?? code;
}

/** Letters and digits only, lower case: "The Daily Star" and "thedailystar.net" then compare. */
const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function hostLabel(url: string | null): string | null {
  if (!url) return null;
  try {
    const labels = new URL(url).hostname.replace(/^www\d?\./, '').split('.');
    // "bbc.co.uk" → "bbc"; "nytimes.com" → "nytimes".
    const label = labels.length > 2 && labels[labels.length - 2]!.length <= 3 ? labels[labels.length - 3] : labels[labels.length - 2];
    return label ? squash(label) : null;
  } catch {
    return null;
  }
}

function namesSite(segment: string, siteName: string | null, host: string | null): boolean {
  const s = squash(segment);
  if (!s) return false;
  if (siteName) {
    const site = squash(siteName);
    if (site && (s === site || (s.length >= 3 && site.includes(s)) || (site.length >= 3 && s.includes(site)))) return true;
  }
  return host !== null && host.length >= 3 && (s.includes(host) || (s.length >= 4 && host.includes(s)));
}

const TITLE_SEPARATOR = /(\s+(?:[|–—·•»«~]|-{1,2}|::)\s+|\s*[|｜]\s*|\s*-{2}\s*)/;

/** Removes the outlet's name from either end of a title: "Headline | Outlet", "Outlet: Headline". */
export function stripSiteName(title: string, siteName: string | null, url: string | null): string {
  const host = hostLabel(url);
  // Segments at even indexes, the separators between them at odd ones.
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length >= 3) {
    if (namesSite(parts[parts.length - 1]!, siteName, host)) return parts.slice(0, -2).join('').trim();
    if (namesSite(parts[0]!, siteName, host)) return parts.slice(2).join('').trim();
  }
  const colon = /^([^:]{2,40}):\s+(.+)$/.exec(title);
  if (colon && namesSite(colon[1]!, siteName, host)) return colon[2]!;
  return title;
}

function cleanAuthor(raw: string | null, siteName: string | null): string | null {
  if (!raw) return null;
  let name = normalizeSpace(raw).replace(BY_PREFIX, '');
  name = name.split(/\s*[|•·\n]\s*|\s+[-–—]\s+/)[0] ?? '';
  // Keep the name from its first letter to its last letter (or closing initial/parenthesis).
  name = name.replace(/^[^\p{L}]+|[^\p{L}.)]+$/gu, '');
  if (!name || name.length > 100 || /^(?:https?:|www\.|\/)/i.test(name) || /[<>{}@]/.test(name)) return null;
  // A bare domain names the outlet, not a person.
  if (/^[\w-]+(?:\.[\w-]+)+$/.test(name)) return null;
  if (name.split(' ').length > 12 || !/\p{L}/u.test(name)) return null;
  if (siteName && squash(name) === squash(siteName)) return null;
  return name;
}

function bylineAuthor(facts: PageFacts, siteName: string | null): string | null {
  for (const el of facts.authorHints) {
    if (inForeignContainer(el)) continue;
    const text = normalizeSpace(textOfNode(el));
    if (!text || text.length > MAX_HINT_TEXT) continue;
    const author = cleanAuthor(text, siteName);
    if (author && !/\d{4}/.test(author)) return author;
  }
  return null;
}

function relAuthor(facts: PageFacts, siteName: string | null): string | null {
  for (const el of facts.relAuthors) {
    if (el.name === 'link') continue;
    const author = cleanAuthor(textOfNode(el), siteName);
    if (author) return author;
  }
  return null;
}

function itempropAuthor(facts: PageFacts, siteName: string | null): string | null {
  for (const el of facts.itemprops.get('author') ?? []) {
    const nameEl = findItemprop(el, 'name');
    const author = cleanAuthor(nameEl ? (attr(nameEl, 'content') ?? textOfNode(nameEl)) : (attr(el, 'content') ?? textOfNode(el)), siteName);
    if (author) return author;
  }
  return null;
}

function findItemprop(root: Element, prop: string): Element | null {
  let found: Element | null = null;
  walkElements(root, (el) => {
    if ((el.attribs.itemprop ?? '').toLowerCase().split(/\s+/).includes(prop)) {
      found = el;
      return false;
    }
    return true;
  });
  return found;
}

// ---------------------------------------------------------------------------------------------------

const UTC_TIME = /T\d{2}:\d{2}:\d{2}(?:Z|\+00:00)$/;
const DAY_MS = 24 * 3600 * 1000;

/**
 * True when `other` reads as the same moment as the UTC time `utc` on the outlet's own calendar: the same
 * instant with a real offset, or the neighbouring day at a time no zone offset (-12 to +14 hours) rules out.
 */
function isLocalReading(utc: string, other: string): boolean {
  if (other.slice(0, 10) === utc.slice(0, 10) || UTC_TIME.test(other)) return false;
  const utcMs = toEpochMs(utc);
  if (/[+-]\d{2}:\d{2}$/.test(other) && !other.endsWith('+00:00')) return Math.abs(toEpochMs(other) - utcMs) < 60_000;
  // Read as if in UTC, a local wall-clock time differs from the real instant by exactly the zone offset.
  const shift = other.length === 10 ? null : toEpochMs(other) - utcMs;
  if (shift !== null) return shift >= -12 * 3600_000 && shift <= 14 * 3600_000 && shift % (15 * 60_000) === 0;
  const dayShift = (toEpochMs(other) - toEpochMs(utc.slice(0, 10))) / DAY_MS;
  const utcHour = Number(utc.slice(11, 13));
  return (dayShift === 1 && utcHour >= 10) || (dayShift === -1 && utcHour < 12);
}

function pickPublished(
  facts: PageFacts,
  linked: LinkedData,
  pageUrls: Array<string | null>,
  ctx: DateContext,
): string | null {
  // Strongest first: what the publisher declares for machines, then what it shows to readers.
  const sources: Array<() => string | null> = [
    () => metaDate(facts, DATE_META.published, ctx),
    () => readDate(linked.published, ctx),
    () => itempropDate(facts, ['datepublished'], ctx),
    () => timeElementDate(facts, false, ctx),
    () => readDate(linked.created, ctx),
    () => itempropDate(facts, ['datecreated'], ctx),
    () => metaDate(facts, DATE_META.publishedGeneric, ctx),
    () => hintElementDate(facts, false, ctx),
    () => labelledDate(facts.visibleText(), PUBLISHED_LABEL, ctx),
    () => dateLine(facts.visibleText(), ctx),
  ];
  let found: string | null = null;
  let next = 0;
  while (found === null && next < sources.length) found = sources[next++]!();
  // A UTC timestamp is a server's clock; a weaker source may give the outlet's own calendar day for it.
  if (found !== null && UTC_TIME.test(found)) {
    while (next < sources.length) {
      const other = sources[next++]!();
      if (other === null || UTC_TIME.test(other)) continue;
      // A source in local terms on the same day confirms the UTC day; stop looking.
      if (other.startsWith(found.slice(0, 10))) break;
      if (isLocalReading(found, other)) {
        found = other;
        break;
      }
    }
  }
  const fromUrl = pageUrls.map(urlDate).find((d) => d !== null) ?? null;
  if (found && (!fromUrl || found.startsWith(fromUrl))) return found;
  // A date in the URL is fixed when the story is filed; a page date that disagrees is usually another story's.
  return fromUrl ?? found;
}

function pickUpdated(facts: PageFacts, linked: LinkedData, ctx: DateContext): string | null {
  return (
    metaDate(facts, DATE_META.updated, ctx) ??
    readDate(linked.modified, ctx) ??
    itempropDate(facts, ['datemodified'], ctx) ??
    timeElementDate(facts, true, ctx) ??
    hintElementDate(facts, true, ctx) ??
    labelledDate(facts.visibleText(), UPDATED_LABEL, ctx)
  );
}

/** Reads the page's metadata. Never throws: a field the page does not give is null. */
export function extractMetadata(doc: Document, options: ExtractMetadataOptions = {}): HtmlMetadata {
  const facts = collectFacts(doc);
  const linked = readLinkedData(facts.jsonLd);
  const language =
    primaryLanguage(facts.htmlLang) ??
    primaryLanguage(firstMeta(facts, ['content-language', 'og:locale', 'dc.language', 'dcterms.language', 'language', 'inlanguage']));
  const canonicalUrl =
    resolveUrl(facts.canonical, options.url) ?? resolveUrl(firstMeta(facts, ['og:url']), options.url);
  const pageUrl = options.url ?? canonicalUrl;
  const ogUrl = resolveUrl(firstMeta(facts, ['og:url']), options.url);
  const headingText = facts.headline ? normalizeSpace(textOfNode(facts.headline.el)) : '';
  const siteName =
    firstMeta(facts, ['og:site_name']) ??
    (linked.publisher ? normalizeSpace(linked.publisher) : null) ??
    firstMeta(facts, ['application-name', 'apple-mobile-web-app-title']) ??
    titleNamingOutlet(facts.title, headingText);
  const rawTitle =
    firstMeta(facts, ['og:title', 'twitter:title']) ??
    (linked.headline ? normalizeSpace(decodeLeftoverEntities(linked.headline)) : null) ??
    (facts.headline ? normalizeSpace(textOfNode(facts.headline.el)) || null : null) ??
    (facts.title || null);
  const title = rawTitle ? stripSiteName(rawTitle, siteName, pageUrl) || rawTitle : null;
  const ctx: DateContext = { language, defaultOffsetMinutes: options.defaultOffsetMinutes ?? null };
  const metaAuthor = facts.metas.get('author') ?? [];
  const articleAuthor = (facts.metas.get('article:author') ?? []).filter((v) => !/^\s*(?:https?:|www\.)/i.test(v));
  const author =
    [...metaAuthor, ...articleAuthor].map((v) => cleanAuthor(v, siteName)).find((v) => v !== null) ??
    (linked.authors.map((v) => cleanAuthor(v, siteName)).filter((v): v is string => v !== null).join(', ') || null) ??
    relAuthor(facts, siteName) ??
    itempropAuthor(facts, siteName) ??
    bylineAuthor(facts, siteName);
  return {
    title,
    published: pickPublished(facts, linked, [options.url ?? null, canonicalUrl, ogUrl], ctx),
    updated: pickUpdated(facts, linked, ctx),
    canonicalUrl,
    siteName,
    author: author ?? null,
    language,
    description: firstMeta(facts, ['description', 'og:description', 'twitter:description']),
  };
}
