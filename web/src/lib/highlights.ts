/**
 * Cutting an article's text into runs for highlighting. Facts overlap (a mention inside a quote, a
 * trigger inside a quote), so the text is cut at every fact boundary and each run knows every fact that
 * covers it; paragraphs are cut at blank lines first, as the article stores them.
 */

export interface Spanned<T> {
  start: number;
  end: number;
  value: T;
}

export interface Run<T> {
  start: number;
  end: number;
  covering: T[];
}

export interface Paragraph<T> {
  start: number;
  end: number;
  runs: Run<T>[];
}

const BLANK_LINE = /\n[ \t]*\n\s*/g;

export function paragraphSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(BLANK_LINE)) {
    if (m.index > start) spans.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/** Paragraphs of the text, each cut into runs covered by the same set of spans (in the spans' order). */
export function highlightRuns<T>(text: string, spans: Spanned<T>[]): Paragraph<T>[] {
  const valid = spans.filter((s) => s.start < s.end && s.start >= 0 && s.end <= text.length);
  return paragraphSpans(text).map((p) => {
    const inside = valid.filter((s) => s.start < p.end && s.end > p.start);
    const cuts = new Set([p.start, p.end]);
    for (const s of inside) {
      cuts.add(Math.max(p.start, s.start));
      cuts.add(Math.min(p.end, s.end));
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    const runs: Run<T>[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const start = sorted[i]!;
      const end = sorted[i + 1]!;
      runs.push({ start, end, covering: inside.filter((s) => s.start <= start && s.end >= end).map((s) => s.value) });
    }
    return { start: p.start, end: p.end, runs };
  });
}
