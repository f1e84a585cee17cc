/**
 * A story's members as the comparison reads them, and who speaks in each: a near-copy speaks with the
 * voice of the article it copies, so it never counts as one more independent outlet.
 */
import type { CodedEvent, Quote } from '../facts/annotate.js';

export interface StoryMember {
  article: { id: string; externalId: string | null; url: string | null; source: string | null; title: string | null; published: string | null; text: string };
  /** The earliest copy this article reprints, if it is a near-copy. */
  copyOf: string | null;
  /** Other outlets where an exact copy of it was seen. */
  sightedBy: string[];
  events: CodedEvent[];
  quotes: Quote[];
  actors: { code: string | null; name: string; country: string | null; start: number; end: number }[];
}

/** Who speaks in an article: its own outlet, or for a near-copy the outlet of the article it copies. */
export class Voices {
  private readonly byId: Map<string, StoryMember>;
  constructor(members: StoryMember[]) {
    this.byId = new Map(members.map((m) => [m.article.id, m]));
  }

  of(articleId: string): string {
    const member = this.byId.get(articleId);
    if (!member) return 'unknown outlet';
    const original = member.copyOf ? this.byId.get(member.copyOf) : undefined;
    return outletOf((original ?? member).article);
  }

  /** Distinct independent outlets among the articles, in order of first appearance. */
  independent(articleIds: Iterable<string>): string[] {
    return [...new Set([...articleIds].map((id) => this.of(id)))];
  }
}

/**
 * An article's outlet: its source, else its URL's host; an article with neither is a voice of its own,
 * so unattributed texts are never lumped into one outlet.
 */
export function outletOf(article: { id: string; source: string | null; url: string | null }): string {
  if (article.source) return article.source;
  try {
    if (article.url) return new URL(article.url).hostname.replace(/^www\./, '');
  } catch {
    // not a URL: fall through
  }
  return `unattributed article ${article.id.slice(0, 8)}`;
}
const country = (code: string | null) => (code ?? '').slice(0, 3);

interface Act {
  source: { code: string | null };
  targets: { code: string | null }[];
  type: string;
  date: { value: string } | null;
}

/** The target countries of an act, sorted. */
export function targetKey(e: Pick<Act, 'targets'>): string {
  return [...new Set(e.targets.map((t) => country(t.code)))].sort().join(',');
}

/** Who did what to whom, at country level, whatever the date. */
export function actKey(e: Omit<Act, 'date'>): string {
  return `${country(e.source.code)}|${e.type}|${targetKey(e)}`;
}

/** Events are the same when source and target countries, type and date agree. */
export function eventKey(e: Act): string {
  return `${actKey(e)}|${e.date?.value ?? ''}`;
}
