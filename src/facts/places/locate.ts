/**
 * Places a text names after a locative preposition ("in Vladivostok", "at the Kremlin", "in North Korea"),
 * placed on the map: a country by its centroid, a dependent territory likewise, a capital or any other city
 * through the gazetteer. A name is read whole: a city named by its first words ("Ho" of "Ho Chi Minh City")
 * is not the place, and a territory's name ("Puerto Rico") is never a city that shares it.
 */
import config from '../../../data/places.json' with { type: 'json' };
import calendar from '../../../data/time/expressions.json' with { type: 'json' };
import { tokenText, type Doc } from '../../document/doc.js';
import { checkDeadline } from '../../document/deadline.js';
import type { ActorDictionary } from '../actors/dictionary.js';
import type { Mention } from '../actors/recognize.js';
import { findCapital, findCity, findTerritory, territoryAlpha3, type Place } from './gazetteer.js';
import { spansWithin } from '../spans.js';

export interface PlaceMention {
  start: number;
  end: number;
  text: string;
  place: Place;
}

const LOCATIVE = new Set(config.locativePrepositions);
const MAX_NAME_WORDS = 4;
/** Month and weekday names (the time vocabulary's) and other calendar words: never places ("in March"). */
const CALENDAR = new Set([...calendar.months.flatMap((m) => m.names), ...calendar.weekdays.names.flat(), ...config.calendarWords]);
/** Words after a city's name that keep it the place ("Kherson Oblast"). */
const DESIGNATORS = new Set(config.nameDesignators);
const NAME_WORD = /^\p{Lu}[\p{L}'’-]*$/u;

export function findPlaces(doc: Doc, mentions: Mention[], dictionary: ActorDictionary): PlaceMention[] {
  const alpha3 = (iso2: string) => dictionary.alpha3ByAlpha2.get(iso2) ?? territoryAlpha3(iso2);
  const mentionAt = new Map(mentions.map((m) => [m.start, m]));
  const n = doc.tokenStart.length;
  /** The country a name is followed by ("San Juan, Puerto Rico", "Santa Cruz, Bolivia"), as an alpha-2 code. */
  const countryAfterComma = (end: number): string[] => {
    if (end + 1 >= n || tokenText(doc, end) !== ',') return [];
    const mention = mentionAt.get(doc.tokenStart[end + 1]!);
    const country = mention?.type === 'country' && mention.actor?.country ? dictionary.countriesByCode.get(mention.actor.country)?.iso2 : undefined;
    if (country) return [country];
    let last = end + 1;
    while (last + 1 < n && last - end < MAX_NAME_WORDS && NAME_WORD.test(tokenText(doc, last + 1))) last++;
    for (; last > end; last--) {
      const territory = findTerritory(doc.text.slice(doc.tokenStart[end + 1]!, doc.tokenEnd[last]!));
      if (territory) return [territory.iso2];
    }
    return [];
  };
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
    // A name the actor dictionary does not know: a run of capitalised words up to the next mention or
    // calendar word ("in Vladivostok Putin said", "in Tokyo Monday"), a territory or a city.
    if (CALENDAR.has(tokenText(doc, k))) continue;
    let end = k;
    while (end < n && end - k < MAX_NAME_WORDS && doc.sentenceOf[end] === doc.sentenceOf[t] && NAME_WORD.test(tokenText(doc, end)) && !CALENDAR.has(tokenText(doc, end)) && (end === k || !mentionAt.has(doc.tokenStart[end]!))) end++;
    if (end === k) continue;
    const text = doc.text.slice(doc.tokenStart[k]!, doc.tokenEnd[end - 1]!);
    const territory = findTerritory(text);
    if (territory) {
      places.push({ start: doc.tokenStart[k]!, end: doc.tokenEnd[end - 1]!, text, place: { name: territory.name, country: territory.country, lat: territory.lat, lon: territory.lon, kind: 'country' } });
      continue;
    }
    // The whole name, or its first words when a designator follows them ("Kherson Oblast").
    // A country named after the name binds it: "Santa Cruz, Bolivia" is in Bolivia or nowhere.
    const stated = countryAfterComma(end);
    for (let stop = end; stop > k; stop--) {
      if (stop < end && !DESIGNATORS.has(tokenText(doc, stop))) continue;
      const name = doc.text.slice(doc.tokenStart[k]!, doc.tokenEnd[stop - 1]!);
      const city = findCity(name, alpha3, stated.length ? stated : preferredIn(doc.sentenceOf[t]!));
      if (city && (!stated.length || city.country === alpha3(stated[0]!))) {
        places.push({ start: doc.tokenStart[k]!, end: doc.tokenEnd[stop - 1]!, text: name, place: city });
        break;
      }
    }
  }
  return places;
}
