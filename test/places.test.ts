import { describe, it, expect } from 'vitest';
import { annotateArticle } from '../src/facts/annotate.js';
import { findPlaces } from '../src/facts/places/locate.js';
import { createDoc } from '../src/document/doc.js';
import { defaultDictionary } from '../src/facts/actors/dictionary.js';
import { recognizeActors } from '../src/facts/actors/recognize.js';

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

  it('gives an event the place its sentence names, with coordinates', () => {
    const { events } = annotateArticle({ id: 't', text: 'Russian Defense Minister Sergei Shoigu visited North Korea and attended a parade in Pyongyang.', published: '2023-07-28' });
    const located = events.find((e) => e.location);
    expect(located?.location).toMatchObject({ text: 'Pyongyang', place: { kind: 'city', country: 'PRK' } });
    expect(located!.location!.place.lat).toBeCloseTo(39.03, 1);
  });
});
