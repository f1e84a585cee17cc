/**
 * `npm run fuzz [copies] [seed]`: the big fuzz run. Writes a corpus of bad entries (test/fuzz/corpus.ts,
 * `copies` folders of them, plus a 30 MB page and a 50 MB JSON Lines record) around the sample articles,
 * ingests it with the default limits, and checks that every good article keeps the facts of a clean run and
 * that the process never grows past 1 GB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ingest } from '../src/pipeline/ingest.js';
import { DEFAULT_MAX_CHARS } from '../src/sources/types.js';
import { writeFuzzCorpus } from '../test/fuzz/corpus.js';
import { MemoryStore } from '../test/fuzz/memory-store.js';

const MEMORY_CAP = 1 << 30;
const copies = Number(process.argv[2] ?? 50);
const seed = Number(process.argv[3] ?? 1);
const samples = path.resolve(import.meta.dirname, '..', 'samples');
const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-fuzz-'));
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
try {
  const bad = writeFuzzCorpus(dir, samples, { copies, seed, maxChars: DEFAULT_MAX_CHARS, huge: true });
  const clean = new MemoryStore();
  await ingest([samples], clean);
  const mixed = new MemoryStore();
  const started = Date.now();
  const summary = await ingest([dir], mixed);
  const lost = [...clean.facts].filter(([id, facts]) => !isDeepStrictEqual(mixed.facts.get(id), facts)).map(([id]) => id);
  clearInterval(sampler);
  console.log(
    `${bad} bad entries in ${copies} folders: ${summary.rejected.length} rejections, ${mixed.articles.size} articles stored ` +
      `(clean run ${clean.articles.size}), ${lost.length} with facts unlike the clean run; ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s, peak RSS ${Math.round(peak / (1 << 20))} MiB (cap ${MEMORY_CAP >> 20} MiB)`,
  );
  if (lost.length || summary.rejected.length < bad || peak > MEMORY_CAP || summary.stopped) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
