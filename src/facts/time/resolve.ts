/**
 * Temporal expressions in news text, resolved against the article's publication date, for dating events
 * and quotes: "on Friday" → the Friday on or before publication, "at the end of July" → 2023-07 (end),
 * "Aug. 18" → the most recent past Aug. 18, "last month" → the month before publication.
 *
 * The vocabulary (weekday and month names, prepositions, qualifiers, relative words) lives in
 * data/time/expressions.json; this file holds the grammar, which is generic. The text is cut into tokens
 * once (one linear pass) and read left to right; at each token the longest expression that
 * starts there wins and reading resumes after it. Explicit numeric dates are handed to the project's
 * date parser (parseDateText, chrono-backed) so that "13/09/2023" reads the same everywhere.
 *
 * Conventions (news usage), all relative to the publication date P as written (its local calendar day):
 * - A bare weekday ("on Friday", "said Friday") is the most recent such day on or before P; on or after P
 *   when the tense is future (with 'auto': the tense of the verb that governs it, else a future marker
 *   before it in its clause). "last Friday" / "this past Friday" are the most recent Friday strictly before
 *   P (on a Friday, the one a week earlier); "next Friday" / "this coming Friday" the first strictly after P;
 *   "this Friday" the first on or after P.
 * - A month or a day without a year ("in July", "Aug. 18") is its most recent occurrence on or before P
 *   (in the future tense: the next on or after P). "last July" is the most recent July before P's month,
 *   "next July" the first after it, "this July" P's year, "July last year" P's year minus one.
 * - A month alone is read only where something licenses it (a preposition "in July", a qualifier "early
 *   July", a modifier "last July" or a year "July 2023"): "May" and "March" are also words. A year alone
 *   likewise needs a preposition or qualifier ("in 2022", "mid-2022").
 * - Weeks and weekends have no day: they come back at month precision when they lie within one month, and
 *   are left out otherwise. "N weeks ago" is month precision, "N days ago" day precision.
 * - "since"/"ever since" give the qualifier "since"; "until"/"till"/"through"/"by" give "until". They win
 *   over a position qualifier: "since the beginning of the year" → 2023, since.
 * - Never a day precision when the text gives only a month.
 */
import { readFileSync } from 'node:fs';
import { parseDateText } from '../../article/dates.js';
import { checkDeadline } from '../../document/deadline.js';

export type Precision = 'day' | 'month' | 'year';
export type Qualifier = 'beginning' | 'early' | 'mid' | 'late' | 'end' | 'since' | 'until';

export interface ResolvedTime {
  /** Character offsets of the expression in the text (JS string indices). */
  start: number;
  end: number;
  /** The expression as written ("on Friday", "at the end of July"). */
  text: string;
  /** ISO: "2023-09-01" (day), "2023-07" (month), "2023" (year). */
  value: string;
  precision: Precision;
  /** Qualifier when the text says part of a period: "end" (at the end of July), "beginning", "mid", "early", "late"; or "since"/"until" for open ranges. */
  qualifier?: Qualifier;
}

