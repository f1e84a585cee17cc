/**
 * Main-content (article body) extraction from a parsed news page.
 *
 * One walk over the DOM cuts the page into text blocks (runs of inline text between block-level tags)
 * and records, for every element, the contiguous range of blocks it holds. Everything after that works
 * on arrays with prefix sums, so the cost stays linear in the page size:
 *  1. blocks are weighed: long, link-poor text is content evidence, link lists and short scraps count
 *     against it;
 *  2. furniture is set aside: elements whose tag or role says so (nav, aside, figure...), comment
 *     threads, and elements whose class/id names furniture (share bars, ads, related links...) unless
 *     they hold most of the page's prose (a page wrapper with an unlucky class name);
 *  3. the element with the highest summed weight is the main container (the smallest one on ties),
 *     searched inside the element the markup names as the article body when there is one;
 *  4. the container's blocks are filtered (link lists, labels, datelines, bylines, calls to act, the
 *     headline) and their lines become the paragraphs.
 */
import furniture from '../../../data/html-boilerplate.json' with { type: 'json' };
import { MONTH_NAMES } from '../dates.js';
import { hasChildren, type AnyNode, type Document, type Element } from 'domhandler';
import { findFirst, isElement, isText, normalizeSpace, textOf } from './dom.js';

export interface ExtractedContent {
  /** Article body: clean paragraphs separated by a blank line; "" when none was found. */
  text: string;
}

export interface ExtractContentOptions {
  /** The headline, so that it is not repeated at the top of the body; defaults to the page's h1. */
  title?: string | null;
}

/** Subtrees that never hold readable article text. */
const SKIPPED_TAGS = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'picture', 'map', 'button', 'select', 'option', 'textarea', 'input', 'label', 'dialog',
]);

/** Tags that continue the current line of text instead of starting a new block. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'img', 'ins', 'kbd', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup',
  'time', 'tt', 'u', 'var', 'wbr',
]);

/** Tags of page furniture: always set aside. */
const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'figure', 'figcaption', 'menu']);
/** Table cells continue their row's line, so that a table row reads as one paragraph. */
const TABLE_CELLS = new Set(['td', 'th']);

const FURNITURE_ROLES = new Set(furniture.furnitureRoles);

/**
 * class/id word starts that mark page furniture: "comments", "relatedPosts" and "share-bar" all match.
 * Matched after a non-alphanumeric character (or the start), lower-cased.
 */
const FURNITURE_PREFIXES = furniture.furnitureClassPrefixes;

/**
 * class/id word starts of reader comments: set aside even where the page has little else, since a
 * busy comment thread easily outweighs the article it follows.
 */
const COMMENT_PREFIXES = furniture.commentClassPrefixes;

/** class/id words that mark furniture only as whole words ("ad" but not "adjacent", "nav" but not "navy"). */
const FURNITURE_WORDS = furniture.furnitureClassWords;

const COMMENT_NAME = new RegExp(`(?:^|[^a-z0-9])(?:${COMMENT_PREFIXES.join('|')})`);
/** A furniture word in a class list: any continuation after a prefix, none after a whole word. */
const FURNITURE_NAME = new RegExp(
  `(?:^|[^a-z0-9])(?:${FURNITURE_PREFIXES.join('|')}|(?:${FURNITURE_WORDS.join('|')})(?![a-z0-9]))`,
);
/** Classes that CMSs put on article wrappers to describe state or taxonomy, not role ("tag-politics"). */
const STATE_CLASS =
  /^(?:has|is|with|no|not|tag|tags|category|categories|format|type|status|postid|post-template|page-template|single|template|js|wp|vc)[-_]/i;
/** A state modifier inside a class name ("card-has-image", "teaser--no-video") and all that follows it. */
const STATE_SUFFIX = /[-_]+(?:has|is|with|without|no|not)[-_].*$/i;
const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const HAS_UPPER = /[A-Z]/;

/** class/id names of article-body containers ("article-body", "entry-content", "story_text"). */
const CONTENT_NAME =
  /(?:article|story|entry|post|main|body|text)[-_]?(?:body|content|text)|(?:^|[^a-z])(?:articlebody|article-body)/i;

