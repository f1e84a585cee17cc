/**
 * Quotes, direct and indirect: who said what, with which cue, where (venue) and when, each with its span.
 * Direct quotes are the text between quotation marks, running on across paragraphs when a paragraph
 * opens a quote it does not close (the wire convention). Their speaker is found around the marks ("…,"
 * X said / said X / X said: "…"). Indirect quotes are "X said (that) …" and "according to X, …" without
 * marks. Pronouns and role nouns stand for the last fitting actor named before.
 */
import cues from '../../../data/quotes/cues.json' with { type: 'json' };
import { tokenAt, type Doc } from '../../document/doc.js';
import type { ActorRef, Mention } from '../actors/recognize.js';
import type { ClaimStatus } from '../claims/status.js';
import type { EventTime } from '../events/code.js';

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface Quote {
  speaker: TextSpan & { actor: ActorRef | null; name: string | null; role: string | null };
  cue: TextSpan;
  /** The quoted words (direct: inside the marks; indirect: the reported clause). */
  quote: TextSpan;
  direct: boolean;
  venue: (TextSpan & { organization: string | null }) | null;
  date: EventTime | null;
  /** A quote is what its speaker says: reported, unless its own words mark it a view or a hedge. */
  status: ClaimStatus;
  sentence: { start: number; end: number };
}

const CUE_VERBS = new Set(cues.verbs);
const PERSON_PRONOUNS = new Set(cues.pronouns.person);
const GROUP_PRONOUNS = new Set(cues.pronouns.group);
const VENUES = cues.venues.map((v) => new RegExp(v, 'g'));
const OPENING = /["“«„]/;
const CLOSING: Record<string, string> = { '"': '"', '“': '”', '«': '»', '„': '“' };
const OPINION_WORDS = /\b(personal(ly)?|appropriate|inappropriate|in (my|our) view|I think|we think|I believe|we believe|should|ought to|must)\b/i;
const HEDGE_WORDS = /\b(likely|may|might|could|possibly|probably|perhaps|seems?|appears?|apparently)\b/i;

interface QuoteSpan {
  open: number;
  close: number;
}

/**
 * Quotation-mark spans within paragraphs. A quote a paragraph leaves open continues when the next paragraph
 * opens with a quotation mark (the wire convention for multi-paragraph quotes) and ends where that one closes.
 */
function quoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const paragraphs: Array<[number, number]> = [];
  for (const m of text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g)) paragraphs.push([m.index!, m.index! + m[0].length]);
  let p = 0;
  let i = paragraphs[0]?.[0] ?? 0;
  while (p < paragraphs.length) {
    const end = paragraphs[p]![1];
    const m = i < end ? OPENING.exec(text.slice(i, end)) : null;
    if (!m) {
      p++;
      i = paragraphs[p]?.[0] ?? text.length;
      continue;
    }
    const open = i + m.index;
    const closer = CLOSING[m[0]]!;
    let q = p;
    let close = text.indexOf(closer, open + 1);
    while (close >= 0 && close >= paragraphs[q]![1]) {
      const next = paragraphs[q + 1];
      if (!next || !OPENING.test(text[next[0]] ?? '')) close = -1;
      else {
        q++;
        close = text.indexOf(closer, next[0] + 1);
      }
    }
    if (close < 0) {
      i = open + 1;
      continue;
    }
    spans.push({ open, close });
    p = q;
    i = close + 1;
  }
  return spans;
}

function span(text: string, start: number, end: number): TextSpan {
  return { start, end, text: text.slice(start, end) };
}

