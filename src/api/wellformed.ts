/**
 * Requests must be text the store can hold: the percent-encoded bytes of the path and of every query
 * parameter must form UTF-8, and none may hold a NUL (PostgreSQL text cannot: a NUL reached the database
 * as "invalid byte sequence", a 500 with a stack trace in the log). Checked before any route runs.
 */
import { badRequest } from './errors.js';

/** The decoded text of one percent-encoded part, or why it is not text. */
function decoded(part: string): { text: string } | { problem: string } {
  let text: string;
  try {
    text = decodeURIComponent(part);
  } catch {
    return { problem: 'is not UTF-8 text (its percent-encoded bytes must form UTF-8)' };
  }
  return text.includes('\0') ? { problem: 'contains a NUL character' } : { text };
}

/** Throws a 400 naming the first part of an absolute request URL that is not well-formed text. */
export function checkWellFormed(url: string): void {
  const parsed = new URL(url);
  const path = decoded(parsed.pathname);
  if ('problem' in path) throw badRequest(`the path ${path.problem}`);
  for (const pair of parsed.search.slice(1).split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const rawName = at < 0 ? pair : pair.slice(0, at);
    const name = decoded(rawName.replace(/\+/g, ' '));
    if ('problem' in name) throw badRequest(`a parameter name ${name.problem}`);
    const value = decoded((at < 0 ? '' : pair.slice(at + 1)).replace(/\+/g, ' '));
    if ('problem' in value) throw badRequest(`${name.text.slice(0, 40) || 'a parameter without a name'}: the value ${value.problem}`);
  }
}
