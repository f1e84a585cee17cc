/**
 * The x axis of a relation chart: every period from the first to the last, including the ones with no
 * events, so that a quiet month shows as a gap instead of disappearing.
 */

const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function monthsBetween(first: string, last: string): string[] | null {
  const a = MONTH.exec(first);
  const b = MONTH.exec(last);
  if (!a || !b) return null;
  const out: string[] = [];
  for (let y = Number(a[1]), m = Number(a[2]); y < Number(b[1]) || (y === Number(b[1]) && m <= Number(b[2])); m === 12 ? (y++, (m = 1)) : m++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

/** Week periods written as their first day ("2023-09-04"). */
function weeksBetween(first: string, last: string): string[] | null {
  if (!DAY.test(first) || !DAY.test(last)) return null;
  const out: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end; t += 7 * 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The periods in order with the gaps filled; periods in another notation (ISO weeks "2023-W36") are only sorted. */
export function periodAxis(periods: Iterable<string>): string[] {
  const sorted = [...new Set(periods)].sort();
  if (sorted.length < 2) return sorted;
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const filled = monthsBetween(first, last) ?? weeksBetween(first, last);
  // Filling is only right when every given period is on the filled grid.
  return filled && sorted.every((p) => filled.includes(p)) ? filled : sorted;
}
