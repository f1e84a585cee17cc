/** Where events happened: gazetteer places of coded events on an offline world map, sized by event count. */
import { Grid, Paper, Select, Stack, Table, Text } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { EChart } from '../components/EChart.js';
import { DateRange, PageHeader, Panel } from '../components/layout.js';
import { Empty, Loaded } from '../components/status.js';
import { apiPath } from '../lib/api.js';
import type { Place } from '../lib/api-types.js';
import { BASEMAP, registerBasemap } from '../lib/basemap.js';
import { useQueryParams } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Centre and zoom that fit the places with a margin (echarts' geo zoom 1 shows the whole world). Places
 * spread over the world get the whole map, not a world map moved off-centre towards them.
 */
function fit(places: Place[]): { center?: [number, number]; zoom?: number } {
  const lons = places.map((p) => p.lon);
  const lats = places.map((p) => p.lat);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const zoom = Math.max(1, Math.min(8, Math.min(360 / Math.max(east - west, 1), 150 / Math.max(north - south, 1)) / 2.2));
  return zoom < 1.5 ? {} : { center: [(west + east) / 2, (south + north) / 2], zoom };
}

function mapChart(places: Place[]): EChartsCoreOption {
  registerBasemap();
  const max = Math.max(1, ...places.map((p) => p.events));
  const view = fit(places);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: { data?: { place: Place } }) => {
        const place = params.data?.place;
        if (!place) return '';
        const types = Object.entries(place.types)
          .sort((a, b) => b[1] - a[1])
          .map(([type, n]) => `${escapeHtml(type)} ${n}`)
          .join(', ');
        return `<b>${escapeHtml(place.name)}</b>${place.country ? `, ${escapeHtml(place.country)}` : ''}<br/>${place.events} event${place.events === 1 ? '' : 's'}<br/>${types}`;
      },
    },
    geo: {
      map: BASEMAP,
      roam: true,
      top: 8,
      bottom: 8,
      left: 8,
      right: 8,
      ...view,
      itemStyle: { areaColor: '#eef1f4', borderColor: '#b8c0c8', borderWidth: 0.6 },
      emphasis: { disabled: true },
      select: { disabled: true },
      label: { show: false },
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        // Busiest first, so that where labels would overlap the busier place keeps its label.
        data: [...places].sort((a, b) => b.events - a.events).map((p) => ({ name: p.name, value: [p.lon, p.lat, p.events], place: p })),
        labelLayout: { hideOverlap: true },
        symbolSize: (value: number[]) => 8 + 30 * Math.sqrt((value[2] ?? 1) / max),
        itemStyle: { color: 'rgba(54, 79, 199, 0.7)', borderColor: '#fff', borderWidth: 1 },
        label: { show: true, formatter: '{b}', position: 'right', fontSize: 11, color: '#343a40' },
        emphasis: { scale: 1.3 },
      },
    ],
  };
}

function MapView({ places }: { places: Place[] }) {
  const option = useMemo(() => mapChart(places), [places]);
  if (places.length === 0) return <Empty title="No event locations">No coded event under these filters names a place.</Empty>;
  const sorted = [...places].sort((a, b) => b.events - a.events);
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 9 }}>
        <Paper withBorder p="xs" radius="md">
          <EChart option={option} height={560} label="Map of event locations" testId="event-map" />
          <Text size="xs" c="dimmed" px="sm">
            Circle size: events at the place. Drag to pan, scroll to zoom. Basemap: Natural Earth 1:110m (world-atlas).
          </Text>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 3 }}>
        <Panel title="Places" count={places.length} padding="sm">
          <Table fz="xs" verticalSpacing={2} data-testid="places">
            <Table.Tbody>
              {sorted.map((p) => (
                <Table.Tr key={`${p.name}-${p.lat}-${p.lon}`}>
                  <Table.Td>
                    {p.name}
                    {p.country && (
                      <Text span c="dimmed" size="xs">
                        {' '}
                        {p.country}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{p.events}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Panel>
      </Grid.Col>
    </Grid>
  );
}

export function MapPage() {
  const [{ since, until, type }, setQuery] = useQueryParams(['since', 'until', 'type']);
  // The type filter offers the types that have a located event in the date range, with their counts.
  const all = useApi<{ items: Place[] }>(apiPath('/api/places', { since, until }));
  const filtered = useApi<{ items: Place[] }>(type ? apiPath('/api/places', { since, until, type }) : null);
  const state = type ? filtered : all;
  const typeCounts = new Map<string, number>();
  for (const place of all.data?.items ?? []) for (const [t, n] of Object.entries(place.types)) typeCounts.set(t, (typeCounts.get(t) ?? 0) + n);
  if (type && !typeCounts.has(type)) typeCounts.set(type, 0);
  return (
    <Stack gap="md">
      <PageHeader title="Where events happened">
        <DateRange since={since} until={until} onChange={setQuery} />
        <Select
          label="Event type"
          size="xs"
          w={170}
          clearable
          placeholder="All types"
          value={type}
          data={[...typeCounts].sort((a, b) => b[1] - a[1]).map(([t, n]) => ({ value: t, label: `${t} (${n})` }))}
          onChange={(value) => setQuery({ type: value })}
        />
      </PageHeader>
      <Loaded state={state} what="the event locations">
        {(data) => <MapView places={data.items} />}
      </Loaded>
    </Stack>
  );
}