/** Minimum length of a block that counts as prose (shorter ones are labels, dates, buttons). */
const MIN_PROSE_CHARS = 25;
/** Longest text still read as a heading. */
const MAX_HEADING_CHARS = 150;
/** Link share above which a block is navigation rather than prose. */
const MAX_PROSE_LINK_DENSITY = 0.33;
/** Link share above which a block is dropped from the output. */
const MAX_KEPT_LINK_DENSITY = 0.5;
/**
 * Cap on what one link-heavy block costs its container: a sentence carrying a big inline link widget
 * (a hover card, a list of related headlines) must not outweigh the paragraphs around it.
 */
const MAX_LINK_BLOCK_PENALTY = 100;
/** Cost per character of a short, link-poor block. */
const SCRAP_PENALTY = 0.5;
/** A boilerplate-marked element holding more than this share of all prose is a wrapper, not furniture. */
const WRAPPER_SHARE = 0.5;
/** Share of a furniture-named element's text in blockquotes above which it is an embedded post. */
const EMBED_QUOTE_SHARE = 0.8;
/** Below this share of the score found without class-word furniture, that furniture is not trusted. */
const FALLBACK_SHARE = 0.2;
/** Share of the best box's score a hinted element needs to be trusted as the article. */
const HINT_MIN_SHARE = 0.3;

interface Block {
  /** Lines of normalised text (a block is split into lines at <br>). */
  lines: string[];
  chars: number;
  linkChars: number;
  /** Nearest block-level ancestor tag. */
  tag: string;
  inHeading: boolean;
  /** Inside a <blockquote>: quoted or embedded posts. */
  inQuote: boolean;
}

interface Box {
  el: Element;
  /** Index of the first block inside the element, and one past the last. */
  blockStart: number;
  blockEnd: number;
  /** One past the last descendant box in preorder (boxes of a subtree are contiguous). */
  boxEnd: number;
  /** Own index in preorder, and the enclosing box's (-1 for the root). */
  index: number;
  parent: number;
  furniture: Furniture;
  hint: ContentHint;
}

/** How sure the markup is that an element is page furniture. */
const enum Furniture {
  None = 0,
  /** A class/id word or a <header>: set aside unless the element holds most of the page's prose. */
  Likely = 1,
  /** A furniture tag or ARIA role, or a comment thread: always set aside. */
  Certain = 2,
}

/** How the markup announces an element as the article. */
const enum ContentHint {
  None = 0,
  /** <article>, <main>, role=main: article or page content, possibly with teasers around it. */
  Structural = 1,
  /** itemprop=articleBody or an article-body class/id: the body itself. */
  Named = 2,
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * What an element's class or id says about it being furniture. State and taxonomy classes that CMSs put
 * on article wrappers ("has-post-thumbnail", "tag-politics", "category-news") say nothing.
 */
function furnitureNamed(cls: string, id: string): Furniture {
  let names = '';
  for (const name of `${cls} ${id}`.split(/\s+/)) {
    if (name !== '' && !STATE_CLASS.test(name)) names += ` ${name.replace(STATE_SUFFIX, '')}`;
  }
  // camelCase names are read both as words ("relatedPosts") and whole ("KeyPoints" is "keypoints").
  const readings = HAS_UPPER.test(names)
    ? [names.toLowerCase(), names.replace(CAMEL_BOUNDARY, '$1 $2').toLowerCase()]
    : [names];
  if (readings.some((reading) => COMMENT_NAME.test(reading))) return Furniture.Certain;
  return readings.some((reading) => FURNITURE_NAME.test(reading)) ? Furniture.Likely : Furniture.None;
}

function contentHint(el: Element): ContentHint {
  if (el.attribs.itemprop?.toLowerCase() === 'articlebody') return ContentHint.Named;
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if ((cls !== undefined && CONTENT_NAME.test(cls)) || (id !== undefined && CONTENT_NAME.test(id))) {
    return ContentHint.Named;
  }
  return declaresMainContent(el) && el.name !== 'body' ? ContentHint.Structural : ContentHint.None;
}

function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined) return true;
  if (el.attribs['aria-hidden'] === 'true') return true;
  const style = el.attribs.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Elements that declare themselves the page's main or article content are never furniture. */
function declaresMainContent(el: Element): boolean {
  const role = el.attribs.role;
  return el.name === 'article' || el.name === 'main' || el.name === 'body' || (role !== undefined && role.toLowerCase() === 'main');
}

const furnitureNameCache = new Map<string, Furniture>();
const FURNITURE_CACHE_LIMIT = 20_000;

