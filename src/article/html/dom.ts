/**
 * HTML parsing and the few DOM helpers the extractors share. The tree is domhandler's: a plain,
 * forgiving structure that htmlparser2 builds in one pass and that never throws on broken markup.
 */
import { parseDocument } from 'htmlparser2';
import { hasChildren, isTag, isText as isTextNode, type AnyNode, type Document, type Element, type Text } from 'domhandler';

export type { AnyNode, Document, Element, ParentNode } from 'domhandler';

/** Parses any HTML (malformed or truncated included) into a domhandler Document, entities decoded. */
export function parseHtml(html: string): Document {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

// Type checks go by the node's type field, not instanceof, so that trees built by another copy of
// domhandler (a nested dependency) work too.
export function isElement(node: AnyNode): node is Element {
  return isTag(node);
}

export function isText(node: AnyNode): node is Text {
  return isTextNode(node);
}

/** Lower-case tag name of an element, "" for any other node. */
export function tagName(node: AnyNode): string {
  return isTag(node) ? node.name : '';
}

/** Attribute value, or null when absent. */
export function attr(el: Element, name: string): string | null {
  const value = el.attribs[name];
  return value === undefined ? null : value;
}

/** Raw concatenated text of all descendant text nodes (scripts and styles included, as in textContent). */
export function textOf(node: AnyNode): string {
  if (isTextNode(node)) return node.data;
  if (!hasChildren(node)) return '';
  const parts: string[] = [];
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (isTextNode(current)) {
      parts.push(current.data);
    } else if (hasChildren(current)) {
      const children = current.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts.join('');
}

/** Collapses runs of whitespace (including non-breaking spaces) to one space and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** All descendant elements of `root` (document order) that satisfy `predicate`. */
export function findAll(root: AnyNode, predicate: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  walkElements(root, (el) => {
    if (predicate(el)) found.push(el);
  });
  return found;
}

/** First descendant element of `root` (document order) that satisfies `predicate`, or null. */
export function findFirst(root: AnyNode, predicate: (el: Element) => boolean): Element | null {
  let found: Element | null = null;
  walkElements(root, (el) => {
    if (predicate(el)) {
      found = el;
      return false;
    }
    return true;
  });
  return found;
}

/**
 * Visits descendant elements of `root` in document order without recursion (deep trees from broken
 * markup must not overflow the stack). Returning false from `visit` stops the walk.
 */
export function walkElements(root: AnyNode, visit: (el: Element) => boolean | void): void {
  if (!hasChildren(root)) return;
  const stack: AnyNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (!isTag(current)) continue;
    if (visit(current) === false) return;
    const children = current.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
