import { describe, expect, it } from 'vitest';
import { parseHtml, textOf, findAll, attr, tagName } from '../src/article/html/dom.js';
import { extractContent } from '../src/article/html/content.js';

const extract = (html: string, title?: string) => extractContent(parseHtml(html), { title }).text;

const PARAGRAPHS = [
  'The city council voted on Tuesday to approve a new budget that increases spending on public transport by twelve percent.',
  'Supporters said the plan would cut commute times for thousands of residents, while critics warned about rising debt levels.',
  'The mayor is expected to sign the measure next week, according to officials familiar with the schedule of the council.',
  'Construction of the first new tram line could begin as early as next spring if contracts are awarded on time and on budget.',
];

/** A typical news page: everything a reader sees around the article. */
function newsPage(body: string): string {
  return `<!doctype html><html><head><title>Council approves transport budget | Daily Bugle</title>
<script>var ads = "window.tracking = true";</script><style>p { color: red }</style></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on our website. By continuing you accept our cookie policy.</p><button>Accept</button></div>
<header class="site-header"><a href="/">Daily Bugle</a>
  <nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav>
</header>
<main>
<article>
  <h1>Council approves transport budget</h1>
  <div class="byline">By Jane Reporter</div>
  <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
  ${body}
  <div class="ad-slot"><p>Advertisement: buy the best mattresses at unbeatable prices this weekend only in all our stores.</p></div>
  <div class="newsletter-signup"><p>Get our morning briefing delivered to your inbox every day before breakfast, free of charge.</p></div>
  <section class="related-articles"><h3>Related</h3><ul>
    <li><a href="/a">Mayor unveils plan to repaint every bridge in the city by the end of the decade</a></li>
    <li><a href="/b">Tram drivers vote to strike over pay and working conditions in the coming weeks</a></li>
  </ul></section>
</article>
<section id="comments" class="comments"><h3>Comments</h3>
  <div class="comment"><p>This is a waste of taxpayer money, as usual, and nobody in this council will ever admit it openly.</p></div>
  <div class="comment"><p>Finally some good news for people who have to commute every day across the river to work.</p></div>
</section>
</main>
<aside class="sidebar"><h3>Most read</h3><p>Local bakery wins national award for the third year running after a tense final round.</p></aside>
<footer class="site-footer"><p>© 2024 Daily Bugle Media Group. All rights reserved. Contact us at the address below for any inquiry.</p></footer>
</body></html>`;
}

const paragraphsHtml = PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n');

