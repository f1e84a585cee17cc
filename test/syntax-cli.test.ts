/** `sitrep parse` on the sample corpus and on stdin, and `sitrep eval parse` on a small treebank file. */
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { tempDir, writeFixture, runCli, REPO } from './helpers.js';
import { commentValue, parseConllu } from '../src/document/syntax/conllu.js';
import { scoreParse } from '../src/eval/parse.js';

const tmp = tempDir('sitrep-parse-');
afterAll(() => tmp.cleanup());

/** Every sentence is one tree: heads within the sentence, one root, no cycle. */
function expectTrees(conllu: string): void {
  const sentences = parseConllu(conllu);
  expect(sentences.length).toBeGreaterThan(0);
  for (const s of sentences) {
    expect(s.words.filter((w) => w.head === 0)).toHaveLength(1);
    s.words.forEach((w, i) => {
      expect(w.head).toBeGreaterThanOrEqual(0);
      expect(w.head).toBeLessThanOrEqual(s.words.length);
      let x = i + 1;
      for (let steps = 0; x !== 0; steps++) {
        expect(steps).toBeLessThan(s.words.length);
        x = s.words[x - 1]!.head;
      }
    });
  }
}

describe('sitrep parse', () => {
  it('writes CoNLL-U for every text file of the sample corpus, one document each', async () => {
    const dir = path.join(REPO, 'samples', 'text');
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    const r = await runCli(['parse', ...files]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expectTrees(r.stdout);
    const sentences = parseConllu(r.stdout);
    expect(sentences.filter((s) => commentValue(s, 'newdoc id') !== null)).toHaveLength(files.length);
    for (const s of sentences) {
      expect(commentValue(s, 'sent_id')).toBeTruthy();
      expect(commentValue(s, 'text')).toBeTruthy();
    }
  });

  it('reads JSON Lines {id, text} on stdin and names each record', async () => {
    const r = await runCli(['parse'], {
      input: [JSON.stringify({ id: 'a1', text: "Russia's envoy said Pyongyang could join the drills. Seoul protested." }), '{"id": "broken"', JSON.stringify({ id: 'a2', text: 'China did not attend.' })].join('\n'),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^sitrep: stdin \(line 2\): malformed JSON/);
    const sentences = parseConllu(r.stdout);
    expect(sentences.map((s) => commentValue(s, 'sent_id'))).toEqual(['a1-1', 'a1-2', 'a2-1']);
    expect(sentences[0]!.words.map((w) => w.form)).toEqual(['Russia', "'s", 'envoy', 'said', 'Pyongyang', 'could', 'join', 'the', 'drills', '.']);
    const said = sentences[0]!.words.findIndex((w) => w.form === 'said') + 1;
    expect(sentences[0]!.words.find((w) => w.form === 'envoy')).toMatchObject({ head: said, deprel: 'nsubj', upos: 'NOUN' });
    expectTrees(r.stdout);
  });

  it('names a missing file in one line and exits non-zero when nothing was parsed', async () => {
    const r = await runCli(['parse', path.join(tmp.dir, 'missing.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/missing\.txt: ENOENT/);
  });

  it('writes what sitrep eval parse reads back: its own parse scores 100', async () => {
    const text = 'The envoy, who arrived in Pyongyang on Monday, met the foreign minister.\n\nI\'m sure they\'re gonna talk.';
    const r = await runCli(['parse'], { input: JSON.stringify({ id: 'd', text }) });
    const scores = scoreParse(parseConllu(r.stdout), parseConllu(r.stdout));
    expect(scores.LAS.f1).toBe(1);
    // Tokens the document keeps whole ("I'm", "gonna") are multiword tokens over UD words; "they're" the
    // tokeniser already cuts in two.
    const second = parseConllu(r.stdout)[1]!;
    expect(second.multiwords.map((m) => m.form)).toEqual(["I'm", 'gonna']);
    expect(second.words.map((w) => w.form)).toEqual(['I', "'m", 'sure', 'they', "'re", 'gon', 'na', 'talk', '.']);
  });
});

describe('sitrep eval parse', () => {
  it('scores a treebank file on gold tokens and from raw text', async () => {
    const gold = [
      '# newdoc id = t',
      '# sent_id = t-1',
      '# text = Russia proposed joint drills.',
      '1\tRussia\tRussia\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_',
      '2\tproposed\tpropose\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_',
      '3\tjoint\tjoint\tADJ\tJJ\tDegree=Pos\t4\tamod\t_\t_',
      '4\tdrills\tdrill\tNOUN\tNNS\tNumber=Plur\t2\tobj\t_\tSpaceAfter=No',
      '5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_',
      '',
    ].join('\n');
    const file = writeFixture(tmp.dir, 'tiny.conllu', gold);
    const r = await runCli(['eval', 'parse', file, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ sentences: 1, words: 5 });
    expect(report.goldTokens.Words.f1).toBe(1);
    expect(report.rawText.Words.f1).toBe(1);
    expect(report.goldTokens.UAS.f1).toBeGreaterThanOrEqual(0.8);
    const table = await runCli(['eval', 'parse', file]);
    expect(table.stdout).toMatch(/gold tokens[\s\S]*UAS[\s\S]*raw text[\s\S]*LAS/);
  });

  it('says in one line why a file cannot be read', async () => {
    const bad = writeFixture(tmp.dir, 'bad.conllu', '1\tword\n');
    const r = await runCli(['eval', 'parse', bad]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/line 1: expected 10 tab-separated columns/);
  });
});
