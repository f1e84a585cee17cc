/**
 * A story compared across its outlets: the timeline of deduplicated events with how many independent
 * outlets tell each, the outlets' sentences side by side, where they disagree, how each outlet covers
 * the story, and the quotes they share.
 */
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { EventTypeBadge, Participants, StatusBadge } from '../components/badges.js';
import { ArticleLine } from '../components/ArticleLine.js';
import { Panel } from '../components/layout.js';
import { Empty, Loaded } from '../components/status.js';
import type { Disagreement, Evidence, StoryComparison, StoryEvent } from '../lib/api-types.js';
import { formatCount, formatDate, formatRange, formatShare, outletName } from '../lib/format.js';
import { Link } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';
import { quadClass } from '../lib/vocabulary.js';

const outletOf = (e: Pick<Evidence, 'outlet'>) => outletName(e.outlet);
const evidenceKey = (e: Pick<Evidence, 'articleId' | 'sentence'>) => `${e.articleId}:${e.sentence.start}`;

function Corroboration({ n, width }: { n: number; width?: number }) {
  return (
    <Badge
      w={width}
      style={{ flexShrink: 0 }} color={n >= 3 ? 'teal' : n === 2 ? 'cyan' : 'gray'} variant={n >= 2 ? 'filled' : 'light'} radius="sm" tt="none" title="Independent outlets (copies counted once)">
      {formatCount(n, 'outlet')}
    </Badge>
  );
}

function eventDate(event: StoryEvent): string {
  return event.date ? formatDate(event.date.value) : 'undated';
}