export interface FindTimesOptions {
  /**
   * Which way bare weekdays, months and dates point. 'past' (default, news reports what happened): the most
   * recent on or before publication. 'future': the next on or after. 'auto': future when a future marker
   * ("will", "is due to" …, data/time/expressions.json) stands between the start of the clause and the
   * expression, past otherwise.
   */
  tense?: 'past' | 'future' | 'auto';
  /**
   * With 'auto': the tense of the verb that governs the expression starting at a character offset, from the
   * document's parse (time/tense.ts), or null when no verb governs it or its form does not say. Its answer
   * wins over the future markers.
   */
  tenseAt?: (offset: number) => 'past' | 'future' | null;
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

type Table<T> = Record<string, T>;
interface Vocabulary {
  weekdays: { names: string[][]; notAfter: string[]; notBefore: string[] };
  yearNotAfter: { words: string[] };
  months: Array<{ names: string[]; abbreviations: string[] }>;
  prepositions: Table<Qualifier | null>;
  qualifiers: Table<Qualifier>;
  relativeDays: Table<number>;
  periodModifiers: Table<number>;
  periodUnits: Table<Unit>;
  weekendPhrases: Table<number>;
  weekdayModifiers: Table<Direction>;
  monthModifiers: Table<Direction | 'this'>;
  yearAfterMonth: Table<number>;
  ago: { words: string[]; units: Table<Unit>; numbers: Table<number> };
  ordinalSuffixes: string[];
  futureMarkers: { phrases: string[] };
}
type Unit = 'day' | 'week' | 'weekend' | 'month' | 'year';
type Direction = 'before' | 'after' | 'onOrAfter' | 'onOrBefore';

const VOCABULARY = JSON.parse(
  readFileSync(new URL('../../../data/time/expressions.json', import.meta.url), 'utf8'),
) as Vocabulary;

/** The entries of a data object, without its "$comment". */
function entries<T>(table: Table<T>): Array<[string, T]> {
  return Object.entries(table).filter(([key]) => key !== '$comment');
}

// ---------------------------------------------------------------------------------------------------------
// Tokens

interface Token {
  start: number;
  end: number;
  raw: string;
  /** Lower case, curly apostrophes and Unicode hyphens folded. */
  norm: string;
  /** Numeric value of an all-digit token. */
  num: number | null;
  kind: 'iso' | 'numeric' | 'digits' | 'word' | 'punct';
  /** A line break lies between this token and the previous one: expressions never cross it. */
  breakBefore: boolean;
  /** No space between this token and the previous one. */
  attached: boolean;
}

/**
 * The tokens, by definition: ISO dates, numeric dates, digit runs, letter runs, single other characters.
 * TOKEN is searched from a position: it skips whitespace, so a match starts at the next other character.
 */
const TOKEN = /(\d{4}-\d{2}-\d{2})(?!\d)|(\d{1,2}[./]\d{1,2}[./]\d{4})(?!\d)|(\d+)|(\p{L}+)|([^\s\p{L}\d])/gu;
const FOLD = new Map([['’', "'"], ['‘', "'"], ['ʼ', "'"], ['‐', '-'], ['‑', '-'], ['–', '-']]);

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * One linear pass. Running TOKEN at every token was most of findTimes' time, so ASCII spaces, letter runs
 * that end in ASCII and ASCII punctuation (nearly all of an English text) are read by character code,
 * where TOKEN could only match the same; a digit or any non-ASCII character is handed to TOKEN itself.
 */
function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let previousEnd = from;
  // The first line break at or after previousEnd, found once per line rather than by slicing every gap.
  let newline = -1;
  for (let p = from; p < text.length; ) {
    const c = text.charCodeAt(p);
    if (isAsciiSpace(c)) {
      p++;
      continue;
    }
    let start = p;
    let end = p + 1;
    let kind: Token['kind'] | null = null;
    // An ASCII word without a capital is its own lower case (most words): no toLowerCase for it.
    let lowerCase = false;
    if (isAsciiLetter(c)) {
      let capital = c <= 90;
      for (; end < text.length && isAsciiLetter(text.charCodeAt(end)); end++) if (text.charCodeAt(end) <= 90) capital = true;
      if (end === text.length || text.charCodeAt(end) < 128) {
        kind = 'word';
        lowerCase = !capital;
      }
    } else if (c < 128 && !isAsciiDigit(c)) kind = 'punct';
    if (kind === null) {
      TOKEN.lastIndex = p;
      const m = TOKEN.exec(text);
      if (!m) break;
      start = m.index;
      end = start + m[0].length;
      kind = m[1] ? 'iso' : m[2] ? 'numeric' : m[3] ? 'digits' : m[4] ? 'word' : 'punct';
    }
    if (end > to) break;
    const raw = text.slice(start, end);
    if (newline < previousEnd) {
      newline = text.indexOf('\n', previousEnd);
      if (newline < 0) newline = text.length;
    }
    tokens.push({
      start,
      end,
      raw,
      norm: kind === 'punct' ? (FOLD.get(raw) ?? raw) : lowerCase ? raw : raw.toLowerCase(),
      num: kind === 'digits' ? Number(raw) : null,
      kind,
      breakBefore: newline < start,
      attached: previousEnd === start,
    });
    previousEnd = end;
    p = end;
  }
  return tokens;
}

