/**
 * An actor's relations: events with its counterparts over time, cooperation above the axis and conflict
 * below, by PLOVER quad class per month or week; its counterparts; its latest events and articles.
 */
import { Badge, Button, Grid, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { EventTypeBadge, Participants, StatusBadge } from '../components/badges.js';
import { ArticleLine } from '../components/ArticleLine.js';
import { EChart } from '../components/EChart.js';
import { Panel } from '../components/layout.js';
import { Empty, Loaded } from '../components/status.js';
import { apiPath } from '../lib/api.js';
import type { ActorDetail, Counterpart, RelationPoint } from '../lib/api-types.js';
import { formatCount, formatDate } from '../lib/format.js';
import { periodAxis } from '../lib/periods.js';
import { Link, useQueryParams } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';
import { COOPERATION_COLOR, CONFLICT_COLOR, QUAD_CLASSES } from '../lib/vocabulary.js';

type Period = 'month' | 'week';

/** More periods than this and the chart opens zoomed to where most events are. */
const ZOOM_ABOVE = 24;
/** Share of events older than the opening window: a 2023 story that recalls 2000 and 2018 opens on 2023. */
const OLDER_SHARE = 0.1;

/** The index of the first period of the opening window. */
function windowStart(totals: number[]): number {
  const all = totals.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (let i = 0; i < totals.length; i++) {
    seen += totals[i]!;
    if (seen > all * OLDER_SHARE) return Math.max(0, i - 1);
  }
  return 0;
}

function relationChart(relations: RelationPoint[], counterpart: string | null, period: Period): EChartsCoreOption {
  const points = counterpart ? relations.filter((p) => p.counterpart === counterpart) : relations;
  const axis = periodAxis(points.map((p) => p.period));
  const index = new Map(axis.map((p, i) => [p, i]));
  const series = QUAD_CLASSES.map((q) => {
    const data = axis.map(() => 0);
    for (const p of points) data[index.get(p.period)!]! += (q.cooperation ? 1 : -1) * p[q.key];
    return { name: q.label, type: 'bar', stack: 'events', data, itemStyle: { color: q.color }, barMaxWidth: 48 };
  });
  const totals = axis.map((_, i) => series.reduce((sum, s) => sum + Math.abs(s.data[i]!), 0));
  const zoomed = axis.length > ZOOM_ABOVE;
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: number) => String(Math.abs(value)),
    },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: zoomed ? 84 : 40 },
    dataZoom: zoomed
      ? [
          { type: 'slider', startValue: windowStart(totals), endValue: axis.length - 1, bottom: 8, height: 22 },
          { type: 'inside', startValue: windowStart(totals), endValue: axis.length - 1 },
        ]
      : [],
    xAxis: { type: 'category', data: axis, name: period === 'week' ? 'week starting' : 'month', nameLocation: 'middle', nameGap: 28 },
    yAxis: {
      type: 'value',
      minInterval: 1,
      name: 'events (conflict below 0)',
      axisLabel: { formatter: (value: number) => String(Math.abs(value)) },
    },
    series,
  };
}