function StoryTimeline({ story }: { story: StoryComparison }) {
  if (story.timeline.length === 0) return <Text c="dimmed">No events were coded in this story's articles.</Text>;
  return (
    // Every item is "active" so that each bullet takes its quad-class colour.
    <Timeline bulletSize={14} lineWidth={2} active={story.timeline.length - 1} color="gray.4" data-testid="timeline-list">
      {story.timeline.map((event, i) => (
        <Timeline.Item
          key={i}
          color={quadClass(event.quadClass)?.color}
          title={
            <Group gap="xs">
              <Text size="sm" fw={700} w={110}>
                {eventDate(event)}
              </Text>
              <EventTypeBadge type={event.type} quad={event.quadClass} />
              <Text size="sm">
                <Participants source={event.source} targets={event.targets} />
              </Text>
              <Corroboration n={event.corroboration} />
            </Group>
          }
        >
          <Text size="xs" c="dimmed" mt={2}>
            {event.outlets.join(' · ')}
            {event.location ? ` · at ${event.location.name}` : ''}
          </Text>
          {event.evidence[0] && (
            <Text size="sm" c="dark.5" lineClamp={2} mt={2}>
              “{event.evidence[0].text}”
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** Rows are the story's events, columns its outlets; each cell is what that outlet wrote about it. */
function SideBySide({ story, disputed }: { story: StoryComparison; disputed: Set<string> }) {
  const [sharedOnly, setSharedOnly] = useState(false);
  const outlets = story.outlets.map((o) => o.outlet);
  const told = story.timeline.filter((e) => e.evidence.length > 0);
  // Events more than one outlet tells: the rows where reading across compares the outlets.
  const shared = told.filter((e) => new Set(e.evidence.map(outletOf)).size > 1);
  const rows = sharedOnly ? shared : told;
  if (told.length === 0 || outlets.length === 0) return <Text c="dimmed">Nothing to compare: no event has evidence in this story.</Text>;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {sharedOnly ? `The ${formatCount(shared.length, 'event')} more than one outlet tells` : `Every event of the story (${told.length})`}, one
          column per outlet; a red cell is one side of a disagreement.
        </Text>
        {shared.length > 0 && shared.length < told.length && (
          <Button variant="subtle" size="compact-xs" onClick={() => setSharedOnly((v) => !v)}>
            {sharedOnly ? `Show all ${told.length} events` : `Only the ${formatCount(shared.length, 'event')} told by several`}
          </Button>
        )}
      </Group>
      <div className="side-by-side" data-testid="side-by-side-table">
        <Table withColumnBorders withTableBorder verticalSpacing="xs" fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event</Table.Th>
              {outlets.map((o) => (
                <Table.Th key={o}>{o}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((event, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <Stack gap={4}>
                    <Group gap={4}>
                      <EventTypeBadge type={event.type} quad={event.quadClass} />
                      <Corroboration n={event.corroboration} />
                    </Group>
                    <Text size="xs">
                      <Participants source={event.source} targets={event.targets} />
                    </Text>
                    <Text size="xs" c="dimmed">
                      {eventDate(event)}
                    </Text>
                  </Stack>
                </Table.Td>
                {outlets.map((outlet) => {
                  const said = event.evidence.filter((e) => outletOf(e) === outlet);
                  return (
                    <Table.Td key={outlet} bg={said.some((e) => disputed.has(evidenceKey(e))) ? 'red.0' : undefined}>
                      {said.length === 0 ? (
                        <Text size="xs" c="gray.5">
                          —
                        </Text>
                      ) : (
                        <Stack gap={6}>
                          {said.map((e) => (
                            <div key={evidenceKey(e)}>
                              <Group gap={4} mb={2}>
                                <StatusBadge status={e.status} />
                                {e.copyOf && (
                                  <Badge size="xs" color="gray" variant="outline" tt="none" title="A near-copy of another article: not counted as independent">
                                    copy
                                  </Badge>
                                )}
                                {disputed.has(evidenceKey(e)) && (
                                  <Badge size="xs" color="red" variant="light" tt="none" title="This sentence is one side of a disagreement shown above">
                                    disputed
                                  </Badge>
                                )}
                                {e.date && (
                                  <Text span size="xs" c="dimmed">
                                    dates it {formatDate(e.date)}
                                  </Text>
                                )}
                              </Group>
                              <Link to={`/article/${e.articleId}`} c="dark.6" size="xs" underline="hover" lineClamp={4} title={e.text}>
                                {e.text}
                              </Link>
                            </div>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}

/** The sentence with the disputed value marked where it appears in it. */
function MarkedSentence({ text, value }: { text: string; value: string }) {
  const at = value ? text.toLowerCase().indexOf(value.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <span className="disagreement-value">{text.slice(at, at + value.length)}</span>
      {text.slice(at + value.length)}
    </>
  );
}

function DisagreementSide({ side, kind }: { side: Disagreement['a']; kind: Disagreement['kind'] }) {
  return (
    <Paper withBorder p="sm" radius="sm" bg="white">
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={700}>
          {outletOf(side)}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDate(side.published, { time: false })}
        </Text>
      </Group>
      <Group gap={6} mb={6}>
        <Text size="xs" c="dimmed">
          says
        </Text>
        <span className="disagreement-value" data-testid="disagreement-value">
          {kind === 'date' ? formatDate(side.value) : side.value}
        </span>
        <StatusBadge status={side.status} />
      </Group>
      <Text size="sm">
        <MarkedSentence text={side.text} value={side.value} />
      </Text>
      <Link to={`/article/${side.articleId}`} size="xs">
        Read the article
      </Link>
    </Paper>
  );
}

function Disagreements({ story }: { story: StoryComparison }) {
  if (story.disagreements.length === 0) return <Text c="dimmed">The outlets agree on every date, place, number and participant compared.</Text>;
  return (
    <Stack gap="md">
      {story.disagreements.map((d, i) => (
        <Paper key={i} p="sm" radius="md" bg="red.0" data-testid="disagreement">
          <Group gap="xs" mb="xs">
            <Badge color="red" radius="sm" tt="none">
              {d.kind}
            </Badge>
            <Text fw={600} size="sm">
              {d.subject}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DisagreementSide side={d.a} kind={d.kind} />
            <DisagreementSide side={d.b} kind={d.kind} />
          </SimpleGrid>
        </Paper>
      ))}
    </Stack>
  );
}

function ToneBar({ tone, scale }: { tone: number; scale: number }) {
  const width = Math.min(50, (Math.abs(tone) / scale) * 50);
  return (
    <Group gap={6} wrap="nowrap">
      <div style={{ position: 'relative', width: 90, height: 8, background: 'var(--mantine-color-gray-1)', borderRadius: 4 }} aria-hidden>
        <div
          style={{
            position: 'absolute',
            top: 0,
            bottom: 0,
            left: tone < 0 ? `${50 - width}%` : '50%',
            width: `${width}%`,
            background: tone < 0 ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-teal-6)',
            borderRadius: 4,
          }}
        />
      </div>
      <Text size="xs">{tone.toFixed(2)}</Text>
    </Group>
  );
}

function Coverage({ story }: { story: StoryComparison }) {
  const scale = Math.max(0.01, ...story.outlets.map((o) => Math.abs(o.tone)));
  return (
    <Stack gap="xs">
      <Table striped highlightOnHover fz="sm" data-testid="coverage-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Outlet</Table.Th>
            <Table.Th ta="right">Articles</Table.Th>
            <Table.Th ta="right" title="Events and quotes no other independent outlet of the story reports">
              Exclusive events / quotes
            </Table.Th>
            <Table.Th ta="right">Hedged</Table.Th>
            <Table.Th ta="right">Reported</Table.Th>
            <Table.Th>Claims</Table.Th>
            <Table.Th>Tone</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {story.outlets.map((o) => (
            <Table.Tr key={o.outlet}>
              <Table.Td fw={600}>{o.outlet}</Table.Td>
              <Table.Td ta="right">{o.articles}</Table.Td>
              <Table.Td ta="right">
                {o.exclusive.events} / {o.exclusive.quotes}
              </Table.Td>
              <Table.Td ta="right">{formatShare(o.hedgedShare)}</Table.Td>
              <Table.Td ta="right">{formatShare(o.reportedShare)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {Object.entries(o.claims)
                    .filter(([, n]) => n > 0)
                    .map(([status, n]) => (
                      <Text key={status} size="xs" c="dimmed">
                        {status} {n}
                      </Text>
                    ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <ToneBar tone={o.tone} scale={scale} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Tone: {story.toneLexicon}. Hedged and reported: the share of the outlet's claims with that standing. Exclusive: told by no other
        independent outlet of the story.
      </Text>
    </Stack>
  );
}

const QUOTES_SHOWN = 10;

function StoryQuotes({ story }: { story: StoryComparison }) {
  const [showAll, setShowAll] = useState(false);
  if (story.quotes.length === 0) return <Text c="dimmed">No quotes in this story.</Text>;
  const shown = showAll ? story.quotes : story.quotes.slice(0, QUOTES_SHOWN);
  return (
    <Stack gap="sm">
      {shown.map((q, i) => (
        <Group key={i} gap="sm" wrap="nowrap" align="flex-start">
          <Corroboration n={q.corroboration} width={84} />
          <div style={{ flex: 1 }}>
            <Text size="sm">
              <b>{q.speaker.code ? <Link to={`/actor/${encodeURIComponent(q.speaker.code)}`}>{q.speaker.name}</Link> : q.speaker.name}</b> {q.cue}
              {q.date ? ` (${formatDate(q.date)})` : ''}: {q.direct ? `“${q.quote}”` : q.quote}
            </Text>
            <Text size="xs" c="dimmed">
              {q.outlets.join(' · ')}
            </Text>
          </div>
        </Group>
      ))}
      {story.quotes.length > QUOTES_SHOWN && (
        <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setShowAll((v) => !v)}>
          {showAll ? 'Show the most corroborated only' : `Show all ${story.quotes.length} quotes`}
        </Button>
      )}
    </Stack>
  );
}

function StoryArticles({ story }: { story: StoryComparison }) {
  const byId = new Map(story.articles.map((a) => [a.id, a]));
  return (
    <Stack gap={4}>
      {story.articles.map((a) => (
        <ArticleLine key={a.id} article={a}>
          {a.copyOf && (
            <Badge size="xs" color="gray" variant="outline" tt="none">
              copy of {byId.get(a.copyOf)?.source ?? a.copyOf}
            </Badge>
          )}
        </ArticleLine>
      ))}
    </Stack>
  );
}

function StoryView({ story }: { story: StoryComparison }) {
  const disputed = new Set(story.disagreements.flatMap((d) => [evidenceKey(d.a), evidenceKey(d.b)]));
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1} size="h2" data-testid="story-title">
          {story.title}
        </Title>
        <Text c="dimmed" size="sm">
          {formatRange(story.first, story.last)} · {formatCount(story.articleCount, 'article')} from {formatCount(story.outletCount, 'independent outlet')}
        </Text>
        <Group gap={4}>
          {story.outlets.map((o) => (
            <Badge key={o.outlet} variant="outline" color="gray" tt="none" radius="sm">
              {o.outlet}
            </Badge>
          ))}
        </Group>
      </Stack>
      <Panel title="Timeline" count={story.timeline.length} testId="timeline">
        <StoryTimeline story={story} />
      </Panel>
      <Panel title="Where the outlets disagree" count={story.disagreements.length} testId="disagreements">
        <Disagreements story={story} />
      </Panel>
      <Panel title="Sources side by side" testId="side-by-side">
        <SideBySide story={story} disputed={disputed} />
      </Panel>
      <Panel title="Coverage by outlet" testId="coverage">
        <Coverage story={story} />
      </Panel>
      <Panel title="Quotes" count={story.quotes.length} testId="quotes">
        <StoryQuotes story={story} />
      </Panel>
      <Panel title="Articles" count={story.articles.length} testId="articles">
        <StoryArticles story={story} />
      </Panel>
    </Stack>
  );
}

export function StoryPage({ id }: { id: string }) {
  const state = useApi<StoryComparison>(`/api/stories/${encodeURIComponent(id)}`);
  return (
    <Loaded state={state} what="the story">
      {(story) => (story.articles.length ? <StoryView story={story} /> : <Empty title="This story has no articles" />)}
    </Loaded>
  );
}
