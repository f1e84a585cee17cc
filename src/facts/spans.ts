/** Lookups over spans in text order, shared by the fact stages. */

/**
 * The spans of a list sorted by start that lie within [start, end), found by binary search: the stages ask
 * this once per sentence or quote, and a linear scan of every mention made that quadratic in article length.
 */
export function spansWithin<T extends { start: number; end: number }>(sorted: T[], start: number, end: number): T[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.start < end; i++) if (sorted[i]!.end <= end) out.push(sorted[i]!);
  return out;
}
