/**
 * Where the sources of a story disagree. Each finding pairs two independent outlets' sentences:
 * - date: the same event (source, type, targets) put one or two days apart, or the same quote dated
 *   differently;
 * - status: one outlet asserts an event that another hedges or denies;
 * - place: the same event located in different countries, or an occasion ("the military parade") tied to
 *   different countries ("Russia's parade" against "the parade in North Korea");
 * - participants: the same act on the same targets and day by different sources;
 * - number: the same unit counted with ranges that cannot both hold ("nearly three hours" against
 *   "more than four hours"; `data/stories/disagreements.json`).
 * Sentences must share content words before two statements count as the same thing.
 */
import config from '../../data/stories/disagreements.json' with { type: 'json' };
import stopwordData from '../../data/stories/stopwords.json' with { type: 'json' };
import { actKey, eventKey, outletOf, targetKey, type StoryMember, type Voices } from './members.js';
import type { Disagreement, DisagreementKind, Evidence, StoryEvent, StoryQuote } from './types.js';

const NUMBER_WORDS = new Map(Object.entries(config.numbers as Record<string, number>));
const MULTIPLIERS = new Map(Object.entries(config.multipliers as Record<string, number>));
const QUALIFIERS = Object.entries(config.qualifiers as Record<string, (number | null)[]>)
  .map(([phrase, [low, high]]) => ({ words: phrase.split(' '), range: [low ?? 0, high ?? null] as [number, number | null] }))
  .sort((a, b) => b.words.length - a.words.length);
const UNITS = new Map(Object.entries(config.units as Record<string, string>));
const OCCASIONS = new Set(config.occasions);
/** Words that name one thing, folded to the group's first word for comparing contexts. */
const CONTEXT_WORD = new Map(config.contexts.flatMap((group) => group.map((w) => [w, group[0]!] as const)));
/** Tokens either side of a count that say what it counts. */
const CONTEXT_TOKENS = 6;

const STOPWORDS = new Set(stopwordData.stopwords);
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
/** Content words two sentences must share to be telling the same thing. */
const SHARED_WORDS = 2;
const MAX_DATE_GAP_DAYS = 2;
const MAX_PER_KIND = 12;

/** The sentence around a span: from the previous sentence end to the next, within its paragraph. */
export function sentenceAt(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let start = span.start;
  while (start > 0 && !/[.!?]["”’]?\s$/.test(text.slice(Math.max(0, start - 3), start)) && text[start - 1] !== '\n') start--;
  const after = /[.!?](?=["”’]?(?:\s|$))|\n/g;
  after.lastIndex = span.end;
  const stop = after.exec(text);
  return { start, end: stop ? Math.min(text.length, stop.index + 1) : text.length };
}

function* sentences(text: string): Generator<{ start: number; end: number }> {
  const boundary = /[.!?]["”’]?(?=\s+["“‘(]?[A-Z0-9])|\n+/g;
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + (m[0].startsWith('\n') ? 0 : m[0].length);
    if (end > start) yield { start, end };
    start = m.index + m[0].length;
    while (start < text.length && /\s/.test(text[start]!)) start++;
  }
  if (start < text.length) yield { start, end: text.length };
}

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

function tokens(text: string, offset: number): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:[.,]\d+)*(?:[-'’][\p{L}\p{N}]+)*/gu)].map((m) => ({
    text: m[0],
    lower: m[0].toLowerCase(),
    start: offset + m.index!,
    end: offset + m.index! + m[0].length,
  }));
}

function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokens(text, 0)) {
    if (t.lower.length > 2 && !STOPWORDS.has(t.lower) && !NUMBER_WORDS.has(t.lower) && !UNITS.has(t.lower) && !/\d/.test(t.lower)) out.add(t.lower);
  }
  return out;
}

/** How many content words two sentences share; each sentence is cut once, as it is compared with many. */
function wordOverlap(): (a: string, b: string) => number {
  const cut = new Map<string, Set<string>>();
  const wordsOf = (text: string) => {
    let words = cut.get(text);
    if (!words) cut.set(text, (words = contentWords(text)));
    return words;
  };
  return (a, b) => {
    const wb = wordsOf(b);
    let n = 0;
    for (const w of wordsOf(a)) if (wb.has(w)) n++;
    return n;
  };
}