function furnitureOf(el: Element): Furniture {
  if (FURNITURE_TAGS.has(el.name)) return Furniture.Certain;
  const role = el.attribs.role;
  if (role !== undefined && FURNITURE_ROLES.has(role.toLowerCase())) return Furniture.Certain;
  if (declaresMainContent(el)) return Furniture.None;
  if (el.name === 'header') return Furniture.Likely;
  const cls = el.attribs.class ?? '';
  const id = el.attribs.id ?? '';
  if (cls === '' && id === '') return Furniture.None;
  // Pages repeat the same few class lists hundreds of times.
  const key = `${cls}#${id}`;
  let named = furnitureNameCache.get(key);
  if (named === undefined) {
    named = furnitureNamed(cls, id);
    if (furnitureNameCache.size > FURNITURE_CACHE_LIMIT) furnitureNameCache.clear();
    furnitureNameCache.set(key, named);
  }
  return named;
}

/** Counts non-whitespace characters: the length measure for density, independent of markup spacing. */
function visibleLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 32 && code !== 160) count++;
  }
  return count;
}

/** The page cut into blocks, plus the element boxes that index into them. */
class PageSegmenter {
  readonly blocks: Block[] = [];
  readonly boxes: Box[] = [];
  private lineParts: string[] = [];
  private lines: string[] = [];
  private chars = 0;
  private linkChars = 0;
  private linkDepth = 0;
  private headingDepth = 0;
  private quoteDepth = 0;
  private blockTags: string[] = [];
  private openBoxes: number[] = [];

  constructor(root: AnyNode) {
    this.walk(root);
    this.flush();
  }

  private walk(root: AnyNode): void {
    // Explicit stack: broken markup can nest thousands deep. A number on the stack closes that box.
    const stack: Array<AnyNode | number> = [root];
    while (stack.length > 0) {
      const item = stack.pop()!;
      if (typeof item === 'number') {
        this.close(item);
        continue;
      }
      if (isText(item)) {
        this.addText(item.data);
        continue;
      }
      if (isElement(item)) {
        if (SKIPPED_TAGS.has(item.name) || isHidden(item)) continue;
        if (item.name === 'br') {
          this.breakLine();
          continue;
        }
        const boxIndex = this.open(item);
        stack.push(boxIndex);
      }
      if (hasChildren(item)) {
        const children = item.children;
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      }
    }
  }

  private open(el: Element): number {
    const continuesLine = INLINE_TAGS.has(el.name) || TABLE_CELLS.has(el.name);
    if (TABLE_CELLS.has(el.name)) {
      this.lineParts.push(' ');
    } else if (!INLINE_TAGS.has(el.name)) {
      this.flush();
      this.blockTags.push(el.name);
    }
    if (el.name === 'a') this.linkDepth++;
    else if (HEADINGS.has(el.name)) this.headingDepth++;
    else if (el.name === 'blockquote') this.quoteDepth++;
    this.boxes.push({
      el,
      blockStart: this.blocks.length,
      blockEnd: this.blocks.length,
      boxEnd: this.boxes.length + 1,
      index: this.boxes.length,
      parent: this.openBoxes[this.openBoxes.length - 1] ?? -1,
      // Inline furniture (a tooltip span inside a sentence) shares its block with prose: not set aside.
      furniture: continuesLine ? Furniture.None : furnitureOf(el),
      hint: contentHint(el),
    });
    this.openBoxes.push(this.boxes.length - 1);
    return this.boxes.length - 1;
  }

  private close(boxIndex: number): void {
    this.openBoxes.pop();
    const box = this.boxes[boxIndex]!;
    const el = box.el;
    const continuesLine = INLINE_TAGS.has(el.name) || TABLE_CELLS.has(el.name);
    if (TABLE_CELLS.has(el.name)) {
      this.lineParts.push(' ');
    } else if (!continuesLine) {
      this.flush();
      this.blockTags.pop();
    }
    if (el.name === 'a') this.linkDepth--;
    else if (HEADINGS.has(el.name)) this.headingDepth--;
    else if (el.name === 'blockquote') this.quoteDepth--;
    // Inline elements end mid-block; the pending block belongs to them too once flushed.
    box.blockEnd = continuesLine ? this.blocks.length + (this.chars > 0 ? 1 : 0) : this.blocks.length;
    box.boxEnd = this.boxes.length;
  }

  private addText(data: string): void {
    const length = visibleLength(data);
    if (length === 0) {
      if (data.length > 0) this.lineParts.push(' ');
      return;
    }
    this.lineParts.push(data);
    this.chars += length;
    if (this.linkDepth > 0) this.linkChars += length;
  }