export function extractQuotes(doc: Doc, mentions: Mention[], times: EventTime[] = []): Quote[] {
  const text = doc.text;
  const quotes: Quote[] = [];
  // "is said to", "was told": a cue verb in the passive reports nobody's words.
  const isCue = (t: number) =>
    (doc.pos[t] === 'VERB' || doc.pos[t] === 'AUX') && CUE_VERBS.has(doc.lemma[t]!) && !(t > 0 && doc.lemma[t - 1] === 'be');
  const sentenceAt = (offset: number) => doc.sentences[doc.sentenceOf[Math.min(tokenAt(doc, offset), doc.tokenStart.length - 1)]!]!;

  /** The actor a pronoun or bare word at token t stands for: the last fitting mention before it. */
  const antecedent = (t: number): Mention | null => {
    const word = doc.lemma[t]!;
    const wantPerson = PERSON_PRONOUNS.has(word);
    if (!wantPerson && !GROUP_PRONOUNS.has(word)) return null;
    const before = doc.tokenStart[t]!;
    for (let k = mentions.length - 1; k >= 0; k--) {
      const m = mentions[k]!;
      if (m.end > before || !m.actor) continue;
      if (wantPerson ? m.type === 'person' : m.type === 'organization' || m.type === 'country') return m;
    }
    return null;
  };

  /** The speaker next to a cue verb at token t: a mention right before ("X said") or after ("said X"). */
  const speakerAround = (t: number, lo: number, hi: number): { m: Mention | null; at: TextSpan } | null => {
    const cueStart = doc.tokenStart[t]!;
    const cueEnd = doc.tokenEnd[t]!;
    // Before: the nearest mention, allowing an appositive ("X, the ambassador, said") and auxiliaries.
    let before: Mention | null = null;
    for (const m of mentions) if (m.end <= cueStart && m.start >= lo && m.actor && (m.type === 'person' || m.type === 'organization' || m.type === 'country')) before = m;
    if (before && /^[\s,]*(?:[\w\s'’-]{0,60},\s*)?(?:has |had |have |also |then |later |again |was |were |is )?$/.test(text.slice(before.end, cueStart))) {
      return { m: before, at: span(text, before.start, before.end) };
    }
    if (t > 0 && doc.tokenStart[t - 1]! >= lo) {
      const pronounOwner = antecedent(t - 1);
      if (pronounOwner) return { m: pronounOwner, at: span(text, doc.tokenStart[t - 1]!, doc.tokenEnd[t - 1]!) };
    }
    const after = mentions.find((m) => m.start >= cueEnd && m.end <= hi && m.actor && /^\s*(?:the\s+)?[\w\s-]{0,30}?$/.test(text.slice(cueEnd, m.start)));
    if (after) return { m: after, at: span(text, after.start, after.end) };
    return null;
  };

  const venueIn = (from: number, to: number): Quote['venue'] => {
    const region = text.slice(from, to);
    for (const re of VENUES) {
      re.lastIndex = 0;
      const m = re.exec(region);
      if (m) return { ...span(text, from + m.index, from + m.index + m[0].length), organization: m.groups?.org ?? null };
    }
    return null;
  };

  const standing = (words: string): ClaimStatus => (OPINION_WORDS.test(words) ? 'opinion' : HEDGE_WORDS.test(words) ? 'hedged' : 'reported');

  const build = (speaker: { m: Mention | null; at: TextSpan }, cueToken: number, quote: TextSpan, direct: boolean, region: { start: number; end: number }): Quote => ({
    speaker: { ...speaker.at, actor: speaker.m?.actor ?? null, name: speaker.m?.actor?.name ?? null, role: speaker.m?.actor?.role ?? null },
    cue: span(text, doc.tokenStart[cueToken]!, doc.tokenEnd[cueToken]!),
    quote,
    direct,
    venue: venueIn(region.start, region.end),
    date: times.find((d) => d.start >= region.start && d.end <= region.end) ?? null,
    status: standing(quote.text + ' ' + text.slice(region.start, region.end)),
    sentence: region,
  });

  // Direct quotes.
  const covered: Array<[number, number]> = [];
  let previousSpeaker: { m: Mention | null; at: TextSpan } | null = null;
  for (const q of quoteSpans(text)) {
    const inner = span(text, q.open + 1, q.close);
    if (inner.text.trim().split(/\s+/).length < 3) continue; // scare quotes around a term are not speech
    const first = sentenceAt(q.open);
    const last = sentenceAt(q.close);
    let found: { speaker: { m: Mention | null; at: TextSpan }; cue: number } | null = null;
    // After the closing mark, within its sentence: "…," X said. / "…," said X.
    for (let t = tokenAt(doc, q.close + 1); t < last.endToken && !found; t++) {
      if (isCue(t)) {
        const s = speakerAround(t, q.close + 1, last.end);
        if (s) found = { speaker: s, cue: t };
      }
    }
    // Before the opening mark, within its sentence: X said: "…" / X said that the idea "…".
    for (let t = tokenAt(doc, q.open) - 1; t >= first.firstToken && !found; t--) {
      if (isCue(t)) {
        const s = speakerAround(t, first.start, q.open);
        if (s) found = { speaker: s, cue: t };
      }
    }
    const region = { start: first.start, end: Math.max(last.end, q.close + 1) };
    if (found) {
      quotes.push(build(found.speaker, found.cue, inner, true, region));
      previousSpeaker = found.speaker;
      covered.push([region.start, region.end]);
    } else if (previousSpeaker && /^\s*$/.test(text.slice(Math.max(0, q.open - 2), q.open).replace(/\n/g, ''))) {
      // A quote opening a paragraph right after a quoted speaker continues that speaker's words.
      const lastQuote = quotes[quotes.length - 1];
      if (lastQuote && q.open - lastQuote.sentence.end < 400) {
        quotes.push({ ...lastQuote, quote: inner, venue: null, sentence: region, status: standing(inner.text) });
        covered.push([region.start, region.end]);
      }
    }
  }

  // Indirect quotes: "X said (that) CLAUSE", "according to X, CLAUSE" in sentences without a direct quote.
  for (const sentence of doc.sentences) {
    if (covered.some(([a, b]) => sentence.start < b && sentence.end > a)) continue;
    for (let t = sentence.firstToken; t < sentence.endToken; t++) {
      const according = doc.lemma[t] === 'accord' && doc.lemma[t + 1] === 'to';
      if (!according && !isCue(t)) continue;
      let speaker: { m: Mention | null; at: TextSpan } | null;
      let clause: TextSpan;
      if (according) {
        // The speaker is the head of the phrase after "according to": its person, else its body, else its last actor.
        const phraseStart = doc.tokenEnd[t + 1]!;
        const comma = text.indexOf(',', phraseStart);
        const phraseEnd = comma > 0 && comma < sentence.end ? comma : sentence.end;
        const inPhrase = mentions.filter((x) => x.start >= phraseStart && x.end <= phraseEnd && x.actor);
        const m = inPhrase.find((x) => x.type === 'person') ?? inPhrase.find((x) => x.type === 'organization') ?? inPhrase[inPhrase.length - 1];
        if (!m) continue;
        speaker = { m, at: span(text, m.start, m.end) };
        // The claim is the rest of the sentence on the other side of "according to X".
        const before = text.slice(sentence.start, doc.tokenStart[t]!).replace(/[\s,]+$/, '');
        const afterStart = text.indexOf(',', m.end);
        clause = before.length > 20
          ? span(text, sentence.start, sentence.start + before.length)
          : span(text, afterStart > 0 && afterStart < sentence.end ? afterStart + 1 : m.end, sentence.end);
      } else {
        speaker = speakerAround(t, sentence.start, sentence.end);
        if (!speaker) continue;
        let from = t + 1;
        // Skip the venue and time between the cue and the clause: "said in an interview on Friday that".
        const that = doc.lemma.slice(from, Math.min(sentence.endToken, from + 14)).indexOf('that');
        if (that >= 0) from += that + 1;
        else if (speaker.at.start > doc.tokenEnd[t]!) continue; // "said X" without a clause is not indirect speech
        if (from >= sentence.endToken) continue;
        clause = span(text, doc.tokenStart[from]!, sentence.end);
      }
      clause = span(text, clause.start + (clause.text.length - clause.text.trimStart().length), clause.end);
      if (clause.text.split(/\s+/).length < 4) continue;
      quotes.push(build(speaker, t, clause, false, { start: sentence.start, end: sentence.end }));
      if (according) quotes[quotes.length - 1]!.cue = span(text, doc.tokenStart[t]!, doc.tokenEnd[t + 1]!);
      break;
    }
  }
  return quotes.sort((a, b) => a.quote.start - b.quote.start);
}
