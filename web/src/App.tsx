/** The page shell and the routes. Chart pages load their code (echarts, the basemap) only when opened. */
import { AppShell, Container } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { lazy, Suspense, type ReactNode } from 'react';
import { AppHeader } from './components/AppHeader.js';
import { Empty, Loading } from './components/status.js';
import { navigate, useLocation } from './lib/router.js';
import { focusSearchBox } from './lib/search-focus.js';
import { ArticlePage } from './pages/ArticlePage.js';
import { SearchPage } from './pages/SearchPage.js';
import { StoriesPage } from './pages/StoriesPage.js';
import { StoryPage } from './pages/StoryPage.js';

const ActorPage = lazy(() => import('./pages/ActorPage.js').then((m) => ({ default: m.ActorPage })));
const GraphPage = lazy(() => import('./pages/GraphPage.js').then((m) => ({ default: m.GraphPage })));
const MapPage = lazy(() => import('./pages/MapPage.js').then((m) => ({ default: m.MapPage })));

interface Route {
  pattern: RegExp;
  render: (params: string[]) => ReactNode;
}

const ROUTES: Route[] = [
  { pattern: /^\/$/, render: () => <SearchPage /> },
  { pattern: /^\/article\/([^/]+)$/, render: ([id]) => <ArticlePage id={id!} /> },
  { pattern: /^\/stories$/, render: () => <StoriesPage /> },
  { pattern: /^\/story\/([^/]+)$/, render: ([id]) => <StoryPage id={id!} /> },
  { pattern: /^\/actor\/([^/]+)$/, render: ([code]) => <ActorPage code={code!} /> },
  { pattern: /^\/graph$/, render: () => <GraphPage /> },
  { pattern: /^\/map$/, render: () => <MapPage /> },
];

function Page({ path }: { path: string }) {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match) return <>{route.render(match.slice(1).map(decodeURIComponent))}</>;
  }
  return <Empty title="No such page">The address {path} is not a page of the dashboard. Use the links at the top.</Empty>;
}

export function App() {
  const { path } = useLocation();
  // "/" is the search shortcut everywhere; from another page it opens the search page first.
  useHotkeys([
    [
      '/',
      () => {
        if (path !== '/') navigate('/');
        focusSearchBox();
      },
    ],
  ]);
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <AppHeader />
      </AppShell.Header>
      <AppShell.Main bg="gray.0">
        <Container size="xl" px={0}>
          <Suspense fallback={<Loading what="the page" />}>
            <Page path={path} />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
