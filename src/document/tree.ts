/**
 * Reading the dependency tree of a Doc: the small helpers the fact stages share. Heads are token indices
 * into the whole document (-1 for a sentence's root); relations are UD v2 labels with subtypes.
 */
import type { Doc } from './doc.js';

const childrenOf = new WeakMap<Doc, { start: Int32Array; list: Int32Array }>();

/** Dependents of token t, left to right. */
export function children(doc: Doc, t: number): number[] {
  let index = childrenOf.get(doc);
  if (!index) {
    const n = doc.head.length;
    const start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) if (doc.head[i]! >= 0) start[doc.head[i]! + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, n);
    const list = new Int32Array(start[n]!);
    for (let i = 0; i < n; i++) if (doc.head[i]! >= 0) list[fill[doc.head[i]!]!++] = i;
    index = { start, list };
    childrenOf.set(doc, index);
  }
  return Array.from(index.list.subarray(index.start[t]!, index.start[t + 1]!));
}

/** Dependents of t whose relation is `rel` or one of its subtypes ("obl" matches "obl:agent"). */
export function childrenWith(doc: Doc, t: number, rel: string): number[] {
  return children(doc, t).filter((c) => relationIs(doc.deprel[c]!, rel));
}

/** Whether a label is `rel`, or a subtype of it when `rel` has no subtype. */
export function relationIs(label: string, rel: string): boolean {
  return label === rel || (!rel.includes(':') && label.startsWith(`${rel}:`));
}

/** Token range [first, end) covered by t and everything below it. */
export function subtreeSpan(doc: Doc, t: number): { first: number; end: number } {
  let first = t;
  let last = t;
  const stack = [t];
  while (stack.length) {
    const x = stack.pop()!;
    if (x < first) first = x;
    if (x > last) last = x;
    for (const c of children(doc, x)) stack.push(c);
  }
  return { first, end: last + 1 };
}

/** Tokens from t up to its sentence's root, t first. */
export function ancestors(doc: Doc, t: number): number[] {
  const out = [t];
  // A tree has no cycle; the bound guards against a malformed one all the same.
  for (let x = doc.head[t]!, guard = 0; x >= 0 && guard < doc.head.length; x = doc.head[x]!, guard++) out.push(x);
  return out;
}

/** The path between two tokens of one sentence: a up to their lowest common ancestor, then down to b. */
export function pathBetween(doc: Doc, a: number, b: number): number[] {
  const up = ancestors(doc, a);
  const down = ancestors(doc, b);
  const inUp = new Set(up);
  const meet = down.findIndex((x) => inUp.has(x));
  if (meet < 0) return [];
  const top = down[meet]!;
  return [...up.slice(0, up.indexOf(top) + 1), ...down.slice(0, meet).reverse()];
}

const CLAUSAL = new Set(['root', 'ccomp', 'xcomp', 'advcl', 'acl', 'csubj', 'parataxis']);

/** The head of the clause t belongs to: t itself when it heads a clause, else the nearest such ancestor. */
export function clauseHead(doc: Doc, t: number): number {
  for (const x of ancestors(doc, t)) {
    const rel = doc.deprel[x]!.split(':')[0]!;
    if (CLAUSAL.has(rel)) return x;
    // A conjoined verb heads its own clause ("met and signed").
    if (rel === 'conj' && (doc.upos[x] === 'VERB' || hasSubject(doc, x))) return x;
  }
  return t;
}

function hasSubject(doc: Doc, t: number): boolean {
  return children(doc, t).some((c) => relationIs(doc.deprel[c]!, 'nsubj') || relationIs(doc.deprel[c]!, 'csubj'));
}

/** t and the words coordinated with it ("Japan, South Korea and the U.S."), left to right. */
export function conjuncts(doc: Doc, t: number): number[] {
  let first = t;
  while (doc.deprel[first] === 'conj' && doc.head[first]! >= 0) first = doc.head[first]!;
  return [first, ...childrenWith(doc, first, 'conj')].sort((a, b) => a - b);
}

/** Whether a verb is passive: it has a passive subject or auxiliary. */
export function isPassive(doc: Doc, verb: number): boolean {
  return children(doc, verb).some((c) => doc.deprel[c] === 'nsubj:pass' || doc.deprel[c] === 'aux:pass' || doc.deprel[c] === 'csubj:pass');
}

/** The agent of a passive verb ("killed by Russian shelling" → shelling), or -1. */
export function passiveAgent(doc: Doc, verb: number): number {
  return childrenWith(doc, verb, 'obl:agent')[0] ?? -1;
}

const OBJECT_LIKE = new Set(['obj', 'iobj', 'obl:unmarked', 'obl']);

/**
 * The subject of a verb: its own nsubj, or for a controlled infinitive or participle ("urged X to
 * withdraw", "is expected to visit") the controller in the governing clause: its object when it has one,
 * else its subject. Returns -1 when there is none.
 */
export function subjectOf(doc: Doc, verb: number): number {
  for (let v = verb, guard = 0; v >= 0 && guard < 8; guard++) {
    const own = children(doc, v).find((c) => relationIs(doc.deprel[c]!, 'nsubj'));
    if (own !== undefined) return own;
    const rel = doc.deprel[v];
    if (rel === 'conj') {
      v = doc.head[v]!;
      continue;
    }
    if (rel !== 'xcomp') return -1;
    const governor = doc.head[v]!;
    // The controller is the governor's object: a nominal without a preposition between the governor and
    // the infinitive, whatever its label (the parser sometimes calls "urged Moscow to" an obl:unmarked).
    const object = children(doc, governor).find((c) => c > governor && c < v && OBJECT_LIKE.has(doc.deprel[c]!) && caseMarker(doc, c) === null);
    if (object !== undefined) return object;
    v = governor;
  }
  return -1;
}

/** The preposition or case marker of a nominal ("by", "with", "'s"), as a lower-case lemma, or null. */
export function caseMarker(doc: Doc, nominal: number): string | null {
  const c = childrenWith(doc, nominal, 'case')[0];
  return c === undefined ? null : doc.lemma[c]!;
}

/** Whether a clause is conditional: marked by "if" or "unless" ("will respond if Pyongyang launches …"). */
export function isConditional(doc: Doc, verb: number): boolean {
  return childrenWith(doc, verb, 'mark').some((c) => doc.lemma[c] === 'if' || doc.lemma[c] === 'unless');
}

/** Whether token t is negated ("did not attend", "never met", "no talks"). */
export function isNegated(doc: Doc, t: number): boolean {
  return children(doc, t).some((c) => {
    const w = doc.lemma[c]!;
    return (doc.deprel[c] === 'advmod' || doc.deprel[c] === 'det') && (w === 'not' || w === "n't" || w === 'never' || w === 'no');
  });
}
