/**
 * The facts stage's public entry: an article in, its facts out, each with the character span that says it:
 * actor mentions, PLOVER events (with claim status) and quotes, all read from one annotated document.
 */
import type { Article } from '../article/types.js';
import { MAX_WORD_CHARS, createDoc, resetTokenizer, unreadableRuns } from '../document/doc.js';
import { DeadlineExceeded, withDeadline } from '../document/deadline.js';
import { defaultDictionary, type ActorDictionary } from './actors/dictionary.js';
import { recognizeActors, type Mention } from './actors/recognize.js';
import { codeEvents, type CodedEvent, type UncodedTrigger } from './events/code.js';
import { defaultPatterns, type PatternIndex } from './events/patterns.js';
import { extractQuotes, type Quote } from './quotes/extract.js';
import { findTimes } from './time/resolve.js';
import { tenseAt } from './time/tense.js';
import { findPlaces } from './places/locate.js';

export type { Mention, ActorRef, MentionType, MentionForm } from './actors/recognize.js';
export type { CodedEvent, UncodedTrigger } from './events/code.js';
export type { Quote } from './quotes/extract.js';

export interface ArticleFacts {
  articleId: string;
  mentions: Mention[];
  events: CodedEvent[];
  quotes: Quote[];
  /** Triggers that found no actor (kept for `sitrep eval`, never stored as events). */
  uncoded: UncodedTrigger[];
}

export interface Knowledge {
  dictionary: ActorDictionary;
  patterns: PatternIndex;
}

export function annotateArticle(
  article: Pick<Article, 'id' | 'text' | 'published'>,
  knowledge: Knowledge = { dictionary: defaultDictionary(), patterns: defaultPatterns() },
): ArticleFacts {
  const doc = createDoc(article.text, { articleId: article.id, published: article.published });
  const mentions = recognizeActors(doc, knowledge.dictionary);
  const times = findTimes(doc.text, doc.published, undefined, { tense: 'auto', tenseAt: tenseAt(doc) });
  const places = findPlaces(doc, mentions, knowledge.dictionary);
  const { events, uncoded } = codeEvents(doc, mentions, knowledge.patterns, times, places);
  return { articleId: article.id, mentions, events, quotes: extractQuotes(doc, mentions, times), uncoded };
}

/** How long the annotation of one article may take by default before it is given up (ingest, reannotate). */
export const DEFAULT_BUDGET_MS = 60_000;

export interface Annotation {
  /** The facts; none when annotation failed or ran past its budget. */
  facts: ArticleFacts;
  /** Why the facts are missing (the article is stored without them, and reannotate retries it), else null. */
  missing: string | null;
  /** What went wrong or was left out, one line each: an over-long run skipped, why the facts are missing. */
  warnings: string[];
}

/**
 * annotateArticle for a batch: it never throws, so one article can neither stop nor slow the next. A run
 * of characters too long to be a word is skipped and reported; past `budgetMs` (cooperative deadline checks
 * in the stages' loops) or on any failure the article gets no facts and a warning, and `sitrep reannotate`
 * retries it. After a failure the tokenizer is rebuilt, since one that threw may be left broken.
 */
export function annotateSafely(article: Pick<Article, 'id' | 'text' | 'published'>, options: { budgetMs?: number; knowledge?: Knowledge } = {}): Annotation {
  const warnings: string[] = [];
  const runs = unreadableRuns(article.text);
  if (runs.length) {
    const longest = runs.reduce((n, r) => Math.max(n, r.end - r.start), 0);
    warnings.push(`skipped ${runs.length} run(s) of more than ${MAX_WORD_CHARS} characters without a space (the longest ${longest}): no words to annotate there`);
  }
  try {
    const facts = withDeadline(options.budgetMs ?? DEFAULT_BUDGET_MS, () => annotateArticle(article, options.knowledge));
    return { facts, missing: null, warnings };
  } catch (error) {
    if (!(error instanceof DeadlineExceeded)) resetTokenizer();
    const missing = error instanceof DeadlineExceeded ? error.message : `annotation failed: ${error instanceof Error ? error.message : String(error)}`;
    const facts = { articleId: article.id, mentions: [], events: [], quotes: [], uncoded: [] };
    return { facts, missing, warnings: [...warnings, `facts not extracted: ${missing} (sitrep reannotate --missing retries it)`] };
  }
}

/** A mention as the JSON contract writes it: `{span: {start, end}, text, type, form, actor}`. */
export function mentionJson(m: Mention): { span: { start: number; end: number }; text: string; type: Mention['type']; form: Mention['form']; actor: Mention['actor'] } {
  return { span: { start: m.start, end: m.end }, text: m.text, type: m.type, form: m.form, actor: m.actor };
}
