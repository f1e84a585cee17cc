/**
 * The HTTP API against hostile parameters: NUL and invalid UTF-8 in any parameter are a 400 naming it, never
 * a 500 from the database; every error, exports included, is the JSON error object; client errors leave
 * nothing in the server log; every answer carries the security headers. One small store (PGlite), requests
 * through `app.request` (no socket).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Store } from '../src/store/store.js';
import { ingest } from '../src/pipeline/ingest.js';
import { updateStories } from '../src/pipeline/stories.js';
import { createApi } from '../src/api/app.js';
import { REPO, tempDir } from './helpers.js';

type Json = Record<string, any>;

/** Percent-encoded values that are no text: a NUL, bytes that form no UTF-8, an encoded surrogate, an overlong '/'. */
const MALFORMED: Array<[string, RegExp]> = [
  ['%00', /contains a NUL character/],
  ['a%00b', /contains a NUL character/],
  ['%FF', /not UTF-8 text/],
  ['%C3%28', /not UTF-8 text/],
  ['%ED%A0%80', /not UTF-8 text/],
  ['%C0%AF', /not UTF-8 text/],
];

const tmp = tempDir('sitrep-api-hostile-');
let store: Store;
let app: OpenAPIHono;
const logged: string[] = [];
/** Every GET route with a concrete path, and its parameters, from the API's own OpenAPI document. */
let routes: Array<{ url: string; query: string[]; pathParam: string | null; template: string }>;

beforeAll(async () => {
  store = await Store.open(path.join(tmp.dir, 'db'));
  await ingest([path.join(REPO, 'samples', 'text')], store);
  await updateStories(store.stories);
  app = createApi(store, { webRoot: path.join(tmp.dir, 'web'), logError: (line) => logged.push(line) });
  const doc = (await (await app.request('/api/openapi.json')).json()) as Json;
  const storyId = (((await (await app.request('/api/stories?limit=1')).json()) as Json).items[0]?.id as string | undefined) ?? 's0000';
  const articleId = (await store.listArticles())[0]!.id;
  routes = Object.entries(doc.paths as Record<string, Json>).map(([template, item]) => {
    const parameters = (item.get.parameters ?? []) as Json[];
    const concrete = template.replace('{code}', 'PRK').replace('{id}', template.includes('stories') ? storyId : articleId);
    return {
      template,
      url: concrete,
      query: parameters.filter((p) => p.in === 'query').map((p) => p.name as string),
      pathParam: parameters.find((p) => p.in === 'path')?.name ?? null,
    };
  });
});
afterAll(async () => {
  await store?.close();
  tmp.cleanup();
});

const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy'];

/** The answer as status and JSON error (when it is one), checking the shape every error must have. */
async function answer(url: string, init?: RequestInit) {
  const response = await app.request(url, init);
  for (const h of SECURITY_HEADERS) expect(response.headers.get(h), `${h} on ${url}`).toBeTruthy();
  if (response.status < 400) {
    await response.arrayBuffer();
    return { status: response.status, error: null };
  }
  expect(response.headers.get('content-type'), url).toMatch(/^application\/json/);
  const body = (await response.json()) as Json;
  expect(Object.keys(body), url).toEqual(['error']);
  expect(body.error.message.length, url).toBeGreaterThan(0);
  return { status: response.status, error: body.error as { code: string; message: string } };
}

describe('hostile API parameters', () => {
  it('answers NUL and invalid UTF-8 in every query and path parameter with a 400 naming it', async () => {
    const names = new Set<string>();
    for (const route of routes) {
      for (const name of route.query) {
        names.add(name);
        for (const [value, problem] of MALFORMED) {
          const { status, error } = await answer(`${route.url}?${name}=${value}`);
          expect(status, `${route.url}?${name}=${value}`).toBe(400);
          expect(error!.message).toMatch(new RegExp(`^${name}: the value `));
          expect(error!.message).toMatch(problem);
        }
      }
      if (route.pathParam) {
        for (const [value, problem] of MALFORMED) {
          const { status, error } = await answer(route.template.replace(/\{\w+\}/, value));
          expect(status).toBe(400);
          expect(error!.message).toMatch(problem);
        }
      }
    }
    // Every parameter the API has (15 of them reached the database with a NUL and gave a 500).
    expect(names.size).toBeGreaterThanOrEqual(15);
    expect(logged).toEqual([]);
  });

  it('gives export errors as the JSON error object, not as text in a cut file', async () => {
    for (const url of ['/api/export/events.csv?since=not-a-date', '/api/export/events.csv?article=%00', '/api/export/events.jsonl?type=NOPE']) {
      const { status, error } = await answer(url);
      expect(status, url).toBe(400);
      expect(error!.code).toBe('bad_request');
    }
    const csv = await app.request('/api/export/events.csv?until=2000-01-01');
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\n')[0]).toMatch(/^GlobalEventID,/);
    expect(logged).toEqual([]);
  });

  it('sends the security headers with every answer: data, pages, files, refusals and errors', async () => {
    const doc = await app.request('/api/stats');
    expect(doc.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    expect(doc.headers.get('x-content-type-options')).toBe('nosniff');
    expect(doc.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await app.request('/');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe/);
    expect((await answer('/assets/missing.js')).status).toBe(404);
    expect((await answer('/api/articles', { method: 'POST' })).status).toBe(405);
    expect((await answer(`/api/search?q=${'a'.repeat(3000)}`)).status).toBe(414);
    expect((await answer('/api/nothing')).status).toBe(404);
    const limited = createApi(store, { webRoot: tmp.dir, limits: { rate: { perSecond: 1, burst: 1 } }, now: () => 0 });
    const client = { incoming: { socket: { remoteAddress: '10.1.1.1' } } };
    await limited.request('/api/stats', {}, client);
    const refused = await limited.request('/api/stats', {}, client);
    expect(refused.status).toBe(429);
    for (const h of SECURITY_HEADERS) expect(refused.headers.get(h), h).toBeTruthy();
  });

  it('never answers arbitrary strings in any parameter with a 500, and logs nothing for them', async () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent),
      // Raw bytes, percent-encoded one by one: most are no UTF-8.
      fc.uint8Array({ maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), value, async (pick, v) => {
        const withQuery = routes.filter((r) => r.query.length > 0);
        const route = withQuery[pick % withQuery.length]!;
        const name = route.query[pick % route.query.length]!;
        const { status } = await answer(`${route.url}?${name}=${v}`);
        expect(status).toBeLessThan(500);
        const pathRoute = routes.filter((r) => r.pathParam)[pick % 3]!;
        expect((await answer(pathRoute.template.replace(/\{\w+\}/, v || 'x'))).status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(logged).toEqual([]);
  });
});
