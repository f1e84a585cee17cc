/**
 * Ingestion: sources → article → store. Reads files one after another, builds articles, and saves them in
 * batches, each batch one transaction, so an interrupted run leaves only whole articles and a rerun
 * (which skips what is stored) completes the rest.
 */
import type { Readable } from 'node:stream';
import { expandInputs } from '../sources/inputs.js';
import { readSources } from '../sources/read.js';
import { buildArticle } from '../article/build.js';
import type { Article, Origin } from '../article/types.js';
import { annotateSafely } from '../facts/annotate.js';
import type { Store, SaveSummary, StoredFacts } from '../store/store.js';

export interface Rejection {
  origin: Origin;
  reason: string;
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  articles: number;
  rejected: number;
  elapsedMs: number;
}

export interface IngestSummary {
  files: number;
  records: number;
  ingested: number;
  duplicates: number;
  unchanged: number;
  rejected: Rejection[];
  /** Articles stored without their facts or with part of the text not annotated, with the reason. */
  warnings: Rejection[];
  seconds: number;
  articlesPerSecond: number;
}

export interface IngestOptions {
  batchSize?: number;
  /** Largest single document or record, in bytes. */
  maxBytes?: number;
  now?: Date;
  stdin?: Readable;
  onProgress?: (progress: IngestProgress) => void;
  /** Called as each file or record is rejected, so errors show while a long batch runs. */
  onRejected?: (rejection: Rejection) => void;
  /** Time budget of one article's annotation, in ms (default DEFAULT_BUDGET_MS); past it the article is stored without facts. */
  annotationBudgetMs?: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export async function ingest(paths: string[], store: Pick<Store, 'saveBatch'>, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 250;
  const now = options.now ?? new Date();
  const summary: IngestSummary = {
    files: 0,
    records: 0,
    ingested: 0,
    duplicates: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
    seconds: 0,
    articlesPerSecond: 0,
  };
  const reject = (rejection: Rejection) => {
    summary.rejected.push(rejection);
    options.onRejected?.(rejection);
  };
  const { files, missing } = expandInputs(paths);
  for (const m of missing) reject({ origin: { file: m.path }, reason: m.reason });
  summary.files = files.length;

  let batch: Article[] = [];
  let batchFacts: StoredFacts[] = [];
  let filesDone = 0;
  const report = () =>
    options.onProgress?.({
      filesDone,
      filesTotal: files.length,
      articles: summary.ingested + summary.duplicates + summary.unchanged + batch.length,
      rejected: summary.rejected.length,
      elapsedMs: Date.now() - started,
    });
  const count = (saved: SaveSummary) => {
    summary.ingested += saved.ingested;
    summary.duplicates += saved.duplicates;
    summary.unchanged += saved.unchanged;
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    const pendingFacts = batchFacts;
    batch = [];
    batchFacts = [];
    try {
      count(await store.saveBatch(pending, pendingFacts));
    } catch {
      // The batch rolled back whole; save its articles one by one so only the one the store refuses is lost.
      for (const article of pending) {
        try {
          count(await store.saveBatch([article], pendingFacts.filter((f) => f.articleId === article.id)));
        } catch (error) {
          reject({ origin: article.origin, reason: `store refused the article: ${(error as Error).message}` });
        }
      }
    }
  };

  for await (const item of readSources(files, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES }, options.stdin)) {
    if (item.kind === 'file-done') {
      filesDone++;
      report();
      continue;
    }
    if (item.kind === 'failure') {
      reject(item.failure);
      continue;
    }
    summary.records++;
    let built;
    try {
      built = buildArticle(item.record, { now });
    } catch (error) {
      // A bug in one extractor must not stop the batch; the record is reported like any bad input.
      built = { ok: false as const, reason: `could not build article: ${(error as Error).message}` };
    }
    if (!built.ok) {
      reject({ origin: item.record.origin, reason: built.reason });
      continue;
    }
    batch.push(built.article);
    // The article is good even when its facts are missing: it is stored, marked, and `sitrep reannotate` retries it.
    const { facts, missing, warnings } = annotateSafely(built.article, { budgetMs: options.annotationBudgetMs });
    batchFacts.push(missing ? { ...facts, missing } : facts);
    for (const reason of warnings) summary.warnings.push({ origin: item.record.origin, reason });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  report();
  summary.seconds = (Date.now() - started) / 1000;
  const stored = summary.ingested + summary.duplicates + summary.unchanged;
  summary.articlesPerSecond = summary.seconds > 0 ? stored / summary.seconds : stored;
  return summary;
}
