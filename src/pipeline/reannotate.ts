/**
 * Recomputes the facts of every stored article (after a dictionary or coder change), a page of articles
 * per transaction, so that an interrupted run leaves each article with either its old or its new facts.
 */
import { annotateArticle } from '../facts/annotate.js';
import type { Store } from '../store/store.js';

export interface ReannotateSummary {
  articles: number;
  mentions: number;
  events: number;
  quotes: number;
  seconds: number;
}

export async function reannotate(
  store: Pick<Store, 'articlesAfter' | 'replaceFacts'>,
  options: { pageSize?: number; onProgress?: (done: number) => void } = {},
): Promise<ReannotateSummary> {
  const started = Date.now();
  const pageSize = options.pageSize ?? 200;
  const summary: ReannotateSummary = { articles: 0, mentions: 0, events: 0, quotes: 0, seconds: 0 };
  let after = '';
  for (;;) {
    const page = await store.articlesAfter(after, pageSize);
    if (page.length === 0) break;
    const facts = page.map((article) => annotateArticle(article));
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