  private breakLine(): void {
    const line = normalizeSpace(this.lineParts.join(''));
    if (line !== '') this.lines.push(line);
    this.lineParts = [];
  }

  private flush(): void {
    this.breakLine();
    if (this.lines.length > 0 && this.chars > 0) {
      this.blocks.push({
        lines: this.lines,
        chars: this.chars,
        linkChars: this.linkChars,
        tag: this.blockTags[this.blockTags.length - 1] ?? '',
        // Text that long inside a heading tag is a paragraph under an unclosed heading.
        inHeading: this.headingDepth > 0 && this.chars <= MAX_HEADING_CHARS,
        inQuote: this.quoteDepth > 0,
      });
    }
    this.lines = [];
    this.chars = 0;
    this.linkChars = 0;
  }
}

function linkDensity(block: Block): number {
  return block.chars > 0 ? block.linkChars / block.chars : 0;
}

/** Content evidence of a block: positive for prose, negative for link lists and scraps. */
function blockScore(block: Block): number {
  const density = linkDensity(block);
  if (density > MAX_KEPT_LINK_DENSITY) return -Math.min(block.chars, MAX_LINK_BLOCK_PENALTY);
  if (block.chars >= MIN_PROSE_CHARS && density <= MAX_PROSE_LINK_DENSITY && !block.inHeading) {
    return block.chars * (1 - density);
  }
  // Scraps (labels, dates, buttons) cost little each: a byline must not push the article container away.
  return -Math.min(block.chars, MIN_PROSE_CHARS) * SCRAP_PENALTY;
}

/** Prose weight of a block (its length when it reads as prose): tells page wrappers from furniture. */
function proseWeight(block: Block): number {
  const density = linkDensity(block);
  return block.chars >= MIN_PROSE_CHARS && density <= MAX_PROSE_LINK_DENSITY ? block.chars : 0;
}

function prefixSums(values: number[]): Float64Array {
  const sums = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) sums[i + 1] = sums[i]! + values[i]!;
  return sums;
}

/** Marks the blocks of every box that `isSetAside` selects (boxes come in preorder, so nesting is cheap). */
function markBlocks(boxes: Box[], excluded: Uint8Array, isSetAside: (box: Box) => boolean): void {
  let coveredUntil = 0;
  for (const box of boxes) {
    if (box.blockEnd <= coveredUntil || !isSetAside(box)) continue;
    excluded.fill(1, Math.max(box.blockStart, coveredUntil), box.blockEnd);
    coveredUntil = box.blockEnd;
  }
}

/**
 * Adds the blocks inside likely furniture (a class word) to `excluded`, which already holds the certain
 * furniture. Likely furniture is kept when it holds most of the remaining prose (a page wrapper with an
 * unlucky class name) or when its text is mostly a blockquote (the wrapper of an embedded post that the
 * article quotes: "social-embed", "tweet-widget").
 */
function markLikelyFurniture(boxes: Box[], blocks: Block[], excluded: Uint8Array): void {
  const prose = prefixSums(blocks.map((block, i) => (excluded[i] ? 0 : proseWeight(block))));
  const chars = prefixSums(blocks.map((block) => block.chars));
  const quoted = prefixSums(blocks.map((block) => (block.inQuote ? block.chars : 0)));
  const totalProse = prose[blocks.length]!;
  markBlocks(boxes, excluded, (box) => {
    if (box.furniture !== Furniture.Likely || box.hint !== ContentHint.None) return false;
    const boxQuoted = quoted[box.blockEnd]! - quoted[box.blockStart]!;
    if (boxQuoted > 0 && boxQuoted >= EMBED_QUOTE_SHARE * (chars[box.blockEnd]! - chars[box.blockStart]!)) return false;
    const boxProse = prose[box.blockEnd]! - prose[box.blockStart]!;
    return totalProse === 0 || boxProse <= WRAPPER_SHARE * totalProse;
  });
}

function boxScore(box: Box, scores: Float64Array): number {
  return scores[box.blockEnd]! - scores[box.blockStart]!;
}

interface Selection {
  excluded: Uint8Array;
  main: Box | null;
  score: number;
}

function selectMain(boxes: Box[], blocks: Block[], excluded: Uint8Array): Selection {
  const scores = prefixSums(blocks.map((block, i) => (excluded[i] ? 0 : blockScore(block))));
  const main = pickMainBox(boxes, scores);
  return { excluded, main, score: main ? boxScore(main, scores) : 0 };
}