describe('extractContent', () => {
  it('keeps the article paragraphs, separated by blank lines, and drops the page furniture', () => {
    const text = extract(newsPage(paragraphsHtml));
    expect(text).toBe(PARAGRAPHS.join('\n\n'));
  });

  it('drops navigation, cookie banner, ads, share buttons, newsletter box, related links, comments, sidebar and footer', () => {
    const text = extract(newsPage(paragraphsHtml));
    for (const junk of [
      'Sport', 'cookies', 'mattresses', 'Share on Facebook', 'morning briefing', 'repaint every bridge',
      'waste of taxpayer', 'bakery', 'All rights reserved', 'tracking', 'color: red', 'By Jane Reporter',
    ]) {
      expect(text).not.toContain(junk);
    }
  });

  it('does not repeat the headline, whether passed in or taken from the h1', () => {
    expect(extract(newsPage(paragraphsHtml))).not.toContain('Council approves transport budget');
    expect(extract(newsPage(paragraphsHtml), 'Council approves transport budget')).not.toContain(
      'Council approves transport budget',
    );
  });

  it('recognises a passed title that carries the outlet name', () => {
    const page = newsPage(paragraphsHtml).replace('<h1>Council approves transport budget</h1>', '<h2>Council approves transport budget</h2>');
    expect(extract(page, 'Council approves transport budget | Daily Bugle')).toBe(PARAGRAPHS.join('\n\n'));
  });

  it('keeps subheadings and list items inside the body as their own paragraphs', () => {
    const body = `<p>${PARAGRAPHS[0]}</p><h2>What happens next</h2><p>${PARAGRAPHS[1]}</p>
      <ul><li>A new tram line to the northern districts of the city</li><li>More frequent buses on weekends and holidays</li></ul>
      <p>${PARAGRAPHS[2]}</p>`;
    const paragraphs = extract(newsPage(body)).split('\n\n');
    expect(paragraphs).toEqual([
      PARAGRAPHS[0],
      'What happens next',
      PARAGRAPHS[1],
      'A new tram line to the northern districts of the city',
      'More frequent buses on weekends and holidays',
      PARAGRAPHS[2],
    ]);
  });

  it('normalises whitespace and decodes entities inside paragraphs', () => {
    const body = `<p>The   council\n\t voted &amp; the <b>mayor</b>&nbsp;agreed to sign the budget before the end of the month, officials said.</p>
      <p>${PARAGRAPHS[1]}</p>`;
    expect(extract(newsPage(body)).split('\n\n')[0]).toBe(
      'The council voted & the mayor agreed to sign the budget before the end of the month, officials said.',
    );
  });

  it('reads a body written as <div>s and <br>s instead of paragraphs', () => {
    const body = `<div class="story">${PARAGRAPHS.map((p) => `<div>${p}</div>`).join('')}
      <div>${PARAGRAPHS[0]}<br><br>${PARAGRAPHS[3]}</div></div>`;
    const paragraphs = extract(newsPage(body)).split('\n\n');
    expect(paragraphs).toEqual([...PARAGRAPHS, PARAGRAPHS[0], PARAGRAPHS[3]]);
  });

  it('prefers a short article over a longer list of teasers', () => {
    const teasers = Array.from(
      { length: 8 },
      (_, i) => `<div class="teaser"><h3><a href="/t${i}">Teaser headline number ${i} about something else</a></h3>
        <p>A teaser summary of another story that is long enough to look like a paragraph of prose, number ${i}.</p></div>`,
    ).join('');
    const html = `<html><body><div class="page"><article><h1>Short news</h1>
      <div class="article-body"><p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[1]}</p></div></article>
      <div class="more-stories">${teasers}</div></div></body></html>`;
    expect(extract(html)).toBe(`${PARAGRAPHS[0]}\n\n${PARAGRAPHS[1]}`);
  });

  it('drops bylines, datelines and a labelled list of links that carry no furniture class', () => {
    const body = `<p>By Jane Reporter</p><p>Updated 5:30 p.m. ET, November 19, 2019</p>${paragraphsHtml}
      <h3>More stories</h3><ul>
        <li>Bridges: <a href="/a">the city will repaint every bridge by the end of the decade</a></li>
        <li>Trams: <a href="/b">drivers vote to strike over pay and working conditions</a></li>
      </ul>`;
    expect(extract(newsPage(body))).toBe(PARAGRAPHS.join('\n\n'));
  });

  it('keeps an embedded post quoted by the article even inside a furniture-named wrapper', () => {
    const tweet = 'We are delighted to confirm the new tram line will open to passengers next spring.';
    const body = `${paragraphsHtml}<div class="social-embed"><blockquote class="twitter-tweet"><p>${tweet}</p></blockquote></div>
      <p>${PARAGRAPHS[0]}</p>`;
    expect(extract(newsPage(body))).toContain(tweet);
  });

  it('survives malformed and truncated HTML', () => {
    const truncated = newsPage(paragraphsHtml).slice(0, newsPage(paragraphsHtml).indexOf(PARAGRAPHS[2]!) + 40);
    const text = extract(truncated);
    expect(text).toContain(PARAGRAPHS[0]);
    expect(text).toContain(PARAGRAPHS[1]);
    const unclosed = `<html><body><div><div><p>${PARAGRAPHS[0]}<p>${PARAGRAPHS[1]}<div><span>${PARAGRAPHS[2]}`;
    expect(extract(unclosed)).toBe(PARAGRAPHS.slice(0, 3).join('\n\n'));
    expect(() => extract('<<<>>><div</p></td>&#xZZZ;<!--')).not.toThrow();
  });

  it('handles very deep nesting without overflowing the stack', () => {
    const deep = '<div>'.repeat(20_000) + `<p>${PARAGRAPHS[0]}</p>`;
    expect(extract(deep)).toBe(PARAGRAPHS[0]);
  });

  it('returns empty text for empty or text-free input', () => {
    expect(extract('')).toBe('');
    expect(extract('<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>')).toBe('');
    expect(extract('<html><body><nav><a href="/">Home</a></nav></body></html>')).toBe('');
  });

  it('keeps a table row as one paragraph', () => {
    const body = `<p>${PARAGRAPHS[0]}</p><table><tr><th>Line</th><th>Cost</th></tr><tr><td>Tram 1</td><td>12m</td></tr></table><p>${PARAGRAPHS[1]}</p>`;
    expect(extract(newsPage(body))).toBe([PARAGRAPHS[0], 'Line Cost', 'Tram 1 12m', PARAGRAPHS[1]].join('\n\n'));
  });
});

describe('dom helpers', () => {
  it('parses, finds elements and reads text and attributes', () => {
    const doc = parseHtml('<html><head><meta property="og:title" content="A &amp; B"></head><body><p>One <b>two</b></p></body></html>');
    const metas = findAll(doc, (el) => tagName(el) === 'meta');
    expect(metas).toHaveLength(1);
    expect(attr(metas[0]!, 'content')).toBe('A & B');
    expect(attr(metas[0]!, 'missing')).toBeNull();
    expect(textOf(findAll(doc, (el) => el.name === 'p')[0]!)).toBe('One two');
  });
});
