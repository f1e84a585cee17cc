/**
 * Quote evaluation on sitrep's gold (test/gold/quotes.jsonl: passages with their quotes): a predicted
 * quote matches a gold one when their quoted words overlap by half or more; of matches, speaker, cue,
 * direct/indirect, venue and date are scored.
 */
import { annotateArticle } from '../facts/annotate.js';
import { f1, pct, readJsonLines, sameDate } from './gold.js';

interface GoldQuote {
  speaker: string;
  speakerCode?: string | null;
  cue: string | null;
  quote: string;
  direct: boolean;
  venue: string | null;
  date: { value: string; precision: string } | null;
}

interface GoldPassage {
  id: string;
  text: string;
  published?: string;
  quotes: GoldQuote[];
}

export interface QuotesReport {
  passages: number;
  gold: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
  speaker: number;
  cue: number;
  direct: number;
  venue: number;
  date: number;
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Share of the shorter text's words found in the longer one. */
function overlap(a: string, b: string): number {
  const wa = words(a);
  const wb = new Set(words(b));
  if (wa.length === 0 || wb.size === 0) return 0;
  const shared = wa.filter((w) => wb.has(w)).length;
  return shared / Math.min(wa.length, wb.size);
}

export async function evalQuotes(file: string): Promise<QuotesReport> {
  const passages = await readJsonLines<GoldPassage>(file);
  let gold = 0;
  let predicted = 0;
  let matched = 0;
  const right = { speaker: 0, cue: 0, direct: 0, venue: 0, date: 0 };
  for (const p of passages) {
    const { quotes } = annotateArticle({ id: p.id, text: p.text, published: p.published ?? null });
    gold += p.quotes.length;
    predicted += quotes.length;
    const unused = [...quotes];
    for (const g of p.quotes) {
      const index = unused.findIndex((q) => overlap(g.quote, q.quote.text) >= 0.5);
      if (index < 0) continue;
      const q = unused.splice(index, 1)[0]!;
      matched++;
      const speakerText = `${q.speaker.name ?? ''} ${q.speaker.text}`.toLowerCase();
      if (speakerText.includes(g.speaker.toLowerCase()) || g.speaker.toLowerCase().includes(q.speaker.text.toLowerCase()) || (g.speakerCode && g.speakerCode === q.speaker.actor?.code)) right.speaker++;
      if (!g.cue || g.cue.toLowerCase().includes(q.cue.text.toLowerCase())) right.cue++;
      if (g.direct === q.direct) right.direct++;
      if ((g.venue === null && q.venue === null) || (g.venue && q.venue && overlap(g.venue, q.venue.text) >= 0.5)) right.venue++;
      if (sameDate(g.date, q.date, false)) right.date++;
    }
  }
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  const share = (n: number) => (matched ? n / matched : 0);
  return {
    passages: passages.length,
    gold,
    predicted,
    precision,
    recall,
    f1: f1(precision, recall),
    speaker: share(right.speaker),
    cue: share(right.cue),
    direct: share(right.direct),
    venue: share(right.venue),
    date: share(right.date),
  };
}

export function formatQuotesReport(r: QuotesReport): string {
  return [
    `passages ${r.passages}  gold quotes ${r.gold}  predicted ${r.predicted}`,
    `quotes: precision ${pct(r.precision)}  recall ${pct(r.recall)}  F1 ${pct(r.f1)}`,
    `of matched quotes: speaker ${pct(r.speaker)}  cue ${pct(r.cue)}  direct ${pct(r.direct)}  venue ${pct(r.venue)}  date ${pct(r.date)}`,
  ].join('\n');
}
