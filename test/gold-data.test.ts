import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * sitrep's hand-made gold sets (test/gold/*.jsonl): well-formed, large enough, and self-consistent. The
 * held-out sets (heldout-*.jsonl, written blind to the code) get the same form checks.
 */

const GOLD_DIR = path.join(import.meta.dirname, 'gold');

const TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const;
const STATUSES = ['asserted', 'reported', 'hedged', 'proposed', 'opinion', 'denied'] as const;
const PRECISIONS = ['day', 'month', 'year'] as const;
const CODE = /^[A-Z]{3}([A-Z]{3})*$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

type Json = Record<string, unknown>;

function readJsonl(file: string): Json[] {
  const lines = readFileSync(path.join(GOLD_DIR, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as Json;
    } catch (err) {
      throw new Error(`${file}:${i + 1}: invalid JSON (${(err as Error).message})`);
    }
  });
}

function isValidDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Problems with a `date` field: null, or { value: YYYY-MM-DD, precision } with month/year values on the 1st. */
function dateProblems(date: unknown, where: string): string[] {
  if (date === null) return [];
  if (typeof date !== 'object' || date === undefined) return [`${where}: date must be null or an object`];
  const { value, precision } = date as Json;
  const out: string[] = [];
  if (typeof value !== 'string' || !isValidDay(value)) out.push(`${where}: bad date value ${String(value)}`);
  if (!PRECISIONS.includes(precision as (typeof PRECISIONS)[number])) out.push(`${where}: bad precision ${String(precision)}`);
  if (typeof value === 'string' && precision === 'month' && !value.endsWith('-01')) out.push(`${where}: month date not on the 1st`);
  if (typeof value === 'string' && precision === 'year' && !value.endsWith('-01-01')) out.push(`${where}: year date not on Jan 1`);
  return out;
}

function commonProblems(row: Json, where: string): string[] {
  const out: string[] = [];
  if (typeof row.id !== 'string' || row.id === '') out.push(`${where}: missing id`);
  if (typeof row.published !== 'string' || !isValidDay(row.published)) out.push(`${where}: bad published`);
  if (typeof row.text !== 'string' || row.text.trim() === '') out.push(`${where}: missing text`);
  return out;
}

function uniqueIds(rows: Json[]): string[] {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const r of rows) {
    const id = String(r.id);
    if (seen.has(id)) dups.push(id);
    seen.add(id);
  }
  return dups;
}