interface Statement {
  member: StoryMember;
  voice: string;
  sentence: { start: number; end: number };
  text: string;
  value: string;
}

function evidence(s: Statement, status = 'asserted'): Evidence & { value: string } {
  return {
    articleId: s.member.article.id,
    outlet: outletOf(s.member.article),
    published: s.member.article.published,
    sentence: s.sentence,
    text: s.text,
    status,
    trigger: s.value,
    ...(s.member.copyOf ? { copyOf: s.member.copyOf } : {}),
    value: s.value,
  };
}

function fromEvidence(e: Evidence, value: string): Evidence & { value: string } {
  return { ...e, value };
}

interface NumberStatement extends Statement {
  unit: string;
  low: number;
  high: number;
  /** Content words around the count, with synonyms folded. */
  context: Set<string>;
}

function contextOf(toks: Token[], at: number): Set<string> {
  const out = new Set<string>();
  for (const t of toks.slice(Math.max(0, at - CONTEXT_TOKENS), at + CONTEXT_TOKENS + 1)) {
    // Names say who, not what is counted.
    if (/^\p{Lu}/u.test(t.text)) continue;
    for (const part of t.lower.split('-')) {
      if (part.length > 2 && !STOPWORDS.has(part) && !NUMBER_WORDS.has(part) && !UNITS.has(part) && !/\d/.test(part)) out.add(CONTEXT_WORD.get(part) ?? part.replace(/s$/, ''));
    }
  }
  return out;
}

function numberValue(token: string): number | null {
  if (/^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$/.test(token)) return Number(token.replace(/,/g, ''));
  return NUMBER_WORDS.get(token) ?? null;
}

/** Counted quantities in a sentence: "about five hours", "more than 1 million shells", "a two-day visit". */
function numberStatements(member: StoryMember, voice: string, sentence: { start: number; end: number }): NumberStatement[] {
  const text = member.article.text.slice(sentence.start, sentence.end);
  const toks = tokens(text, sentence.start);
  const out: NumberStatement[] = [];
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    const [head, tail] = tok.lower.split('-', 2) as [string, string | undefined];
    let value = numberValue(head);
    if (value === null && head === 'a' && toks[i + 1]?.lower === 'dozen') {
      value = 12;
      i++;
    }
    if (value === null) continue;
    if (toks[i - 1] && MONTHS.has(toks[i - 1]!.lower)) continue; // "July 27"
    if (/^(1[89]|20)\d\d$/.test(head)) continue; // a year
    let j = i + 1;
    let unit: string | undefined;
    /** The last token of the phrase: the unit, or the noun after "two-day". */
    let last = i;
    if (tail) {
      unit = tail;
      if (toks[j] && !STOPWORDS.has(toks[j]!.lower)) last = j;
    } else {
      const multiplier = MULTIPLIERS.get(toks[j]?.lower ?? '');
      if (multiplier) {
        value *= multiplier;
        j++;
      }
      for (let k = j; k < Math.min(toks.length, j + 3); k++) {
        if (UNITS.has(toks[k]!.lower)) {
          unit = toks[k]!.lower;
          last = k;
          break;
        }
      }
    }
    const canonical = unit ? UNITS.get(unit) : undefined;
    if (!canonical) continue;
    let range: [number, number | null] = [1, 1];
    let first = i;
    for (const q of QUALIFIERS) {
      const before = toks.slice(Math.max(0, i - q.words.length), i).map((t) => t.lower);
      if (before.length === q.words.length && before.every((w, k) => w === q.words[k])) {
        range = q.range;
        first = i - q.words.length;
        break;
      }
    }
    out.push({
      member,
      voice,
      sentence,
      text,
      unit: canonical,
      low: value * range[0],
      high: range[1] === null ? Infinity : value * range[1],
      context: contextOf(toks, i),
      value: member.article.text.slice(toks[first]!.start, toks[last]!.end),
    });
  }
  return out;
}

