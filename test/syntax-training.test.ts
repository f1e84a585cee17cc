import { describe, expect, it } from 'vitest';
import { LEFT, ParseState, REDUCE, RIGHT, SHIFT, TRANSITIONS, goldTree, projectivize, transitionCost } from '../src/document/syntax/transitions.js';
import { PerceptronTrainer } from '../src/document/syntax/perceptron.js';
import { KeyTable, key2 } from '../src/document/syntax/features.js';
import { decodeModel, decodeStrings, encodeModel, encodeStrings } from '../src/document/syntax/model-file.js';
import { formatConllu, parseConllu } from '../src/document/syntax/conllu.js';
import { seededRandom, shuffled } from '../src/document/syntax/training/random.js';

/** Heads with the root at n, from 1-based CoNLL heads (0 = root). */
const rootAtEnd = (heads: number[]) => Int32Array.from(heads.map((h) => (h === 0 ? heads.length : h - 1)));

/** Follows zero-cost transitions from the initial state: with a projective tree it must rebuild it exactly. */
function followOracle(heads: Int32Array): Int32Array {
  const gold = goldTree(heads);
  const st = new ParseState(heads.length);
  let steps = 0;
  while (!st.done()) {
    const t = [LEFT, RIGHT, REDUCE, SHIFT].find((x) => st.valid(x) && transitionCost(st, x, gold) === 0);
    if (t === undefined) throw new Error('no zero-cost transition');
    st.apply(t, 0);
    if (++steps > 4 * heads.length + 4) throw new Error('no progress');
  }
  return st.head.subarray(0, heads.length);
}

describe('arc-eager transitions and the dynamic oracle', () => {
  it('rebuilds projective trees from zero-cost transitions alone', () => {
    const trees = [
      [2, 0, 2], // "Russia proposed drills"
      [2, 3, 0, 5, 3, 3], // a left branch and a right branch
      [0, 1, 1, 5, 3, 1], // several dependents of the root word
      [4, 4, 4, 0, 6, 4, 6, 4], // three left dependents, then a nested right one
    ];
    for (const t of trees) {
      const heads = rootAtEnd(t);
      expect(Array.from(followOracle(heads))).toEqual(Array.from(heads));
    }
  });

  it('charges a transition for each gold arc it makes unreachable', () => {
    // words 0 1 2, gold: 0 <- 1 -> 2, 1 is the root (3).
    const gold = goldTree(rootAtEnd([2, 0, 2]));
    const st = new ParseState(3);
    st.apply(SHIFT, 0); // stack [0], front 1
    expect(transitionCost(st, LEFT, gold)).toBe(0);
    // RIGHT would make 0 the head of 1: loses 1's arc to the root and 0's arc from 1.
    expect(transitionCost(st, RIGHT, gold)).toBe(2);
    // SHIFT puts 1 above 0: 0 can no longer take 1 as its head.
    expect(transitionCost(st, SHIFT, gold)).toBe(1);
    expect(st.valid(REDUCE)).toBe(false);
    expect(TRANSITIONS).toBe(4);
  });

  it('lifts crossing arcs until the tree is projective', () => {
    const projective = rootAtEnd([0, 1, 2, 2]); // w1 root, w2 <- w1, w3 and w4 <- w2
    expect(Array.from(projectivize(projective))).toEqual(Array.from(projective));
    // w2 -> w4 spans w3, whose head is w1 outside the arc: w4 is lifted to w2's head, w1.
    const crossing = rootAtEnd([0, 1, 1, 2]);
    const lifted = projectivize(crossing);
    expect(Array.from(lifted)).toEqual([4, 0, 0, 0]);
    expect(Array.from(followOracle(lifted))).toEqual(Array.from(lifted));
  });
});

