/** The header: where you can go, what the store holds, and the exports. */
import { Group, Text, Title, UnstyledButton } from '@mantine/core';
import type { Stats } from '../lib/api-types.js';
import { formatCount, formatRange } from '../lib/format.js';
import { Link, navigate, useLocation } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';
import { ExportMenu } from './ExportLinks.js';

const SECTIONS = [
  { to: '/', label: 'Search', active: (path: string) => path === '/' || path.startsWith('/article/') },
  { to: '/stories', label: 'Stories', active: (path: string) => path.startsWith('/stor') },
  { to: '/graph', label: 'Graph', active: (path: string) => path === '/graph' || path.startsWith('/actor/') },
  { to: '/map', label: 'Map', active: (path: string) => path === '/map' },
];

function StoreStats() {
  const { data, error } = useApi<Stats>('/api/stats');
  if (error) return <Text size="xs" c="red">Store statistics unavailable: {error.message}</Text>;
  if (!data) return <Text size="xs" c="dimmed">Reading the store…</Text>;
  return (
    <Text size="xs" c="dimmed" data-testid="stats">
      {formatCount(data.articles, 'article')} · {formatCount(data.events, 'event')} · {formatCount(data.quotes, 'quote')} ·{' '}
      {formatCount(data.stories, 'story', 'stories')} · {formatCount(data.outlets, 'outlet')}
      {data.first && ` · ${formatRange(data.first, data.last)}`}
    </Text>
  );
}

export function AppHeader() {
  const { path } = useLocation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="lg" wrap="nowrap">
        <UnstyledButton onClick={() => navigate('/')} aria-label="sitrep home">
          <Title order={3} c="indigo.8">
            sitrep
          </Title>
        </UnstyledButton>
        <Group component="nav" gap={4} aria-label="Sections">
          {SECTIONS.map((s) => {
            const active = s.active(path);
            return (
              <Link
                key={s.to}
                to={s.to}
                px="sm"
                py={6}
                fw={active ? 700 : 500}
                c={active ? 'indigo.8' : 'dark.6'}
                bg={active ? 'indigo.0' : undefined}
                style={{ borderRadius: 6 }}
                underline="never"
                aria-current={active ? 'page' : undefined}
              >
                {s.label}
              </Link>
            );
          })}
        </Group>
      </Group>
      <Group gap="md" wrap="nowrap">
        <StoreStats />
        <ExportMenu />
      </Group>
    </Group>
  );
}