/** Occasions tied to one country: "Russia's (major military) parade", "the (military) parade in North Korea". */
function occasionStatements(member: StoryMember, voice: string, sentence: { start: number; end: number }): (Statement & { occasion: string; country: string })[] {
  const text = member.article.text.slice(sentence.start, sentence.end);
  const toks = tokens(text, sentence.start);
  const actorsIn = member.actors.filter((a) => a.country && a.start >= sentence.start && a.end <= sentence.end);
  const out: (Statement & { occasion: string; country: string })[] = [];
  toks.forEach((tok, i) => {
    const noun = tok.lower.replace(/s$/, '');
    if (!OCCASIONS.has(tok.lower) || tok.lower !== noun) return; // singular: one occasion
    const gapBefore = (a: { end: number }) => {
      const between = member.article.text.slice(a.end, tok.start);
      return /^(?:['’]s)?(?:\s+[\p{L}-]+){0,2}\s+$/u.test(between) && !/\b(?:and|or|with|to|of|for|the|a|an)\b/.test(between);
    };
    const owner = actorsIn.find((a) => a.end <= tok.start && tok.start - a.end < 40 && gapBefore(a));
    const next = toks[i + 1];
    const place = next && /^(?:in|at)$/.test(next.lower) ? actorsIn.find((a) => a.start >= next.end && a.start - next.end < 6) : undefined;
    const found = owner ?? place;
    if (!found?.country) return;
    out.push({ member, voice, sentence, text, occasion: tok.lower, country: found.country, value: member.article.text.slice(Math.min(found.start, tok.start), Math.max(found.end, tok.end)) });
  });
  return out;
}

export function findDisagreements(members: StoryMember[], events: StoryEvent[], quotes: StoryQuote[], voices: Voices): Disagreement[] {
  const sharedWords = wordOverlap();
  const found: Disagreement[] = [];
  const seen = new Set<string>();
  const add = (kind: DisagreementKind, subject: string, a: Evidence & { value: string }, b: Evidence & { value: string }) => {
    const key = `${kind}|${subject}|${[voices.of(a.articleId), voices.of(b.articleId)].sort().join('|')}`;
    if (seen.has(key) || found.filter((d) => d.kind === kind).length >= MAX_PER_KIND) return;
    seen.add(key);
    found.push({ kind, subject, a, b });
  };
  const independent = (a: Evidence, b: Evidence) => voices.of(a.articleId) !== voices.of(b.articleId);
  const label = (e: StoryEvent) => `${e.source.code ?? '?'} ${e.type} ${e.targets.map((t) => t.code).join(',')}`.trim();

  // Dates and participants of events; status within one event.
  const dayOf = (e: StoryEvent) => (e.date?.precision === 'day' ? Date.parse(e.date.value) / 86400000 : null);
  for (let i = 0; i < events.length; i++) {
    const x = events[i]!;
    const statuses = x.evidence.filter((e) => e.status === 'asserted');
    const doubted = x.evidence.find((e) => (e.status === 'hedged' || e.status === 'denied') && statuses.some((s) => independent(s, e)));
    if (doubted) {
      const asserted = statuses.find((s) => independent(s, doubted))!;
      add('status', label(x), fromEvidence(asserted, 'asserted'), fromEvidence(doubted, doubted.status));
    }
    for (let j = i + 1; j < events.length; j++) {
      const y = events[j]!;
      if (x.type !== y.type || targetKey(x) !== targetKey(y)) continue;
      const sameSource = actKey(x) === actKey(y);
      const [dx, dy] = [dayOf(x), dayOf(y)];
      for (const a of x.evidence) {
        const b = y.evidence.find((e) => independent(a, e) && sharedWords(a.text, e.text) >= SHARED_WORDS);
        if (!b) continue;
        // Two acts of one visit ("arrived on Wednesday", "met Kim on Thursday") are not one act dated twice.
        const sameTelling = a.trigger.toLowerCase().slice(0, 4) === b.trigger.toLowerCase().slice(0, 4);
        if (sameSource && sameTelling && dx !== null && dy !== null && dx !== dy && Math.abs(dx - dy) <= MAX_DATE_GAP_DAYS) {
          add('date', `${label(x)}: date`, fromEvidence(a, x.date!.value), fromEvidence(b, y.date!.value));
        } else if (!sameSource && x.date && y.date && x.date.value === y.date.value && sharedWords(a.text, b.text) > SHARED_WORDS) {
          add('participants', `${x.type} on ${x.targets.map((t) => t.code).join(',')}: who acted`, fromEvidence(a, x.source.code ?? '?'), fromEvidence(b, y.source.code ?? '?'));
        }
        break;
      }
    }
  }

  // Places of one event.
  const located = new Map<string, { member: StoryMember; event: StoryMember['events'][number] }[]>();
  for (const member of members) {
    for (const event of member.events) {
      if (!event.location?.place.country) continue;
      const key = eventKey(event);
      const list = located.get(key) ?? [];
      list.push({ member, event });
      located.set(key, list);
    }
  }
  for (const list of located.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        if (a.event.location!.place.country === b.event.location!.place.country || voices.of(a.member.article.id) === voices.of(b.member.article.id)) continue;
        const statement = (s: typeof a): Statement => ({
          member: s.member,
          voice: voices.of(s.member.article.id),
          sentence: s.event.sentence,
          text: s.member.article.text.slice(s.event.sentence.start, s.event.sentence.end),
          value: s.event.location!.text,
        });
        add('place', `${a.event.source.code} ${a.event.type}: where`, evidence(statement(a), a.event.status), evidence(statement(b), b.event.status));
      }
    }
  }

  // Quotes dated differently by different outlets.
  for (const q of quotes) {
    const dated = q.evidence.filter((e) => e.date);
    for (const a of dated) {
      // "last week" (2023-10) and "last Friday" (2023-10-13) can both be true: only incompatible dates conflict.
      const b = dated.find((e) => independent(a, e) && !e.date!.startsWith(a.date!) && !a.date!.startsWith(e.date!));
      if (b) {
        add('date', `${q.speaker.name}: “${q.quote.slice(0, 60)}${q.quote.length > 60 ? '…' : ''}”: when said`, fromEvidence(a, a.date!), fromEvidence(b, b.date!));
        break;
      }
    }
  }

  // Numbers and occasions, sentence by sentence.
  const numbers: NumberStatement[] = [];
  const occasions: ReturnType<typeof occasionStatements> = [];
  for (const member of members) {
    const voice = voices.of(member.article.id);
    for (const sentence of sentences(member.article.text)) {
      numbers.push(...numberStatements(member, voice, sentence));
      occasions.push(...occasionStatements(member, voice, sentence));
    }
  }
  for (let i = 0; i < numbers.length; i++) {
    for (let j = i + 1; j < numbers.length; j++) {
      const [a, b] = [numbers[i]!, numbers[j]!];
      if (a.unit !== b.unit || a.voice === b.voice) continue;
      if (a.high >= b.low && b.high >= a.low) continue;
      if (![...a.context].some((w) => b.context.has(w)) || sharedWords(a.text, b.text) < SHARED_WORDS) continue;
      add('number', `number of ${a.unit}s`, evidence(a), evidence(b));
    }
  }
  const occasionCountries = new Map<string, Map<string, Set<string>>>();
  for (const o of occasions) {
    const byVoice = occasionCountries.get(o.occasion) ?? new Map<string, Set<string>>();
    byVoice.set(o.voice, (byVoice.get(o.voice) ?? new Set()).add(o.country));
    occasionCountries.set(o.occasion, byVoice);
  }
  for (const [occasion, byVoice] of occasionCountries) {
    const single = [...byVoice].filter(([, countries]) => countries.size === 1);
    for (let i = 0; i < single.length; i++) {
      for (let j = i + 1; j < single.length; j++) {
        const [[va, ca], [vb, cb]] = [single[i]!, single[j]!];
        const [countryA] = ca;
        const [countryB] = cb;
        if (countryA === countryB) continue;
        const a = occasions.find((o) => o.occasion === occasion && o.voice === va)!;
        const b = occasions.find((o) => o.occasion === occasion && o.voice === vb)!;
        add('place', `the ${occasion}: whose or where (${countryA} or ${countryB})`, evidence(a), evidence(b));
      }
    }
  }
  return found;
}
