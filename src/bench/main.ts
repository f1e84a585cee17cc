/**
 * `npm run bench`: throughput of ingestion stages, each with a baseline measured in the same run so the
 * figures compare across machines: article building vs bare HTML parsing and vs Readability+linkedom on
 * the same pages, and the full ingest into the embedded store vs building the same articles alone.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseHtml } from '../article/html/dom.js';
import { buildArticle } from '../article/build.js';
import { decodePage, readabilityParse, bestThroughput, bestThroughputs } from '../eval/pages.js';
import { readSources } from '../sources/read.js';
import { expandInputs } from '../sources/inputs.js';
import type { SourceRecord } from '../sources/types.js';
import { Store } from '../store/store.js';
import { ingest } from '../pipeline/ingest.js';
import { annotateArticle } from '../facts/annotate.js';
import { tokenizeDoc, tokenTexts, tokenizeWords } from '../document/doc.js';
import { analyzeTokens } from '../document/syntax/analyze.js';
import { benchStories } from './stories.js';
import { benchScaling } from './scaling.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTRACTION_DEV = path.resolve(REPO, '..', 'shared', 'eval', 'extraction', 'dev', 'html');
const NOW = new Date();

async function samplePages(): Promise<{ label: string; pages: string[] }> {
  if (existsSync(EXTRACTION_DEV)) {
    const files = readdirSync(EXTRACTION_DEV).filter((f) => f.endsWith('.gz')).sort();
    const pages = files.map((f) => decodePage(gunzipSync(readFileSync(path.join(EXTRACTION_DEV, f)))));
    return { label: `${pages.length} real news pages (../shared/eval/extraction/dev)`, pages };
  }
  const pages: string[] = [];
  for await (const item of readSources(expandInputs([path.join(REPO, 'samples')]).files, { maxBytes: 64 << 20 })) {
    if (item.kind === 'record' && item.record.contentType === 'html') pages.push(item.record.content);
  }
  return { label: `${pages.length} bundled sample pages/items (../shared absent)`, pages };
}

async function sampleTexts(): Promise<string[]> {
  const texts: string[] = [];
  for await (const item of readSources(expandInputs([path.join(REPO, 'samples', 'text')]).files, { maxBytes: 64 << 20 })) {
    if (item.kind === 'record') texts.push(item.record.content);
  }
  return texts;
}

/** One result line; `baseline` is the rate it is compared with, 'baseline' marks the reference itself. */
function row(name: string, rate: number, unit: string, baseline: number | 'baseline' | null, note = ''): string {
  const ratio = baseline === 'baseline' ? 'baseline' : baseline ? `${(rate / baseline).toFixed(2)}×` : '';
  return `${name.padEnd(44)} ${rate.toFixed(1).padStart(9)} ${unit.padEnd(11)} ${ratio.padStart(9)}  ${note}`.trimEnd();
}

