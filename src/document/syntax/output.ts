/**
 * A text parsed into CoNLL-U sentences, word by word, as `sitrep parse` writes it and `sitrep eval parse`
 * scores it: the document's sentences and tokens, each token cut into UD words. A token cut into words
 * that spell it exactly ("I'm" → I + 'm) is written as a multiword token; a hyphen split gives tokens of
 * their own ("anti-war" → anti - war), as UD English does.
 */
import { tokenizeDoc, tokenTexts } from '../doc.js';
import { analyzeTokens } from './analyze.js';
import type { ConlluSentence, ConlluWord, MultiwordToken } from './conllu.js';

export function parseToConllu(text: string, docId?: string): ConlluSentence[] {
  const doc = tokenizeDoc(text, { articleId: docId ?? '', published: null });
  const texts = tokenTexts(doc);
  const out: ConlluSentence[] = [];
  doc.sentences.forEach((sentence, k) => {
    const tokens = texts.slice(sentence.firstToken, sentence.endToken);
    const { words, wordSyntax: s } = analyzeTokens(tokens);
    const comments: string[] = [];
    if (k === 0 && docId !== undefined) comments.push(`newdoc id = ${docId}`);
    comments.push(`sent_id = ${docId ? `${docId}-` : ''}${k + 1}`, `text = ${text.slice(sentence.start, sentence.end).replace(/\s+/g, ' ')}`);
    const conllu: ConlluWord[] = [];
    const multiwords: MultiwordToken[] = [];
    const absStart = (w: number) => doc.tokenStart[sentence.firstToken + words[w]!.token]! + words[w]!.start;
    const absEnd = (w: number) => doc.tokenStart[sentence.firstToken + words[w]!.token]! + words[w]!.end;
    const glued = (w: number) => w + 1 < words.length && absEnd(w) === absStart(w + 1);
    const wordsOfToken = new Int32Array(tokens.length);
    for (const word of words) wordsOfToken[word.token]!++;
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      const token = word.token;
      const tokenWords = wordsOfToken[token]!;
      const inMultiword = tokenWords > 1 && !tokens[token]!.includes('-');
      if (inMultiword && word.start === 0) {
        const last = w + tokenWords - 1;
        multiwords.push({ first: w + 1, last: last + 1, form: tokens[token]!, misc: glued(last) ? 'SpaceAfter=No' : '_' });
      }
      const single = tokenWords === 1;
      conllu.push({
        form: word.text,
        lemma: single ? doc.lemma[sentence.firstToken + token]! : word.text.toLowerCase(),
        upos: s.upos[w]!,
        xpos: s.xpos[w]!,
        feats: s.feats[w] || '_',
        head: s.head[w]! + 1,
        deprel: s.deprel[w]!,
        misc: !inMultiword && glued(w) ? 'SpaceAfter=No' : '_',
      });
    }
    out.push({ comments, words: conllu, multiwords });
  });
  return out;
}
