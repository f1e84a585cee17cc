/**
 * Claim-status evaluation on sitrep's gold (test/gold/claims.jsonl: one sentence, the status of its main
 * claim, and who reports it): accuracy, per-status precision/recall, and attribution accuracy for reported.
 */
import { pct, readJsonLines } from './gold.js';
import { createDoc } from '../document/doc.js';
import { defaultDictionary } from '../facts/actors/dictionary.js';
import { recognizeActors } from '../facts/actors/recognize.js';
import { sentenceStanding, type ClaimStatus } from '../facts/claims/status.js';

interface GoldClaim {
  id: string;
  text: string;
  published?: string;
  status: ClaimStatus;
  attribution: string | null;
}

export interface ClaimsReport {
  sentences: number;
  accuracy: number;
  perStatus: Array<{ status: string; gold: number; precision: number; recall: number }>;
  /** Over gold `reported` sentences predicted reported: the attribution's country matches. */
  attributionAccuracy: number;
  confusion: Record<string, Record<string, number>>;
}

/**
 * The status sitrep gives a sentence's main claim: the standing at its main verb. (An event's own status
 * can differ: in "Seoul denied sending drones" the denial is an asserted REJECT, the claim it denies is denied.)
 */
export function statusOfSentence(text: string, published: string | null): { status: ClaimStatus; attribution: string | null } {
  const doc = createDoc(text, { articleId: 'claim', published });
  const standing = sentenceStanding(doc, 0, recognizeActors(doc, defaultDictionary()));
  return { status: standing.status, attribution: standing.attribution?.code ?? null };
}

export async function evalClaims(file: string): Promise<ClaimsReport> {
  const gold = await readJsonLines<GoldClaim>(file);
  const confusion: Record<string, Record<string, number>> = {};
  let right = 0;
  let attributed = 0;
  let attributionRight = 0;
  for (const g of gold) {
    const got = statusOfSentence(g.text, g.published ?? null);
    (confusion[g.status] ??= {})[got.status] = (confusion[g.status]![got.status] ?? 0) + 1;
    if (got.status === g.status) right++;
    if (g.status === 'reported' && got.status === 'reported' && g.attribution) {
      attributed++;
      if ((got.attribution ?? '').slice(0, 3) === g.attribution.slice(0, 3)) attributionRight++;
    }
  }
  const statuses = ['asserted', 'reported', 'hedged', 'proposed', 'opinion', 'denied'];
  const perStatus = statuses.map((status) => {
    const goldCount = gold.filter((g) => g.status === status).length;
    const predicted = Object.values(confusion).reduce((n, row) => n + (row[status] ?? 0), 0);
    const hits = confusion[status]?.[status] ?? 0;
    return { status, gold: goldCount, precision: predicted ? hits / predicted : 0, recall: goldCount ? hits / goldCount : 0 };
  });
  return {
    sentences: gold.length,
    accuracy: gold.length ? right / gold.length : 0,
    perStatus,
    attributionAccuracy: attributed ? attributionRight / attributed : 0,
    confusion,
  };
}

export function formatClaimsReport(r: ClaimsReport): string {
  const statuses = r.perStatus.map((s) => s.status);
  return [
    `sentences ${r.sentences}  status accuracy ${pct(r.accuracy)}  attribution (reported, country) ${pct(r.attributionAccuracy)}`,
    '',
    `${'status'.padEnd(9)} ${'gold'.padStart(5)} ${'P'.padStart(7)} ${'R'.padStart(7)}`,
    ...r.perStatus.map((s) => `${s.status.padEnd(9)} ${String(s.gold).padStart(5)} ${pct(s.precision).padStart(7)} ${pct(s.recall).padStart(7)}`),
    '',
    'confusion (rows gold, columns predicted):',
    `${''.padEnd(9)} ${statuses.map((s) => s.slice(0, 5).padStart(6)).join('')}`,
    ...statuses.map((g) => `${g.padEnd(9)} ${statuses.map((p) => String(r.confusion[g]?.[p] ?? '').padStart(6)).join('')}`),
  ].join('\n');
}
