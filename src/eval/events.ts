/**
 * Event-coding evaluation on two kinds of gold:
 * - PLOVER gold records (../shared/eval/plover/PLOVER_GSR_CAMEO.json, one coded sentence each, PLOVER 0.5b1
 *   type names mapped to the current 16): type accuracy and macro-F1 over records where sitrep emits an
 *   event, coverage separately, source/target country accuracy, exact (source, target, type) match, a
 *   confusion table, and the end-to-end share of all records with an emitted event of the gold type whose
 *   source and target countries are among the gold ones;
 * - sitrep's own gold (test/gold/events.jsonl, several events per sentence, status and date): event
 *   precision/recall by (source country, type, target country), and status and date accuracy of matches.
 */
import { readFile } from 'node:fs/promises';
import { annotateArticle, type CodedEvent } from '../facts/annotate.js';
import { f1, parseJsonLines, pct, sameDate } from './gold.js';

const VERSION_05_NAMES: Record<string, string> = { DEMAND: 'REQUEST', DISAPPROVE: 'ACCUSE', INVESTIGATE: 'ACCUSE', FIGHT: 'ASSAULT' };
const country = (code: string | null | undefined) => (code ?? '').slice(0, 3);

interface PloverRecord {
  id: string;
  event: string;
  text?: string;
  date?: string;
  source?: Actors;
  target?: Actors;
}

/** Gold actor lists; a few records give one actor object instead of a list. */
type Actors = Array<{ code?: string }> | { code?: string };
const asList = (a: Actors | undefined) => (Array.isArray(a) ? a : a ? [a] : []);

export interface TypeScore {
  type: string;
  precision: number;
  recall: number;
  f1: number;
  gold: number;
}

export interface PloverReport {
  kind: 'plover';
  records: number;
  coverage: number;
  covered: number;
  /** Over covered records: the first event sitrep emits for the sentence. */
  typeAccuracy: number;
  /** Over covered records: any emitted event has the gold type (an upper bound, for reference). */
  typeAccuracyAnyEvent: number;
  macroF1: number;
  sourceCountryAccuracy: number;
  targetCountryAccuracy: number;
  exactMatch: number;
  /** Over all records: some emitted event has the gold type, a gold source country and a gold target country. */
  endToEnd: number;
  perType: TypeScore[];
  confusion: Record<string, Record<string, number>>;
  uncodedTriggers: number;
}

export function scorePlover(records: PloverRecord[]): PloverReport {
  const sentences = records.filter((r) => r.event !== 'DOCUMENT' && typeof r.text === 'string');
  const confusion: Record<string, Record<string, number>> = {};
  let covered = 0;
  let typeRight = 0;
  let typeAny = 0;
  let sourceRight = 0;
  let targetRight = 0;
  let targetTotal = 0;
  let exact = 0;
  let endToEnd = 0;
  let uncoded = 0;
  const predictedCount = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const rightCount = new Map<string, number>();
  for (const record of sentences) {
    const gold = VERSION_05_NAMES[record.event] ?? record.event;
    const facts = annotateArticle({ id: record.id, text: record.text!, published: record.date ?? null });
    uncoded += facts.uncoded.length;
    goldCount.set(gold, (goldCount.get(gold) ?? 0) + 1);
    const goldSources = new Set(asList(record.source).map((a) => country(a.code)));
    const goldTargets = new Set(asList(record.target).map((a) => country(a.code)));
    const targetsAgree = (e: CodedEvent) => (goldTargets.size === 0 ? e.targets.length === 0 : e.targets.some((t) => goldTargets.has(country(t.code))));
    if (facts.events.some((e) => e.type === gold && goldSources.has(country(e.source.code)) && targetsAgree(e))) endToEnd++;
    const first = facts.events[0];
    if (!first) continue;
    covered++;
    const predicted = first.type;
    predictedCount.set(predicted, (predictedCount.get(predicted) ?? 0) + 1);
    (confusion[gold] ??= {})[predicted] = (confusion[gold]![predicted] ?? 0) + 1;
    if (predicted === gold) {
      typeRight++;
      rightCount.set(gold, (rightCount.get(gold) ?? 0) + 1);
    }
    if (facts.events.some((e) => e.type === gold)) typeAny++;
    const sourceOk = goldSources.has(country(first.source.code));
    const targetOk = targetsAgree(first);
    if (sourceOk) sourceRight++;
    if (goldTargets.size > 0) {
      targetTotal++;
      if (targetOk) targetRight++;
    }
    if (sourceOk && targetOk && predicted === gold) exact++;
  }
  const types = [...new Set([...goldCount.keys()])].sort();
  const perType = types.map((type) => {
    const right = rightCount.get(type) ?? 0;
    const precision = right / Math.max(1, predictedCount.get(type) ?? 0);
    const recall = right / Math.max(1, goldCount.get(type) ?? 0);
    return { type, precision, recall, f1: f1(precision, recall), gold: goldCount.get(type) ?? 0 };
  });
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  return {
    kind: 'plover',
    records: sentences.length,
    covered,
    coverage: ratio(covered, sentences.length),
    typeAccuracy: ratio(typeRight, covered),
    typeAccuracyAnyEvent: ratio(typeAny, covered),
    macroF1: perType.reduce((s, t) => s + t.f1, 0) / Math.max(1, perType.length),
    sourceCountryAccuracy: ratio(sourceRight, covered),
    targetCountryAccuracy: ratio(targetRight, targetTotal),
    exactMatch: ratio(exact, covered),
    endToEnd: ratio(endToEnd, sentences.length),
    perType,
    confusion,
    uncodedTriggers: uncoded,
  };
}

