/**
 * CoNLL-U, the Universal Dependencies file format: reading treebanks for training and evaluation, and
 * writing sitrep's parses so that other tools can read them. Only basic dependencies are kept; empty nodes
 * (ids like "8.1") and the enhanced graph are skipped, multiword tokens ("don't" over "do" + "n't") keep
 * their surface form and word range.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface ConlluWord {
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** 1-based head word, 0 for the root. */
  head: number;
  deprel: string;
  misc: string;
}

/** A surface token spanning several syntactic words (1-based, inclusive), as "1-2 don't". */
export interface MultiwordToken {
  first: number;
  last: number;
  form: string;
  misc: string;
}

export interface ConlluSentence {
  /** Comment lines without the leading "# " (sent_id, text, newdoc, newpar …). */
  comments: string[];
  words: ConlluWord[];
  multiwords: MultiwordToken[];
}

/** The value of a `# key = value` comment, or null. */
export function commentValue(sentence: ConlluSentence, key: string): string | null {
  for (const c of sentence.comments) {
    const m = /^([^=]+?)\s*=\s?(.*)$/.exec(c);
    if (m && m[1] === key) return m[2]!;
    if (c === key) return '';
  }
  return null;
}

export class ConlluError extends Error {}

export function parseConllu(text: string): ConlluSentence[] {
  const sentences: ConlluSentence[] = [];
  let current: ConlluSentence = { comments: [], words: [], multiwords: [] };
  const lines = text.split(/\r?\n/);
  const flush = () => {
    if (current.words.length > 0) sentences.push(current);
    current = { comments: [], words: [], multiwords: [] };
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith('#')) {
      current.comments.push(line.replace(/^#\s?/, ''));
      continue;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) throw new ConlluError(`line ${n + 1}: expected 10 tab-separated columns, found ${cols.length}`);
    const id = cols[0]!;
    if (id.includes('.')) continue;
    const range = /^(\d+)-(\d+)$/.exec(id);
    if (range) {
      current.multiwords.push({ first: Number(range[1]), last: Number(range[2]), form: cols[1]!, misc: cols[9]! });
      continue;
    }
    if (!/^\d+$/.test(id) || Number(id) !== current.words.length + 1) throw new ConlluError(`line ${n + 1}: word id ${id} out of sequence`);
    const head = cols[6] === '_' ? -1 : Number(cols[6]);
    if (!Number.isInteger(head)) throw new ConlluError(`line ${n + 1}: head ${cols[6]} is not a number`);
    current.words.push({
      form: cols[1]!,
      lemma: cols[2]!,
      upos: cols[3]!,
      xpos: cols[4]!,
      feats: cols[5]!,
      head,
      deprel: cols[7]!,
      misc: cols[9]!,
    });
  }
  flush();
  return sentences;
}

/** A CoNLL-U file, gzipped when its name ends in .gz. */
export function readConlluFile(file: string): ConlluSentence[] {
  const bytes = readFileSync(file);
  return parseConllu((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
}

/** Whether the token after word/multiword `misc` is glued to it (`SpaceAfter=No`). */
export function noSpaceAfter(misc: string): boolean {
  return misc.split('|').includes('SpaceAfter=No');
}

export function formatConllu(sentence: ConlluSentence): string {
  const lines = sentence.comments.map((c) => `# ${c}`);
  const mwtAt = new Map(sentence.multiwords.map((m) => [m.first, m]));
  sentence.words.forEach((w, i) => {
    const mwt = mwtAt.get(i + 1);
    if (mwt) lines.push([`${mwt.first}-${mwt.last}`, mwt.form, '_', '_', '_', '_', '_', '_', '_', mwt.misc || '_'].join('\t'));
    lines.push([String(i + 1), w.form, w.lemma || '_', w.upos || '_', w.xpos || '_', w.feats || '_', w.head < 0 ? '_' : String(w.head), w.deprel || '_', '_', w.misc || '_'].join('\t'));
  });
  return `${lines.join('\n')}\n\n`;
}
