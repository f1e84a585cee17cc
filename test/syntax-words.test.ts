import { describe, expect, it } from 'vitest';
import { splitToken } from '../src/document/syntax/words.js';
import { projectToTokens, type SyntacticWord } from '../src/document/syntax/analyze.js';
import { wordShape } from '../src/document/syntax/lexical.js';

const pieces = (token: string) => splitToken(token).map((p) => token.slice(p.start, p.end));

describe('document tokens to UD words', () => {
  it('splits clitics and fixed contractions as UD English does', () => {
    expect(pieces("I'm")).toEqual(['I', "'m"]);
    expect(pieces('they\u2019re')).toEqual(['they', '\u2019re']);
    expect(pieces('Cannot')).toEqual(['Can', 'not']);
    expect(pieces('gonna')).toEqual(['gon', 'na']);
    expect(pieces("n't")).toEqual(["n't"]);
    expect(pieces("'s")).toEqual(["'s"]);
  });

  it('splits hyphens between letters or digits, but not numbers or listed words', () => {
    expect(pieces('anti-war')).toEqual(['anti', '-', 'war']);
    expect(pieces('U.S.-led')).toEqual(['U.S.', '-', 'led']);
    expect(pieces('Kim-Putin')).toEqual(['Kim', '-', 'Putin']);
    expect(pieces('2023-09-05')).toEqual(['2023-09-05']);
    expect(pieces('e-mail')).toEqual(['e-mail']);
    expect(pieces('-')).toEqual(['-']);
    expect(pieces('Pyongyang')).toEqual(['Pyongyang']);
  });

  it('collapses word shapes', () => {
    expect(wordShape('Pyongyang')).toBe('Xx');
    expect(wordShape('U.S.')).toBe('X.X.');
    expect(wordShape('1,000')).toBe('d,d');
    expect(wordShape('Åland')).toBe('Xx');
  });
});

describe('projecting a word tree onto tokens', () => {
  const word = (token: number, text: string): SyntacticWord => ({ token, start: 0, end: text.length, text });
  const tags = (n: number, tag: string) => Array.from({ length: n }, () => tag);

  it('gives each token the relation and head of its word whose head lies outside it', () => {
    // tokens: "I'm" "anti-war" ; words: I 'm anti - war ; war is the root, I nsubj of war, 'm cop.
    const words = [word(0, 'I'), word(0, "'m"), word(1, 'anti'), word(1, '-'), word(1, 'war')];
    const syntax = {
      upos: ['PRON', 'AUX', 'ADJ', 'PUNCT', 'NOUN'],
      xpos: ['PRP', 'VBP', 'JJ', 'HYPH', 'NN'],
      feats: tags(5, ''),
      head: Int32Array.of(4, 4, 4, 4, -1),
      deprel: ['nsubj', 'cop', 'amod', 'punct', 'root'],
    };
    const t = projectToTokens(2, words, syntax);
    expect(Array.from(t.head)).toEqual([1, -1]);
    expect(t.deprel).toEqual(['nsubj', 'root']);
    expect(t.upos).toEqual(['PRON', 'NOUN']);
  });

  it('cuts a cycle between tokens by hanging it from the root', () => {
    // token 0 = words a1 a2, token 1 = b; a1 -> b, b -> a2, a2 -> a1 would make tokens 0 and 1 each other's head.
    const words = [word(0, 'a1'), word(0, 'a2'), word(1, 'b'), word(2, 'r')];
    const syntax = { upos: tags(4, 'X'), xpos: tags(4, 'X'), feats: tags(4, ''), head: Int32Array.of(2, 0, 1, -1), deprel: ['dep', 'dep', 'dep', 'root'] };
    const t = projectToTokens(3, words, syntax);
    expect(t.head[2]).toBe(-1);
    // Following heads from any token reaches the root without looping.
    for (let x = 0; x < 3; x++) {
      let steps = 0;
      for (let y = x; y >= 0; y = t.head[y]!) expect(++steps).toBeLessThan(5);
    }
  });
});
