/**
 * The relation graph: actors as nodes (size = events), edges weighted by events and coloured from
 * conflict (red) to cooperation (green). A force layout pulls actors that cooperate together; nodes
 * are coloured by the bloc label propagation finds (lib/blocs.ts).
 */
import { Group, NumberInput, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { EChart } from '../components/EChart.js';
import { DateRange, PageHeader, Panel } from '../components/layout.js';
import { Empty, Loaded } from '../components/status.js';
import { apiPath } from '../lib/api.js';
import type { ActorGraph, GraphEdge } from '../lib/api-types.js';
import { findBlocs } from '../lib/blocs.js';
import { formatCount } from '../lib/format.js';
import { Link, navigate, useQueryParams } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';
import { COOPERATION_COLOR, CONFLICT_COLOR } from '../lib/vocabulary.js';

const BLOC_COLORS = ['#c2255c', '#1971c2', '#f59f00', '#2f9e44', '#7048e8', '#0c8599'];
const NO_BLOC_COLOR = '#868e96';

function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const c = [0, 1, 2].map((i) => Math.round(channel(a, i) * (1 - t) + channel(b, i) * t));
  return `rgb(${c.join(',')})`;
}

const cooperationShare = (e: GraphEdge) => (e.cooperation + e.conflict > 0 ? e.cooperation / (e.cooperation + e.conflict) : 0.5);

function graphChart(graph: ActorGraph, blocOf: Map<string, number>): EChartsCoreOption {
  const maxNode = Math.max(1, ...graph.nodes.map((n) => n.events));
  const maxEdge = Math.max(1, ...graph.edges.map((e) => e.events));
  return {
    tooltip: {
      formatter: (params: { dataType: string; data: Record<string, unknown> }) => {
        const d = params.data;
        if (params.dataType === 'edge') return `${d.source} – ${d.target}<br/>${d.events} events: ${d.cooperation} cooperation, ${d.conflict} conflict`;
        return `${d.label} (${d.name})<br/>${d.events} events`;
      },
    },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        label: { show: true, position: 'right', formatter: '{b}', fontSize: 12 },
        // Edge value is affinity: the force layout draws high values short, so cooperating actors sit close.
        force: { repulsion: 900, gravity: 0.06, edgeLength: [70, 360], friction: 0.2, layoutAnimation: false },
        lineStyle: { opacity: 0.75, curveness: 0.08 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 6 } },
        data: graph.nodes.map((n) => ({
          name: n.id,
          label: n.name,
          events: n.events,
          symbolSize: 12 + 38 * Math.sqrt(n.events / maxNode),
          itemStyle: { color: BLOC_COLORS[blocOf.get(n.id) ?? -1] ?? NO_BLOC_COLOR },
        })),
        links: graph.edges.map((e) => ({
          ...e,
          value: cooperationShare(e) * 0.8 + 0.2 * (e.events / maxEdge),
          lineStyle: { width: 1 + 9 * Math.sqrt(e.events / maxEdge), color: mix(CONFLICT_COLOR, COOPERATION_COLOR, cooperationShare(e)) },
        })),
      },
    ],
  };
}

function GraphView({ graph }: { graph: ActorGraph }) {
  const { blocs, blocOf } = useMemo(() => findBlocs(graph.nodes, graph.edges), [graph]);
  const option = useMemo(() => graphChart(graph, blocOf), [graph, blocOf]);
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const strongest = [...graph.edges].sort((a, b) => b.events - a.events).slice(0, 12);
  if (graph.nodes.length === 0) return <Empty title="No relations to draw">No coded event links two actors under these filters.</Empty>;
  return (
    <Stack gap="md">
      <Paper withBorder p="xs" radius="md">
        <EChart
          option={option}
          height={560}
          label="Relation graph of actors"
          testId="relation-graph"
          onClick={(event) => {
            if (event.dataType === 'node' && event.name) navigate(`/actor/${encodeURIComponent(event.name)}`);
          }}
        />
        <Group gap="lg" px="sm" pb="xs">
          <Group gap={6}>
            <div style={{ width: 60, height: 6, borderRadius: 3, background: `linear-gradient(to right, ${CONFLICT_COLOR}, ${COOPERATION_COLOR})` }} />
            <Text size="xs">edge colour: conflict → cooperation; width: events</Text>
          </Group>
          <Text size="xs" c="dimmed">
            Drag to pan, scroll to zoom, click an actor to open it.
          </Text>
        </Group>
      </Paper>
      <Group align="flex-start" grow>
        <Panel title="Blocs: actors tied by more cooperation than conflict" testId="blocs">
          {blocs.length === 0 && (
            <Text size="sm" c="dimmed">
              No bloc: no two actors cooperate more than they clash.
            </Text>
          )}
          <Stack gap={6}>
            {blocs.map((b, i) => (
              <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
                <div style={{ width: 12, height: 12, marginTop: 4, borderRadius: 6, background: BLOC_COLORS[i] ?? NO_BLOC_COLOR, flexShrink: 0 }} />
                <Text size="sm">{b.members.map((m) => names.get(m) ?? m).join(', ')}</Text>
              </Group>
            ))}
          </Stack>
        </Panel>
        <Panel title="Strongest relations">
          <Table fz="xs" verticalSpacing={2}>
            <Table.Tbody>
              {strongest.map((e) => (
                <Table.Tr key={`${e.source}-${e.target}`}>
                  <Table.Td>
                    <Link to={`/actor/${encodeURIComponent(e.source)}`}>{names.get(e.source) ?? e.source}</Link> –{' '}
                    <Link to={`/actor/${encodeURIComponent(e.target)}`}>{names.get(e.target) ?? e.target}</Link>
                  </Table.Td>
                  <Table.Td ta="right">{formatCount(e.events, 'event')}</Table.Td>
                  <Table.Td ta="right" c={COOPERATION_COLOR}>
                    {e.cooperation} coop.
                  </Table.Td>
                  <Table.Td ta="right" c={CONFLICT_COLOR}>
                    {e.conflict} confl.
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Panel>
      </Group>
    </Stack>
  );
}

export function GraphPage() {
  const [{ since, until, minEvents, level: levelParam }, setQuery] = useQueryParams(['since', 'until', 'minEvents', 'level']);
  const level = levelParam === 'code' ? 'code' : 'country';
  const state = useApi<ActorGraph>(apiPath('/api/graph', { since, until, minEvents, level: level === 'code' ? 'code' : null }));
  return (
    <Stack gap="md">
      <PageHeader title="Relations between actors">
        <DateRange since={since} until={until} onChange={setQuery} />
        <NumberInput
          label="Min. events per edge"
          size="xs"
          w={160}
          min={1}
          max={1000}
          value={minEvents ? Number(minEvents) : 1}
          onChange={(value) => setQuery({ minEvents: typeof value === 'number' && value > 1 ? String(value) : null })}
        />
        <SegmentedControl
          aria-label="Actor level"
          size="xs"
          value={level}
          data={[
            { value: 'country', label: 'Countries' },
            { value: 'code', label: 'Full codes' },
          ]}
          onChange={(value) => setQuery({ level: value === 'code' ? 'code' : null })}
        />
      </PageHeader>
      <Loaded state={state} what="the relation graph">
        {(graph) => <GraphView graph={graph} />}
      </Loaded>
    </Stack>
  );
}