function CounterpartTable({ counterparts, selected, onSelect }: { counterparts: Counterpart[]; selected: string | null; onSelect: (code: string | null) => void }) {
  return (
    <Table highlightOnHover fz="sm" data-testid="counterparts">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Counterpart</Table.Th>
          <Table.Th ta="right">Events</Table.Th>
          <Table.Th>Cooperation / conflict</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {counterparts.map((c) => {
          const total = Math.max(1, c.cooperation + c.conflict);
          return (
            <Table.Tr key={c.code} bg={c.code === selected ? 'indigo.0' : undefined}>
              <Table.Td>
                <Link to={`/actor/${encodeURIComponent(c.code)}`}>{c.name}</Link>{' '}
                <Text span size="xs" c="dimmed" ff="monospace">
                  {c.code}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{c.events}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <div style={{ display: 'flex', width: 100, height: 8, borderRadius: 4, overflow: 'hidden', background: 'var(--mantine-color-gray-2)' }} aria-hidden>
                    <div style={{ width: `${(c.cooperation / total) * 100}%`, background: COOPERATION_COLOR }} />
                    <div style={{ width: `${(c.conflict / total) * 100}%`, background: CONFLICT_COLOR }} />
                  </div>
                  <Text size="xs">
                    {c.cooperation} / {c.conflict}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="subtle" onClick={() => onSelect(c.code === selected ? null : c.code)}>
                  {c.code === selected ? 'All in chart' : 'Chart'}
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function ActorView({ detail, period, counterpart, setQuery }: { detail: ActorDetail; period: Period; counterpart: string | null; setQuery: (patch: Record<string, string | null>) => void }) {
  const option = useMemo(() => relationChart(detail.series, counterpart, period), [detail.series, counterpart, period]);
  const { actor } = detail;
  const counterpartName = detail.counterparts.find((c) => c.code === counterpart)?.name ?? counterpart;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={1} size="h2" data-testid="actor-name">
              {actor.name}
            </Title>
            <Badge variant="outline" radius="sm" tt="none" ff="monospace" size="lg">
              {actor.code}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {actor.country ? `${actor.country} · ` : ''}
            {formatCount(actor.mentions, 'mention')} in {formatCount(actor.articles, 'article')} ·{' '}
            <Link to={apiPath('/', { actor: actor.code })} size="sm">
              search its articles
            </Link>
          </Text>
        </Stack>
        <Group gap="sm">
          <Select
            aria-label="Counterpart in the chart"
            size="xs"
            w={220}
            placeholder="All counterparts"
            clearable
            value={counterpart}
            data={detail.counterparts.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
            onChange={(value) => setQuery({ with: value })}
          />
          <SegmentedControl
            aria-label="Period"
            size="xs"
            value={period}
            data={[
              { value: 'month', label: 'By month' },
              { value: 'week', label: 'By week' },
            ]}
            onChange={(value) => setQuery({ period: value === 'month' ? null : value })}
          />
        </Group>
      </Group>
      <Panel title={<>Events with {counterpartName ?? 'all counterparts'}, by PLOVER quad class</>}>
        {detail.series.length === 0 ? (
          <Empty title="No events with a counterpart">This actor is mentioned, but no coded event links it to another actor.</Empty>
        ) : (
          <EChart option={option} height={320} label={`Cooperation and conflict of ${actor.name} per ${period}`} testId="relation-chart" />
        )}
      </Panel>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Panel title="Counterparts" count={detail.counterparts.length}>
            {detail.counterparts.length ? (
              <CounterpartTable counterparts={detail.counterparts} selected={counterpart} onSelect={(code) => setQuery({ with: code })} />
            ) : (
              <Text size="sm" c="dimmed">
                None.
              </Text>
            )}
          </Panel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Panel title="Latest events" count={detail.events.length}>
            <Stack gap={6} data-testid="actor-events">
              {detail.events.length === 0 && (
                <Text size="sm" c="dimmed">
                  None.
                </Text>
              )}
              {detail.events.map((e, i) => (
                <Group key={`${e.articleId}-${i}`} gap={6} wrap="nowrap" align="flex-start">
                  <Text size="xs" c="dimmed" w={84} style={{ flexShrink: 0 }}>
                    {formatDate(e.date?.value ?? e.published, { time: false })}
                  </Text>
                  <EventTypeBadge type={e.type} quad={e.quadClass} />
                  <Text size="xs" style={{ flex: 1 }}>
                    <Participants source={e.source} targets={e.targets} />
                    {' · '}
                    <Link to={`/article/${e.articleId}`} size="xs">
                      {e.outlet ?? 'the article'}
                    </Link>
                  </Text>
                  <StatusBadge status={e.status} />
                </Group>
              ))}
            </Stack>
          </Panel>
        </Grid.Col>
      </Grid>
      {detail.articles.length > 0 && (
        <Panel title={`Articles naming ${actor.name}`} count={detail.articles.length}>
          <Stack gap={4}>
            {detail.articles.map((a) => (
              <ArticleLine key={a.id} article={a} />
            ))}
          </Stack>
        </Panel>
      )}
    </Stack>
  );
}

export function ActorPage({ code }: { code: string }) {
  const [{ period: periodParam, with: counterpart }, setQuery] = useQueryParams(['period', 'with']);
  const period: Period = periodParam === 'week' ? 'week' : 'month';
  const state = useApi<ActorDetail>(apiPath(`/api/actors/${encodeURIComponent(code)}`, { period }));
  return (
    <Loaded state={state} what={`the actor ${code}`}>
      {(detail) => <ActorView detail={detail} period={period} counterpart={counterpart} setQuery={setQuery} />}
    </Loaded>
  );
}
