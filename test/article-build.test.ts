import { describe, it, expect } from 'vitest';
import { buildArticle } from '../src/article/build.js';
import { fragmentText } from '../src/article/html/fragment.js';
import { parseHtml } from '../src/article/html/dom.js';
import { articleId } from '../src/article/identity.js';
import type { SourceRecord } from '../src/sources/types.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const record = (r: Partial<SourceRecord>): SourceRecord => ({ origin: { file: '/x' }, contentType: 'text', content: '', hints: {}, ...r });

describe('building articles', () => {
  it('renders a feed fragment whole: no paragraph is judged boilerplate', () => {
    const html = '<p>First short line.</p><p>Second paragraph with a <a href="/x">link</a> in it.</p><ul><li>One</li><li>Two</li></ul><script>x()</script>';
    expect(fragmentText(parseHtml(html))).toBe('First short line.\n\nSecond paragraph with a link in it.\n\nOne\n\nTwo');
    const built = buildArticle(record({ contentType: 'html-fragment', content: html, hints: { title: 'T', published: 'Tue, 05 Sep 2023 08:22:00 +0900', source: 'Wire' } }), { now: NOW });
    expect(built).toMatchObject({ ok: true, article: { title: 'T', published: '2023-09-05T08:22:00+09:00', source: 'Wire' } });
  });

  it('prefers the record hints over the page, and the page over the visible text', () => {
    const page = `<html lang="en-GB"><head><title>Page title | Outlet</title><meta property="og:site_name" content="Outlet">
      <meta property="article:published_time" content="2023-08-19T13:05:00+01:00"></head>
      <body><article><h1>Page title</h1><p>${'The summit at Camp David produced a pledge to consult. '.repeat(5)}</p>
      <p>${'Leaders agreed on annual drills and a hotline between the capitals. '.repeat(4)}</p></article></body></html>`;
    const fromPage = buildArticle(record({ contentType: 'html', content: page }), { now: NOW });
    expect(fromPage).toMatchObject({ ok: true, article: { source: 'Outlet', published: '2023-08-19T13:05:00+01:00', language: 'en' } });
    const withHints = buildArticle(record({ contentType: 'html', content: page, hints: { title: 'Record title', source: 'Record outlet', url: 'https://r.example/a' } }), { now: NOW });
    expect(withHints).toMatchObject({ ok: true, article: { title: 'Record title', source: 'Record outlet', url: 'https://r.example/a' } });
  });

  it('falls back to the URL domain for the outlet and detects the language from the text', () => {
    const built = buildArticle(record({ content: 'Россия предложила Северной Корее провести совместные военно-морские учения с Китаем.', hints: { url: 'https://www.example.ru/a' } }), { now: NOW });
    expect(built).toMatchObject({ ok: true, article: { source: 'example.ru', language: 'ru' } });
  });

  it('gives copies that differ only in quotes, case and spacing the same id', () => {
    expect(articleId('Russia “proposed” drills.\n\nKim agreed.')).toBe(articleId('russia "proposed" drills. Kim  agreed'));
    expect(articleId('Russia proposed drills.')).not.toBe(articleId('Russia proposed talks.'));
  });

  it('rejects an article without text, or dated in the future', () => {
    expect(buildArticle(record({ content: '   \n\n ' }), { now: NOW })).toEqual({ ok: false, reason: 'no article text found' });
    expect(buildArticle(record({ content: 'Body.', hints: { updated: '2030-01-01' } }), { now: NOW })).toEqual({
      ok: false,
      reason: 'updated date 2030-01-01 is in the future (ingested 2026-11-22T00:00:00.000Z)',
    });
  });

  it('stores only http(s) URLs as the article URL', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<p>x</p>', 'vbscript:x', '/relative/path', 'not a url']) {
      const built = buildArticle(record({ content: 'Seoul said so.', hints: { url } }), { now: NOW });
      expect(built.ok && built.article.url).toBeNull();
    }
    const page = `<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><article><p>${'Seoul said so on Friday, and the ministry repeated the warning. '.repeat(5)}</p></article></body></html>`;
    const built = buildArticle(record({ contentType: 'html', content: page }), { now: NOW });
    expect(built.ok && built.article.url).toBeNull();
    const ok = buildArticle(record({ content: 'Seoul said so.', hints: { url: 'HTTPS://s.example/a' } }), { now: NOW });
    expect(ok.ok && ok.article.url).toBe('HTTPS://s.example/a');
  });

  it('keeps valid old dates and reports far-future ones instead of dropping them silently', () => {
    const old = buildArticle(record({ content: 'An old chronicle.', hints: { published: '1000-01-01' } }), { now: NOW });
    expect(old.ok && old.article.published).toBe('1000-01-01');
    expect(buildArticle(record({ content: 'A text.', hints: { published: '2999-01-01' } }), { now: NOW })).toEqual({
      ok: false,
      reason: 'published date 2999-01-01 is in the future (ingested 2026-11-22T00:00:00.000Z)',
    });
    expect(buildArticle(record({ content: 'date 9999-12-31\nA text.' }), { now: NOW })).toMatchObject({ ok: false });
    const leap = buildArticle(record({ content: 'A text.', hints: { published: '1900-02-29' } }), { now: NOW });
    expect(leap.ok && leap.article.published).toBeNull();
  });
});
