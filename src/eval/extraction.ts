/**
 * Article-body extraction evaluation on a directory in the layout of the Zyte / Scrapinghub
 * article-extraction-benchmark: `ground-truth.json` plus `html/<key>.html.gz`. Scores sitrep's extractor
 * and Readability.js (on linkedom) with the benchmark's own metric and measures their throughput.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildArticle } from '../article/build.js';
import { decodePage, readabilityParse, bestThroughput } from './pages.js';

export interface SystemScore {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  docsPerSec: number;
}

export interface ExtractionReport {
  pages: number;
  systems: SystemScore[];
  /** sitrep's lowest-scoring pages, worst first. */
  worst: Array<{ key: string; f1: number }>;
}

/** One page's shingle counts, normalised to sum to 1 (all zero when both texts are empty). */
export interface TokenScore {
  tp: number;
  fp: number;
  fn: number;
}

interface GroundTruthEntry {
  articleBody?: string;
  url?: string;
}

interface Page {
  key: string;
  html: string;
  gold: string;
}

type Extractor = (html: string) => string;

/** Python's Unicode `\w`: letters, numbers and underscore (JavaScript's `\w` is ASCII-only even with /u). */
const TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE_SIZE = 4;
const WORST_SHOWN = 10;

export interface EvalExtractionOptions {
  /** Timed passes over all pages per system; the best one counts. Default 3. */
  timingPasses?: number;
}

function shingleCounts(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  // As in the benchmark, a text shorter than one shingle still yields a single (short) shingle.
  const last = Math.max(1, tokens.length - SHINGLE_SIZE + 1);
  for (let i = 0; i < last && i < tokens.length; i++) {
    const shingle = tokens.slice(i, i + SHINGLE_SIZE).join('\u0001');
    counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

/** The benchmark's per-page score: 4-token shingle multiset overlap, normalised by tp + fp + fn. */
export function scoreTokens(gold: string, predicted: string): TokenScore {
  const goldCounts = shingleCounts(gold);
  const predictedCounts = shingleCounts(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [shingle, goldCount] of goldCounts) {
    const predictedCount = predictedCounts.get(shingle) ?? 0;
    tp += Math.min(goldCount, predictedCount);
    fn += Math.max(0, goldCount - predictedCount);
  }
  for (const [shingle, predictedCount] of predictedCounts) {
    fp += Math.max(0, predictedCount - (goldCounts.get(shingle) ?? 0));
  }
  const total = tp + fp + fn;
  return total > 0 ? { tp: tp / total, fp: fp / total, fn: fn / total } : { tp: 0, fp: 0, fn: 0 };
}

function pagePrecision({ tp, fp, fn }: TokenScore): number {
  if (fp === 0 && fn === 0) return 1;
  return tp / (tp + fp);
}

function pageRecall({ tp, fp, fn }: TokenScore): number {
  if (fp === 0 && fn === 0) return 1;
  return tp / (tp + fn);
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Benchmark aggregation: precision and recall are page means, F1 is their harmonic mean. */
export function aggregateScores(scores: TokenScore[]): { precision: number; recall: number; f1: number } {
  const precision = mean(scores.filter((s) => s.tp + s.fp > 0).map(pagePrecision));
  const recall = mean(scores.filter((s) => s.tp + s.fn > 0).map(pageRecall));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** F1 of a single page, used to rank the worst pages. */
function pageF1(score: TokenScore): number {
  const { precision, recall } = aggregateScores([score]);
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** What `sitrep extract` prints as the body: the whole article stage (metadata, extraction, furniture lines). */
const sitrepExtractor: Extractor = (html) => {
  const built = buildArticle({ origin: { file: 'eval' }, contentType: 'html', content: html, hints: {} }, { now: new Date() });
  return built.ok ? built.article.text : '';
};

const readabilityExtractor: Extractor = (html) => readabilityParse(html)?.textContent ?? '';

function safeExtract(extract: Extractor, html: string): string {
  try {
    return extract(html);
  } catch {
    return '';
  }
}

async function loadPages(dir: string): Promise<Page[]> {
  const truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, GroundTruthEntry>;
  const keys = Object.keys(truth).sort();
  return Promise.all(
    keys.map(async (key) => {
      const bytes = gunzipSync(await readFile(join(dir, 'html', `${key}.html.gz`)));
      return { key, html: decodePage(bytes), gold: truth[key]?.articleBody ?? '' };
    }),
  );
}

export async function evalExtraction(dir: string, options: EvalExtractionOptions = {}): Promise<ExtractionReport> {
  const timingPasses = Math.max(1, options.timingPasses ?? 3);
  const pages = await loadPages(dir);
  const systems: Array<{ name: string; extract: Extractor }> = [
    { name: 'sitrep', extract: sitrepExtractor },
    { name: 'readability', extract: readabilityExtractor },
  ];
  const results: SystemScore[] = [];
  let worst: Array<{ key: string; f1: number }> = [];
  for (const { name, extract } of systems) {
    const pageScores = pages.map((page) => scoreTokens(page.gold, safeExtract(extract, page.html)));
    if (name === 'sitrep') {
      worst = pages
        .map((page, i) => ({ key: page.key, f1: pageF1(pageScores[i]!) }))
        .sort((a, b) => a.f1 - b.f1)
        .slice(0, WORST_SHOWN);
    }
    results.push({ name, ...aggregateScores(pageScores), docsPerSec: bestThroughput(pages, (page) => extract(page.html), timingPasses) });
  }
  return { pages: pages.length, systems: results, worst };
}

export function formatExtractionReport(report: ExtractionReport): string {
  const lines = [`pages: ${report.pages}`, 'system        precision  recall   F1      docs/s'];
  for (const s of report.systems) {
    lines.push(
      `${s.name.padEnd(12)}  ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}  ` +
        `${s.f1.toFixed(3).padStart(6)}  ${s.docsPerSec.toFixed(1).padStart(7)}`,
    );
  }
  const sitrep = report.systems.find((s) => s.name === 'sitrep');
  const readability = report.systems.find((s) => s.name === 'readability');
  if (sitrep && readability && readability.docsPerSec > 0) {
    lines.push(`speed sitrep/readability: ${(sitrep.docsPerSec / readability.docsPerSec).toFixed(1)}x`);
  }
  if (report.worst.length > 0) {
    lines.push('worst sitrep pages:');
    for (const w of report.worst) lines.push(`  ${w.f1.toFixed(3)}  ${w.key}`);
  }
  return lines.join('\n');
}
