import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDoc } from '../src/document/doc.js';
import { SpanIndex, spanContaining, spansBySentence, spansWithin } from '../src/facts/spans.js';

type S = { start: number; end: number; id: number };

/** Spans sorted by start (ties keep their order), possibly overlapping and nested. */
const sortedSpans = fc
  .array(fc.tuple(fc.nat(60), fc.nat(15)), { maxLength: 30 })
  .map((pairs) => pairs.map(([start, length], id): S => ({ start, end: start + length + 1, id })).sort((a, b) => a.start - b.start));
const offset = fc.nat(80);

// The lookups answer what the scans they replace answered, in the same order (annotation must not change).
describe('span lookups', () => {
  it('spansWithin is the filter of spans inside a range', () => {
    fc.assert(
      fc.property(sortedSpans, offset, offset, (spans, a, b) => {
        expect(spansWithin(spans, a, b)).toEqual(spans.filter((s) => s.start >= a && s.end <= b));
      }),
    );
  });

  it('SpanIndex answers overlap, first-in-range and ending-by questions as a scan does', () => {
    fc.assert(
      fc.property(sortedSpans, offset, offset, fc.nat(3), (spans, a, b, k) => {
        const index = new SpanIndex([...spans]);
        expect(index.overlapping(a, b)).toEqual(spans.filter((s) => s.start < b && s.end > a));
        expect(index.overlaps(a, b)).toBe(spans.some((s) => s.start < b && s.end > a));
        const test = (s: S) => s.id % 4 === k;
        expect(index.firstStartingIn(a, b, test)).toEqual(spans.find((s) => s.start >= a && s.start < b && test(s)));
        expect([...index.endingBy(a)]).toEqual(spans.filter((s) => s.end <= a).reverse());
      }),
    );
  });

  it('SpanIndex.add keeps spans added out of order findable', () => {
    fc.assert(
      fc.property(sortedSpans, offset, offset, (spans, a, b) => {
        const index = new SpanIndex<S>();
        for (const s of [...spans].reverse()) index.add(s);
        expect(index.overlaps(a, b)).toBe(spans.some((s) => s.start < b && s.end > a));
      }),
    );
  });

  it('spanContaining finds the span of a disjoint list that holds an offset', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 20 }), offset, (gaps, at) => {
        const spans: S[] = [];
        let cursor = 0;
        for (const [gap, length] of gaps) {
          spans.push({ start: cursor + gap, end: cursor + gap + length + 1, id: spans.length });
          cursor += gap + length + 1;
        }
        expect(spanContaining(spans, at)).toEqual(spans.find((s) => s.start <= at && at < s.end));
      }),
    );
  });

  it('spansBySentence is the filter of spans by each sentence, in list order', () => {
    const doc = createDoc('Russia said so. North Korea agreed.\n\nChina objected on Friday. Japan waited.', { articleId: 't', published: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(doc.text.length), fc.nat(12)), { maxLength: 25 }), (pairs) => {
        const spans = pairs.map(([start, length], id): S => ({ start, end: start + length + 1, id }));
        const expected = doc.sentences.map((s) => spans.filter((x) => x.start >= s.start && x.end <= s.end));
        expect(spansBySentence(doc, spans)).toEqual(expected);
      }),
    );
  });
});