/**
 * The main container with all furniture set aside, unless setting aside only the certain furniture
 * finds far more content: a furniture word repeated on every story's wrapper ("story-share-wrapper")
 * would otherwise hide the article.
 */
function selectWithFallback(boxes: Box[], blocks: Block[]): Selection {
  const certain = new Uint8Array(blocks.length);
  markBlocks(boxes, certain, (box) => box.furniture === Furniture.Certain);
  const all = certain.slice();
  markLikelyFurniture(boxes, blocks, all);
  const strict = selectMain(boxes, blocks, all);
  const permissive = selectMain(boxes, blocks, certain);
  return strict.score >= FALLBACK_SHARE * permissive.score ? strict : permissive;
}

/** Among boxes [from, to) in preorder, the one with the best score; the deepest one wins ties. */
function bestBox(boxes: Box[], scores: Float64Array, from: number, to: number, hint: ContentHint | null): Box | null {
  let best: Box | null = null;
  let bestScore = 0;
  for (let i = to - 1; i >= from; i--) {
    const box = boxes[i]!;
    if (hint !== null && box.hint !== hint) continue;
    const score = boxScore(box, scores);
    if (score > bestScore) {
      best = box;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The hinted box, or its parent when a sibling carries the same hint: some CMSs mark every paragraph
 * ("post-text") or every section of the body rather than one container.
 */
function widenToSiblings(boxes: Box[], hinted: Box): Box {
  const parent = boxes[hinted.parent];
  if (!parent) return hinted;
  for (let i = parent.index + 1; i < parent.boxEnd; i = boxes[i]!.boxEnd) {
    const sibling = boxes[i]!;
    if (sibling !== hinted && sibling.hint === hinted.hint) return parent;
  }
  return hinted;
}

function nested(a: Box, b: Box): boolean {
  return (b.index >= a.index && b.index < a.boxEnd) || (a.index >= b.index && a.index < b.boxEnd);
}

/**
 * The main container: the best-scoring box, searched inside the element the markup names as the
 * article body when it holds a fair share of the content, else inside the structural article/main
 * element, else in the whole page. The hints keep teaser lists and link farms from outweighing a
 * short article. A structural hint elsewhere than the best box is ignored: teasers are often
 * <article>s too.
 */
function pickMainBox(boxes: Box[], scores: Float64Array): Box | null {
  const overall = bestBox(boxes, scores, 0, boxes.length, null);
  if (!overall) return null;
  const floor = HINT_MIN_SHARE * boxScore(overall, scores);
  for (const hint of [ContentHint.Named, ContentHint.Structural]) {
    const hinted = bestBox(boxes, scores, 0, boxes.length, hint);
    if (!hinted || boxScore(hinted, scores) < floor) continue;
    if (hint === ContentHint.Structural && !nested(hinted, overall)) continue;
    const region = widenToSiblings(boxes, hinted);
    return bestBox(boxes, scores, region.index, region.boxEnd, null) ?? region;
  }
  return overall;
}

/** A whole short line that is a label of page furniture rather than article text. */
const FURNITURE_LABEL = new RegExp(`^(?:${furniture.furnitureLabels.join('|')})\\b.{0,25}$`, 'i');
/** Calls to act (subscribe, follow, share) that outlets append to articles. */
const CALL_TO_ACT = new RegExp(`\\b(?:${furniture.callsToAct.join('|')})\\b`, 'i');
/** An unrendered CMS shortcode ("[button link=…]Send us your review[/button]"). */
const SHORTCODE = /^\[\w+[^\]]*\].*\[\/\w+\]$/;
const DATELINE_WORD = new RegExp(`^(?:${furniture.datelineWords.join('|')})\\b`, 'i');
const COPYRIGHT = /^(?:©|ⓒ|copyright\b|\(c\)\s)/i;
const DATE = new RegExp(
  `\\b\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}\\b|\\b\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}\\b|` +
    `\\b(?:${MONTH_NAMES})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b|\\b\\d{1,2}\\.?\\s+(?:${MONTH_NAMES})\\.?,?\\s+\\d{4}\\b|` +
    `\\b\\d{1,2}:\\d{2}\\b.*\\b\\d{4}\\b|\\b\\d{4}\\b.*\\b\\d{1,2}:\\d{2}\\b`,
  'i',
);
/** Lines up to this length are checked for labels, datelines and credits. */
const SHORT_LINE = 100;
/** "By Jane Doe", "By Jane Doe and John Roe, Reuters": a byline, not a sentence. */
const BYLINE = /^[Bb]y\s+\p{Lu}/u;
const BYLINE_MAX = 60;
/** Lines shorter than this that carry a date are datelines. */
const DATELINE_MAX = 60;
/** Calls to act are checked in lines up to this length (a real paragraph may mention a newsletter). */
const PROMO_LINE = 250;

/**
 * Whether one output line is furniture: a label, a dateline, a copyright notice or photo credit, a
 * call to act, a shortcode left over by the CMS.
 */
function isFurnitureLine(line: string): boolean {
  if (line.length > PROMO_LINE) return false;
  if (CALL_TO_ACT.test(line) || COPYRIGHT.test(line) || SHORTCODE.test(line)) return true;
  if (line.length > SHORT_LINE) return false;
  if (FURNITURE_LABEL.test(line) || DATELINE_WORD.test(line)) return true;
  if (line.length < BYLINE_MAX && BYLINE.test(line) && !SENTENCE_END.test(line)) return true;
  // A short line carrying a date is a dateline; quote attributions ("— Name (@handle) May 1, 2019") are not.
  return line.length < DATELINE_MAX && DATE.test(line) && !line.startsWith('—') && !line.includes('@');
}

const LINKED_SENTENCE_MAX_CHARS = 300;
/** Shortest heading that counts as the headline when it is only the start of the given title. */
const MIN_HEADLINE_PREFIX = 20;
const SENTENCE_END = /[.!?。！？…]["'”’»)]?$/;

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A short paragraph that ends like a sentence is prose even when most of its words are links (longer
 * link-heavy paragraphs are teaser lists or inline link widgets).
 */
function isLinkedSentence(block: Block): boolean {
  const last = block.lines[block.lines.length - 1]!;
  return block.tag === 'p' && block.chars < LINKED_SENTENCE_MAX_CHARS && linkDensity(block) < 1 && SENTENCE_END.test(last);
}

function isLinkBlock(block: Block): boolean {
  return linkDensity(block) > MAX_KEPT_LINK_DENSITY && !isLinkedSentence(block);
}

function keepBlock(block: Block, headline: string): boolean {
  if (isLinkBlock(block)) return false;
  // The h1 is the headline (or the site's logo); neither belongs to the body.
  if (block.tag === 'h1') return false;
  if (headline === '' || block.chars > headline.length * 2) return true;
  const text = comparable(block.lines.join(' '));
  if (text === headline) return false;
  // A title given with the outlet's name ("Headline | Outlet") starts with the page's heading.
  return !(block.inHeading && text.length >= MIN_HEADLINE_PREFIX && headline.startsWith(text));
}

function pageHeadline(doc: Document, title: string | null | undefined): string {
  if (title) return comparable(title);
  const h1 = findFirst(doc, (el) => el.name === 'h1');
  return h1 ? comparable(textOf(h1)) : '';
}

export function extractContent(doc: Document, options: ExtractContentOptions = {}): ExtractedContent {
  try {
    // The whole document, not just <body>: broken pages put content after </body> or have no <body>.
    const { blocks, boxes } = new PageSegmenter(doc);
    if (blocks.length === 0) return { text: '' };
    const { excluded, main } = selectWithFallback(boxes, blocks);
    if (!main) return { text: '' };
    const headline = pageHeadline(doc, options.title);
    const paragraphs: string[] = [];
    let trailingHeadings = 0;
    let inLabelledList = false;
    for (let i = main.blockStart; i < main.blockEnd; i++) {
      const block = blocks[i]!;
      if (excluded[i]) continue;
      // A list right after a furniture label ("Related", "More stories") is that label's links.
      if (inLabelledList && (block.tag === 'li' || isLinkBlock(block))) continue;
      inLabelledList = block.chars <= SHORT_LINE && FURNITURE_LABEL.test(block.lines.join(' '));
      if (!keepBlock(block, headline)) continue;
      for (const line of block.lines) {
        // Table rows are data: a row holding a date is no dateline.
        if (block.tag !== 'tr' && isFurnitureLine(line)) continue;
        paragraphs.push(line);
        trailingHeadings = block.inHeading ? trailingHeadings + 1 : 0;
      }
    }
    // Headings with nothing after them labelled furniture that is gone (related links, comments).
    paragraphs.length -= trailingHeadings;
    return { text: paragraphs.join('\n\n') };
  } catch {
    return { text: '' };
  }
}

