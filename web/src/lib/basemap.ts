/**
 * The offline world basemap: Natural Earth 1:110m countries from npm world-atlas (TopoJSON), turned into
 * GeoJSON and registered with echarts once. It is bundled into the map page's chunk; no tile server.
 */
import { registerMap } from 'echarts/core';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json';

export const BASEMAP = 'world';
/** Antarctica (ISO 3166 numeric 010) takes a fifth of the map and never has a news event. */
const LEFT_OUT = new Set(['010']);

let registered = false;

type Ring = [number, number][];

/**
 * Natural Earth cuts shapes at the antimeridian, but after quantisation a ring of Russia or Fiji can hold
 * points at both +180 and -180, which a flat map draws as a line across the whole world. Each ring is
 * unwrapped to continuous longitudes and then moved back to where most of it lies.
 */
function unwrap(ring: Ring): Ring {
  const out: Ring = [];
  let shift = 0;
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i]!;
    if (i > 0) {
      const step = lon + shift - out[i - 1]![0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    out.push([lon + shift, lat]);
  }
  const mean = out.reduce((sum, [lon]) => sum + lon, 0) / out.length;
  const back = mean > 180 ? -360 : mean < -180 ? 360 : 0;
  return back ? out.map(([lon, lat]) => [lon + back, lat]) : out;
}

function unwrapGeometry(geometry: Geometry): void {
  if (geometry.type === 'Polygon') geometry.coordinates = geometry.coordinates.map((r) => unwrap(r as Ring));
  else if (geometry.type === 'MultiPolygon') geometry.coordinates = geometry.coordinates.map((p) => p.map((r) => unwrap(r as Ring)));
}

export function registerBasemap(): void {
  if (registered) return;
  const topology = countries as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const world = feature(topology, topology.objects.countries) as FeatureCollection;
  world.features = world.features.filter((f) => !LEFT_OUT.has(String(f.id)));
  for (const f of world.features) if (f.geometry) unwrapGeometry(f.geometry);
  registerMap(BASEMAP, world as unknown as Parameters<typeof registerMap>[1]);
  registered = true;
}
