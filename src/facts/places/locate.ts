/**
 * Places a text names after a locative preposition ("in Vladivostok", "at the Kremlin", "in North Korea"),
 * placed on the map: a country by its centroid, a capital or any other city through the gazetteer.
 */
import config from '../../../data/places.json' with { type: 'json' };
import { tokenText, type Doc } from '../../document/doc.js';
import { checkDeadline } from '../../document/deadline.js';
import type { ActorDictionary } from '../actors/dictionary.js';
import type { Mention } from '../actors/recognize.js';
import { findCapital, findCity, type Place } from './gazetteer.js';
import { spansWithin } from '../spans.js';

export interface PlaceMention {
  start: number;
  end: number;
  text: string;
  place: Place;
}

const LOCATIVE = new Set(config.locativePrepositions);
const MAX_NAME_WORDS = 3;

export function findPlaces(doc: Doc, mentions: Mention[], dictionary: ActorDictionary): PlaceMention[] {
  const alpha3 = (iso2: string) => dictionary.alpha3ByAlpha2.get(iso2) ?? null;
  const mentionAt = new Map(mentions.map((m) => [m.start, m]));
  // Countries a sentence names decide between namesakes ("Victoria" in a sentence about Canada).
  const preferredBySentence = new Map<number, string[]>();
  const preferredIn = (sentenceIndex: number): string[] => {
    let list = preferredBySentence.get(sentenceIndex);
    if (!list) {
      const sentence = doc.sentences[sentenceIndex]!;
      list = spansWithin(mentions, sentence.start, sentence.end)
        .filter((m) => m.actor?.country)
        .map((m) => dictionary.countriesByCode.get(m.actor!.country!)?.iso2)
        .filter((c): c is string => !!c);
      preferredBySentence.set(sentenceIndex, list);
    }
    return list;
  };
  const places: PlaceMention[] = [];
  const n = doc.tokenStart.length;
  for (let t = 0; t + 1 < n; t++) {
    if ((t & 4095) === 0) checkDeadline();
    if (!LOCATIVE.has(doc.lemma[t]!)) continue;
    let k = t + 1;
    if (doc.lemma[k] === 'the' && k + 1 < n) k++;
    if (doc.sentenceOf[k] !== doc.sentenceOf[t]) continue;
    const mention = mentionAt.get(doc.tokenStart[k]!);
    if (mention) {
      const country = mention.actor?.country ? dictionary.countriesByCode.get(mention.actor.country) : undefined;
      if (!country || (mention.type !== 'country' && mention.type !== 'location')) continue;
      const city = mention.form === 'capital' && country.iso2 ? (findCapital(country.capitals ?? [], country.iso2, alpha3) ?? findCity(mention.text, alpha3, [country.iso2])) : null;
      const place: Place | null =
        city ?? (country.centroid ? { name: country.names[0]!, country: country.code, lat: country.centroid[0], lon: country.centroid[1], kind: 'country' } : null);
      if (place && (mention.form === 'name' || mention.form === 'abbreviation' || mention.form === 'capital')) {
        places.push({ start: mention.start, end: mention.end, text: mention.text, place });
      }
      continue;
    }
    // A name the actor dictionary does not know: a run of capitalised words, looked up as a city.
    let end = k;
    while (end < n && end - k < MAX_NAME_WORDS && doc.sentenceOf[end] === doc.sentenceOf[t] && /^\p{Lu}[\p{L}'’-]*$/u.test(tokenText(doc, end))) end++;
    for (let stop = end; stop > k; stop--) {
      const text = doc.text.slice(doc.tokenStart[k]!, doc.tokenEnd[stop - 1]!);
      const city = findCity(text, alpha3, preferredIn(doc.sentenceOf[t]!));
      if (city) {
        places.push({ start: doc.tokenStart[k]!, end: doc.tokenEnd[stop - 1]!, text, place: city });
        break;
      }
    }
  }
  return places;
}