async function main(): Promise<void> {
  console.log(`sitrep bench · node ${process.version} · ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}`);
  const { label, pages } = await samplePages();
  const megabytes = pages.reduce((n, p) => n + p.length, 0) / 1e6;
  console.log(`\nHTML pages: ${label}, ${megabytes.toFixed(1)} MB\n`);
  const htmlRecord = (content: string): SourceRecord => ({ origin: { file: 'bench' }, contentType: 'html', content, hints: {} });
  const records = pages.map(htmlRecord);
  const parseOnly = bestThroughput(pages, (html) => parseHtml(html));
  const sitrep = bestThroughput(records, (r) => buildArticle(r, { now: NOW }));
  const readability = bestThroughput(pages, readabilityParse);
  console.log(`${'stage'.padEnd(44)} ${'rate'.padStart(9)} ${'unit'.padEnd(11)} ${'ratio'.padStart(9)}`);
  console.log(row('htmlparser2 parse only', parseOnly, 'docs/s', 'baseline'));
  console.log(row('sitrep article (parse+metadata+body)', sitrep, 'docs/s', parseOnly, 'vs parse only'));
  console.log(row('@mozilla/readability + linkedom', readability, 'docs/s', parseOnly, 'vs parse only'));
  console.log(`→ sitrep / readability: ${(sitrep / readability).toFixed(2)}× (target ≥ 2×)`);

  const texts = await sampleTexts();
  const textRecords = Array.from({ length: 200 }, (_, i) => texts[i % texts.length]!).map(
    (content): SourceRecord => ({ origin: { file: 'bench' }, contentType: 'text', content, hints: {} }),
  );
  const textRate = bestThroughput(textRecords, (r) => buildArticle(r, { now: NOW }));
  console.log(row('sitrep article (plain or scraped text)', textRate, 'docs/s', null));

  // Annotation: the whole facts stage against wink's tokeniser alone over the same texts.
  const articles = [];
  for (const r of records.slice(0, 60)) {
    const built = buildArticle(r, { now: NOW });
    if (built.ok) articles.push(built.article);
  }
  const tokenCount = articles.reduce((sum, a) => sum + tokenizeWords(a.text).length, 0);
  annotateArticle(articles[0]!); // compile the dictionary outside the timing
  // Interleaved passes, so the ratio is not the machine's drift between two separate measurements.
  const [tokenizeRate, annotateRate] = bestThroughputs(articles, [(a) => tokenizeWords(a.text), (a) => annotateArticle(a)], 5);
  const tokenize = (tokenizeRate! * tokenCount) / articles.length;
  const annotate = (annotateRate! * tokenCount) / articles.length;
  console.log(row(`wink tokenise alone (${articles.length} articles)`, tokenize, 'tokens/s', 'baseline'));
  console.log(row('annotate: doc, parse, actors, events, quotes', annotate, 'tokens/s', tokenize, 'vs tokenise (target ≥ 0.25)'));
  // Tagging and parsing alone, on the same articles' sentences as the document stage cuts them.
  const sentences = articles.map((a) => {
    const doc = tokenizeDoc(a.text, { articleId: a.id, published: a.published });
    const words = tokenTexts(doc);
    return doc.sentences.map((s) => words.slice(s.firstToken, s.endToken));
  });
  const [tokenizeAgain, parseRate] = bestThroughputs(articles.map((a, i) => ({ a, i })), [(x) => tokenizeWords(x.a.text), (x) => sentences[x.i]!.forEach((s) => analyzeTokens(s))], 5);
  console.log(row('tag + parse (sitrep syntax, one core)', (parseRate! * tokenCount) / articles.length, 'tokens/s', (tokenizeAgain! * tokenCount) / articles.length, 'vs tokenise (target ≥ 50k tokens/s)'));

  // Annotation against text length: one long article of prose at a time, per character against 100 KB.
  const scaling = benchScaling(texts);
  const size = (bytes: number) => (bytes >= 1e6 ? `${bytes / 1e6} MB` : `${bytes / 1e3} KB`);
  console.log(row(`annotate ${size(scaling.baseline.bytes)} of prose (best run)`, scaling.baseline.rate / 1000, 'KB/s', 'baseline'));
  for (const r of scaling.rows) {
    const slower = scaling.baseline.rate / r.rate;
    console.log(row(`annotate ${size(r.bytes)} of prose`, r.rate / 1000, 'KB/s', scaling.baseline.rate / 1000, `time ${slower.toFixed(2)}× linear (target ≤ 1.3×)`));
  }

  // Stories: online clustering of a 100k-article stream against cutting the same texts into words.
  const paragraphs = texts.flatMap((t) => t.split(/\n\s*\n/)).filter((p) => p.length > 120);
  const stories = benchStories(paragraphs);
  console.log(row(`words alone (${stories.articles} synthetic articles)`, stories.wordsPerSecond, 'articles/s', 'baseline'));
  console.log(
    row('stories: features + copies + clustering', stories.clusterPerSecond, 'articles/s', stories.wordsPerSecond, `vs words (target ≥ 200/s); ${stories.stories} stories, pairwise F1 ${(100 * stories.pairwiseF1).toFixed(1)} vs generator`),
  );

  // The store: ingest N distinct articles from a JSON Lines file into a fresh PGlite folder.
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-bench-'));
  try {
    const n = 3000;
    const file = path.join(dir, 'bench.jsonl');
    writeFileSync(
      file,
      Array.from({ length: n }, (_, i) => JSON.stringify({ id: `b${i}`, title: `Bench ${i}`, text: `Item ${i}. ${texts[i % texts.length]}`, source: 'Bench Wire' })).join('\n'),
    );
    const buildOnly = await (async () => {
      const start = performance.now();
      let count = 0;
      for await (const item of readSources([file], { maxBytes: 64 << 20 })) {
        if (item.kind === 'record' && buildArticle(item.record, { now: NOW }).ok) count++;
      }
      return (count * 1000) / (performance.now() - start);
    })();
    const store = await Store.open(path.join(dir, 'db'));
    const summary = await ingest([file], store);
    await store.close();
    console.log(row('read + build (JSONL, no store)', buildOnly, 'articles/s', 'baseline'));
    console.log(row(`ingest into PGlite (${n} articles, 250/txn)`, summary.articlesPerSecond, 'articles/s', buildOnly, 'vs read + build'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
