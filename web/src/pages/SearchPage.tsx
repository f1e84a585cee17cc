/**
 * Search: a query over titles and text, filters by date, outlet, actor, event type and claim status,
 * facets with counts over all matches, and cursor pages of results. Everything lives in the URL.
 */
import { Badge, Button, CloseButton, Grid, Group, Kbd, Mark, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { EventExportLinks } from '../components/ExportLinks.js';
import { FacetGroup, type FacetOption } from '../components/Facets.js';
import { DateRange } from '../components/layout.js';
import { Empty, ErrorNotice, Loading } from '../components/status.js';
import { apiPath } from '../lib/api.js';
import type { SearchFacets, SearchHit, SearchResponse } from '../lib/api-types.js';
import { articleTitle, formatDate, outletName, snippetRuns } from '../lib/format.js';
import { Link, navigate, useQueryParams } from '../lib/router.js';
import { registerSearchBox } from '../lib/search-focus.js';
import { useApi } from '../lib/use-api.js';
import { STATUS_MEANING } from '../lib/vocabulary.js';

const PAGE_SIZE = 10;
/** Query parameters that filter; changing any of them starts again from the first page. */
const FILTERS = ['q', 'since', 'until', 'source', 'actor', 'type', 'status'] as const;
type Filter = (typeof FILTERS)[number];

const FILTER_LABELS: Record<Filter, string> = {
  q: 'Query',
  since: 'From',
  until: 'To',
  source: 'Outlet',
  actor: 'Actor',
  type: 'Event type',
  status: 'Claim status',
};

/** The first and last day of a "2023-09" month facet. */
function monthRange(month: string): { since: string; until: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { since: `${month}-01`, until: `${month}-${String(lastDay).padStart(2, '0')}` };
}

function facetOptions(facets: SearchFacets): Record<'source' | 'actor' | 'type' | 'status', FacetOption[]> {
  return {
    source: facets.source.map((f) => ({ value: f.value, label: f.value, count: f.count })),
    actor: facets.actor.map((f) => ({ value: f.value, label: f.name || f.value, count: f.count, hint: `${f.name} (${f.value})` })),
    type: facets.type.map((f) => ({ value: f.value, label: f.value, count: f.count })),
    status: facets.status.map((f) => ({ value: f.value, label: f.value, count: f.count, hint: STATUS_MEANING[f.value] })),
  };
}

function SearchResult({ hit, selected, id }: { hit: SearchHit; selected: boolean; id: string }) {
  const a = hit.article;
  return (
    <Paper withBorder p="sm" radius="md" className="result" data-selected={selected || undefined} role="option" aria-selected={selected} id={id}>
      <Stack gap={4}>
        <Link to={`/article/${a.id}`} fw={600} size="md" data-result-link>
          {articleTitle(a)}
        </Link>
        <Group gap="xs">
          <Text size="xs" fw={600} c="dark.4">
            {outletName(a.source)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDate(a.published)}
          </Text>
          {a.byline && (
            <Text size="xs" c="dimmed">
              by {a.byline}
            </Text>
          )}
          {a.storyId && (
            <Link to={`/story/${a.storyId}`} size="xs">
              in a story
            </Link>
          )}
        </Group>
        {hit.snippet && (
          <Text size="sm" c="dark.5" className="snippet">
            {snippetRuns(hit.snippet).map((run, i) => (run.match ? <Mark key={i}>{run.text}</Mark> : <span key={i}>{run.text}</span>))}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

export function SearchPage() {
  const [{ cursor, ...filters }, setQuery] = useQueryParams([...FILTERS, 'cursor']);
  const filterKey = JSON.stringify(filters);
  const state = useApi<SearchResponse>(apiPath('/api/search', { ...filters, cursor, limit: PAGE_SIZE }), { keepPrevious: true });

  // The box edits a draft; the URL (and so the search) follows after a pause in typing or on Enter.
  // The draft follows the URL only when the URL changes by other means (back button, a link), so that a
  // search arriving while the reader types on never overwrites what they typed since.
  const [draft, setDraft] = useState(filters.q ?? '');
  const committed = useRef(filters.q ?? '');
  useEffect(() => {
    if ((filters.q ?? '') !== committed.current) setDraft(filters.q ?? '');
    committed.current = filters.q ?? '';
  }, [filters.q]);
  const runQuery = (q: string, options?: { replace?: boolean }) => {
    committed.current = q;
    setQuery({ q, cursor: null }, options);
  };
  const commitQuery = useDebouncedCallback((q: string) => runQuery(q, { replace: true }), 350);

  // Cursors of the pages before this one, so that "Previous" can go back without the server keeping state.
  const [previous, setPrevious] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [] });
  const cursors = previous.key === filterKey ? previous.cursors : [];

  const hits = state.data?.items ?? [];
  const [selected, setSelected] = useState(-1);
  useEffect(() => setSelected(-1), [state.data]);

  const setFilter = (patch: Partial<Record<Filter, string | null>>) => setQuery({ ...patch, cursor: null });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setSelected((s) => Math.max(0, Math.min(hits.length - 1, s + step)));
    } else if (event.key === 'Enter') {
      const hit = hits[selected];
      if (hit) navigate(`/article/${hit.article.id}`);
      else {
        commitQuery.cancel();
        runQuery(draft);
      }
    } else if (event.key === 'Escape') {
      setSelected(-1);
    }
  };

  useEffect(() => {
    const hit = selected >= 0 ? document.getElementById(`result-${selected}`) : null;
    hit?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const active = FILTERS.filter((f) => f !== 'q' && filters[f]);
  const data = state.data;
  const options = useMemo(() => (data ? facetOptions(data.facets) : null), [data]);
  const pageNumber = cursor ? (cursors.length > 0 ? cursors.length + 1 : null) : 1;
  const firstShown = pageNumber ? (pageNumber - 1) * PAGE_SIZE + 1 : null;

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        <TextInput
          ref={registerSearchBox}
          id="search-box"
          aria-label="Search articles"
          placeholder='Search titles and text: "joint drills" OR exercises -China'
          value={draft}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            commitQuery(e.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
          size="md"
          style={{ flex: 1 }}
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="search-results"
          aria-activedescendant={selected >= 0 ? `result-${selected}` : undefined}
          rightSection={<Kbd size="xs">/</Kbd>}
        />
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p="sm" radius="md">
            <Stack gap="md">
              <Group grow gap="xs">
                <DateRange since={filters.since} until={filters.until} onChange={setFilter} />
              </Group>
              {options && data ? (
                <>
                  <FacetGroup
                    title="Month"
                    options={data.facets.month.map((m) => ({ value: m.value, label: formatDate(m.value), count: m.count }))}
                    active={
                      data.facets.month.find((m) => {
                        const r = monthRange(m.value);
                        return r.since === filters.since && r.until === filters.until;
                      })?.value ?? null
                    }
                    onSelect={(month) => setFilter(month ? monthRange(month) : { since: null, until: null })}
                  />
                  <FacetGroup title="Outlet" options={options.source} active={filters.source} onSelect={(v) => setFilter({ source: v })} />
                  <FacetGroup title="Actor" options={options.actor} active={filters.actor} onSelect={(v) => setFilter({ actor: v })} />
                  <FacetGroup title="Event type" options={options.type} active={filters.type} onSelect={(v) => setFilter({ type: v })} />
                  <FacetGroup title="Status" options={options.status} active={filters.status} onSelect={(v) => setFilter({ status: v })} />
                </>
              ) : (
                !state.error && <Loading what="facets" />
              )}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack gap="sm">
            <Group justify="space-between" gap="xs">
              <Group gap="xs">
                <Title order={2} size="h4" data-testid="result-count">
                  {data ? `${data.total.toLocaleString('en')} ${data.total === 1 ? 'article' : 'articles'}` : 'Searching…'}
                  {filters.q ? ` for “${filters.q}”` : ''}
                </Title>
                {active.map((f) => (
                  <Badge
                    key={f}
                    variant="light"
                    tt="none"
                    rightSection={<CloseButton size="xs" aria-label={`Remove the ${FILTER_LABELS[f]} filter`} onClick={() => setFilter({ [f]: null })} />}
                  >
                    {FILTER_LABELS[f]}: {filters[f]}
                  </Badge>
                ))}
                {active.length > 1 && (
                  <Button variant="subtle" size="compact-xs" onClick={() => setFilter(Object.fromEntries(active.map((f) => [f, null])))}>
                    Clear filters
                  </Button>
                )}
              </Group>
              <EventExportLinks filters={{ actor: filters.actor, type: filters.type, status: filters.status, since: filters.since, until: filters.until }} />
            </Group>
            {state.error && <ErrorNotice error={state.error} onRetry={state.reload} what="the search results" />}
            {data && hits.length === 0 && (
              <Empty title={filters.q || active.length ? 'No articles match' : 'The store is empty'}>
                {filters.q || active.length
                  ? 'Try fewer words, another spelling, or remove a filter.'
                  : 'Ingest some news first: sitrep ingest samples'}
              </Empty>
            )}
            <Stack gap="xs" id="search-results" role="listbox" aria-label="Results" style={{ opacity: state.loading ? 0.55 : 1 }}>
              {hits.map((hit, i) => (
                <SearchResult key={hit.article.id} hit={hit} selected={i === selected} id={`result-${i}`} />
              ))}
            </Stack>
            {data && (cursor || data.nextCursor) && (
              <Group justify="space-between">
                <Button
                  variant="default"
                  size="xs"
                  disabled={!cursor}
                  onClick={() => {
                    const back = cursors.at(-1) ?? null;
                    setPrevious({ key: filterKey, cursors: cursors.slice(0, -1) });
                    setQuery({ cursor: back });
                  }}
                >
                  ← Previous
                </Button>
                <Text size="sm" c="dimmed">
                  {firstShown ? `${firstShown}–${firstShown + hits.length - 1} of ${data.total}` : `${hits.length} more of ${data.total}`}
                </Text>
                <Button
                  variant="default"
                  size="xs"
                  disabled={!data.nextCursor}
                  onClick={() => {
                    setPrevious({ key: filterKey, cursors: [...cursors, cursor] });
                    setQuery({ cursor: data.nextCursor });
                  }}
                >
                  Next →
                </Button>
              </Group>
            )}
            {data && hits.length > 0 && (
              <Text size="xs" c="dimmed">
                <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> in the search box choose a result, <Kbd size="xs">Enter</Kbd> opens it.
              </Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
