/**
 * What every command shares: the store target and its opening, JSON Lines output, and option parsers
 * whose errors are one clear line.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Option, InvalidArgumentError } from 'commander';
import { Store } from '../store/store.js';
import { parseDateText, toEpochMs } from '../article/dates.js';

export class UsageError extends Error {}

export function dbTarget(option: string | undefined): string {
  return option ?? process.env.SITREP_DB ?? path.resolve('sitrep-data');
}

/**
 * Opens the store, runs `fn` and closes the store (its lock released) whatever happened. A command that
 * writes (`write`) refuses a store this process can only read.
 */
export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>, options: { write?: boolean } = {}): Promise<T> {
  const target = dbTarget(db);
  let store: Store;
  try {
    store = await Store.open(target);
  } catch (error) {
    throw new UsageError(`cannot open store ${target}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let result: T;
  try {
    if (options.write && store.readOnly) throw new UsageError(`the store ${target} is read-only here: it can be queried, not written`);
    result = await fn(store);
  } catch (error) {
    // The first failure is the one to report; closing a failed store may fail again.
    await store.close().catch(() => {});
    throw error;
  }
  try {
    await store.close();
  } catch (error) {
    // What the command did is committed; say that closing failed, and still let it report.
    process.stderr.write(`sitrep: error: closing the store ${target}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
  return result;
}

export function jsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A --since/--until value as an instant; `endOfDay` makes a bare date include that whole day. */
export function dateBound(value: string | undefined, name: string, endOfDay: boolean): string | undefined {
  if (!value) return undefined;
  const parsed = parseDateText(value);
  if (!parsed) throw new UsageError(`--${name}: cannot read "${value}" as a date (use YYYY-MM-DD)`);
  const ms = toEpochMs(parsed.iso) + (endOfDay && !parsed.hasTime ? 24 * 3600 * 1000 : 0);
  return new Date(ms).toISOString();
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number, 0 or more');
  return n;
}

export const dbOption = () => new Option('--db <dir|url>', 'store: a PGlite folder or a postgres:// URL (default $SITREP_DB or ./sitrep-data)');


/** A JSON Lines record from stdin with its text, as `annotate` and `parse` read them. */
export interface TextRecord {
  lineNo: number;
  /** The record's `id`, else its line number. */
  id: string;
  text: string;
  record: Record<string, unknown>;
}

/**
 * Reads JSON Lines `{id?, text, …}` from stdin, passing each good record on; a malformed line or one
 * without a "text" string is one line on stderr. Returns how many non-blank lines were read and failed.
 */
export async function forEachTextRecord(onRecord: (r: TextRecord) => void): Promise<{ read: number; failed: number }> {
  let lineNo = 0;
  let read = 0;
  let failed = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNo++;
    if (!line.trim()) continue;
    read++;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      failed++;
      process.stderr.write(`sitrep: stdin (line ${lineNo}): malformed JSON: ${(error as Error).message}\n`);
      continue;
    }
    if (typeof record?.text !== 'string') {
      failed++;
      process.stderr.write(`sitrep: stdin (line ${lineNo}): no "text" string\n`);
      continue;
    }
    onRecord({ lineNo, id: record.id === undefined ? String(lineNo) : String(record.id), text: record.text, record });
  }
  return { read, failed };
}