describe.each(['events.jsonl', 'heldout-events.jsonl', 'heldout2-events.jsonl'])('gold events (test/gold/%s)', (file) => {
  const rows = readJsonl(file);

  it('has well-formed sentences and events', () => {
    const problems: string[] = [];
    for (const row of rows) {
      const where = String(row.id);
      problems.push(...commonProblems(row, where));
      if (!Array.isArray(row.events)) {
        problems.push(`${where}: events must be an array`);
        continue;
      }
      const text = String(row.text);
      for (const [i, e] of (row.events as Json[]).entries()) {
        const at = `${where}#${i}`;
        // null: an unknown perpetrator ("were killed in an attack"), which PLOVER keeps as an event.
        if (e.source !== null && (typeof e.source !== 'string' || !CODE.test(e.source))) problems.push(`${at}: bad source ${String(e.source)}`);
        if (!Array.isArray(e.target)) problems.push(`${at}: target must be an array`);
        else for (const t of e.target) if (typeof t !== 'string' || !CODE.test(t)) problems.push(`${at}: bad target ${String(t)}`);
        if (!TYPES.includes(e.type as (typeof TYPES)[number])) problems.push(`${at}: bad type ${String(e.type)}`);
        if ('mode' in e && (typeof e.mode !== 'string' || e.mode === '')) problems.push(`${at}: mode, when given, is a non-empty string`);
        if (!STATUSES.includes(e.status as (typeof STATUSES)[number])) problems.push(`${at}: bad status ${String(e.status)}`);
        if (e.attribution !== null && (typeof e.attribution !== 'string' || !CODE.test(e.attribution))) {
          problems.push(`${at}: bad attribution ${String(e.attribution)}`);
        }
        if (e.status !== 'reported' && e.attribution !== null) problems.push(`${at}: attribution only for reported`);
        problems.push(...dateProblems(e.date, at));
        if (typeof e.trigger !== 'string' || e.trigger === '') problems.push(`${at}: missing trigger`);
        else if (!text.includes(e.trigger)) problems.push(`${at}: trigger "${e.trigger}" not in text`);
        // A past, factual event cannot be dated after its article.
        const date = e.date as { value: string } | null;
        if (date && ['asserted', 'reported', 'denied'].includes(String(e.status)) && date.value > String(row.published)) {
          problems.push(`${at}: date ${date.value} after published ${String(row.published)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(uniqueIds(rows)).toEqual([]);
  });

  it.runIf(file === 'events.jsonl')('is large enough: 170+ sentences, 8+ per type, 15+ negatives', () => {
    expect(rows.length).toBeGreaterThanOrEqual(170);
    const perType = Object.fromEntries(TYPES.map((t) => [t, 0])) as Record<string, number>;
    for (const row of rows) {
      const types = new Set((row.events as Json[]).map((e) => String(e.type)));
      for (const t of types) perType[t] = (perType[t] ?? 0) + 1;
    }
    for (const t of TYPES) expect(perType[t], t).toBeGreaterThanOrEqual(8);
    expect(rows.filter((r) => (r.events as Json[]).length === 0).length).toBeGreaterThanOrEqual(15);
  });

  it.runIf(file === 'events.jsonl')('covers every status', () => {
    const statuses = new Set(rows.flatMap((r) => (r.events as Json[]).map((e) => String(e.status))));
    for (const s of STATUSES) expect(statuses.has(s), s).toBe(true);
  });
});

describe.each(['quotes.jsonl', 'heldout-quotes.jsonl'])('gold quotes (test/gold/%s)', (file) => {
  const rows = readJsonl(file);

  it('has well-formed passages and quotes found in their text', () => {
    const problems: string[] = [];
    for (const row of rows) {
      const where = String(row.id);
      problems.push(...commonProblems(row, where));
      if (!Array.isArray(row.quotes) || row.quotes.length === 0) {
        problems.push(`${where}: quotes must be a non-empty array`);
        continue;
      }
      const text = String(row.text);
      for (const [i, q] of (row.quotes as Json[]).entries()) {
        const at = `${where}#${i}`;
        if (typeof q.speaker !== 'string' || q.speaker === '') problems.push(`${at}: missing speaker`);
        else if (!text.includes(q.speaker)) problems.push(`${at}: speaker "${q.speaker}" not in text`);
        if (typeof q.speakerCode !== 'string' || !CODE.test(q.speakerCode)) problems.push(`${at}: bad speakerCode ${String(q.speakerCode)}`);
        // cue (matched case-insensitively) is null only for a quote that continues an earlier one from the same speaker.
        if (q.cue !== null && (typeof q.cue !== 'string' || !text.toLowerCase().includes(q.cue.toLowerCase()))) problems.push(`${at}: cue "${String(q.cue)}" not in text`);
        if (typeof q.direct !== 'boolean') problems.push(`${at}: direct must be boolean`);
        if (q.venue !== null && (typeof q.venue !== 'string' || q.venue === '')) problems.push(`${at}: venue must be null or a string`);
        if (typeof q.quote !== 'string' || q.quote === '') problems.push(`${at}: missing quote`);
        else if (!text.includes(q.quote)) problems.push(`${at}: quote not verbatim in text: ${q.quote}`);
        else if (q.direct === true && !text.includes(`"${q.quote}"`)) problems.push(`${at}: direct quote not inside quotation marks`);
        problems.push(...dateProblems(q.date, at));
        const date = q.date as { value: string } | null;
        if (date && date.value > String(row.published)) problems.push(`${at}: quote dated after published`);
      }
      if ((row.quotes as Json[])[0]?.cue === null) problems.push(`${where}: first quote needs a cue`);
    }
    expect(problems).toEqual([]);
    expect(uniqueIds(rows)).toEqual([]);
  });

  it.runIf(file === 'quotes.jsonl')('is large enough: 70+ passages, 80+ quotes, direct and indirect', () => {
    const quotes = rows.flatMap((r) => r.quotes as Json[]);
    expect(rows.length).toBeGreaterThanOrEqual(70);
    expect(quotes.length).toBeGreaterThanOrEqual(80);
    expect(quotes.filter((q) => q.direct === true).length).toBeGreaterThanOrEqual(30);
    expect(quotes.filter((q) => q.direct === false).length).toBeGreaterThanOrEqual(30);
  });
});

describe.each(['claims.jsonl', 'heldout-claims.jsonl'])('gold claims (test/gold/%s)', (file) => {
  const rows = readJsonl(file);

  it('has well-formed sentences with a status and, for reported ones only, an attribution', () => {
    const problems: string[] = [];
    for (const row of rows) {
      const where = String(row.id);
      problems.push(...commonProblems(row, where));
      if (!STATUSES.includes(row.status as (typeof STATUSES)[number])) problems.push(`${where}: bad status ${String(row.status)}`);
      if (!('attribution' in row)) problems.push(`${where}: missing attribution`);
      else if (row.attribution !== null && (typeof row.attribution !== 'string' || !CODE.test(row.attribution))) {
        problems.push(`${where}: bad attribution ${String(row.attribution)}`);
      }
      if (row.status !== 'reported' && row.attribution != null) problems.push(`${where}: attribution only for reported`);
    }
    expect(problems).toEqual([]);
    expect(uniqueIds(rows)).toEqual([]);
    const texts = rows.map((r) => String(r.text));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('has 45+ sentences per status (15+ held out)', () => {
    for (const s of STATUSES) expect(rows.filter((r) => r.status === s).length, s).toBeGreaterThanOrEqual(file === 'claims.jsonl' ? 45 : 15);
  });
});
