/**
 * Articles waiting to be saved, and when to save them: a transaction every `articles` articles, every
 * `chars` characters of text, or every `ms` milliseconds, whichever comes first, so that a long or heavy run
 * commits its progress as it goes and a crash loses at most one batch. Each batch is one transaction, so only
 * whole articles are ever stored. A batch the store refuses is saved again article by article, so only the
 * article the store refuses is lost; a failure of the store itself (a full disk, a read-only store, a lost
 * server) stops the run instead of failing every article after it.
 */
import type { Article } from '../article/types.js';
import type { SaveSummary, StoredFacts } from '../store/store.js';
import { StoreFailure } from '../store/sql.js';

export interface BatchStore {
  saveBatch(articles: Article[], facts: StoredFacts[], recordHashes: Array<string | null>): Promise<SaveSummary>;
}

export interface FlushPolicy {
  articles: number;
  chars: number;
  ms: number;
}

export const DEFAULT_FLUSH: FlushPolicy = { articles: 250, chars: 4_000_000, ms: 5_000 };

/** Thrown when the store can take nothing more; `reason` is one line. */
export class StoreStopped extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** SQLSTATE classes that mean the store or the connection failed, not the values of one article. */
const FAILED_STORE = /^(08|53|57|58|XX)|^25P02$/;
const FAILED_IO = new Set(['ENOSPC', 'EROFS', 'EIO', 'EDQUOT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** Why the store as a whole failed, or null when the error is about the articles saved (retry them one by one). */
export function storeFailureReason(error: unknown): string | null {
  if (error instanceof StoreFailure) return error.message;
  if (!(error instanceof Error)) return `the store failed (${String(error)})`;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (code === '53100' || code === 'ENOSPC') return `disk full: ${error.message}`;
  if (code === '25006' || code === 'EROFS') return `the store is read-only: ${error.message}`;
  return FAILED_STORE.test(code) || FAILED_IO.has(code) ? error.message : null;
}

export class Batch {
  private articles: Article[] = [];
  private facts: StoredFacts[] = [];
  private hashes: Array<string | null> = [];
  private chars = 0;
  private startedAt = 0;

  constructor(
    private readonly store: BatchStore,
    private readonly policy: FlushPolicy,
    private readonly clock: () => number,
    private readonly onSaved: (saved: SaveSummary) => void,
    private readonly onRefused: (article: Article, reason: string) => void,
  ) {}

  get size(): number {
    return this.articles.length;
  }

  async add(article: Article, facts: StoredFacts | null, recordHash: string | null): Promise<void> {
    if (this.articles.length === 0) this.startedAt = this.clock();
    this.articles.push(article);
    if (facts) this.facts.push(facts);
    this.hashes.push(recordHash);
    this.chars += article.text.length;
    await this.flushIfDue();
  }

  /** Saves what is waiting when the policy says so (also called between files, so a slow source still commits). */
  async flushIfDue(): Promise<void> {
    if (this.articles.length === 0) return;
    const due =
      this.articles.length >= this.policy.articles ||
      this.chars >= this.policy.chars ||
      this.clock() - this.startedAt >= this.policy.ms;
    if (due) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.articles.length === 0) return;
    const { articles, facts, hashes } = this;
    this.articles = [];
    this.facts = [];
    this.hashes = [];
    this.chars = 0;
    try {
      this.onSaved(await this.store.saveBatch(articles, facts, hashes));
      return;
    } catch (error) {
      stopOn(error);
    }
    // The batch rolled back whole; save its articles one by one so only the one the store refuses is lost.
    for (const [i, article] of articles.entries()) {
      try {
        this.onSaved(await this.store.saveBatch([article], facts.filter((f) => f.articleId === article.id), [hashes[i] ?? null]));
      } catch (error) {
        stopOn(error);
        this.onRefused(article, `store refused the article: ${(error as Error).message}`);
      }
    }
  }
}

function stopOn(error: unknown): void {
  const reason = storeFailureReason(error);
  if (reason) throw new StoreStopped(reason);
}
