/** Human-readable terminal output: tables and article views. JSON output lives with the commands. */
import type { Article } from '../article/types.js';
import type { ActorCount, Sighting, StoredEvent } from '../store/store.js';
import type { Mention } from '../facts/annotate.js';
import type { IngestSummary, Rejection } from '../pipeline/ingest.js';

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text safe to print: control characters (terminal escape sequences, a newline that could forge a
 * `sitrep:` line) and bidirectional overrides are shown as escapes.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => ESCAPES[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

export function originText(origin: { file: string; record?: string }): string {
  return printable(origin.record ? `${origin.file} (${origin.record})` : origin.file);
}

export function rejectionLine(r: Rejection): string {
  return `sitrep: ${originText(r.origin)}: ${printable(r.reason)}`;
}

function cut(text: string, width: number): string {
  if (width <= 1) return '';
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

/** An aligned table; the last column takes the remaining terminal width. */
export function table(headers: string[], rows: string[][], totalWidth = process.stdout.columns || 120): string {
  const widths = headers.map((h, i) =>
    i === headers.length - 1 ? 0 : Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const fixed = widths.reduce((a, b) => a + b + 2, 0);
  widths[widths.length - 1] = Math.max(20, totalWidth - fixed);
  const line = (cells: string[]) => cells.map((c, i) => cut(c.replace(/\s+/g, ' '), widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

export function articleRow(a: Article): string[] {
  return [a.id, (a.published ?? '').slice(0, 16).replace('T', ' '), a.source ?? '', a.language ?? '', a.title ?? firstWords(a.text)];
}

export const ARTICLE_HEADERS = ['id', 'published', 'source', 'lang', 'title'];

function firstWords(text: string): string {
  return `(untitled) ${text.slice(0, 80)}`;
}

/** Actors an article mentions, once each, with their code: "Alexander Matsegora RUSGOVDIP ×3". */
function actorsLine(mentions: Mention[]): string {
  const counts = new Map<string, number>();
  for (const m of mentions) {
    if (!m.actor) continue;
    const key = `${m.actor.name}${m.actor.code ? ` ${m.actor.code}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(' · ');
}

export function articleView(a: Article, sightings: Sighting[], mentions: Mention[] = []): string {
  const field = (name: string, value: string | null) => (value ? `${name.padEnd(10)} ${value}\n` : '');
  const copies = sightings.filter((s) => s.origin.file !== a.origin.file || s.origin.record !== a.origin.record);
  return (
    `${a.title ?? '(untitled)'}\n${'═'.repeat(Math.min(80, (a.title ?? '(untitled)').length))}\n` +
    field('id', a.id) +
    field('source', a.source) +
    field('url', a.url) +
    field('published', a.published) +
    field('updated', a.updated) +
    field('byline', a.byline) +
    field('language', a.language) +
    field('external', a.externalId) +
    field('origin', originText(a.origin)) +
    field('actors', actorsLine(mentions)) +
    (copies.length
      ? `copies     ${copies.length} more sighting(s):\n${copies.map((s) => `           - ${s.source ?? ''} ${s.url ?? ''} ${originText(s.origin)}`.trimEnd()).join('\n')}\n`
      : '') +
    `\n${a.text}\n`
  );
}

/** A titled list of rejections or warnings, the first 50 of them. */
function listed(title: string, items: Rejection[]): string[] {
  if (items.length === 0) return [];
  const lines = ['', `${title}:`, ...items.slice(0, 50).map((r) => `  ${originText(r.origin)}: ${printable(r.reason)}`)];
  if (items.length > 50) lines.push(`  … and ${items.length - 50} more`);
  return lines;
}

export function summaryText(s: IngestSummary): string {
  return [
    `files       ${s.files}`,
    `records     ${s.records}`,
    `ingested    ${s.ingested}`,
    `duplicates  ${s.duplicates}`,
    `unchanged   ${s.unchanged}   (already stored from the same origin)`,
    `rejected    ${s.rejected.length}`,
    `warnings    ${s.warnings.length}   (stored without facts; sitrep reannotate retries them)`,
    `time        ${s.seconds.toFixed(2)} s (${s.articlesPerSecond.toFixed(1)} articles/s)`,
    ...listed('rejected', s.rejected),
    ...listed('warnings', s.warnings),
  ].join('\n');
}

export const ACTOR_HEADERS = ['code', 'mentions', 'articles', 'type', 'actor'];

export function actorRow(a: ActorCount): string[] {
  return [a.code ?? '', String(a.mentions), String(a.articles), a.type, a.name];
}

export const EVENT_HEADERS = ['date', 'source', 'type', 'targets', 'status', 'evidence'];

/** An event as a table row; a date in parentheses is the article's, where the text gives none. */
export function eventRow(e: StoredEvent): string[] {
  return [
    e.date?.value ?? `(${(e.published ?? '').slice(0, 10)})`,
    e.source.code ?? '',
    `${e.type}${e.mode ? `/${e.mode}` : ''}`,
    e.targets.map((t) => t.code).join(',') || '-',
    e.status + (e.attribution ? ` (${e.attribution.code ?? e.attribution.name})` : ''),
    `${e.articleId.slice(0, 8)} "${e.trigger.text}"`,
  ];
}
