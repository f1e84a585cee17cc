/** RSS 2.0 / RSS 1.0 (RDF) / Atom files: each item an article whose HTML content is extracted later. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeXML } from 'entities';
import type { SourceRecord } from './types.js';
import { InputError } from './decode.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  cdataPropName: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  parseTagValue: false,
  isArray: (name) => ['item', 'entry', 'link', 'author', 'dc:creator', 'category'].includes(name),
  // Bodies are kept as raw markup: Atom xhtml content is XML the parser would otherwise take apart.
  stopNodes: ['*.content:encoded', '*.description', '*.content', '*.summary'],
});

/**
 * The HTML of a body element kept raw: CDATA sections as they are, inline xhtml as markup, and escaped
 * HTML (or plain text) with its XML entities decoded.
 */
function bodyHtml(node: unknown): string | null {
  const raw = typeof node === 'string' ? node : node && typeof node === 'object' ? (node as XmlNode)['#text'] : null;
  const type = node && typeof node === 'object' ? String((node as XmlNode)['@type'] ?? '') : '';
  if (typeof raw !== 'string' || !raw.trim()) return null;
  const cdata = [...raw.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]);
  if (cdata.length) return cdata.join('').trim() || null;
  return (/xhtml/i.test(type) ? raw : decodeXML(raw)).trim() || null;
}

type XmlNode = Record<string, unknown>;

/** Text of an element that may be a string, an object with #text, or a list of either. */
function text(node: unknown): string | null {
  if (node == null) return null;
  if (typeof node === 'string') return node.trim() || null;
  if (typeof node === 'number') return String(node);
  if (Array.isArray(node)) return text(node[0]);
  if (typeof node === 'object') return text((node as XmlNode)['#text']);
  return null;
}

function atomLink(entry: XmlNode): string | null {
  const links = (entry.link as XmlNode[] | undefined) ?? [];
  const alternate = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
  return (alternate?.['@href'] as string | undefined) ?? null;
}

function names(list: unknown): string | null {
  const items = Array.isArray(list) ? list : list ? [list] : [];
  const parts = items.map((a) => (typeof a === 'object' && a && 'name' in a ? text((a as XmlNode).name) : text(a)));
  const joined = parts.filter(Boolean).join(', ');
  return joined || null;
}

export function recordsFromFeed(xml: string, file: string): SourceRecord[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new InputError(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  const doc = parser.parse(xml) as XmlNode;
  const rss = (doc.rss as XmlNode | undefined)?.channel as XmlNode | undefined;
  const rdf = doc['rdf:RDF'] as XmlNode | undefined;
  const atom = doc.feed as XmlNode | undefined;
  const records: SourceRecord[] = [];
  if (rss || rdf) {
    const channel = (rss ?? (rdf?.channel as XmlNode | undefined)) ?? {};
    const source = text(channel.title);
    const items = ((rss ? channel.item : rdf?.item) as XmlNode[] | undefined) ?? [];
    items.forEach((item, i) => {
      const body = bodyHtml(item['content:encoded']) ?? bodyHtml(item.description);
      if (!body) return;
      records.push({
        origin: { file, record: `item ${i + 1}` },
        contentType: 'html-fragment',
        content: body,
        hints: {
          externalId: text(item.guid),
          url: text(item.link),
          title: text(item.title),
          published: text(item.pubDate) ?? text(item['dc:date']),
          source,
          byline: names(item['dc:creator']) ?? names(item.author),
          language: text(channel.language) ?? text(channel['dc:language']),
        },
      });
    });
  } else if (atom) {
    const source = text(atom.title);
    const entries = (atom.entry as XmlNode[] | undefined) ?? [];
    entries.forEach((entry, i) => {
      const body = bodyHtml(entry.content) ?? bodyHtml(entry.summary);
      if (!body) return;
      records.push({
        origin: { file, record: `entry ${i + 1}` },
        contentType: 'html-fragment',
        content: body,
        hints: {
          externalId: text(entry.id),
          url: atomLink(entry),
          title: text(entry.title),
          published: text(entry.published) ?? text(entry.updated),
          updated: text(entry.updated),
          source,
          byline: names(entry.author),
          language: (atom['@xml:lang'] as string | undefined) ?? null,
        },
      });
    });
  } else {
    throw new InputError('XML is neither an RSS nor an Atom feed');
  }
  if (records.length === 0) throw new InputError('feed has no items with content');
  return records;
}
