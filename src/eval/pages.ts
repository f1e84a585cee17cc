/**
 * What the evaluations and the benchmark share: reading stored pages the way ingestion reads them,
 * running the baseline (Readability on linkedom), and timing a pass over many pages.
 */
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeText } from '../sources/decode.js';

/**
 * Page bytes as text, exactly as `sitrep ingest` decodes them (BOM, valid UTF-8, else the declared charset),
 * with windows-1252 as the last resort so that a scoring run never drops a page.
 */
export function decodePage(bytes: Uint8Array): string {
  try {
    return decodeText(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The baseline every comparison uses: @mozilla/readability over a linkedom document. */
export function readabilityParse(html: string): ReturnType<Readability['parse']> {
  const { document } = parseHTML(html);
  // Readability's types want a DOM Document; linkedom's is structurally compatible for its needs.
  return new Readability(document as unknown as Document).parse();
}

/** Items per second over the best of `passes` runs, so one noisy pass (GC, JIT warm-up) does not decide. */
export function bestThroughput<T>(items: T[], run: (item: T) => unknown, passes = 3): number {
  return bestThroughputs(items, [run], passes)[0]!;
}

/**
 * The same for several runs over the same items, interleaved pass by pass: a ratio between them is then
 * measured under the same machine conditions, which drift between passes by as much as 1.5x here.
 */
export function bestThroughputs<T>(items: T[], runs: Array<(item: T) => unknown>, passes = 3): number[] {
  const best = runs.map(() => Infinity);
  for (let pass = 0; pass < passes; pass++) {
    runs.forEach((run, r) => {
      const start = performance.now();
      for (const item of items) {
        try {
          run(item);
        } catch {
          // A failing page costs what it cost; scoring handles the failure separately.
        }
      }
      best[r] = Math.min(best[r]!, performance.now() - start);
    });
  }
  return best.map((ms) => (ms > 0 && Number.isFinite(ms) ? (items.length * 1000) / ms : 0));
}
