import { detect } from 'tinyld';

/** ISO 639-1 primary subtag of a declared language ("en-US" → "en"), or null when it is not one. */
export function normaliseLanguageTag(tag: string | null | undefined): string | null {
  const primary = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag ?? '')?.[1]?.toLowerCase();
  return primary && primary.length === 2 ? primary : null;
}

/** Detects the language from the text itself (first few paragraphs suffice), null when unsure. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 3000);
  if (sample.replace(/[^\p{L}]/gu, '').length < 20) return null;
  return normaliseLanguageTag(detect(sample));
}
