import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/article/html/dom.js';
import { extractMetadata, stripSiteName, urlDate } from '../src/article/html/metadata.js';
import { parseDateText } from '../src/article/dates.js';

function page(head: string, body = '', htmlAttrs = ''): string {
  return `<!doctype html><html ${htmlAttrs}><head>${head}</head><body>${body}</body></html>`;
}

const meta = (html: string, url?: string) => extractMetadata(parseHtml(html), { url: url ?? null });

describe('published and updated dates', () => {
  it('reads Open Graph article times, keeping time and offset', () => {
    const m = meta(
      page(`<meta property="article:published_time" content="2020-06-07T10:30:00+02:00">
            <meta property="article:modified_time" content="2020-06-08T09:00:00Z">`),
    );
    expect(m.published).toBe('2020-06-07T10:30:00+02:00');
    expect(m.updated).toBe('2020-06-08T09:00:00Z');
  });

  it('reads named meta tags in order of specificity', () => {
    const m = meta(page(`<meta name="date" content="2019-01-01"><meta name="parsely-pub-date" content="2020-03-04T05:06:07Z">`));
    expect(m.published).toBe('2020-03-04T05:06:07Z');
    expect(meta(page(`<meta name="dc.date" content="2020-03-04">`)).published).toBe('2020-03-04');
    expect(meta(page(`<meta name="sailthru.date" content="Wed, 04 Mar 2020 05:06:07 GMT">`)).published).toBe(
      '2020-03-04T05:06:07Z',
    );
    expect(meta(page(`<meta itemprop="datePublished" content="2020-03-04">`)).published).toBe('2020-03-04');
    expect(meta(page(`<meta name="pubdate" content="20200304">`)).published).toBe('2020-03-04');
  });

  it('reads epoch timestamps as UTC', () => {
    expect(meta(page(`<meta name="publishdate" content="1591525800">`)).published).toBe('2020-06-07T10:30:00Z');
  });

  it('reads JSON-LD, including @graph, arrays and type lists', () => {
    const graph = page(`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Example Times"},
      {"@type":["NewsArticle"],"headline":"A headline","datePublished":"2020-06-07T08:00:00-04:00",
       "dateModified":"2020-06-07T12:00:00-04:00","author":[{"@type":"Person","name":"Ann Lee"},{"@id":"#bob"}],
       "publisher":{"@type":"Organization","name":"Example Times"}},
      {"@id":"#bob","@type":"Person","name":"Bob Roe"}]}</script>`);
    const m = meta(graph);
    expect(m.published).toBe('2020-06-07T08:00:00-04:00');
    expect(m.updated).toBe('2020-06-07T12:00:00-04:00');
    expect(m.title).toBe('A headline');
    expect(m.author).toBe('Ann Lee, Bob Roe');
    expect(m.siteName).toBe('Example Times');
    const array = page(`<script type="application/ld+json">[{"@type":"BreadcrumbList"},
      {"@type":"BlogPosting","datePublished":"2021-02-03","author":"Cy Doe"}]</script>`);
    expect(meta(array).published).toBe('2021-02-03');
    expect(meta(array).author).toBe('Cy Doe');
  });

  it('survives malformed JSON-LD and still finds a well-formed date field in it', () => {
    const broken = page(`<script type="application/ld+json">{"@type":"NewsArticle",
      "headline":"Broken "quotes" here","datePublished":"2020-05-06T07:08:09Z",}}</script>`);
    expect(() => meta(broken)).not.toThrow();
    expect(meta(broken).published).toBe('2020-05-06T07:08:09Z');
    const garbage = page(`<script type="application/ld+json">{{{not json</script>`);
    expect(meta(garbage).published).toBeNull();
  });

  it('reads a <time> element marked as the publication time, or the one nearest the headline', () => {
    const marked = page('', `<time datetime="2020-01-01">x</time><article><time pubdate datetime="2020-02-03T04:05">Feb 3</time></article>`);
    expect(meta(marked).published).toBe('2020-02-03T04:05:00');
    const nearest = page(
      '<title>Story title here</title>',
      `<header><span>Today</span></header><h1>Story title here</h1><time datetime="2020-07-08">8 July</time>
       <aside><time datetime="2020-07-01">1 July</time></aside>`,
    );
    expect(meta(nearest).published).toBe('2020-07-08');
  });

  it('reads visible dates: date-classed elements, "Published …" lines, bare date lines', () => {
    const byClass = page('', `<h1>Title of the story</h1><div class="post-date">June 5, 2020</div>`);
    expect(meta(byClass).published).toBe('2020-06-05');
    const labelled = page('', `<h1>Title of the story</h1><p>Published 5 June 2020, 14:30</p>`);
    expect(meta(labelled).published).toBe('2020-06-05T14:30:00');
    const localised = page('', `<h1>Titel der Geschichte</h1><p>Veröffentlicht am 7. Juni 2020</p>`, 'lang="de"');
    expect(meta(localised).published).toBe('2020-06-07');
    const line = page('', `<div class="top">Tuesday, 08 Dec 2020</div><h1>Story title</h1><p>22/11/2020 - 04:30</p><p>Body text.</p>`, 'lang="pt-BR"');
    expect(meta(line).published).toBe('2020-11-22T04:30:00');
  });

  it('falls back to a date in the URL, and prefers it over a disagreeing page date', () => {
    expect(meta(page('<title>x</title>'), 'https://example.com/2020/06/07/story').published).toBe('2020-06-07');
    expect(meta(page(''), 'https://example.com/news/story-20200113').published).toBe('2020-01-13');
    expect(meta(page('<meta property="article:published_time" content="2020-06-07T10:00:00Z">'), 'https://example.com/2020/06/07/a').published).toBe(
      '2020-06-07T10:00:00Z',
    );
    expect(meta(page('', '<h1>T</h1><p class="date">March 1, 2020</p>'), 'https://example.com/2020/06/07/a').published).toBe('2020-06-07');
    expect(urlDate('https://www.theguardian.com/world/2020/jun/17/story')).toBe('2020-06-17');
    expect(urlDate('https://example.com/a/30657941.html')).toBeNull();
  });

  it('prefers the local calendar day when a UTC timestamp has a local reading elsewhere on the page', () => {
    const html = page(
      `<meta property="article:published_time" content="2020-12-05T23:15:00Z">`,
      `<h1>Titolo</h1><span itemprop="datePublished">06/12/2020</span>`,
      'lang="it"',
    );
    expect(meta(html).published).toBe('2020-12-06');
  });

  it('returns null rather than inventing a date', () => {
    expect(meta(page('<title>No date</title>', '<h1>No date</h1><p>Nothing here, 42 comments.</p>')).published).toBeNull();
    expect(meta(page('<meta name="date" content="1970-01-01">')).published).toBeNull();
    expect(meta(page('<meta name="date" content="not a date">')).published).toBeNull();
    expect(meta(page('', '<p class="date">June 5</p>')).published).toBeNull();
  });
});

