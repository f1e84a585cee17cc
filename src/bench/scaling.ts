/**
 * Annotation time against text length: prose of 100 KB, 1 MB and 4 MB (the sample articles over and over,
 * a blank line between) annotated whole, one article each. Linear scaling keeps the rate per byte of the
 * long texts within 1.3× of the short one's. The 100 KB runs are interleaved with the long ones and the
 * best is the baseline, so the machine's drift during the run does not pass for a slope.
 */
import { performance } from 'node:perf_hooks';
import { annotateArticle } from '../facts/annotate.js';

export interface ScalingRow {
  bytes: number;
  /** Characters annotated per second. */
  rate: number;
}

/** Sample texts repeated, paragraphs kept apart, until `bytes` characters. */
export function prose(texts: string[], bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const text = texts[i % texts.length]!.trim();
    parts.push(text);
    length += text.length + 2;
  }
  return parts.join('\n\n').slice(0, bytes);
}

function rate(text: string): number {
  const start = performance.now();
  annotateArticle({ id: 'bench', text, published: '2023-09-05' });
  return (text.length * 1000) / (performance.now() - start);
}

export function benchScaling(texts: string[], sizes = [1_000_000, 4_000_000], base = 100_000): { baseline: ScalingRow; rows: ScalingRow[] } {
  const short = prose(texts, base);
  rate(short); // warm up the dictionary, the models and the JIT
  let best = 0;
  const shortRuns = () => {
    for (let k = 0; k < 2; k++) best = Math.max(best, rate(short));
  };
  shortRuns();
  const rows: ScalingRow[] = [];
  for (const bytes of sizes) {
    rows.push({ bytes, rate: rate(prose(texts, bytes)) });
    shortRuns();
  }
  return { baseline: { bytes: base, rate: best }, rows };
}
