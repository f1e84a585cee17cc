import { describe, it, expect } from 'vitest';
import { annotateArticle } from '../src/facts/annotate.js';
import { findPlaces } from '../src/facts/places/locate.js';
import { createDoc } from '../src/document/doc.js';
import { defaultDictionary } from '../src/facts/actors/dictionary.js';
import { recognizeActors } from '../src/facts/actors/recognize.js';
import { readFileSync } from 'node:fs';
import { buildTerritories, formatTerritories, TERRITORIES_FILE } from '../scripts/build-countries.js';

const placesIn = (text: string) => {
  const doc = createDoc(text, { articleId: 't', published: '2023-09-05' });
  return findPlaces(doc, recognizeActors(doc, defaultDictionary()), defaultDictionary()).map((p) => `${p.text}:${p.place.kind}:${p.place.country}`);
};

describe('event places', () => {
  it('places countries by centroid, capitals and other cities through the gazetteer', () => {
    expect(placesIn('Kim met Putin in Vladivostok, then flew to Moscow, and talks resumed in North Korea and at the Kremlin.')).toEqual([
      'Vladivostok:city:RUS',
      'North Korea:country:PRK',
    ]);
    expect(placesIn('Talks were held in Pyongyang and in Istanbul.')).toEqual(['Pyongyang:city:PRK', 'Istanbul:city:TUR']);
  });

  it('puts a capital at the seat of government, not at a smaller namesake in the same country', () => {
    const doc = createDoc('Blinken held talks in Washington on Monday.', { articleId: 't', published: '2023-09-05' });
    const [washington] = findPlaces(doc, recognizeActors(doc, defaultDictionary()), defaultDictionary());
    expect(washington?.place).toMatchObject({ country: 'USA', kind: 'city' });
    expect(washington!.place.lat).toBeCloseTo(38.9, 0);
    expect(washington!.place.lon).toBeCloseTo(-77.0, 0);
  });

  it('leaves unknown or small places unplaced rather than guessing', () => {
    expect(placesIn('The drills took place in Zzyzxville and near the Vostochny Cosmodrome.')).toEqual([]);
  });

  it('never reads a month, a weekday or another calendar word as a place', () => {
    expect(placesIn('The talks were held in March and again in May.')).toEqual([]);
    expect(placesIn('Elections are due in Spring, and the summit opens at Christmas.')).toEqual([]);
    expect(placesIn('He said in Tokyo Monday that the drills in March were over.')).toEqual(['Tokyo:city:JPN']);
  });

  it('places a dependent territory by its own centroid, never on a city that shares its name', () => {
    expect(placesIn('The storm hit homes in Puerto Rico.')).toEqual(['Puerto Rico:country:PRI']);
    expect(placesIn('U.S. troops exercised in Greenland and in Guam.')).toEqual(['Greenland:country:GRL', 'Guam:country:GUM']);
    expect(placesIn('The meeting was held in San Juan, Puerto Rico.')).toEqual(['San Juan:city:PRI']);
  });

  it('reads a multi-word name whole: its first words are no place, unless a designator follows them', () => {
    expect(placesIn('Delegates gathered in Ho Chi Minh City.')).toEqual(['Ho Chi Minh City:city:VNM']);
    expect(placesIn('Shelling was reported in Kherson Oblast.')).toEqual(['Kherson:city:UKR']);
    expect(placesIn('Kim met Putin in Vladivostok Tuesday.')).toEqual(['Vladivostok:city:RUS']);
    // A name followed by its country is in that country, or unplaced.
    expect(placesIn('Protests spread in Victoria, Canada.')).toEqual(['Victoria:city:CAN']);
    expect(placesIn('Protests spread in Santa Cruz, Bolivia.')).toEqual([]);
  });

  it('knows the territories that data/territories.json lists, as scripts/build-countries.ts builds them', () => {
    expect(readFileSync(TERRITORIES_FILE, 'utf8')).toBe(formatTerritories(buildTerritories()));
    const codes = (JSON.parse(readFileSync(TERRITORIES_FILE, 'utf8')) as Array<{ code?: string }>).map((t) => t.code);
    expect(codes).toEqual(expect.arrayContaining(['PRI', 'GRL', 'GUM', 'ESH', 'NCL']));
    // Countries are the actor dictionary's, not territories.
    expect(codes).not.toContain('RUS');
    expect(codes).not.toContain('HKG');
  });

  it('gives an event the place its sentence names, with coordinates', () => {
    const { events } = annotateArticle({ id: 't', text: 'Russian Defense Minister Sergei Shoigu visited North Korea and attended a parade in Pyongyang.', published: '2023-07-28' });
    const located = events.find((e) => e.location);
    expect(located?.location).toMatchObject({ text: 'Pyongyang', place: { kind: 'city', country: 'PRK' } });
    expect(located!.location!.place.lat).toBeCloseTo(39.03, 1);
  });
});
