/** The stories the store has grouped, most recently active first, with their actors and key events. */
import { Badge, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { CursorPager } from '../components/CursorPager.js';
import { PageHeader } from '../components/layout.js';
import { Empty, Loaded } from '../components/status.js';
import { apiPath } from '../lib/api.js';
import type { Page, StorySummary } from '../lib/api-types.js';
import { formatCount, formatDate, formatRange } from '../lib/format.js';
import { Link, useQueryParams } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';

function StoryCard({ story }: { story: StorySummary }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid="story-card">
      <Stack gap={6}>
        <Link to={`/story/${story.id}`} fw={700} size="lg">
          {story.title}
        </Link>
        <Text size="sm" c="dimmed">
          {formatRange(story.first, story.last)} · {formatCount(story.articleCount, 'article')} from {formatCount(story.outletCount, 'outlet')}
        </Text>
        {story.actors.length > 0 && (
          <Group gap={4}>
            {story.actors.slice(0, 8).map((a) =>
              a.code ? (
                <Badge
                  key={a.code}
                  component={Link}
                  to={`/actor/${encodeURIComponent(a.code)}`}
                  variant="light"
                  tt="none"
                  radius="sm"
                  style={{ cursor: 'pointer' }}
                  title={`${a.code}: named by ${formatCount(a.outlets, 'outlet')} of the story`}
                >
                  {a.name}
                  {story.outletCount > 1 && ` · ${a.outlets}`}
                </Badge>
              ) : (
                <Badge key={a.name} variant="light" color="gray" tt="none" radius="sm" title={`named by ${formatCount(a.outlets, 'outlet')} of the story`}>
                  {a.name}
                  {story.outletCount > 1 && ` · ${a.outlets}`}
                </Badge>
              ),
            )}
          </Group>
        )}
        {story.events.length > 0 && (
          <Stack gap={2}>
            {story.events.slice(0, 4).map((e, i) => (
              <Text key={i} size="xs" c="dark.4">
                {e.source} <b>{e.type}</b>
                {e.targets.length > 0 && ` ${e.targets.join(', ')}`}
                {e.date && ` · ${formatDate(e.date)}`} · {formatCount(e.outlets, 'outlet')}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

export function StoriesPage() {
  const [{ since, actor, cursor }, setQuery] = useQueryParams(['since', 'actor', 'cursor']);
  const state = useApi<Page<StorySummary>>(apiPath('/api/stories', { since, actor, cursor, limit: 50 }));
  return (
    <Stack gap="md">
      <PageHeader title="Stories">
        <TextInput type="date" label="Active since" size="xs" value={since ?? ''} onChange={(e) => setQuery({ since: e.currentTarget.value || null, cursor: null })} />
        <TextInput
          label="Actor code"
          placeholder="e.g. PRK"
          size="xs"
          defaultValue={actor ?? ''}
          key={actor ?? ''}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setQuery({ actor: e.currentTarget.value.trim().toUpperCase() || null, cursor: null });
          }}
        />
      </PageHeader>
      <Loaded state={state} what="the stories">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title={since || actor ? 'No story matches these filters' : 'No stories yet'}>
              {since || actor ? 'Remove a filter to see more.' : 'Stories are built when articles are ingested.'}
            </Empty>
          ) : (
            <Stack gap="sm">
              {page.items.map((s) => (
                <StoryCard key={s.id} story={s} />
              ))}
              <CursorPager cursor={cursor} nextCursor={page.nextCursor} onCursor={(c) => setQuery({ cursor: c })} />
            </Stack>
          )
        }
      </Loaded>
    </Stack>
  );
}
