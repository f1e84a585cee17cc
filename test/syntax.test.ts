import { describe, expect, it } from 'vitest';
import { createDoc } from '../src/document/doc.js';
import { defaultDictionary } from '../src/facts/actors/dictionary.js';
import { recognizeActors } from '../src/facts/actors/recognize.js';
import { afterPreposition } from '../src/facts/syntax.js';

/** For each actor mention of the text: whether it is the object of a preposition. */
const objects = (text: string) => {
  const doc = createDoc(text, { articleId: 't', published: '2023-09-05' });
  return recognizeActors(doc, defaultDictionary()).map((m) => `${m.text}:${afterPreposition(doc, m)}`);
};

describe('prepositional objects', () => {
  it('covers the later conjuncts of a prepositional object', () => {
    expect(objects('Diplomacy between Pyongyang and Washington stalled.')).toEqual(['Pyongyang:true', 'Washington:true']);
    expect(objects('Talks with Seoul, Tokyo and Washington resumed.')).toEqual(['Seoul:true', 'Tokyo:true', 'Washington:true']);
  });

  it('does not take a comma that closes a clause for a coordination', () => {
    expect(objects('The satellite photographed bases in Japan, the Korean Central News Agency claimed.')).toEqual([
      'Japan:true',
      'Korean Central News Agency:false',
    ]);
    expect(objects('Russia and North Korea signed a treaty.')).toEqual(['Russia:false', 'North Korea:false']);
  });
});
