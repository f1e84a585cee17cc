/**
 * Publication-date evaluation on a directory in htmldate's evaluation layout: `ground-truth.json`
 * (`{ "<file>": { "url", "date": "YYYY-MM-DD" } }`) plus `html/<file>.gz`. Scores sitrep's metadata
 * extractor and Readability.js (on linkedom) on the same pages and measures their throughput.
 *
 * A page is correct when the system's date starts with the gold day, or when the gold has no date and the
 * system abstains. Precision is over the pages where a system returned a date, recall over the pages that
 * have a gold date; accuracy is over all pages.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHtml } from '../article/html/dom.js';
import { extractMetadata } from '../article/html/metadata.js';
import { parseDateText } from '../article/dates.js';
import { decodePage, readabilityParse, bestThroughput } from './pages.js';

export interface DateSystemScore {
  name: string;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Pages where the system returned a date. */
  answered: number;
  docsPerSec: number;
}

export interface DateMiss {
  file: string;
  url: string;
  gold: string | null;
  got: string | null;
}

export interface DatesReport {
  pages: number;
  /** Pages whose gold says the page has no date. */
  undated: number;
  systems: DateSystemScore[];
  /** sitrep's wrong answers, in file order. */
  misses: DateMiss[];
}

interface Page {
  file: string;
  url: string;
  gold: string | null;
  html: string;
}

/** Extracts a publication date (ISO 8601 or null) from a page's HTML and URL. */
type DateExtractor = (html: string, url: string) => string | null;

const TIMING_PASSES = 3;
const MISSES_SHOWN = 25;
const sitrepDate: DateExtractor = (html, url) => extractMetadata(parseHtml(html), { url }).published;

const readabilityDate: DateExtractor = (html) => {
  const raw = readabilityParse(html)?.publishedTime ?? null;
  // Readability returns the raw attribute text; read it as a date the same way sitrep does.
  return raw ? (parseDateText(raw)?.iso ?? raw) : null;
};

function safeExtract(extract: DateExtractor, page: Page): string | null {
  try {
    return extract(page.html, page.url);
  } catch {
    return null;
  }
}

function isCorrect(page: Page, got: string | null): boolean {
  return page.gold === null ? got === null : got !== null && got.startsWith(page.gold);
}

/** The answers of one pass, and the throughput of the best of TIMING_PASSES passes. */
function runTimed(extract: DateExtractor, pages: Page[]): { answers: Array<string | null>; docsPerSec: number } {
  const answers = pages.map((page) => safeExtract(extract, page));
  return { answers, docsPerSec: bestThroughput(pages, (page) => extract(page.html, page.url), TIMING_PASSES) };
}

async function loadPages(dir: string): Promise<Page[]> {
  // The published gold file writes a missing date as a bare NaN, which JSON.parse rejects.
  const raw = (await readFile(join(dir, 'ground-truth.json'), 'utf8')).replace(/:\s*NaN\b/g, ': null');
  const truth = JSON.parse(raw) as Record<string, { url?: string; date?: string | null }>;
  const files = Object.keys(truth).sort();
  return Promise.all(
    files.map(async (file) => {
      const bytes = gunzipSync(await readFile(join(dir, 'html', `${file}.gz`)));
      const entry = truth[file] ?? {};
      const gold = typeof entry.date === 'string' && entry.date ? entry.date : null;
      return { file, url: entry.url ?? '', gold, html: decodePage(bytes) };
    }),
  );
}

function score(name: string, pages: Page[], answers: Array<string | null>, docsPerSec: number): DateSystemScore {
  let correct = 0;
  let correctDated = 0;
  let answered = 0;
  pages.forEach((page, i) => {
    const got = answers[i] ?? null;
    if (isCorrect(page, got)) {
      correct++;
      if (page.gold !== null) correctDated++;
    }
    if (got !== null) answered++;
  });
  const dated = pages.filter((p) => p.gold !== null).length;
  const precision = answered > 0 ? correctDated / answered : 0;
  const recall = dated > 0 ? correctDated / dated : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { name, accuracy: pages.length > 0 ? correct / pages.length : 0, precision, recall, f1, answered, docsPerSec };
}

export async function evalDates(dir: string): Promise<DatesReport> {
  const pages = await loadPages(dir);
  const systems: Array<{ name: string; extract: DateExtractor }> = [
    { name: 'sitrep', extract: sitrepDate },
    { name: 'readability', extract: readabilityDate },
  ];
  const scores: DateSystemScore[] = [];
  let misses: DateMiss[] = [];
  for (const { name, extract } of systems) {
    const { answers, docsPerSec } = runTimed(extract, pages);
    if (name === 'sitrep') {
      misses = pages
        .map((page, i) => ({ file: page.file, url: page.url, gold: page.gold, got: answers[i] ?? null }))
        .filter((miss, i) => !isCorrect(pages[i]!, miss.got));
    }
    scores.push(score(name, pages, answers, docsPerSec));
  }
  return { pages: pages.length, undated: pages.filter((p) => p.gold === null).length, systems: scores, misses };
}

export function formatDatesReport(report: DatesReport): string {
  const lines = [
    `pages: ${report.pages} (${report.undated} without a gold date)`,
    'system        accuracy  precision  recall   F1     answered   docs/s',
  ];
  for (const s of report.systems) {
    lines.push(
      `${s.name.padEnd(12)}  ${s.accuracy.toFixed(3).padStart(8)}  ${s.precision.toFixed(3).padStart(9)}  ` +
        `${s.recall.toFixed(3).padStart(6)}  ${s.f1.toFixed(3).padStart(5)}  ${String(s.answered).padStart(8)}  ` +
        `${s.docsPerSec.toFixed(1).padStart(7)}`,
    );
  }
  if (report.misses.length > 0) {
    lines.push(`sitrep misses (${report.misses.length}):`);
    for (const m of report.misses.slice(0, MISSES_SHOWN)) {
      lines.push(`  ${m.file.padEnd(18)} gold ${(m.gold ?? '-').padEnd(10)}  got ${(m.got ?? '-').padEnd(25)}  ${m.url.slice(0, 80)}`);
    }
  }
  return lines.join('\n');
}