describe('other fields', () => {
  it('strips the outlet from the title', () => {
    const m = meta(page(`<title>Rates rise again | The Daily Star</title><meta property="og:site_name" content="The Daily Star">`));
    expect(m.title).toBe('Rates rise again');
    expect(m.siteName).toBe('The Daily Star');
    expect(stripSiteName('Rates rise again - Example News', null, 'https://www.examplenews.com/x')).toBe('Rates rise again');
    expect(stripSiteName('Example News: Rates rise again', 'Example News', null)).toBe('Rates rise again');
    expect(stripSiteName('Biden - a profile', 'Example News', null)).toBe('Biden - a profile');
    expect(meta(page(`<meta property="og:title" content="Headline &amp;#039;quoted&amp;#039;">`)).title).toBe("Headline 'quoted'");
  });

  it('falls back through og:title, JSON-LD headline, h1 and <title>', () => {
    expect(meta(page('<meta name="twitter:title" content="From Twitter">')).title).toBe('From Twitter');
    expect(meta(page('<title>From title</title>', '<h1>From h1</h1>')).title).toBe('From h1');
    expect(meta(page('<title>From title</title>')).title).toBe('From title');
    expect(meta(page('')).title).toBeNull();
  });

  it('takes the headline from a classed h2 when there is no h1, and a bare unrelated <title> as the outlet', () => {
    const m = meta(
      page('<title>Seoul Daily Post</title>', '<div class="logo">SDP</div><h2 class="title">Putin accepts Kim’s invitation to visit Pyongyang</h2><p>Body.</p>'),
    );
    expect(m.title).toBe('Putin accepts Kim’s invitation to visit Pyongyang');
    expect(m.siteName).toBe('Seoul Daily Post');
    // A <title> that shares words with the headline is the article's own title, not the outlet.
    const own = meta(page('<title>Putin visit plans</title>', '<h2 class="headline">Putin visit plans confirmed</h2>'));
    expect(own.siteName).toBeNull();
  });

  it('resolves the canonical URL against the page URL', () => {
    expect(meta(page('<link rel="canonical" href="/news/a.html">'), 'https://example.com/amp/a').canonicalUrl).toBe(
      'https://example.com/news/a.html',
    );
    expect(meta(page('<meta property="og:url" content="https://example.com/b">')).canonicalUrl).toBe('https://example.com/b');
    expect(meta(page('<link rel="canonical" href="javascript:void(0)">')).canonicalUrl).toBeNull();
  });

  it('finds the author in meta, rel=author, microdata and visible bylines', () => {
    expect(meta(page('<meta name="author" content="Jane Roe">')).author).toBe('Jane Roe');
    expect(meta(page('<meta property="article:author" content="https://facebook.com/x">')).author).toBeNull();
    expect(meta(page('', '<a rel="author" href="/staff/jd">John Doe</a>')).author).toBe('John Doe');
    expect(meta(page('', '<span itemprop="author" itemscope><span itemprop="name">Mia Wong</span></span>')).author).toBe('Mia Wong');
    expect(meta(page('', '<div class="byline">By Sam Smith | June 5, 2020</div>')).author).toBe('Sam Smith');
  });

  it('reads the language as an ISO 639-1 code', () => {
    expect(meta(page('', '', 'lang="en-US"')).language).toBe('en');
    expect(meta(page('<meta http-equiv="content-language" content="fr-FR">')).language).toBe('fr');
    expect(meta(page('<meta property="og:locale" content="pt_BR">')).language).toBe('pt');
    expect(meta(page('', '', 'lang="iw"')).language).toBe('he');
    expect(meta(page('')).language).toBeNull();
  });

  it('reads the description', () => {
    expect(meta(page('<meta name="description" content=" A  short summary. ">')).description).toBe('A short summary.');
    expect(meta(page('<meta property="og:description" content="OG summary">')).description).toBe('OG summary');
  });

  it('never throws on broken markup', () => {
    for (const html of ['', '<', '<html><head><meta', '<div><time datetime=">', '<<<>>>&&&', '<script type="application/ld+json">']) {
      expect(() => meta(html)).not.toThrow();
    }
  });
});

describe('parseDateText additions', () => {
  it('keeps the existing readings', () => {
    expect(parseDateText('September. 05, 2023 08:22')?.iso).toBe('2023-09-05T08:22:00');
    expect(parseDateText('07/06/2020')?.iso).toBe('2020-07-06');
  });

  it('reads dotted numeric dates day first and slashed ones by language', () => {
    expect(parseDateText('07.06.2020 12:30')?.iso).toBe('2020-06-07T12:30:00');
    expect(parseDateText('07/06/2020', { language: 'fr' })?.iso).toBe('2020-06-07');
    expect(parseDateText('25/06/2020')?.iso).toBe('2020-06-25');
    expect(parseDateText('2020年6月7日 10:30')?.iso).toBe('2020-06-07T10:30:00');
  });

  it('reads month names of other languages, named or not', () => {
    expect(parseDateText('5 de junio de 2020', { language: 'es-ES' })?.iso).toBe('2020-06-05');
    expect(parseDateText('7 июня 2020, 12:30')?.iso).toBe('2020-06-07T12:30:00');
    expect(parseDateText('9 oktober 2020 11:12')?.iso).toBe('2020-10-09T11:12:00');
  });
});
