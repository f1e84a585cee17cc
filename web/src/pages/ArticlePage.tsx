/**
 * The article reader: the clean text with its facts highlighted, and beside it the article's metadata,
 * the legend, its events and quotes (each jumps to its sentence) and where copies of it were seen.
 */
import { Anchor, Badge, Button, Grid, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { EventTypeBadge, Participants, StatusBadge } from '../components/badges.js';
import { KindSwatch } from '../components/FactCard.js';
import { Panel } from '../components/layout.js';
import { HighlightedText, showFact } from '../components/HighlightedText.js';
import { Empty, Loaded } from '../components/status.js';
import type { ArticleDetail } from '../lib/api-types.js';
import { articleTitle, formatDate, outletName } from '../lib/format.js';
import { Link } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';
import { HIGHLIGHTS, type HighlightKind } from '../lib/vocabulary.js';

function Legend({ article }: { article: ArticleDetail }) {
  const counts: Record<HighlightKind, number> = { mention: article.mentions.length, event: article.events.length, quote: article.quotes.length };
  return (
    <Group gap="sm" data-testid="legend" aria-label="Highlight legend">
      {(Object.keys(HIGHLIGHTS) as HighlightKind[]).map((kind) => (
        <Group key={kind} gap={6} wrap="nowrap">
          <KindSwatch kind={kind} size={13} />
          <Text size="xs">
            {HIGHLIGHTS[kind].label}s ({counts[kind]})
          </Text>
        </Group>
      ))}
      <Text size="xs" c="dimmed">
        Hover or Tab to a highlight to see its coded fact.
      </Text>
    </Group>
  );
}

function EventList({ article }: { article: ArticleDetail }) {
  if (article.events.length === 0) return <Text size="sm" c="dimmed">No events were coded in this article.</Text>;
  return (
    <Stack gap={6} data-testid="article-events">
      {article.events.map((e, index) => (
        <Group key={index} gap={6} wrap="nowrap" align="flex-start">
          <UnstyledButton onClick={() => showFact({ kind: 'event', index })} aria-label={`Show event ${index + 1} in the text`}>
            <EventTypeBadge type={e.type} quad={e.quadClass} />
          </UnstyledButton>
          <Text size="xs" style={{ flex: 1 }}>
            <Participants source={e.source} targets={e.targets} />
            {e.date ? ` · ${formatDate(e.date.value)}` : ''}
          </Text>
          <StatusBadge status={e.status} />
        </Group>
      ))}
    </Stack>
  );
}

function QuoteList({ article }: { article: ArticleDetail }) {
  if (article.quotes.length === 0) return <Text size="sm" c="dimmed">No quotes were found in this article.</Text>;
  return (
    <Stack gap={8}>
      {article.quotes.map((q, index) => (
        <UnstyledButton key={index} onClick={() => showFact({ kind: 'quote', index })} aria-label={`Show quote ${index + 1} in the text`}>
          <Text size="xs" fw={600}>
            {q.speaker.actor?.name ?? q.speaker.name ?? q.speaker.text} {q.cue.text}:
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {q.direct ? `“${q.quote.text}”` : q.quote.text}
          </Text>
        </UnstyledButton>
      ))}
    </Stack>
  );
}

function ArticleView({ article }: { article: ArticleDetail }) {
  const copies = article.sightings.filter((s) => s.source !== article.source || s.url !== article.url);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Paper withBorder p="lg" radius="md">
          <Stack gap="sm">
            <Title order={1} size="h2" data-testid="article-title">
              {articleTitle(article)}
            </Title>
            <Group gap="xs">
              <Text fw={700} size="sm">
                {outletName(article.source)}
              </Text>
              <Text size="sm" c="dimmed">
                {formatDate(article.published)}
                {article.updated && article.updated !== article.published ? ` (updated ${formatDate(article.updated)})` : ''}
              </Text>
              {article.byline && (
                <Text size="sm" c="dimmed">
                  by {article.byline}
                </Text>
              )}
              {article.language && (
                <Badge variant="outline" color="gray" size="sm" radius="sm">
                  {article.language}
                </Badge>
              )}
            </Group>
            <Group gap="sm">
              {article.storyId && (
                <Button component={Link} to={`/story/${article.storyId}`} size="xs" variant="light">
                  Open its story
                </Button>
              )}
              {article.url && (
                <Anchor href={article.url} size="xs" c="dimmed" target="_blank" rel="noreferrer">
                  {article.url}
                </Anchor>
              )}
            </Group>
            <Legend article={article} />
            <HighlightedText article={article} />
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="md">
          <Panel title="Events" count={article.events.length} padding="sm">
            <EventList article={article} />
          </Panel>
          <Panel title="Quotes" count={article.quotes.length} padding="sm">
            <QuoteList article={article} />
          </Panel>
          <Panel title="Seen at" padding="sm">
            {copies.length === 0 ? (
              <Text size="sm" c="dimmed">
                Only here: no other copy of this text was ingested.
              </Text>
            ) : (
              <Stack gap={4}>
                {copies.map((s) => (
                  <Text key={`${s.origin.file}#${s.origin.record ?? ''}`} size="xs">
                    <b>{outletName(s.source)}</b> {s.url ? `· ${s.url}` : ''}
                  </Text>
                ))}
              </Stack>
            )}
          </Panel>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

export function ArticlePage({ id }: { id: string }) {
  const state = useApi<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`);
  return (
    <Loaded state={state} what="the article">
      {(article) => (article.text ? <ArticleView article={article} /> : <Empty title="This article has no text" />)}
    </Loaded>
  );
}
