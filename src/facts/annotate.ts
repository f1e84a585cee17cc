/**
 * The facts stage's public entry: an article in, its facts out, each with the character span that says it:
 * actor mentions, PLOVER events (with claim status) and quotes, all read from one annotated document.
 */
import type { Article } from '../article/types.js';
import { createDoc } from '../document/doc.js';
import { defaultDictionary, type ActorDictionary } from './actors/dictionary.js';
import { recognizeActors, type Mention } from './actors/recognize.js';
import { codeEvents, type CodedEvent, type UncodedTrigger } from './events/code.js';
import { defaultPatterns, type PatternIndex } from './events/patterns.js';
import { extractQuotes, type Quote } from './quotes/extract.js';
import { findTimes } from './time/resolve.js';
import { tenseAt } from './time/tense.js';
import { findPlaces } from './places/locate.js';

export type { Mention, ActorRef, MentionType, MentionForm } from './actors/recognize.js';
export type { CodedEvent, UncodedTrigger } from './events/code.js';
export type { Quote } from './quotes/extract.js';

export interface ArticleFacts {
  articleId: string;
  mentions: Mention[];
  events: CodedEvent[];
  quotes: Quote[];
  /** Triggers that found no actor (kept for `sitrep eval`, never stored as events). */
  uncoded: UncodedTrigger[];
}

export interface Knowledge {
  dictionary: ActorDictionary;
  patterns: PatternIndex;
}

export function annotateArticle(
  article: Pick<Article, 'id' | 'text' | 'published'>,
  knowledge: Knowledge = { dictionary: defaultDictionary(), patterns: defaultPatterns() },
): ArticleFacts {
  const doc = createDoc(article.text, { articleId: article.id, published: article.published });
  const mentions = recognizeActors(doc, knowledge.dictionary);
  const times = findTimes(doc.text, doc.published, undefined, { tense: 'auto', tenseAt: tenseAt(doc) });
  const places = findPlaces(doc, mentions, knowledge.dictionary);
  const { events, uncoded } = codeEvents(doc, mentions, knowledge.patterns, times, places);
  return { articleId: article.id, mentions, events, quotes: extractQuotes(doc, mentions, times), uncoded };
}

/** A mention as the JSON contract writes it: `{span: {start, end}, text, type, form, actor}`. */
export function mentionJson(m: Mention): { span: { start: number; end: number }; text: string; type: Mention['type']; form: Mention['form']; actor: Mention['actor'] } {
  return { span: { start: m.start, end: m.end }, text: m.text, type: m.type, form: m.form, actor: m.actor };
}