interface Phrase<T> {
  words: string[];
  value: T;
}

/** Multi-word phrases indexed by their first token, longest first. */
class PhraseTable<T> {
  private readonly byFirst = new Map<string, Array<Phrase<T>>>();
  constructor(items: Array<[string, T]>) {
    for (const [phrase, value] of items) {
      const words = tokenize(phrase).map((t) => t.norm);
      if (!words.length) continue;
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push({ words, value });
      list.sort((a, b) => b.words.length - a.words.length);
      this.byFirst.set(words[0]!, list);
    }
  }
  /** The words a phrase may start with. */
  firstWords(): Iterable<string> {
    return this.byFirst.keys();
  }
  /** The longest phrase starting at token i: its value and the index after it. */
  match(tokens: Token[], i: number): { end: number; value: T } | null {
    const first = tokens[i];
    if (!first) return null;
    const list = this.byFirst.get(first.norm);
    if (!list) return null;
    for (const phrase of list) {
      let ok = true;
      for (let k = 1; k < phrase.words.length && ok; k++) {
        const t = tokens[i + k];
        ok = t !== undefined && !t.breakBefore && t.norm === phrase.words[k];
      }
      if (ok) return { end: i + phrase.words.length, value: phrase.value };
    }
    return null;
  }
}

const WEEKDAYS = new Map<string, number>();
VOCABULARY.weekdays.names.forEach((names, day) => names.forEach((n) => WEEKDAYS.set(n.toLowerCase(), day)));
const NOT_BEFORE_WEEKDAY = new Set(VOCABULARY.weekdays.notAfter.map((w) => w.toLowerCase()));
/** Case-sensitive: "Sunday Times" is a paper, "Sunday times of prayer" a day. */
const NOT_AFTER_WEEKDAY = new Set(VOCABULARY.weekdays.notBefore);
const NOT_BEFORE_YEAR = new Set(VOCABULARY.yearNotAfter.words.map((w) => w.toLowerCase()));
const MONTHS = new Map<string, { month: number; abbreviation: boolean }>();
VOCABULARY.months.forEach((entry, i) => {
  for (const n of entry.names) MONTHS.set(n.toLowerCase(), { month: i + 1, abbreviation: false });
  for (const n of entry.abbreviations) MONTHS.set(n.toLowerCase(), { month: i + 1, abbreviation: true });
});
const ORDINALS = new Set(VOCABULARY.ordinalSuffixes);
const PREPOSITIONS = new PhraseTable(entries(VOCABULARY.prepositions));
const QUALIFIERS = new PhraseTable(entries(VOCABULARY.qualifiers));
const RELATIVE_DAYS = new PhraseTable(entries(VOCABULARY.relativeDays));
const PERIOD_MODIFIERS = new PhraseTable(entries(VOCABULARY.periodModifiers));
const PERIOD_UNITS = new PhraseTable(entries(VOCABULARY.periodUnits));
const WEEKEND_PHRASES = new PhraseTable(entries(VOCABULARY.weekendPhrases));
const WEEKDAY_MODIFIERS = new PhraseTable(entries(VOCABULARY.weekdayModifiers));
const MONTH_MODIFIERS = new PhraseTable(entries(VOCABULARY.monthModifiers));
const YEAR_AFTER_MONTH = new PhraseTable(entries(VOCABULARY.yearAfterMonth));
const AGO_WORDS = new PhraseTable(VOCABULARY.ago.words.map((w): [string, true] => [w, true]));
const AGO_UNITS = new PhraseTable(entries(VOCABULARY.ago.units));
const NUMBER_WORDS = new PhraseTable(entries(VOCABULARY.ago.numbers));
const FUTURE_MARKERS = new PhraseTable(VOCABULARY.futureMarkers.phrases.map((w): [string, true] => [w, true]));
/**
 * The words an expression can start with: those expressionAt and the readings of core look up at their
 * first token (a number of any kind can start one too). Most tokens are none of them, and are passed over
 * at once ("in Seoul" is no expression).
 */
