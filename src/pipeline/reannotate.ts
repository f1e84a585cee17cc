/**
 * Recomputes the facts of every stored article (after a dictionary or coder change), a page of articles
 * per transaction, so that an interrupted run leaves each article with either its old or its new facts.
 * With `missingOnly` it retries only the articles stored without facts (annotation failed or ran past its
 * budget), typically with a larger budget.
 */
import { annotateSafely } from '../facts/annotate.js';
import type { Store, StoredFacts } from '../store/store.js';

export interface ReannotateSummary {
  articles: number;
  mentions: number;
  events: number;
  quotes: number;
  /** Articles still without facts after this run, with the reason (failed again or past the budget again). */
  missing: Array<{ articleId: string; reason: string }>;
  seconds: number;
}

export interface ReannotateOptions {
  pageSize?: number;
  /** Only the articles stored without facts. */
  missingOnly?: boolean;
  /** Time budget of one article's annotation, in ms (Infinity: none). */
  budgetMs?: number;
  onProgress?: (done: number) => void;
}

export async function reannotate(store: Pick<Store, 'articlesAfter' | 'replaceFacts'>, options: ReannotateOptions = {}): Promise<ReannotateSummary> {
  const started = Date.now();
  const pageSize = options.pageSize ?? 200;
  const summary: ReannotateSummary = { articles: 0, mentions: 0, events: 0, quotes: 0, missing: [], seconds: 0 };
  let after = '';
  for (;;) {
    const page = await store.articlesAfter(after, pageSize, { missingFacts: options.missingOnly });
    if (page.length === 0) break;
    const facts = page.map((article): StoredFacts => {
      const { facts: found, missing } = annotateSafely(article, { budgetMs: options.budgetMs });
      if (missing) summary.missing.push({ articleId: article.id, reason: missing });
      return missing ? { ...found, missing } : found;
    });
    await store.replaceFacts(facts);
    summary.articles += page.length;
    summary.mentions += facts.reduce((n, f) => n + f.mentions.length, 0);
    summary.events += facts.reduce((n, f) => n + f.events.length, 0);
    summary.quotes += facts.reduce((n, f) => n + f.quotes.length, 0);
    after = page[page.length - 1]!.id;
    options.onProgress?.(summary.articles);
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
