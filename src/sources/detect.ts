import type { InputFormat } from './types.js';

const FEED_ROOT = /<(rss|feed|rdf:RDF)[\s>]/i;
const HTML_MARKERS = /<(!doctype\s+html|html|head|body|article|div|p|meta|title)[\s>/]/i;
const HTML_EXT = /\.(x?html?|php|aspx?)(\.gz)?$/i;
const JSON_EXT = /\.jsonl?(\.gz)?$/i;
const JSON_SCALAR = /^(null|true|false|-?\d+(\.\d+)?([eE][+-]?\d+)?)\s*$/;

function isJsonObject(line: string): boolean {
  if (!line.startsWith('{') || !line.endsWith('}')) return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/** Skips a BOM, whitespace, and leading XML declarations/comments/processing instructions. */
function markupStart(head: string): string {
  return head.replace(/^\uFEFF/, '').replace(/^(\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/, '');
}

/**
 * Decides the format from the first bytes of the (decompressed) content; the file name only breaks ties
 * between HTML and plain text.
 */
export function detectFormat(head: string, fileName: string): InputFormat {
  const trimmed = head.replace(/^\uFEFF/, '').trimStart();
  // A JSON scalar (null, true, a number; a string in a .json file) is JSON that holds no article, not text.
  if (JSON_SCALAR.test(trimmed) || (JSON_EXT.test(fileName) && /^"/.test(trimmed))) return 'json';
  if (/^WARC\/\d/.test(trimmed)) return 'warc';
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (trimmed.startsWith('[')) return 'json';
    // JSON Lines when any of the first lines is a whole object by itself (the first may be the broken one).
    const lines = trimmed.split('\n', 6).slice(0, 5);
    return lines.some((line) => isJsonObject(line.trim())) ? 'jsonl' : 'json';
  }
  const markup = markupStart(head);
  if (markup.startsWith('<')) {
    if (FEED_ROOT.test(markup.slice(0, 2048)) && !/^<(!doctype\s+html|html)/i.test(markup)) return 'feed';
    return 'html';
  }
  if (HTML_EXT.test(fileName) && HTML_MARKERS.test(head)) return 'html';
  return 'text';
}