const FIRST_WORDS = new Set<string>([
  ...[WEEKEND_PHRASES, PREPOSITIONS, QUALIFIERS, RELATIVE_DAYS, NUMBER_WORDS, PERIOD_MODIFIERS, WEEKDAY_MODIFIERS, MONTH_MODIFIERS].flatMap((table) => [...table.firstWords()]),
  ...WEEKDAYS.keys(),
  ...MONTHS.keys(),
  'the', // "the 18th of August"
]);
const mayStartExpression = (t: Token) => (t.kind === 'word' || t.kind === 'punct' ? FIRST_WORDS.has(t.norm) : true);

// ---------------------------------------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01, UTC)

interface Ymd {
  y: number;
  m: number;
  d: number;
}
const DAY_MS = 86_400_000;
const dayNumber = (y: number, m: number, d: number) => Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
function fromDayNumber(n: number): Ymd {
  const date = new Date(n * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}
/** 0 = Sunday. 1970-01-01 was a Thursday. */
const weekdayOf = (n: number) => (((n + 4) % 7) + 7) % 7;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
function shiftMonth(y: number, m: number, by: number): { y: number; m: number } {
  const index = y * 12 + (m - 1) + by;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}
const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day of a publication date as written ("2023-09-05T23:30:00-04:00" → 2023-09-05). */
function publicationDay(published: string | null): Ymd | null {
  if (!published) return null;
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(published) ?? /^(\d{4})-(\d{2})-(\d{2})/.exec(parseDateText(published)?.iso ?? '');
  if (!iso) return null;
  const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  return validDay(y, m, d) ? { y, m, d } : null;
}

// ---------------------------------------------------------------------------------------------------------
// Grammar

/** A resolved value, or null for an expression read but not placed (relative without a publication date, a week across two months). */
type Value = { precision: Precision; y: number; m?: number; d?: number } | null;
/** What the expression names, whatever its resolution: a qualifier can only part a month, a year or a week. */
type Kind = 'day' | 'month' | 'year' | 'span';
interface Core {
  end: number;
  kind: Kind;
  value: Value;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

class Reader {
  private readonly tokens: Token[];
  constructor(
    private readonly text: string,
    private readonly pub: Ymd | null,
    private readonly tense: 'past' | 'future' | 'auto',
    private readonly tenseAt: FindTimesOptions['tenseAt'],
    from: number,
    to: number,
  ) {
    this.tokens = tokenize(text, from, to);
  }

  read(): ResolvedTime[] {
    const out: ResolvedTime[] = [];
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; ) {
      if ((i & 4095) === 0) checkDeadline();
      const found = mayStartExpression(tokens[i]!) ? this.expressionAt(i) : null;
      if (!found) {
        i++;
        continue;
      }
      if (found.value) {
        const start = tokens[i]!.start;
        const end = tokens[found.end - 1]!.end;
        const { precision, y, m, d } = found.value;
        const value = precision === 'year' ? String(y) : precision === 'month' ? `${y}-${pad(m!)}` : `${y}-${pad(m!)}-${pad(d!)}`;
        const time: ResolvedTime = { start, end, text: this.text.slice(start, end), value, precision };
        if (found.qualifier) time.qualifier = found.qualifier;
        out.push(time);
      }
      i = found.end;
    }
    return out;
  }

  private tok(i: number): Token | undefined {
    return this.tokens[i];
  }

  /** Token i continues the expression: it exists and no line break comes before it. */
  private next(i: number): Token | undefined {
    const t = this.tokens[i];
    return t && !t.breakBefore ? t : undefined;
  }

  private expressionAt(i: number): { end: number; value: Value; qualifier?: Qualifier } | null {
    const candidates: Array<{ end: number; value: Value; qualifier?: Qualifier }> = [];
    const weekend = WEEKEND_PHRASES.match(this.tokens, i);
    if (weekend) candidates.push({ end: weekend.end, value: this.weekend(weekend.value) });
    const preposition = PREPOSITIONS.match(this.tokens, i);
    if (preposition && this.next(preposition.end)) {
      const found = this.qualified(preposition.end, true, preposition.value);
      if (found) candidates.push(found);
    }
    if (!preposition) {
      const found = this.qualified(i, false, null);
      if (found) candidates.push(found);
    }
    let best: (typeof candidates)[number] | null = null;
    for (const c of candidates) if (!best || c.end > best.end) best = c;
    return best;
  }

  private qualified(i: number, licensed: boolean, openRange: Qualifier | null) {
    const part = QUALIFIERS.match(this.tokens, i);
    let k = part ? part.end : i;
    if (part && this.next(k)?.norm === '-' && this.tok(k)!.attached) k++;
    if (part && !this.next(k)) return null;
    const core = this.core(k, licensed || part !== null, part !== null);
    if (!core) return null;
    if (part && core.kind === 'day') return null;
    // A week has no month to part: "at the end of next week" is read but not placed.
    const value = part && core.kind === 'span' ? null : core.value;
    const qualifier = openRange ?? part?.value;
    return qualifier ? { end: core.end, value, qualifier } : { end: core.end, value };
  }

  private core(i: number, licensed: boolean, qualified: boolean): Core | null {
    const t = this.tok(i);
    if (!t || !mayStartExpression(t)) return null;
    const readings = [
      this.numericDate(i),
      this.relativeDay(i),
      this.ago(i),
      this.period(i, qualified),
      this.weekday(i),
      this.date(i),
      this.month(i, licensed),
      this.year(i, licensed),
    ];
    let best: Core | null = null;
    for (const r of readings) if (r && (!best || r.end > best.end)) best = r;
    return best;
  }

  // --- readings ----------------------------------------------------------------------------------------

  private numericDate(i: number): Core | null {
    const t = this.tok(i)!;
    if (t.kind !== 'iso' && t.kind !== 'numeric') return null;
    const parsed = parseDateText(t.raw, { language: 'en' });
    const iso = parsed && /^(\d{4})-(\d{2})-(\d{2})/.exec(parsed.iso);
    if (!iso) return null;
    return { end: i + 1, kind: 'day', value: { precision: 'day', y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) } };
  }

  private relativeDay(i: number): Core | null {
    const found = RELATIVE_DAYS.match(this.tokens, i);
    if (!found) return null;
    return { end: found.end, kind: 'day', value: this.pub ? this.dayValue(this.pubDay() + found.value) : null };
  }

  private ago(i: number): Core | null {
    let n: number | null = null;
    let k = i;
    const t = this.tok(i)!;
    if (t.kind === 'digits' && t.raw.length <= 3) {
      n = t.num;
      k = i + 1;
    } else {
      const word = NUMBER_WORDS.match(this.tokens, i);
      if (word) {
        n = word.value;
        k = word.end;
      }
    }
    if (n === null || !this.next(k)) return null;
    const unit = AGO_UNITS.match(this.tokens, k);
    if (!unit || !this.next(unit.end)) return null;
    const ago = AGO_WORDS.match(this.tokens, unit.end);
    if (!ago) return null;
    const end = ago.end;
    const kind: Kind = unit.value === 'year' ? 'year' : unit.value === 'day' ? 'day' : 'month';
    if (!this.pub) return { end, kind, value: null };
    const p = this.pub;
    switch (unit.value) {
      case 'day':
        return { end, kind, value: this.dayValue(this.pubDay() - n) };
      case 'week': {
        const day = fromDayNumber(this.pubDay() - 7 * n);
        return { end, kind, value: { precision: 'month', y: day.y, m: day.m } };
      }
      case 'month': {
        const month = shiftMonth(p.y, p.m, -n);
        return { end, kind, value: { precision: 'month', ...month } };
      }
      case 'year':
        return { end, kind, value: { precision: 'year', y: p.y - n } };
      default:
        return null;
    }
  }

  /** "last week", "this month", "earlier this year", "next weekend"; "the year" only after a qualifier. */
  private period(i: number, qualified: boolean): Core | null {
    const modifier = PERIOD_MODIFIERS.match(this.tokens, i);
    if (!modifier || !this.next(modifier.end)) return null;
    const bare = modifier.end === i + 1 && this.tok(i)!.norm === 'the';
    if (bare && !qualified) return null;
    const unit = PERIOD_UNITS.match(this.tokens, modifier.end);
    if (!unit) return null;
    const end = unit.end;
    const by = modifier.value;
    const kind: Kind = unit.value === 'year' ? 'year' : unit.value === 'month' ? 'month' : 'span';
    if (!this.pub) return { end, kind, value: null };
    const p = this.pub;
    switch (unit.value) {
      case 'year':
        return { end, kind, value: { precision: 'year', y: p.y + by } };
      case 'month':
        return { end, kind, value: { precision: 'month', ...shiftMonth(p.y, p.m, by) } };
      case 'week': {
        const monday = this.pubDay() - ((weekdayOf(this.pubDay()) + 6) % 7) + 7 * by;
        return { end, kind, value: this.spanValue(monday, monday + 6) };
      }
      case 'weekend':
        return { end, kind, value: this.weekend(by) };
      default:
        return null;
    }
  }

  /** [modifier] Weekday [,] [date]: a date written next to its weekday wins. */
  private weekday(i: number): Core | null {
    const modifier = WEEKDAY_MODIFIERS.match(this.tokens, i);
    const k = modifier && this.next(modifier.end) ? modifier.end : i;
    const t = this.tok(k)!;
    const day = this.capitalised(t) ? WEEKDAYS.get(t.norm) : undefined;
    if (day === undefined) return null;
    if (k === i) {
      const before = i > 0 ? this.tok(i - 1) : undefined;
      if (before && !t.breakBefore && NOT_BEFORE_WEEKDAY.has(before.norm)) return null;
    }
    const name = this.next(k + 1);
    if (name && NOT_AFTER_WEEKDAY.has(name.raw)) return null;
    let after = k + 1;
    if (this.next(after)?.norm === ',') after++;
    const written = this.next(after) ? this.date(after) : null;
    if (written) return written;
    if (!this.pub) return { end: k + 1, kind: 'day', value: null };
    const direction: Direction = modifier && k !== i ? modifier.value : this.future(i) ? 'onOrAfter' : 'onOrBefore';
    const p = this.pubDay();
    const delta = (day - weekdayOf(p) + 7) % 7; // days forward to the next such day, 0 if today
    let target: number;
    switch (direction) {
      case 'onOrBefore':
        target = p - ((7 - delta) % 7);
        break;
      case 'before':
        target = p - (((7 - delta) % 7) || 7);
        break;
      case 'onOrAfter':
        target = p + delta;
        break;
      case 'after':
        target = p + (delta || 7);
        break;
    }
    return { end: k + 1, kind: 'day', value: this.dayValue(target) };
  }

  /** "Aug. 18", "August 18th, 2023", "18 August", "the 18th of August 2023". */
  private date(i: number): Core | null {
    let month: number | undefined;
    let day: number | undefined;
    let k: number;
    const monthFirst = this.monthAt(i);
    if (monthFirst) {
      k = monthFirst.end;
      const d = this.next(k) ? this.dayAt(k) : null;
      if (!d) return null;
      month = monthFirst.month;
      day = d.day;
      k = d.end;
    } else {
      k = i;
      const the = this.tok(k)!.norm === 'the';
      if (the) k++;
      const d = k === i || this.next(k) ? this.dayAt(k) : null;
      if (!d) return null;
      k = d.end;
      const of = this.next(k)?.norm === 'of';
      if (the && !of) return null;
      if (of) k++;
      const m = this.next(k) ? this.monthAt(k) : null;
      if (!m) return null;
      month = m.month;
      day = d.day;
      k = m.end;
    }
    const year = this.yearAfter(k);
    if (year) {
      if (!validDay(year.year, month, day)) return null;
      return { end: year.end, kind: 'day', value: { precision: 'day', y: year.year, m: month, d: day } };
    }
    if (day > daysInMonth(2024, month)) return null;
    if (!this.pub) return { end: k, kind: 'day', value: null };
    const p = this.pub;
    const future = this.future(i);
    let y = p.y;
    if (future ? month < p.m || (month === p.m && day < p.d) : month > p.m || (month === p.m && day > p.d)) y += future ? 1 : -1;
    while (!validDay(y, month, day)) y += future ? 1 : -1; // February 29th
    return { end: k, kind: 'day', value: { precision: 'day', y, m: month, d: day } };
  }

  /** [modifier] Month [Year | "last year" …], read where licensed, modified or given a year. */
  private month(i: number, licensed: boolean): Core | null {
    const modifier = MONTH_MODIFIERS.match(this.tokens, i);
    const k = modifier && this.next(modifier.end) ? modifier.end : i;
    const m = this.monthAt(k, false);
    if (!m) return null;
    const written = this.yearAfter(m.end, true);
    // "Mar-a-Lago", "Jan Smith": an abbreviation alone is a month only with its period or a year.
    if (!written && m.abbreviation && this.next(m.end)?.norm !== '.') return null;
    if (written) return { end: written.end, kind: 'month', value: { precision: 'month', y: written.year, m: m.month } };
    let end = m.end;
    // "July last year": the period after the month names its year.
    const relativeYear = this.next(end) ? YEAR_AFTER_MONTH.match(this.tokens, end) : null;
    if (!licensed && !relativeYear && k === i) return null;
    if (relativeYear) end = relativeYear.end;
    if (!this.pub) return { end, kind: 'month', value: null };
    const p = this.pub;
    let y: number;
    if (relativeYear) y = p.y + relativeYear.value;
    else {
      const direction = modifier && k !== i ? modifier.value : this.future(i) ? 'onOrAfter' : 'onOrBefore';
      switch (direction) {
        case 'this':
          y = p.y;
          break;
        case 'before':
          y = m.month < p.m ? p.y : p.y - 1;
          break;
        case 'after':
          y = m.month > p.m ? p.y : p.y + 1;
          break;
        case 'onOrAfter':
          y = m.month >= p.m ? p.y : p.y + 1;
          break;
        case 'onOrBefore':
          y = m.month <= p.m ? p.y : p.y - 1;
          break;
      }
    }
    return { end, kind: 'month', value: { precision: 'month', y, m: m.month } };
  }

  /** A four-digit year where a preposition or qualifier licenses it ("in 2022", "mid-2022"). */
  private year(i: number, licensed: boolean): Core | null {
    if (!licensed) return null;
    const before = this.tok(i - 1);
    if (before && NOT_BEFORE_YEAR.has(before.norm)) return null;
    const y = this.yearToken(i);
    return y === null ? null : { end: i + 1, kind: 'year', value: { precision: 'year', y } };
  }

  // --- pieces ------------------------------------------------------------------------------------------

  private capitalised(t: Token): boolean {
    const first = t.raw[0]!;
    return t.kind === 'word' && first !== first.toLowerCase();
  }

  /**
   * A month name at token i, capitalised. With `beforeNumber`, the period after it is taken when a number
   * follows ("Sept. 13", and "September. 05", the CMS habit dates.ts also repairs).
   */
  private monthAt(i: number, beforeNumber = true): { month: number; end: number; abbreviation: boolean } | null {
    const t = this.tok(i);
    if (!t || !this.capitalised(t)) return null;
    const found = MONTHS.get(t.norm);
    if (!found) return null;
    const dot = this.next(i + 1);
    if (dot?.norm === '.' && dot.attached && (beforeNumber || found.abbreviation)) {
      const after = this.next(i + 2);
      if (after?.kind === 'digits') return { month: found.month, end: i + 2, abbreviation: found.abbreviation };
    }
    return { month: found.month, end: i + 1, abbreviation: found.abbreviation };
  }

  /** A day of the month: one or two digits, an optional ordinal suffix, not part of a larger number or a time. */
  private dayAt(i: number): { day: number; end: number } | null {
    const t = this.tok(i);
    if (!t || t.kind !== 'digits' || t.raw.length > 2 || t.num! < 1 || t.num! > 31) return null;
    let end = i + 1;
    const suffix = this.next(end);
    if (suffix && suffix.attached && ORDINALS.has(suffix.norm)) end++;
    else if (suffix && suffix.attached && suffix.kind === 'word') return null;
    const after = this.text[this.tok(end - 1)!.end];
    const second = this.text[this.tok(end - 1)!.end + 1] ?? '';
    if (after === ':' || after === '%' || ((after === ',' || after === '.') && /\d/.test(second))) return null;
    return { day: t.num!, end };
  }

  private yearToken(i: number, min = MIN_YEAR, max = MAX_YEAR): number | null {
    const t = this.tok(i);
    if (!t || t.kind !== 'digits' || t.raw.length !== 4) return null;
    const y = t.num!;
    const after = this.next(i + 1);
    if (after && after.attached && after.kind === 'word') return null; // "2022s", "1990s"
    return y >= min && y <= max ? y : null;
  }

  /** A year written after a date or month: "[,] 2023", or "of 2023" after a month. */
  private yearAfter(i: number, allowOf = false): { year: number; end: number } | null {
    let k = i;
    const t = this.next(k);
    if (t?.norm === ',' || (allowOf && t?.norm === 'of')) k++;
    // After a day and month any four-digit year is a year ("July 4th, 1776"); after a month alone, a likely one.
    const y = this.next(k) ? (allowOf ? this.yearToken(k) : this.yearToken(k, 1000, 2999)) : null;
    return y === null ? null : { year: y, end: k + 1 };
  }

  private pubDay(): number {
    const p = this.pub!;
    return dayNumber(p.y, p.m, p.d);
  }

  private dayValue(n: number): Value {
    const { y, m, d } = fromDayNumber(n);
    return { precision: 'day', y, m, d };
  }

  /** A span of days at month precision when it lies within one month; unplaced otherwise. */
  private spanValue(first: number, last: number): Value {
    const a = fromDayNumber(first);
    const b = fromDayNumber(last);
    return a.y === b.y && a.m === b.m ? { precision: 'month', y: a.y, m: a.m } : null;
  }

  /** -1: the weekend just past (the current one when published on a weekend); 0: this weekend; 1: the next. */
  private weekend(by: number): Value {
    if (!this.pub) return null;
    const p = this.pubDay();
    const wd = weekdayOf(p);
    const lastSaturday = p - ((wd + 1) % 7);
    const inWeekend = wd === 6 || wd === 0;
    const saturday = by < 0 ? lastSaturday : (inWeekend ? lastSaturday : lastSaturday + 7) + 7 * by;
    return this.spanValue(saturday, saturday + 1);
  }

  /** Whether bare weekdays, months and dates at token i point forward. */
  private future(i: number): boolean {
    if (this.tense !== 'auto') return this.tense === 'future';
    const governed = this.tenseAt?.(this.tok(i)!.start);
    if (governed) return governed === 'future';
    // The clause before the expression: back to a sentence or clause mark or a line break, 60 tokens at most.
    let from = i;
    while (from > 0 && i - from < 60 && !this.tok(from)!.breakBefore && !CLAUSE_END.has(this.tok(from - 1)!.norm)) from--;
    for (let k = from; k < i; k++) if (FUTURE_MARKERS.match(this.tokens, k)) return true;
    return false;
  }
}

const CLAUSE_END = new Set(['.', '!', '?', ';']);

/**
 * All temporal expressions in `text` (or in text.slice(from, to)), resolved against `published` (ISO date
 * or datetime; its calendar day as written is used; null = leave relative ones unresolved and return only
 * absolute ones). Offsets index `text` itself, also when a range is given. Results are in text order and
 * never overlap.
 */
export function findTimes(
  text: string,
  published: string | null,
  range?: { from: number; to: number },
  options: FindTimesOptions = {},
): ResolvedTime[] {
  const from = Math.max(0, Math.min(range?.from ?? 0, text.length));
  const to = Math.max(from, Math.min(range?.to ?? text.length, text.length));
  return new Reader(text, publicationDay(published), options.tense ?? 'past', options.tenseAt, from, to).read();
}
