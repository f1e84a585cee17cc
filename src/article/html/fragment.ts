/**
 * An HTML fragment that is already the article (a feed item's content, a record's body HTML) rendered
 * as paragraphs, with no main-content selection: every block of prose is kept, scripts and embeds are not.
 */
import { isElement, isText, normalizeSpace, tagName, type AnyNode, type Document } from './dom.js';

const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'object', 'embed', 'button', 'form', 'head']);
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'blockquote', 'pre', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'tr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'header', 'footer', 'aside', 'main', 'hr', 'br',
]);

export function fragmentText(doc: Document): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const text = normalizeSpace(current.join(''));
    if (text) paragraphs.push(text);
    current = [];
  };
  // Iterative walk: 'enter' pushes children, 'leave' closes a block.
  const stack: Array<{ node: AnyNode; leave: boolean }> = [{ node: doc, leave: false }];
  while (stack.length) {
    const { node, leave } = stack.pop()!;
    if (leave) {
      flush();
      continue;
    }
    if (isText(node)) {
      current.push(node.data);
      continue;
    }
    const tag = tagName(node);
    if (DROPPED.has(tag)) continue;
    const block = BLOCKS.has(tag);
    if (block) flush();
    if (block) stack.push({ node, leave: true });
    if ((isElement(node) || node === doc) && 'children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, leave: false });
    }
  }
  flush();
  return paragraphs.join('\n\n');
}
