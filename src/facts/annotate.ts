/**
 * The facts stage's public entry: an article in, its facts out, each with the character span that says it.
 * Today the facts are actor mentions; events, quotes and claims are added here as their coders arrive.
 */
import type { Article } from '../article/types.js';
import { createDoc } from '../document/doc.js';
import { defaultDictionary, type ActorDictionary } from './actors/dictionary.js';
import { recognizeActors, type Mention } from './actors/recognize.js';

export type { Mention, ActorRef, MentionType, MentionForm } from './actors/recognize.js';

export interface ArticleFacts {
  articleId: string;
  mentions: Mention[];
}

export function annotateArticle(article: Pick<Article, 'id' | 'text' | 'published'>, dictionary: ActorDictionary = defaultDictionary()): ArticleFacts {
  const doc = createDoc(article.text, { articleId: article.id, published: article.published });
  return { articleId: article.id, mentions: recognizeActors(doc, dictionary) };
}
