/**
 * PLOVER event patterns (data/plover/*.json, format in its README) compiled into an index by first
 * trigger lemma, so that the coder tries only the patterns that can start at a token.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type PloverType =
  | 'AGREE' | 'CONSULT' | 'SUPPORT' | 'CONCEDE' | 'COOPERATE' | 'AID' | 'RETREAT' | 'REQUEST'
  | 'ACCUSE' | 'REJECT' | 'THREATEN' | 'PROTEST' | 'SANCTION' | 'MOBILIZE' | 'COERCE' | 'ASSAULT';

export interface EventPattern {
  type: PloverType;
  quadClass: number;
  /** Trigger lemmas in order; "*" is a gap of up to three words. */
  lemmas: string[];
  pos: 'verb' | 'noun';
  mode: string | null;
  cameo: string;
  source: string[];
  target: string[];
  /** Slots tried first for a target the event may lack ("demanded that X …", "complained over X"). */
  optionalTarget: string[];
  negative: boolean;
}

export interface PatternIndex {
  /** Patterns by the lemma their trigger starts with, verb and noun patterns apart (a token is one or the other). */
  verbsByFirstLemma: Map<string, EventPattern[]>;
  nounsByFirstLemma: Map<string, EventPattern[]>;
  count: number;
}

interface PatternFile {
  type: PloverType;
  quadClass: number;
  cameoRoot: string;
  patterns: Array<{
    trigger: string;
    pos: 'verb' | 'noun';
    mode?: string;
    cameo?: string;
    source?: string[];
    target?: string[];
    optionalTarget?: string[];
    negative?: boolean;
  }>;
}

export function compilePatterns(files: PatternFile[]): PatternIndex {
  const verbsByFirstLemma = new Map<string, EventPattern[]>();
  const nounsByFirstLemma = new Map<string, EventPattern[]>();
  let count = 0;
  for (const file of files) {
    for (const p of file.patterns) {
      const lemmas = p.trigger.toLowerCase().split(/\s+/).filter(Boolean);
      if (lemmas.length === 0 || lemmas[0] === '*') continue;
      const pattern: EventPattern = {
        type: file.type,
        quadClass: file.quadClass,
        lemmas,
        pos: p.pos,
        mode: p.mode ?? null,
        cameo: p.cameo ?? file.cameoRoot,
        source: p.source ?? (p.pos === 'verb' ? ['subject'] : ['possessor', 'by', 'subject']),
        target: p.target ?? (p.pos === 'verb' ? ['object'] : ['to', 'with', 'on', 'against']),
        optionalTarget: p.optionalTarget ?? [],
        negative: p.negative ?? false,
      };
      const index = pattern.pos === 'verb' ? verbsByFirstLemma : nounsByFirstLemma;
      const list = index.get(lemmas[0]!) ?? [];
      list.push(pattern);
      index.set(lemmas[0]!, list);
      count++;
    }
  }
  // Longest trigger first, so "hold talk" outranks "hold".
  for (const index of [verbsByFirstLemma, nounsByFirstLemma]) for (const list of index.values()) list.sort((a, b) => b.lemmas.length - a.lemmas.length);
  return { verbsByFirstLemma, nounsByFirstLemma, count };
}

const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'plover');

export function loadPatterns(dir = DATA_DIR): PatternIndex {
  if (!existsSync(dir)) return compilePatterns([]);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as PatternFile);
  return compilePatterns(files.filter((f) => Array.isArray(f.patterns)));
}

let cached: PatternIndex | null = null;

export function defaultPatterns(): PatternIndex {
  cached ??= loadPatterns();
  return cached;
}