interface GoldEvent {
  source: string;
  target: string[];
  type: string;
  status?: string;
  date?: { value: string; precision: string } | null;
}

interface GoldSentence {
  id: string;
  text: string;
  published?: string;
  events: GoldEvent[];
}

export interface OwnEventsReport {
  kind: 'sitrep-gold';
  sentences: number;
  goldEvents: number;
  predictedEvents: number;
  precision: number;
  recall: number;
  f1: number;
  /** Over matched events. */
  statusAccuracy: number;
  dateAccuracy: number;
  /** Events predicted in sentences whose gold has none. */
  falsePositivesInNegatives: number;
}

export function scoreOwnEvents(sentences: GoldSentence[]): OwnEventsReport {
  let gold = 0;
  let predicted = 0;
  let matched = 0;
  let statusRight = 0;
  let dateRight = 0;
  let negatives = 0;
  for (const s of sentences) {
    const facts = annotateArticle({ id: s.id, text: s.text, published: s.published ?? null });
    gold += s.events.length;
    predicted += facts.events.length;
    if (s.events.length === 0) negatives += facts.events.length;
    const unused = [...facts.events];
    for (const g of s.events) {
      // A predicted event matches when source country and type agree and it shares a target country (or both have none).
      const index = unused.findIndex(
        (e) =>
          country(e.source.code) === country(g.source) &&
          e.type === g.type &&
          (g.target.length === 0 ? e.targets.length === 0 : e.targets.some((t) => g.target.map(country).includes(country(t.code)))),
      );
      if (index < 0) continue;
      const e: CodedEvent = unused.splice(index, 1)[0]!;
      matched++;
      if (!g.status || e.status === g.status) statusRight++;
      if (sameDate(g.date ?? null, e.date ?? null)) dateRight++;
    }
  }
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  return {
    kind: 'sitrep-gold',
    sentences: sentences.length,
    goldEvents: gold,
    predictedEvents: predicted,
    precision,
    recall,
    f1: f1(precision, recall),
    statusAccuracy: matched ? statusRight / matched : 0,
    dateAccuracy: matched ? dateRight / matched : 0,
    falsePositivesInNegatives: negatives,
  };
}

/** Scores a PLOVER gold file (JSON array) or a sitrep gold file (JSON Lines with `events`). */
export async function evalEvents(file: string): Promise<PloverReport | OwnEventsReport> {
  const text = await readFile(file, 'utf8');
  if (text.trimStart().startsWith('[')) return scorePlover(JSON.parse(text) as PloverRecord[]);
  const sentences = parseJsonLines<GoldSentence>(text);
  return scoreOwnEvents(sentences);
}

export function formatEventsReport(r: PloverReport | OwnEventsReport): string {
  if (r.kind === 'sitrep-gold') {
    return [
      `sentences ${r.sentences}  gold events ${r.goldEvents}  predicted ${r.predictedEvents}`,
      `events (source country, type, target country): precision ${pct(r.precision)}  recall ${pct(r.recall)}  F1 ${pct(r.f1)}`,
      `of matched events: status ${pct(r.statusAccuracy)}  date ${pct(r.dateAccuracy)}`,
      `events predicted in sentences with none: ${r.falsePositivesInNegatives}`,
    ].join('\n');
  }
  const lines = [
    `records ${r.records}  with an event ${r.covered} (coverage ${pct(r.coverage)})  triggers without actors ${r.uncodedTriggers}`,
    `end to end (all records: an event with the gold type, source country and target country) ${pct(r.endToEnd)}`,
    `type accuracy ${pct(r.typeAccuracy)} (first event; any event ${pct(r.typeAccuracyAnyEvent)})  macro-F1 ${pct(r.macroF1)}`,
    `source country ${pct(r.sourceCountryAccuracy)}  target country ${pct(r.targetCountryAccuracy)}  exact (source, target, type) ${pct(r.exactMatch)}`,
    '',
    `${'type'.padEnd(10)} ${'gold'.padStart(5)} ${'P'.padStart(7)} ${'R'.padStart(7)} ${'F1'.padStart(7)}`,
    ...r.perType.map((t) => `${t.type.padEnd(10)} ${String(t.gold).padStart(5)} ${pct(t.precision).padStart(7)} ${pct(t.recall).padStart(7)} ${pct(t.f1).padStart(7)}`),
    '',
    'confusion (rows gold, columns predicted, covered records only):',
  ];
  const predictedTypes = [...new Set(Object.values(r.confusion).flatMap((row) => Object.keys(row)))].sort();
  lines.push(`${''.padEnd(10)} ${predictedTypes.map((t) => t.slice(0, 4).padStart(5)).join('')}`);
  for (const [gold, row] of Object.entries(r.confusion).sort()) {
    lines.push(`${gold.padEnd(10)} ${predictedTypes.map((t) => String(row[t] ?? '').padStart(5)).join('')}`);
  }
  return lines.join('\n');
}
