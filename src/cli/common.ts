/**
 * What every command shares: the store target and its opening, JSON Lines output, and option parsers
 * whose errors are one clear line.
 */
import path from 'node:path';
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

