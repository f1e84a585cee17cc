/**
 * Ingestion: sources → article → store. Reads files one after another, builds articles, and saves them in
 * batches (batch.ts), each batch one transaction, so an interrupted run leaves only whole articles and a
 * rerun completes the rest. A rerun skips each record it stored before (same origin, same content) before
 * building or annotating it, so resuming costs little more than reading.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { expandInputs } from '../sources/inputs.js';
import { readSources } from '../sources/read.js';
import type { SourceRecord } from '../sources/types.js';
import { buildArticle } from '../article/build.js';
import type { Origin } from '../article/types.js';
import { annotateSafely } from '../facts/annotate.js';
import type { Store } from '../store/store.js';
import { Batch, DEFAULT_FLUSH, StoreStopped, type FlushPolicy } from './batch.js';

export interface Rejection {
  origin: Origin;
  reason: string;
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  articles: number;
  rejected: number;
  warnings: number;
  elapsedMs: number;
}

export interface IngestSummary {
  files: number;
  records: number;
  ingested: number;
  duplicates: number;
  unchanged: number;
  rejected: Rejection[];
  /** Articles stored without their facts or with part of the text not annotated, with the reason (`sitrep reannotate --missing` retries those without facts). */
  warnings: Rejection[];
  /** Why the run stopped before the end (the store failed: disk full, read-only), or null. */
  stopped: string | null;
  seconds: number;
  articlesPerSecond: number;
}

export interface IngestOptions {
  /** Articles per transaction at most. */
  batchSize?: number;
  /** Characters of text and milliseconds after which a batch is committed, whatever its size. */
  flush?: Partial<Omit<FlushPolicy, 'articles'>>;
  /** Largest single document or record, in bytes. */
  maxBytes?: number;
  /** Longest article text, in characters. */
  maxChars?: number;
  now?: Date;
  /** Milliseconds for the batch timer (tests step it). */
  clock?: () => number;
  stdin?: Readable;
  onProgress?: (progress: IngestProgress) => void;
  /** Called as each file or record is rejected, so errors show while a long batch runs. */
  onRejected?: (rejection: Rejection) => void;
  /** Called as each article is stored with a warning (its facts missing). */
  onWarning?: (warning: Rejection) => void;
  /** Time budget of one article's annotation, in ms (default DEFAULT_BUDGET_MS); past it the article is stored without facts. */
  annotationBudgetMs?: number;
}

export type IngestStore = Pick<Store, 'saveBatch' | 'recordHashes'>;

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** What a record holds, hashed: a rerun skips a record whose origin and hash are stored already. */
export function recordHash(record: SourceRecord): string {
  return createHash('sha256')
    .update(`${record.contentType}\u0000${JSON.stringify(record.hints)}\u0000`)
    .update(record.content)
    .digest('base64url')
    .slice(0, 22);
}

/**
 * The exit status of an ingest: 0 when every record read was stored, 2 when some were stored and some
 * rejected (or, with `strict`, stored with a warning), 1 when nothing could be stored or the store failed.
 */
export function exitStatus(summary: IngestSummary, strict = false): 0 | 1 | 2 {
  if (summary.stopped) return 1;
  const problems = summary.rejected.length + (strict ? summary.warnings.length : 0);
  if (problems === 0) return 0;
  return summary.ingested + summary.duplicates + summary.unchanged > 0 ? 2 : 1;
}

export async function ingest(paths: string[], store: IngestStore, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const summary: IngestSummary = {
    files: 0,
    records: 0,
    ingested: 0,
    duplicates: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
    stopped: null,
    seconds: 0,
    articlesPerSecond: 0,
  };
  const reject = (rejection: Rejection) => {
    summary.rejected.push(rejection);
    options.onRejected?.(rejection);
  };
  const { files, skipped } = expandInputs(paths);
  for (const m of skipped) reject({ origin: { file: m.path }, reason: m.reason });
  summary.files = files.length;

  const batch = new Batch(
    store,
    { ...DEFAULT_FLUSH, ...options.flush, articles: options.batchSize ?? DEFAULT_FLUSH.articles },
    options.clock ?? Date.now,
    (saved) => {
      summary.ingested += saved.ingested;
      summary.duplicates += saved.duplicates;
      summary.unchanged += saved.unchanged;
    },
    (article, reason) => reject({ origin: article.origin, reason }),
  );
  let filesDone = 0;
  const report = () =>
    options.onProgress?.({
      filesDone,
      filesTotal: files.length,
      articles: summary.ingested + summary.duplicates + summary.unchanged + batch.size,
      rejected: summary.rejected.length,
      warnings: summary.warnings.length,
      elapsedMs: Date.now() - started,
    });
  // The records each file stored before, loaded when its first record arrives.
  let storedFile: string | null = null;
  let stored = new Map<string, Set<string>>();

  try {
    const reading = { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, maxChars: options.maxChars };
    for await (const item of readSources(files, reading, options.stdin)) {
      if (item.kind === 'file-done') {
        filesDone++;
        report();
        await batch.flushIfDue();
        continue;
      }
      if (item.kind === 'failure') {
        reject(item.failure);
        continue;
      }
      const record = item.record;
      summary.records++;
      if (storedFile !== record.origin.file) {
        storedFile = record.origin.file;
        stored = await store.recordHashes(storedFile);
      }
      const hash = recordHash(record);
      if (stored.get(record.origin.record ?? '')?.has(hash)) {
        summary.unchanged++;
        continue;
      }
      let built;
      try {
        built = buildArticle(record, { now, maxChars: options.maxChars });
      } catch (error) {
        // A bug in one extractor must not stop the batch; the record is reported like any bad input.
        built = { ok: false as const, reason: `could not build article: ${(error as Error).message}` };
      }
      if (!built.ok) {
        reject({ origin: record.origin, reason: built.reason });
        continue;
      }
      // The article is good even when its facts are missing: it is stored, marked, and `sitrep reannotate
      // --missing` retries it.
      const { facts, missing, warnings } = annotateSafely(built.article, { budgetMs: options.annotationBudgetMs });
      for (const reason of warnings) {
        const warning = { origin: record.origin, reason };
        summary.warnings.push(warning);
        options.onWarning?.(warning);
      }
      await batch.add(built.article, missing ? { ...facts, missing } : facts, hash);
    }
    await batch.flush();
  } catch (error) {
    if (!(error instanceof StoreStopped)) throw error;
    summary.stopped = error.reason;
  }
  report();
  summary.seconds = (Date.now() - started) / 1000;
  const storedCount = summary.ingested + summary.duplicates + summary.unchanged;
  summary.articlesPerSecond = summary.seconds > 0 ? storedCount / summary.seconds : storedCount;
  return summary;
}
