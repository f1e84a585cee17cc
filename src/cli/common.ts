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

export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const target = dbTarget(db);
  let store: Store;
  try {
    store = await Store.open(target);
  } catch (error) {
    throw new UsageError(`cannot open store ${target}: ${(error as Error).message}`);
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
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

