/** What the evaluations on JSON Lines gold sets share: reading the file, scoring, and printing figures. */
import { readFile } from 'node:fs/promises';

export function parseJsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export async function readJsonLines<T>(file: string): Promise<T[]> {
  return parseJsonLines<T>(await readFile(file, 'utf8'));
}

export function f1(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

interface GoldDate {
  value: string;
  precision: string;
}

/**
 * Dates agree at the gold's precision ("2023-07-01" with precision month equals "2023-07"); both absent
 * also agree. `samePrecision` also requires the system to claim that precision.
 */
export function sameDate(gold: GoldDate | null, got: GoldDate | null, samePrecision = true): boolean {
  if (!gold || !got) return !gold && !got;
  const length = gold.precision === 'day' ? 10 : gold.precision === 'month' ? 7 : 4;
  return (!samePrecision || gold.precision === got.precision) && gold.value.slice(0, length) === got.value.slice(0, length);
}
