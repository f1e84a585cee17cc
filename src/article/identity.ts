import { createHash } from 'node:crypto';

/**
 * The normalised form two copies of one article share: Unicode-compatible, lower case, with every run of
 * punctuation and spacing reduced to one space, so that quote styles and line wrapping do not split copies.
 */
export function normaliseForIdentity(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Stable article id: the first 64 bits of SHA-256 over the normalised text, in hex. */
export function articleId(text: string): string {
  return createHash('sha256').update(normaliseForIdentity(text)).digest('hex').slice(0, 16);
}
