/**
 * How dates, numbers and actors read on screen. Dates are shown as the source wrote them (its local time
 * and offset), never converted to the reader's zone, so two outlets' timestamps compare as printed.
 */
import type { ActorRef } from './api-types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?/;

/** "2023-09-14T10:30:00+03:00" → "14 Sep 2023, 10:30 +03:00"; "2023-09" → "Sep 2023"; null → "undated". */
export function formatDate(iso: string | null | undefined, options: { time?: boolean } = {}): string {
  if (!iso) return 'undated';
  const m = ISO.exec(iso);
  if (!m) return iso;
  const [, year, month, day, hour, minute, zone] = m;
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (!monthName) return year!;
  if (!day) return `${monthName} ${year}`;
  const date = `${Number(day)} ${monthName} ${year}`;
  if (options.time === false || !hour) return date;
  const offset = zone === 'Z' ? ' UTC' : zone ? ` ${zone}` : '';
  return `${date}, ${hour}:${minute}${offset}`;
}

export function formatRange(first: string | null, last: string | null): string {
  const a = formatDate(first, { time: false });
  const b = formatDate(last, { time: false });
  return a === b ? a : `${a} – ${b}`;
}

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : plural}`;
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The outlet as the source names it; some records name none and have no URL to take a domain from. */
export function outletName(source: string | null | undefined): string {
  return source ?? 'unknown outlet';
}

/** An article's headline; some sources give none (a bare text file), and then its outlet names it. */
export function articleTitle(article: { title: string | null; source: string | null }): string {
  return article.title ?? `Untitled article${article.source ? ` from ${article.source}` : ''}`;
}

/** "Alexander Matsegora (RUSGOVDIP)"; an actor the text names without a code keeps just its name. */
export function actorLabel(actor: Pick<ActorRef, 'name' | 'code'>): string {
  return actor.code && actor.code !== actor.name ? `${actor.name} (${actor.code})` : actor.name;
}

/**
 * The API's snippets mark matches with « »: split into plain and matched runs for <mark>. A snippet is an
 * excerpt, so one that stops mid-sentence gets an ellipsis.
 */
export function snippetRuns(snippet: string): { text: string; match: boolean }[] {
  if (!/[.!?…”"’'»]\s*$/.test(snippet)) snippet = `${snippet.trimEnd()} …`;
  const runs: { text: string; match: boolean }[] = [];
  const pattern = /«([^»]*)»/g;
  let last = 0;
  for (let m = pattern.exec(snippet); m; m = pattern.exec(snippet)) {
    if (m.index > last) runs.push({ text: snippet.slice(last, m.index), match: false });
    runs.push({ text: m[1]!, match: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) runs.push({ text: snippet.slice(last), match: false });
  return runs;
}
