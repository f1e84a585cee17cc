/**
 * End-to-end: the built dashboard (dist/web) served by the real API over a real store holding the sample
 * corpus, driven in Debian's Chromium. Every page is checked against what the API says the store holds,
 * and a full-page screenshot of each goes to test-results/<page>.png for a person to look at.
 *
 * Skips when /usr/bin/chromium is missing (`.ci/run` installs it) or the dashboard is not built
 * (`npm run build`).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../src/api/server.js';
import { ingest } from '../../src/pipeline/ingest.js';
import { updateStories } from '../../src/pipeline/stories.js';
import { Store } from '../../src/store/store.js';
import { REPO, tempDir } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const WEB_ROOT = path.join(REPO, 'dist', 'web');
const SCREENSHOTS = path.join(REPO, 'test-results');
/** Results per page of the search page (web/src/pages/SearchPage.tsx). */
const PAGE_SIZE = 10;
const ready = existsSync(CHROMIUM) && existsSync(path.join(WEB_ROOT, 'index.html'));

interface Listed<T> {
  items: T[];
  nextCursor: string | null;
}

describe.skipIf(!ready)('dashboard in Chromium', () => {
  const tmp = tempDir('sitrep-e2e-');
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];
  /** What the Content-Security-Policy the server sends refused (Chromium reports it on the console). */
  const refusedByPolicy: string[] = [];

  /** A JSON route of the running API, as the dashboard sees it. */
  async function api<T>(route: string): Promise<T> {
    const response = await fetch(`${base}${route}`);
    expect(response.ok, `${route} answered ${response.status}`).toBe(true);
    return (await response.json()) as T;
  }

  async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  const pathname = () => new URL(page.url()).pathname;
  const param = (name: string) => new URL(page.url()).searchParams.get(name);

  beforeAll(async () => {
    store = await Store.open(tmp.dir);
    await ingest([path.join(REPO, 'samples')], store);
    await updateStories(store.stories);
    server = await serve(store, { host: '127.0.0.1', port: 0, webRoot: WEB_ROOT });
    base = server.url.replace(/\/$/, '');
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    tmp.cleanup();
  });

  it('searches, narrows by a facet and opens a result from the keyboard', async () => {
    const stats = await api<{ articles: number }>('/api/stats');
    await page.goto(`${base}/`);
    const count = page.getByTestId('result-count');
    await expect.poll(() => count.textContent()).toBe(`${stats.articles} articles`);
    await expect.poll(() => page.getByTestId('stats').textContent()).toContain(`${stats.articles} articles`);

    await page.locator('#search-box').fill('Lavrov');
    await expect.poll(() => param('q')).toBe('Lavrov');
    const expected = await api<{ total: number; items: unknown[] }>('/api/search?q=Lavrov');
    expect(expected.total).toBeGreaterThan(1);
    expect(expected.total).toBeLessThan(stats.articles);
    await expect.poll(() => count.textContent()).toBe(`${expected.total} articles for “Lavrov”`);
    const marks = await page.locator('#search-results mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.toLowerCase()).toContain('lavrov');

    // The first outlet of the facet: choosing it leaves exactly its count, all from that outlet.
    const outlet = page.getByTestId('facet-outlet').getByRole('button').first();
    const [label, facetCount] = [await outlet.locator('p').first().textContent(), Number(await outlet.locator('.mantine-Badge-root').textContent())];
    await outlet.click();
    await expect.poll(() => param('source')).toBe(label);
    await expect.poll(() => count.textContent()).toBe(`${facetCount} ${facetCount === 1 ? 'article' : 'articles'} for “Lavrov”`);
    await expect.poll(() => page.getByRole('option').count()).toBe(Math.min(facetCount, PAGE_SIZE));
    await screenshot('search');

    // Cursor pages: the unfiltered list has two pages of ten on the sample corpus.
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByRole('option').count()).toBe(Math.min(stats.articles, PAGE_SIZE));
    const firstPage = await page.locator('[data-result-link]').allTextContents();
    await page.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => param('cursor')).not.toBeNull();
    await expect.poll(() => page.locator('[data-result-link]').first().textContent()).not.toBe(firstPage[0]);
    const secondPage = await page.locator('[data-result-link]').allTextContents();
    expect(secondPage.length).toBe(Math.min(stats.articles - PAGE_SIZE, PAGE_SIZE));
    expect(secondPage.filter((t) => firstPage.includes(t))).toEqual([]);
    await page.getByRole('button', { name: '← Previous' }).click();
    await expect.poll(() => param('cursor')).toBeNull();
    await expect.poll(() => page.locator('[data-result-link]').allTextContents()).toEqual(firstPage);

    // "/" focuses the box from anywhere; arrows choose a result, Enter opens it.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    expect(await page.locator('#search-box:focus').count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('[role=option][aria-selected=true]').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(pathname).toMatch(/^\/article\/[0-9a-f]{16}$/);
  });

  it('says so when nothing matches', async () => {
    await page.goto(`${base}/?q=xylophonequartzwombat`);
    await page.getByTestId('empty').waitFor();
    expect(await page.getByTestId('empty').textContent()).toContain('No articles match');
  });

  it('reads an article with its facts highlighted, and shows a fact on hover and on focus', async () => {
    // The article with the most coded events, and its facts as the API gives them.
    const events = await api<Listed<{ articleId: string }>>('/api/events?limit=500');
    const perArticle = new Map<string, number>();
    for (const e of events.items) perArticle.set(e.articleId, (perArticle.get(e.articleId) ?? 0) + 1);
    const [id] = [...perArticle].sort((a, b) => b[1] - a[1])[0]!;
    const article = await api<{
      title: string;
      events: { type: string; source: { name: string } }[];
      quotes: { cue: { text: string } }[];
      mentions: { actor: { code: string | null } | null }[];
    }>(`/api/articles/${id}`);

    await page.goto(`${base}/article/${id}`);
    await expect.poll(() => page.getByTestId('article-title').textContent()).toBe(article.title);
    const text = page.getByTestId('article-text');
    expect(await text.locator('.hl-event').count()).toBeGreaterThan(0);
    expect(await text.locator('.hl-mention').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('legend').textContent()).toContain(`Event triggers (${article.events.length})`);

    const card = page.getByTestId('fact-card');
    const trigger = page.getByTestId('article-text').locator('.hl-event').first();
    const eventIndex = Number(/event-(\d+)/.exec((await trigger.getAttribute('data-facts')) ?? '')![1]);
    await trigger.hover();
    await card.waitFor();
    const event = article.events[eventIndex]!;
    expect(await card.textContent()).toContain(event.type);
    expect(await card.textContent()).toContain(event.source.name);
    await page.mouse.move(0, 0);
    await card.waitFor({ state: 'detached' });

    if (article.quotes.length > 0) {
      const quote = page.locator('[data-kinds~=quote]').first();
      await quote.focus();
      await card.waitFor();
      expect(await card.textContent()).toContain('Speaker');
      await page.keyboard.press('Escape');
      await card.waitFor({ state: 'detached' });
    }

    // A mention in the middle of the first screen, so that its card leaves the headline visible and the
    // page need not scroll (a scrolled page's fixed header would land mid-page in the screenshot).
    await page.evaluate('window.scrollTo(0, 0)');
    const mentions = text.locator('a.hl-mention');
    let mention = mentions.first();
    for (let i = 0; i < (await mentions.count()); i++) {
      const box = await mentions.nth(i).boundingBox();
      if (box && box.y > 450 && box.y + box.height < 800) {
        mention = mentions.nth(i);
        break;
      }
    }
    const href = await mention.getAttribute('href');
    const code = decodeURIComponent(href!.replace('/actor/', ''));
    expect(article.mentions.some((m) => m.actor?.code === code)).toBe(true);
    await mention.hover();
    await card.waitFor();
    expect(await card.textContent()).toContain(code);
    await screenshot('article');
    await mention.click();
    await expect.poll(pathname).toBe(`/actor/${code}`);
  });

  it('answers an unknown article with the API’s own message', async () => {
    await page.goto(`${base}/article/ffffffffffff`);
    const alert = page.getByTestId('error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Not found');
    expect(await alert.textContent()).toContain('ffffffffffff');
  });

  it('lists stories and compares one: timeline, sources side by side, disagreements, coverage', async () => {
    const stories = await api<Listed<{ id: string; title: string }>>('/api/stories?limit=500');
    expect(stories.items.length).toBeGreaterThan(1);
    const comparisons = await Promise.all(
      stories.items.map((s) =>
        api<{ id: string; title: string; timeline: unknown[]; disagreements: { a: { text: string }; b: { text: string } }[]; outlets: { outlet: string }[] }>(
          `/api/stories/${s.id}`,
        ),
      ),
    );
    // The story whose outlets disagree most (the Kim–Putin summit: entry date, length of the talks).
    const story = comparisons.sort((a, b) => b.disagreements.length - a.disagreements.length)[0]!;
    expect(story.disagreements.length).toBeGreaterThan(0);

    await page.goto(`${base}/stories`);
    await expect.poll(() => page.getByTestId('story-card').count()).toBe(stories.items.length);
    await screenshot('stories');
    await page.getByRole('link', { name: story.title, exact: true }).click();
    await expect.poll(pathname).toBe(`/story/${story.id}`);

    await expect.poll(() => page.getByTestId('story-title').textContent()).toBe(story.title);
    await expect.poll(() => page.getByTestId('timeline-list').locator('.mantine-Timeline-item').count()).toBe(story.timeline.length);
    const headers = await page.getByTestId('side-by-side-table').locator('th').allTextContents();
    expect(headers.slice(1)).toEqual(story.outlets.map((o) => o.outlet));
    expect(story.outlets.length).toBeGreaterThan(1);
    expect(await page.getByTestId('disagreement').count()).toBe(story.disagreements.length);
    // Both evidence sentences side by side, each with the value it gives (dates are shown as dates).
    const first = page.getByTestId('disagreement').first();
    expect(await first.textContent()).toContain(story.disagreements[0]!.a.text);
    expect(await first.textContent()).toContain(story.disagreements[0]!.b.text);
    const values = await first.getByTestId('disagreement-value').allTextContents();
    expect(values).toHaveLength(2);
    expect(values[0]).not.toBe(values[1]);
    expect(await page.getByTestId('coverage-table').locator('tbody tr').count()).toBe(story.outlets.length);
    expect(await page.getByTestId('coverage').textContent()).toContain('AFINN');
    await screenshot('story');
  });

  it('charts an actor’s counterparts by quad class, by month and by week', async () => {
    const detail = await api<{ actor: { name: string }; counterparts: { code: string }[] }>('/api/actors/PRK');
    await page.goto(`${base}/actor/PRK`);
    await expect.poll(() => page.getByTestId('actor-name').textContent()).toBe(detail.actor.name);
    const chart = page.getByTestId('relation-chart');
    await chart.locator('svg').waitFor();
    expect(await chart.locator('svg').textContent()).toContain('Verbal cooperation');
    expect(await chart.locator('svg path').count()).toBeGreaterThan(4);
    expect(await page.getByTestId('counterparts').textContent()).toContain('RUS');
    expect(await page.getByTestId('counterparts').locator('tbody tr').count()).toBe(detail.counterparts.length);
    await screenshot('actor');

    await page.getByText('By week').click();
    await expect.poll(() => param('period')).toBe('week');
    await expect.poll(async () => (await chart.locator('svg').textContent().catch(() => '')) ?? '').toContain('week starting');
  });

  it('draws the relation graph with the two blocs of the sample corpus', async () => {
    await page.goto(`${base}/graph`);
    const graph = page.getByTestId('relation-graph');
    await graph.locator('svg text').first().waitFor();
    const labels = await graph.locator('svg text').allTextContents();
    for (const code of ['PRK', 'RUS', 'CHN', 'KOR', 'USA', 'JPN']) expect(labels).toContain(code);
    const blocs = await page.getByTestId('blocs').locator('p').allTextContents();
    const blocOf = (name: string) => blocs.findIndex((b) => b.split(', ').includes(name));
    const north = blocOf('North Korea');
    const south = blocOf('South Korea');
    expect(north).toBeGreaterThanOrEqual(0);
    expect(south).toBeGreaterThanOrEqual(0);
    expect(north).not.toBe(south);
    expect(blocOf('Russia')).toBe(north);
    expect(blocOf('China')).toBe(north);
    expect(blocOf('United States')).toBe(south);
    expect(blocOf('Japan')).toBe(south);
    await screenshot('graph');

    // An actor's label opens its page.
    await graph.locator('svg text', { hasText: /^PRK$/ }).click();
    await expect.poll(pathname).toBe('/actor/PRK');
  });

  it('maps event locations on the bundled basemap', async () => {
    const places = await api<{ items: { name: string; events: number }[] }>('/api/places');
    expect(places.items.length).toBeGreaterThan(0);
    await page.goto(`${base}/map`);
    const map = page.getByTestId('event-map');
    await map.locator('svg').waitFor();
    // The basemap's countries are drawn (Natural Earth 110m has 177), and the busiest place is labelled.
    await expect.poll(() => map.locator('svg path').count()).toBeGreaterThan(150);
    const busiest = [...places.items].sort((a, b) => b.events - a.events)[0]!;
    expect(await map.locator('svg').textContent()).toContain(busiest.name);
    expect(await page.getByTestId('places').locator('tr').count()).toBe(places.items.length);

    // Hovering a place's circle (drawn in the scatter colour) names the place and its event count.
    const circle = map.locator('svg path[fill="rgb(54,79,199)"]').first();
    const box = (await circle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = map.locator('div', { hasText: /\d+ events?/ }).last();
    await tooltip.waitFor();
    const tip = (await tooltip.textContent()) ?? '';
    expect(places.items.some((p) => tip.startsWith(p.name) && tip.includes(`${p.events} event`))).toBe(true);
    await screenshot('map');
  });

  it('downloads events as GDELT CSV and JSON Lines', async () => {
    const events = await api<Listed<unknown>>('/api/events?limit=500');
    await page.goto(`${base}/`);
    const links = page.getByTestId('event-export');
    await links.waitFor();

    const [csv] = await Promise.all([page.waitForEvent('download'), links.getByText('GDELT CSV').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const rows = readFileSync((await csv.path())!, 'utf8').trimEnd().split(/\r?\n/);
    const header = rows[0]!.split(',');
    expect(header).toHaveLength(61);
    expect(header[0]).toBe('GlobalEventID');
    expect(header.at(-1)).toBe('SOURCEURL');
    // One GDELT row per event and target, so at least one per stored event.
    expect(rows.length - 1).toBeGreaterThanOrEqual(events.items.length);

    // The links carry the page's filters: with an event type chosen, only events of that type come.
    const consults = await api<Listed<unknown>>('/api/events?type=CONSULT&limit=500');
    expect(consults.items.length).toBeGreaterThan(0);
    await page.goto(`${base}/?type=CONSULT`);
    await links.waitFor();
    const [jsonl] = await Promise.all([page.waitForEvent('download'), links.getByText('JSON Lines').click()]);
    expect(jsonl.suggestedFilename()).toMatch(/\.jsonl$/);
    const lines = readFileSync((await jsonl.path())!, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; articleId: string });
    expect(lines).toHaveLength(consults.items.length);
    expect(lines.every((e) => e.type === 'CONSULT' && typeof e.articleId === 'string')).toBe(true);
  });

  it('asked nothing of the network beyond its own server and threw no script error', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(refusedByPolicy).toEqual([]);
  });
});
