/**
 * The HTTP API over a real store holding the bundled sample corpus (ingested once per back end), through
 * `app.request` without a socket, and through a real socket for what only a socket shows (bodies, Host).
 * Every answer is checked against what the store itself says, not against fixed numbers.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request as httpRequest } from 'node:http';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Store } from '../src/store/store.js';
import { ingest } from '../src/pipeline/ingest.js';
import { updateStories } from '../src/pipeline/stories.js';
import { createApi } from '../src/api/app.js';
import { serve } from '../src/api/server.js';
import { TokenBuckets } from '../src/api/limits.js';
import { GDELT_COLUMNS } from '../src/export/gdelt.js';
import { annotateArticle } from '../src/facts/annotate.js';
import { BACKENDS, REPO, storeTarget, tempDir } from './helpers.js';
import { parseCsv } from './csv.js';

type Json = Record<string, any>;
const SAMPLES = path.join(REPO, 'samples');
const INJECTIONS = [`'; DROP TABLE articles; --`, `%' OR 1=1 --`, `") OR ("1"="1`, `\\'; SELECT pg_sleep(5); --`, `$1`, `%`, `_`];

/** A web root with a page, an asset, a secret beside the root and a link inside it leading out. */
function webFixture(dir: string): { root: string; secret: string } {
  const root = path.join(dir, 'web');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>sitrep dashboard</title><div id="root"></div>');
  writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'console.log("dashboard");');
  writeFileSync(path.join(root, 'assets', 'style.css'), 'body { margin: 0 }');
  const secret = 'TOP-SECRET-NOT-FOR-THE-WEB';
  writeFileSync(path.join(dir, 'secret.txt'), secret);
  symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'leak.txt'));
  return { root, secret };
}