describe('averaged perceptron', () => {
  it('learns a separable rule and keeps only non-negligible averaged weights', () => {
    const trainer = new PerceptronTrainer(2);
    const feats = new Uint32Array(2);
    const random = seededRandom(3);
    const examples = Array.from({ length: 200 }, (_, i) => ({ a: i % 2, b: Math.floor(random() * 5) }));
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const ex of shuffled(examples, random)) {
        feats[0] = key2(1, 0, ex.a);
        feats[1] = key2(2, 0, ex.b);
        const scores = new Float32Array(2);
        trainer.score(feats, 2, scores);
        trainer.update(feats, 2, ex.a, scores[1]! > scores[0]! ? 1 : 0);
        trainer.tick();
      }
    }
    const model = trainer.finish(1);
    const scores = new Float32Array(2);
    for (const a of [0, 1]) {
      feats[0] = key2(1, 0, a);
      feats[1] = key2(2, 0, 4);
      model.score(feats, 2, scores);
      expect(scores[a]!).toBeGreaterThan(scores[1 - a]!);
    }
  });

  it('drops features updated fewer times than asked', () => {
    const trainer = new PerceptronTrainer(2);
    const rare = Uint32Array.of(key2(1, 0, 1));
    const common = Uint32Array.of(key2(1, 0, 2));
    trainer.update(rare, 1, 0, 1);
    for (let i = 0; i < 3; i++) trainer.update(common, 1, 0, 1);
    trainer.tick();
    expect(trainer.finish(1).keys.length).toBe(2);
    expect(Array.from(trainer.finish(2).keys)).toEqual([common[0]]);
  });

  it('shuffles the same way for the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(shuffled(items, seededRandom(9))).toEqual(shuffled(items, seededRandom(9)));
    expect(shuffled(items, seededRandom(9))).not.toEqual(shuffled(items, seededRandom(10)));
  });
});

describe('feature table and model file', () => {
  it('maps keys to rows in insertion order through growth', () => {
    const table = new KeyTable(4);
    const keys = Array.from({ length: 1000 }, (_, i) => key2(7, i, i * 3));
    keys.forEach((k, i) => expect(table.add(k)).toBe(i));
    keys.forEach((k, i) => expect(table.get(k)).toBe(i));
    expect(table.get(key2(8, 1, 1))).toBe(-1);
    expect(Array.from(table.keysByRow())).toEqual(keys);
  });

  it('round-trips typed arrays, strings and metadata', () => {
    const bytes = encodeModel({ meta: { dev: { las: 85.1 } }, arrays: { names: encodeStrings(['root', 'nsubj:pass']), w: Float32Array.of(0.5, -2), k: Uint32Array.of(1, 4294967295), c: Uint16Array.of(3) } });
    const { meta, arrays } = decodeModel(bytes);
    expect(meta).toEqual({ dev: { las: 85.1 } });
    expect(decodeStrings(arrays.names!)).toEqual(['root', 'nsubj:pass']);
    expect(Array.from(arrays.w!)).toEqual([0.5, -2]);
    expect(Array.from(arrays.k!)).toEqual([1, 4294967295]);
    expect(Array.from(arrays.c!)).toEqual([3]);
    expect(() => decodeModel(Buffer.from('not a model'))).toThrow();
  });
});

describe('CoNLL-U', () => {
  const text = [
    '# sent_id = s1',
    "# text = I don't know.",
    '1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_',
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
    '2\tdo\tdo\tAUX\tVBP\tMood=Ind|Tense=Pres|VerbForm=Fin\t4\taux\t_\t_',
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
    '4\tknow\tknow\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No',
    '4.1\tknow\t_\t_\t_\t_\t_\t_\t_\t_',
    '5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_',
    '',
  ].join('\n');

  it('reads words and multiword tokens, skips empty nodes, and writes them back', () => {
    const [s] = parseConllu(text);
    expect(s!.words.map((w) => w.form)).toEqual(['I', 'do', "n't", 'know', '.']);
    expect(s!.multiwords).toEqual([{ first: 2, last: 3, form: "don't", misc: '_' }]);
    expect(s!.words[3]!.head).toBe(0);
    expect(parseConllu(formatConllu(s!))).toEqual([s]);
  });

  it('says which line is malformed', () => {
    expect(() => parseConllu('1\tI\tI\tPRON\n')).toThrow(/line 1/);
    expect(() => parseConllu('2\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n')).toThrow(/line 1: word id 2/);
  });
});
