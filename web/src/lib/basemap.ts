/**
 * The offline world basemap: Natural Earth 1:110m countries from npm world-atlas (TopoJSON), turned into
 * GeoJSON and registered with echarts once. It is bundled into the map page's chunk; no tile server.
 */
import { registerMap } from 'echarts/core';
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json';

export const BASEMAP = 'world';
/** Antarctica (ISO 3166 numeric 010) takes a fifth of the map and never has a news event. */
const LEFT_OUT = new Set(['010']);

let registered = false;

export function registerBasemap(): void {
  if (registered) return;
  const topology = countries as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const world = feature(topology, topology.objects.countries) as FeatureCollection;
  world.features = world.features.filter((f) => !LEFT_OUT.has(String(f.id)));
  registerMap(BASEMAP, world as unknown as Parameters<typeof registerMap>[1]);
  registered = true;
}