describe.each(BACKENDS)('HTTP API on %s', (backend) => {
  const tmp = tempDir('sitrep-api-');
  const web = webFixture(tmp.dir);
  let store: Store;
  let app: OpenAPIHono;
  let cleanup: () => Promise<void>;
  let stats: Json;

  const get = async (url: string, init?: RequestInit) => {
    const response = await app.request(url, init);
    const type = response.headers.get('content-type') ?? '';
    const body = type.includes('json') ? ((await response.json()) as Json) : await response.text();
    return { status: response.status, body: body as any, headers: response.headers };
  };
  const ok = async (url: string) => {
    const r = await get(url);
    expect(r.status, `${url}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
    return r.body;
  };
  /** Every item of a paged list, following nextCursor; fails on a repeated cursor. */
  const walk = async (url: string, limit: number) => {
    const items: Json[] = [];
    const cursors = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const page: Json = await ok(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (cursor) {
        expect(cursors.has(cursor)).toBe(false);
        cursors.add(cursor);
        expect(page.items.length).toBe(limit);
      }
      pages++;
    } while (cursor);
    return { items, pages };
  };
  const expectError = async (url: string, status: number, code: string, mentions: RegExp) => {
    const r = await get(url);
    expect(r.status, `${url} answered ${r.status}: ${JSON.stringify(r.body)}`).toBe(status);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toMatch(mentions);
    return r.body.error.message as string;
  };

  beforeAll(async () => {
    const target = await storeTarget(backend);
    cleanup = target.cleanup;
    store = await Store.open(target.target);
    await ingest([SAMPLES], store);
    await updateStories(store.stories);
    app = createApi(store, { webRoot: web.root });
    stats = await ok('/api/stats');
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
    tmp.cleanup();
  });

  describe('documentation and stats', () => {
    it('serves an OpenAPI 3.1 document listing every API route the app has', async () => {
      const doc = await ok('/api/openapi.json');
      expect(doc.openapi).toBe('3.1.0');
      const documented = new Set(Object.keys(doc.paths));
      const routes = new Set(
        app.routes.filter((r) => r.method === 'GET' && r.path.startsWith('/api/') && !r.path.includes('*')).map((r) => r.path.replace(/:(\w+)/g, '{$1}')),
      );
      expect(routes.size).toBeGreaterThanOrEqual(19);
      expect([...routes].sort()).toEqual([...documented].sort());
      for (const p of ['/api/articles', '/api/search', '/api/events', '/api/quotes', '/api/actors/{code}', '/api/graph', '/api/places', '/api/stories/{id}', '/api/export/events.csv', '/api/export/mentions.jsonl']) {
        expect(documented.has(p), p).toBe(true);
      }
      const limit = doc.paths['/api/articles'].get.parameters.find((p: Json) => p.name === 'limit');
      expect(limit).toMatchObject({ in: 'query', required: false });
      expect(doc.paths['/api/events'].get.parameters.find((p: Json) => p.name === 'type').schema.enum).toContain('CONSULT');
    });

    it('counts what the store holds', async () => {
      expect(stats).toMatchObject(await store.counts());
      expect(stats.events).toBeGreaterThan(50);
      expect(stats.quotes).toBeGreaterThan(50);
      expect(stats.stories).toBeGreaterThan(1);
      expect(stats.stories).toBeLessThan(stats.articles);
      expect(stats.outlets).toBe(new Set((await store.listArticles()).flatMap((a) => (a.source ? [a.source.toLowerCase()] : []))).size);
      expect(Date.parse(stats.first)).toBeLessThan(Date.parse(stats.last));
    });
  });

  describe('articles', () => {
    it('walks every article newest first through cursor pages without repeats, with story ids and no text', async () => {
      const { items, pages } = await walk('/api/articles', 6);
      expect(pages).toBe(Math.ceil(stats.articles / 6));
      expect(items.map((a) => a.id)).toEqual((await store.listArticles()).map((a) => a.id));
      for (const a of items) {
        expect(a).not.toHaveProperty('text');
        expect(a).not.toHaveProperty('origin');
        expect(a.storyId).toMatch(/\S/);
      }
    });

    it('filters by outlet, dates, actor, event type and status', async () => {
      const all = (await walk('/api/articles', 500)).items;
      const outlet = all[0]!.source as string;
      const byOutlet = (await ok(`/api/articles?source=${encodeURIComponent(outlet.toUpperCase())}`)).items;
      expect(byOutlet.length).toBe(all.filter((a) => a.source === outlet).length);

      const september = (await ok('/api/articles?since=2023-09-01&until=2023-09-30')).items;
      expect(september.length).toBeGreaterThan(0);
      for (const a of september) expect(Date.parse(a.published) >= Date.parse('2023-09-01T00:00:00Z') && Date.parse(a.published) < Date.parse('2023-10-01T00:00:00Z')).toBe(true);
      expect(september.length).toBe(all.filter((a) => Date.parse(a.published) >= Date.parse('2023-09-01T00:00:00Z') && Date.parse(a.published) < Date.parse('2023-10-01T00:00:00Z')).length);

      const consults = (await ok('/api/articles?type=CONSULT&status=asserted')).items;
      expect(consults.length).toBeGreaterThan(0);
      expect(consults.length).toBeLessThan(all.length);
      for (const a of consults) {
        const events = (await ok(`/api/events?article=${a.id}&type=CONSULT&status=asserted`)).items;
        expect(events.length, a.id).toBeGreaterThan(0);
      }

      const china = (await ok('/api/articles?actor=chn')).items;
      for (const a of china) expect((await store.mentions(a.id)).some((m) => m.actor?.code?.startsWith('CHN'))).toBe(true);
      const withoutChina = all.filter((a) => !china.some((c: Json) => c.id === a.id));
      for (const a of withoutChina) expect((await store.mentions(a.id)).some((m) => m.actor?.code?.startsWith('CHN'))).toBe(false);
    });

    it('gives one article by id or prefix with text, sightings, mentions, events, quotes and its story', async () => {
      const [first] = (await ok('/api/articles?limit=1')).items;
      const article = await ok(`/api/articles/${first.id.slice(0, 8)}`);
      expect(article.id).toBe(first.id);
      expect(article.text.length).toBeGreaterThan(1000);
      expect(article.sightings.length).toBeGreaterThan(0);
      for (const m of article.mentions) expect(article.text.slice(m.span.start, m.span.end)).toBe(m.text);
      for (const e of article.events) {
        expect(e.articleId).toBe(article.id);
        expect(article.text.slice(e.trigger.start, e.trigger.end)).toBe(e.trigger.text);
      }
      expect(article.events.length).toBe((await store.events({ articleId: article.id })).length);
      expect(article.quotes.length).toBe((await store.quotes({ articleId: article.id })).length);
      const story = await ok(`/api/stories/${article.storyId}`);
      expect(story.articles.map((a: Json) => a.id)).toContain(article.id);
    });
  });

  describe('search', () => {
    it('ranks matches, marks snippets and pages through all of them', async () => {
      const first = await ok('/api/search?q=drills&limit=3');
      expect(first.total).toBeGreaterThan(3);
      expect(first.items[0].snippet).toMatch(/«[^»]*»/);
      const { items } = await walk('/api/search?q=drills', 2);
      expect(items.length).toBe(first.total);
      expect(new Set(items.map((i) => i.article.id)).size).toBe(items.length);
      for (let i = 1; i < items.length; i++) expect(items[i]!.rank).toBeLessThanOrEqual(items[i - 1]!.rank);
      expect((await ok('/api/search?q=xylophonequartzwombat')).total).toBe(0);
    });

    it('with an empty query lists every article matching the filters', async () => {
      const r = await ok('/api/search?q=&limit=5');
      expect(r.total).toBe(stats.articles);
      expect(r.items.map((i: Json) => i.article.id)).toEqual((await store.listArticles({ limit: 5 })).map((a) => a.id));
    });

    it('counts each facet over all matches: choosing a value gives exactly its count', async () => {
      const checks: Array<[string, string]> = [];
      for (const base of ['q=drills', 'q=', 'q=Russia&type=CONSULT']) {
        const r = await ok(`/api/search?${base}&limit=1`);
        const facets = r.facets;
        expect(facets.month.reduce((n: number, f: Json) => n + f.count, 0)).toBe(r.total);
        // Articles without an outlet have no source value.
        const unsourced = (await walk(`/api/search?${base}`, 500)).items.filter((i) => i.article.source === null).length;
        expect(facets.source.reduce((n: number, f: Json) => n + f.count, 0) + unsourced).toBe(r.total);
        for (const f of facets.source) checks.push([`${base}&source=${encodeURIComponent(f.value)}`, f.count]);
        for (const f of facets.actor.slice(0, 8)) {
          expect(f.name).not.toBe('');
          checks.push([`${base}&actor=${f.value}`, f.count]);
        }
        for (const f of facets.type) if (!base.includes('type=')) checks.push([`${base}&type=${f.value}`, f.count]);
        for (const f of facets.status) checks.push([`${base}&status=${f.value}`, f.count]);
        for (const f of facets.month) {
          const [y, m] = f.value.split('-').map(Number);
          const last = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
          checks.push([`${base}&since=${f.value}-01&until=${f.value}-${last}`, f.count]);
        }
      }
      expect(checks.length).toBeGreaterThan(20);
      for (const [url, count] of checks) expect((await ok(`/api/search?${url}&limit=1`)).total, url).toBe(count);
    });
  });

  describe('facts', () => {
    it('walks every event latest first through cursor pages without repeats', async () => {
      const { items } = await walk('/api/events', 17);
      expect(items.length).toBe(stats.events);
      expect(new Set(items.map((e) => `${e.articleId}:${e.ordinal}`)).size).toBe(items.length);
      const day = (e: Json) => e.date?.value ?? e.published.slice(0, 10);
      for (let i = 1; i < items.length; i++) expect(day(items[i]!) <= day(items[i - 1]!)).toBe(true);
    });

    it('filters events as `sitrep events` does', async () => {
      const checks: Array<[string, (e: Json) => boolean]> = [
        ['actor=rus', (e) => e.source.code.startsWith('RUS') || e.targets.some((t: Json) => t.code?.startsWith('RUS'))],
        ['source=PRK', (e) => e.source.code.startsWith('PRK')],
        ['target=KOR', (e) => e.targets.some((t: Json) => t.code?.startsWith('KOR'))],
        ['type=CONSULT', (e) => e.type === 'CONSULT'],
        ['status=denied', (e) => e.status === 'denied'],
        ['since=2023-09-01&until=2023-09-30', (e) => (e.date?.value ?? e.published.slice(0, 10)) >= '2023-09-01' && (e.date?.value ?? e.published).slice(0, 10) <= '2023-09-30'],
      ];
      const all = (await walk('/api/events', 500)).items;
      for (const [query, test] of checks) {
        const items = (await walk(`/api/events?${query}`, 500)).items;
        expect(items.length, query).toBeGreaterThan(0);
        expect(items.length, query).toBe(all.filter(test).length);
      }
      const store1 = await store.events({ actor: 'RUS', type: 'CONSULT' });
      const api1 = (await ok('/api/events?actor=RUS&type=CONSULT&limit=500')).items;
      expect(api1.map((e: Json) => `${e.articleId}:${e.trigger.start}`).sort()).toEqual(store1.map((e) => `${e.articleId}:${e.trigger.start}`).sort());
    });

    it('lists quotes by speaker, and pages through them all', async () => {
      const { items } = await walk('/api/quotes', 40);
      expect(items.length).toBe(stats.quotes);
      expect(new Set(items.map((q) => `${q.articleId}:${q.ordinal}`)).size).toBe(items.length);
      const matsegora = (await ok('/api/quotes?speaker=matsegora')).items;
      expect(matsegora.length).toBeGreaterThan(0);
      for (const q of matsegora) expect(`${q.speaker.name ?? q.speaker.text}`.toLowerCase()).toContain('matsegora');
    });

    it('places events on the map with their types', async () => {
      const { items } = await ok('/api/places');
      expect(items.length).toBeGreaterThan(2);
      for (const p of items) {
        expect(Number.isFinite(p.lat) && Number.isFinite(p.lon)).toBe(true);
        expect(Object.values(p.types as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(p.events);
      }
      expect(items.some((p: Json) => p.name === 'Pyongyang' && p.kind === 'city')).toBe(true);
      for (const p of (await ok('/api/places?type=CONSULT')).items) expect(Object.keys(p.types)).toEqual(['CONSULT']);
    });
  });

  describe('actors and relations', () => {
    it('lists actors most mentioned first, through cursor pages, and finds them by name or code', async () => {
      const { items } = await walk('/api/actors', 25);
      expect(items.length).toBe((await store.actors({ limit: 100000 })).length);
      for (let i = 1; i < items.length; i++) expect(items[i]!.mentions).toBeLessThanOrEqual(items[i - 1]!.mentions);
      const korea = (await ok('/api/actors?q=korea')).items;
      expect(korea.length).toBeGreaterThan(1);
      for (const a of korea) expect(a.name.toLowerCase()).toContain('korea');
      const rusgov = (await ok('/api/actors?q=rusgov')).items;
      expect(rusgov.length).toBeGreaterThan(0);
      for (const a of rusgov) expect(a.code).toMatch(/^RUSGOV/);
    });

    it("gives an actor's counterparts and a series whose quad classes add up to them", async () => {
      for (const period of ['month', 'week']) {
        const profile = await ok(`/api/actors/prk?period=${period}`);
        expect(profile.actor).toMatchObject({ code: 'PRK', name: 'North Korea', country: 'PRK' });
        const russia = profile.counterparts.find((c: Json) => c.code === 'RUS');
        expect(russia.cooperation).toBeGreaterThan(russia.conflict);
        for (const c of profile.counterparts) {
          const points = profile.series.filter((s: Json) => s.counterpart === c.code);
          const sum = (keys: string[]) => points.reduce((n: number, s: Json) => n + keys.reduce((m, k) => m + s[k], 0), 0);
          expect(sum(['verbalCooperation', 'materialCooperation']), c.code).toBe(c.cooperation);
          expect(sum(['verbalConflict', 'materialConflict']), c.code).toBe(c.conflict);
          expect(c.cooperation + c.conflict).toBe(c.events);
        }
        for (const s of profile.series) {
          if (period === 'month') expect(s.period).toMatch(/^\d{4}-\d\d$/);
          else expect(new Date(`${s.period}T00:00:00Z`).getUTCDay()).toBe(1);
        }
        expect(profile.events.length).toBeGreaterThan(0);
        for (const e of profile.events) expect(e.source.code.startsWith('PRK') || e.targets.some((t: Json) => t.code?.startsWith('PRK'))).toBe(true);
        for (const a of profile.articles) expect(a.storyId).toMatch(/\S/);
      }
      const coded = await ok('/api/actors/RUSGOVMIL?level=code');
      expect(coded.counterparts.every((c: Json) => !c.code.startsWith('RUSGOVMIL'))).toBe(true);
    });

    it('draws the relation graph with the blocs of the sample story', async () => {
      const graph = await ok('/api/graph');
      const ids = new Set(graph.nodes.map((n: Json) => n.id));
      expect(ids.size).toBe(graph.nodes.length);
      const edge = (a: string, b: string) => graph.edges.find((e: Json) => (e.source === a && e.target === b) || (e.source === b && e.target === a));
      for (const e of graph.edges) {
        expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
        expect(e.source < e.target).toBe(true);
        expect(e.cooperation + e.conflict).toBe(e.events);
      }
      // DPRK–Russia–China cooperate; so do South Korea, the US and Japan; across the blocs, conflict is reported.
      for (const [a, b] of [['PRK', 'RUS'], ['KOR', 'USA'], ['JPN', 'USA'], ['JPN', 'KOR']]) {
        expect(edge(a!, b!)?.cooperation, `${a}–${b}`).toBeGreaterThan(edge(a!, b!)?.conflict ?? Infinity);
      }
      expect(edge('PRK', 'USA').conflict).toBeGreaterThan(0);
      const strong = await ok('/api/graph?minEvents=4');
      expect(strong.edges.length).toBeLessThan(graph.edges.length);
      for (const e of strong.edges) expect(e.events).toBeGreaterThanOrEqual(4);
      const coded = await ok('/api/graph?level=code');
      expect(coded.nodes.some((n: Json) => n.id.length > 3)).toBe(true);
      const summer = await ok('/api/graph?until=2023-07-31');
      expect(summer.edges.reduce((n: number, e: Json) => n + e.events, 0)).toBeLessThan(graph.edges.reduce((n: number, e: Json) => n + e.events, 0));
    });
  });

  describe('stories', () => {
    it('pages through stories and compares one across its sources', async () => {
      const { items } = await walk('/api/stories', 4);
      expect(items.length).toBe(stats.stories);
      expect(new Set(items.map((s) => s.id)).size).toBe(items.length);
      const biggest = [...items].sort((a, b) => b.articleCount - a.articleCount)[0]!;
      expect(biggest.articleCount).toBeGreaterThan(1);
      const story = await ok(`/api/stories/${biggest.id}`);
      expect(story).toMatchObject({ id: biggest.id, articleCount: biggest.articleCount });
      for (const key of ['timeline', 'quotes', 'disagreements', 'outlets']) expect(Array.isArray(story[key]), key).toBe(true);
      expect(story.timeline.length).toBeGreaterThan(0);
      const actor = biggest.actors.find((a: Json) => a.code).code as string;
      const byActor = (await ok(`/api/stories?actor=${actor}&limit=500`)).items;
      expect(byActor.map((s: Json) => s.id)).toContain(biggest.id);
    });
  });

  describe('exports', () => {
    it('writes events in the GDELT 2.0 layout: 61 columns, one row per event and target', async () => {
      const r = await app.request('/api/export/events.csv');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="sitrep-events-gdelt\.csv"/);
      const [header, ...rows] = parseCsv(await r.text());
      expect(header).toEqual([...GDELT_COLUMNS]);
      expect(header).toHaveLength(61);
      // One row per event and target, but none for a denied conflict: the text says it did not happen (docs/api.md).
      const rowsOf = (events: Json[]) => events.filter((e) => !(e.status === 'denied' && e.quadClass > 2)).reduce((n, e) => n + Math.max(1, e.targets.length), 0);
      const events = (await walk('/api/events', 500)).items;
      expect(rows.length).toBe(rowsOf(events));
      const col = (row: string[], name: (typeof GDELT_COLUMNS)[number]) => row[GDELT_COLUMNS.indexOf(name)]!;
      for (const row of rows) {
        expect(row).toHaveLength(61);
        expect(col(row, 'GlobalEventID')).toMatch(/^\d+$/);
        expect(col(row, 'EventRootCode')).toBe(col(row, 'EventCode').slice(0, 2));
        expect(['1', '2', '3', '4']).toContain(col(row, 'QuadClass'));
        expect(col(row, 'Day')).toMatch(/^(\d{8})?$/);
        expect(col(row, 'Year')).toMatch(/^\d{4}$/);
        expect(col(row, 'DATEADDED')).toMatch(/^\d{14}$/);
        expect(col(row, 'SOURCEURL')).toMatch(/^(https?:\/\/\S+)?$/);
        expect(col(row, 'GoldsteinScale')).toBe('');
        if (col(row, 'Actor1CountryCode')) expect(col(row, 'Actor1Code').startsWith(col(row, 'Actor1CountryCode'))).toBe(true);
      }
      expect(new Set(rows.map((row) => col(row, 'GlobalEventID'))).size).toBe(rows.length);
      expect(rows.some((row) => col(row, 'ActionGeo_FullName') === 'Pyongyang, North Korea' && col(row, 'ActionGeo_Type') === '4')).toBe(true);
      expect(rows.filter((row) => col(row, 'SOURCEURL')).length).toBeGreaterThan(rows.length / 2);
      const prk = parseCsv(await (await app.request('/api/export/events.csv?actor=PRK')).text()).slice(1);
      const prkEvents = (await walk('/api/events?actor=PRK', 500)).items;
      expect(prk.length).toBe(rowsOf(prkEvents));
      expect(prk.length).toBeLessThan(rows.length);
      const allIds = new Set(rows.map((row) => col(row, 'GlobalEventID')));
      for (const row of prk) expect(allIds.has(col(row, 'GlobalEventID'))).toBe(true);
    });

    it('writes every collection as JSON Lines, with the filters of its list', async () => {
      const lines = async (url: string) => {
        const r = await app.request(url);
        expect(r.status, url).toBe(200);
        expect(r.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
        return (await r.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json);
      };
      const articles = await lines('/api/export/articles.jsonl');
      expect(articles.length).toBe(stats.articles);
      expect(articles[0]!.text.length).toBeGreaterThan(1000);
      expect((await lines('/api/export/events.jsonl')).length).toBe(stats.events);
      expect((await lines('/api/export/quotes.jsonl')).length).toBe(stats.quotes);
      expect((await lines('/api/export/stories.jsonl')).length).toBe(stats.stories);
      let mentions = 0;
      for (const a of articles) mentions += (await store.mentions(a.id)).length;
      const exported = await lines('/api/export/mentions.jsonl');
      expect(exported.length).toBe(mentions);
      const byId = new Map(articles.map((a) => [a.id, a.text as string]));
      for (const m of exported) expect(byId.get(m.articleId)!.slice(m.span.start, m.span.end)).toBe(m.text);
      const denied = await lines('/api/export/events.jsonl?status=denied');
      expect(denied.length).toBe((await walk('/api/events?status=denied', 500)).items.length);
      expect((await lines('/api/export/quotes.jsonl?speaker=Matsegora')).length).toBe((await ok('/api/quotes?speaker=Matsegora&limit=500')).items.length);
    });
  });

  describe('malformed requests', () => {
    it('answers bad dates, limits, cursors and parameters with a 400 naming the parameter', async () => {
      for (const since of ['yesterday', '2023-02-30', '2023-13-01', '2023-09-01T25:00', '20230901', '']) {
        await expectError(`/api/articles?since=${encodeURIComponent(since)}`, 400, 'bad_request', /^since: must be a date/);
      }
      await expectError('/api/events?until=2023-9-1', 400, 'bad_request', /^until: /);
      await expectError('/api/articles?since=2023-10-01&until=2023-09-01', 400, 'bad_request', /until.*before since/);
      for (const limit of ['100000', '-1', '0', '501', 'abc', '1.5']) {
        await expectError(`/api/events?limit=${limit}`, 400, 'bad_request', new RegExp(`^limit: must be a whole number from 1 to 500, got "${limit.replace('.', '\\.')}"`));
      }
      expect((await ok('/api/events?limit=500')).items.length).toBe(Math.min(500, stats.events));
      const articlesCursor = (await ok('/api/articles?limit=2')).nextCursor as string;
      await expectError(`/api/events?cursor=${articlesCursor}`, 400, 'bad_request', /^cursor: .*does not belong to this list \(events\)/);
      const tampered = Buffer.from(JSON.stringify({ list: 'articles', at: "'; DROP TABLE articles; --", id: 'x' })).toString('base64url');
      await expectError(`/api/articles?cursor=${tampered}`, 400, 'bad_request', /^cursor: /);
      const huge = Buffer.from(JSON.stringify({ list: 'events', day: '2023', article: 'a', ordinal: 1e12 })).toString('base64url');
      await expectError(`/api/events?cursor=${huge}`, 400, 'bad_request', /^cursor: /);
      for (const garbage of ['abc', '!!!!', 'eyJ', '%00']) await expectError(`/api/articles?cursor=${garbage}`, 400, 'bad_request', /^cursor: /);
      await expectError('/api/articles?actr=RUS', 400, 'bad_request', /unknown parameter "actr"/);
      await expectError('/api/events?type=BOGUS', 400, 'bad_request', /^type: must be one of AGREE, CONSULT/);
      await expectError('/api/events?status=true', 400, 'bad_request', /^status: must be one of asserted/);
      await expectError('/api/actors/PRK?period=day', 400, 'bad_request', /^period: /);
      await expectError('/api/graph?minEvents=0', 400, 'bad_request', /^minEvents: /);
    });

    it('answers unknown ids and routes with a 404 naming them', async () => {
      await expectError('/api/articles/ffffffffffffffff', 404, 'not_found', /no article with id "ffffffffffffffff"/);
      await expectError('/api/articles/abc', 404, 'not_found', /"abc"/);
      await expectError('/api/stories/zzzzzzzz', 404, 'not_found', /no story with id "zzzzzzzz"/);
      await expectError('/api/actors/ZZZ', 404, 'not_found', /no actor with code "ZZZ"/);
      await expectError('/api/nothing/here', 404, 'not_found', /no API route GET \/api\/nothing\/here/);
      await expectError('/api', 404, 'not_found', /no API route/);
    });

    it('answers injection strings in every parameter with a 4xx or a normal answer, and the store stays intact', async () => {
      const doc = await ok('/api/openapi.json');
      const before = await store.counts();
      const storyId = (await ok('/api/stories?limit=1')).items[0].id as string;
      let tried = 0;
      for (const [route, item] of Object.entries(doc.paths as Record<string, Json>)) {
        for (const parameter of item.get.parameters ?? []) {
          for (const value of INJECTIONS) {
            const url =
              parameter.in === 'path'
                ? route.replace(`{${parameter.name}}`, encodeURIComponent(value))
                : `${route.replace(/\{(\w+)\}/, route.includes('actors') ? 'PRK' : storyId)}?${parameter.name}=${encodeURIComponent(value)}`;
            const r = await app.request(url);
            tried++;
            expect(r.status, `${url} answered ${r.status}`).toBeLessThan(500);
            if (r.status >= 400) expect(((await r.json()) as Json).error.message.length, url).toBeGreaterThan(0);
            else await r.arrayBuffer();
          }
        }
      }
      expect(tried).toBeGreaterThan(300);
      expect(await store.counts()).toEqual(before);
      expect((await ok('/api/stats')).articles).toBe(stats.articles);
      expect((await ok(`/api/search?q=${encodeURIComponent("%' OR 1=1 --")}`)).total).toBe(0);
      expect((await ok(`/api/quotes?speaker=${encodeURIComponent('%')}`)).items).toEqual([]);
      expect((await ok(`/api/actors?q=${encodeURIComponent('_')}`)).items).toEqual([]);
    });

    it('refuses other methods, bodies and overlong query strings with error objects', async () => {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        const r = await get('/api/articles', { method });
        expect(r.status, method).toBe(405);
        expect(r.headers.get('allow')).toBe('GET, HEAD');
        expect(r.body.error).toMatchObject({ code: 'bad_request' });
        expect(r.body.error.message).toContain(method);
      }
      const post = await get('/api/articles', { method: 'POST', body: 'x'.repeat(10_000) });
      expect(post.status).toBe(405);
      const long = await get(`/api/search?q=${'a'.repeat(3000)}`);
      expect(long.status).toBe(414);
      expect(long.body.error).toMatchObject({ code: 'too_large' });
      expect(long.body.error.message).toMatch(/3002 characters; at most 2048/);
      const head = await app.request('/api/stats', { method: 'HEAD' });
      expect(head.status).toBe(200);
    });
  });

  describe('the dashboard files', () => {
    it('serves the build with content types, and index.html for the dashboard routes', async () => {
      const index = await get('/');
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(index.body).toContain('sitrep dashboard');
      for (const route of ['/story/s1234', '/article/9ddeef27?tab=facts', '/actor/PRK', '/map']) {
        const r = await get(route);
        expect(r.status, route).toBe(200);
        expect(r.body, route).toContain('sitrep dashboard');
      }
      const js = await get('/assets/app-1234.js');
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(js.headers.get('cache-control')).toContain('immutable');
      expect(js.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await get('/assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect((await get('/assets/missing.js')).status).toBe(404);
    });

    it('never serves a file outside the build', async () => {
      const attempts = [
        '/../secret.txt',
        '/%2e%2e/secret.txt',
        '/assets/%2e%2e/%2e%2e/secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e%2fsecret.txt',
        '/..%5csecret.txt',
        '/assets/..%5c..%5csecret.txt',
        '/%252e%252e/secret.txt',
        '/leak.txt',
        '/%00/../secret.txt',
        '/%E0%A4%A',
        `/${'../'.repeat(10)}etc/passwd`,
      ];
      for (const url of attempts) {
        const r = await get(url);
        expect(String(r.body), url).not.toContain(web.secret);
        expect(String(r.body), url).not.toContain('root:');
        expect([200, 400, 404], url).toContain(r.status);
        if (r.status === 200) expect(r.body, url).toContain('sitrep dashboard');
      }
    });

    it('says how to build the dashboard when it is not built, while the API works', async () => {
      const bare = createApi(store, { webRoot: path.join(tmp.dir, 'no-such-build') });
      const page = await bare.request('/');
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toMatch(/dashboard is not built[\s\S]*npm run build/);
      expect((await bare.request('/story/abc')).status).toBe(503);
      expect((await bare.request('/api/stats')).status).toBe(200);
    });
  });

  describe('limits on a socket', () => {
    it('rate-limits each client with a token bucket', async () => {
      let clock = 0;
      const limited = createApi(store, { webRoot: web.root, limits: { rate: { perSecond: 2, burst: 3 } }, now: () => clock });
      const from = (address: string) => limited.request('/api/stats', {}, { incoming: { socket: { remoteAddress: address } } });
      for (let i = 0; i < 3; i++) expect((await from('10.0.0.1')).status).toBe(200);
      const refused = await from('10.0.0.1');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as Json).error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/too many requests/) });
      expect((await from('10.0.0.2')).status).toBe(200);
      clock += 500;
      expect((await from('10.0.0.1')).status).toBe(200);
      expect((await from('10.0.0.1')).status).toBe(429);
      clock += 10_000;
      for (let i = 0; i < 3; i++) expect((await from('10.0.0.1')).status).toBe(200);
    });

    it('listens on loopback, refuses bodies and foreign Host names, and closes', async () => {
      const server = await serve(store, { port: 0, webRoot: web.root });
      try {
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
        const stats2 = (await (await fetch(`${server.url}api/stats`)).json()) as Json;
        expect(stats2.articles).toBe(stats.articles);
        const raw = (headers: Record<string, string>, body?: string) =>
          new Promise<{ status: number; body: string }>((resolve, reject) => {
            const req = httpRequest(`${server.url}api/stats`, { method: 'GET', headers }, (res) => {
              let text = '';
              res.on('data', (d) => (text += d));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
            });
            req.on('error', reject);
            req.end(body);
          });
        const withBody = await raw({ 'content-type': 'application/json', 'content-length': '13' }, '{"q":"drill"}');
        expect(withBody.status).toBe(413);
        expect(JSON.parse(withBody.body).error).toMatchObject({ code: 'too_large' });
        const chunked = await raw({ 'transfer-encoding': 'chunked' }, 'x');
        expect(chunked.status).toBe(413);
        const rebinding = await raw({ host: 'attacker.example:80' });
        expect(rebinding.status).toBe(400);
        expect(JSON.parse(rebinding.body).error.message).toContain('attacker.example');
        expect((await raw({ host: 'localhost' })).status).toBe(200);
      } finally {
        await server.close();
      }
      await expect(fetch(`${server.url}api/stats`)).rejects.toThrow();
    });
  });

  // Last: it adds articles to the store the other tests count.
  describe('undated articles', () => {
    it('page after the dated ones, with their undated events and quotes, without repeats', async () => {
      const texts = [
        'Russia warned South Korea against sending arms to Ukraine, the foreign ministry in Moscow said.',
        '“We will answer any provocation,” North Korean leader Kim Jong Un told the party congress.',
        'China and Russia held joint naval exercises in the Sea of Japan, the defence ministry said.',
      ];
      const undated = texts.map((text, i) => ({
        id: `00000000000000${i}a`,
        externalId: null,
        url: null,
        source: 'Undated Wire',
        title: `Undated ${i}`,
        published: null,
        updated: null,
        language: 'en',
        byline: null,
        text,
        origin: { file: '/test/undated.jsonl', record: `line ${i + 1}` },
      }));
      await store.saveBatch(undated, undated.map((a) => annotateArticle(a)));
      // Pages of 3 end inside the undated articles, so a cursor with no date is followed too.
      const articles = (await walk('/api/articles', 3)).items;
      expect(articles.length).toBe(stats.articles + undated.length);
      expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
      expect(articles.slice(-3).map((a) => a.id)).toEqual(undated.map((a) => a.id));
      const events = (await walk('/api/events', 1)).items;
      expect(new Set(events.map((e) => `${e.articleId}:${e.ordinal}`)).size).toBe(events.length);
      const dayless = events.filter((e) => e.published === null && e.date === null);
      expect(dayless.length).toBeGreaterThan(1);
      expect(events.slice(-dayless.length)).toEqual(dayless);
      const quotes = (await walk('/api/quotes', 7)).items;
      expect(new Set(quotes.map((q) => `${q.articleId}:${q.ordinal}`)).size).toBe(quotes.length);
      expect(quotes.length).toBe(stats.quotes + (await store.quotes({ speaker: '' })).filter((q) => q.outlet === 'Undated Wire').length);
      const search = await walk('/api/search?q=Russia', 2);
      expect(search.items.some((i) => i.article.id === undated[0]!.id)).toBe(true);
      expect(new Set(search.items.map((i) => i.article.id)).size).toBe(search.items.length);
    });
  });
});

describe('token buckets', () => {
  it('refill at their rate up to the burst, and forget idle clients when there are too many', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perSecond: 10, burst: 2 }, () => now);
    expect([buckets.take('a'), buckets.take('a')]).toEqual([0, 0]);
    expect(buckets.take('a')).toBeCloseTo(0.1);
    now += 100;
    expect(buckets.take('a')).toBe(0);
    now += 10_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a') > 0]).toEqual([0, 0, true]);
    for (let i = 0; buckets.size < 10_000; i++) buckets.take(`client-${i}`);
    buckets.take('busy');
    buckets.take('busy');
    now += 1000;
    // The bucket map is full: a new client drops every bucket that has refilled, and only those.
    buckets.take('newcomer');
    expect(buckets.size).toBe(1);
    expect(buckets.take('newcomer')).toBe(0);
    expect(buckets.take('newcomer')).toBeGreaterThan(0);
  });
});
