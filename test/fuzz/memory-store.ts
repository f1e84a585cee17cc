/** A store in memory for ingest runs that compare facts: the articles and facts saved, and the record hashes. */
import type { Article } from '../../src/article/types.js';
import type { SaveSummary, StoredFacts } from '../../src/store/store.js';

export class MemoryStore {
  readonly articles = new Map<string, Article>();
  readonly facts = new Map<string, StoredFacts>();
  async saveBatch(articles: Article[], facts: StoredFacts[] = []): Promise<SaveSummary> {
    let ingested = 0;
    for (const a of articles) {
      if (this.articles.has(a.id)) continue;
      this.articles.set(a.id, a);
      ingested++;
    }
    for (const f of facts) if (!this.facts.has(f.articleId)) this.facts.set(f.articleId, f);
    return { ingested, duplicates: articles.length - ingested, unchanged: 0 };
  }
  async recordHashes(): Promise<Map<string, Set<string>>> {
    return new Map();
  }
}
