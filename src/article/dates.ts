/**
 * Date parsing shared by every format: metadata values, visible "Posted …" lines, header blocks.
 * Results keep only what the text says: a date alone stays a date, a time without a zone stays local
 * unless the caller knows the outlet's offset.
 */
import * as chrono from 'chrono-node';

export interface ParsedDate {
  /** ISO 8601: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS with ±HH:MM when the offset is known. */
  iso: string;
  hasTime: boolean;
  hasOffset: boolean;
}

export interface ParseDateOptions {
  /** Offset in minutes east of UTC to apply when the text gives a time but no zone. */
  defaultOffsetMinutes?: number | null;
  /**
   * Language of the text (BCP 47; only the primary subtag is read). Month names are then read in that
   * language and an all-numeric "07/06/2020" is read day first unless the language is English.
   */
  language?: string | null;
}

/** English month names and their abbreviations, as one regular-expression alternation. */
export const MONTH_NAMES =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/** "September. 05, 2023" (a Korean CMS habit) and "Sept. 5" confuse chrono: drop the period after a month name. */
const MONTH_PERIOD = new RegExp(`\\b(${MONTH_NAMES})\\.(?=\\s*\\d)`, 'gi');
const ISO_LIKE =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$/i;
const COMPACT = /^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$/;
const TIME_AFTER = String.raw`(?:[\sT,]+(?:[^\d\s]{1,6}\s*)?(\d{1,2})[:h.](\d{2})(?::(\d{2}))?(?!\d)\s*([ap]\.?m\.?)?)?`;
/** "07.06.2020", "7/6/2020 12:30", "07-06-2020": day and month in an order the separator or language decides. */
const NUMERIC_DMY = new RegExp(String.raw`(?<![\d.:/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d/-]|\.\d)${TIME_AFTER}`, 'i');
/** "2020年6月7日", "2020년 6월 7일", "2020. 6. 7.", "2020/6/7": year first, unambiguous everywhere. */
const NUMERIC_YMD = new RegExp(
  String.raw`(?<![\d.:/-])(\d{4})\s*(?:年|년|[./]\s?)(\d{1,2})\s*(?:月|월|[./]\s?)(\d{1,2})(?:日|일|\.)?(?![\d/]|\.\d)${TIME_AFTER}`,
  'i',
);
const WRITTEN_YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/;
const WORD = /\p{L}{3}/u;
const CHRONO_LOCALES = new Map<string, chrono.Chrono>(Object.entries({
  ar: chrono.ar.strict,
  de: chrono.de.strict,
  es: chrono.es.strict,
  fi: chrono.fi.strict,
  fr: chrono.fr.strict,
  id: chrono.id.strict,
  it: chrono.it.strict,
  ja: chrono.ja.strict,
  nl: chrono.nl.strict,
  pt: chrono.pt.strict,
  ru: chrono.ru.strict,
  sv: chrono.sv.strict,
  uk: chrono.uk.strict,
  vi: chrono.vi.strict,
  zh: chrono.zh.strict,
}));

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A real calendar day of years 1 to 9999: old dates are kept, and future ones reach the check that reports them. */
function validDate(y: number, m: number, d: number): boolean {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  if (m === 2) return d <= (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28);
  return d <= new Date(Date.UTC(2000, m, 0)).getUTCDate();
}

function assemble(
  y: number,
  mo: number,
  d: number,
  time: { h: number; mi: number; s: number } | null,
  offset: number | null,
): ParsedDate | null {
  if (!validDate(y, mo, d)) return null;
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (!time || time.h > 23 || time.mi > 59 || time.s > 59) return { iso: date, hasTime: false, hasOffset: false };
  const t = `${date}T${pad(time.h)}:${pad(time.mi)}:${pad(time.s)}`;
  if (offset === null) return { iso: t, hasTime: true, hasOffset: false };
  return { iso: t + (offset === 0 ? 'Z' : formatOffset(offset)), hasTime: true, hasOffset: true };
}

function parseOffset(z: string | undefined): number | null {
  if (!z) return null;
  if (/^z$/i.test(z)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return null;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

interface Found {
  /** Where the expression starts in the text: the earliest of several readings wins. */
  index: number;
  date: ParsedDate | null;
}

function clockOf(h: string | undefined, mi: string | undefined, s: string | undefined, meridiem: string | undefined) {
  if (h === undefined) return null;
  let hour = Number(h);
  if (meridiem) {
    const pm = /^p/i.test(meridiem);
    if (hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return { h: hour, mi: Number(mi), s: Number(s ?? 0) };
}

function parseNumeric(text: string, language: string | null, fallback: number | null): Found | null {
  let best: Found | null = null;
  const ymd = NUMERIC_YMD.exec(text);
  if (ymd) {
    const [, y, mo, d, h, mi, s, meridiem] = ymd;
    const time = clockOf(h, mi, s, meridiem);
    best = { index: ymd.index, date: assemble(Number(y), Number(mo), Number(d), time, time ? fallback : null) };
  }
  const dmy = NUMERIC_DMY.exec(text);
  if (dmy && (!best || dmy.index < best.index)) {
    const [, a, separator, b, y, h, mi, s, meridiem] = dmy;
    const first = Number(a);
    const second = Number(b);
    // Dots are never month-first; otherwise a part above 12 decides, then the language (US English: month first).
    const dayFirst =
      separator === '.' || first > 12 || (second <= 12 && language !== null && language !== 'en');
    const time = clockOf(h, mi, s, meridiem);
    const [day, month] = dayFirst ? [first, second] : [second, first];
    best = { index: dmy.index, date: assemble(Number(y), month, day, time, time ? fallback : null) };
  }
  return best;
}

function parseWithChrono(parser: chrono.Chrono, text: string, fallback: number | null): Found | null {
  const results = parser.parse(text, new Date(Date.UTC(2000, 0, 1)), { forwardDate: false });
  for (const r of results) {
    const c = r.start;
    // A date without an explicit year is relative to an unknown "now": never guess it.
    if (!c.isCertain('year') || !c.isCertain('month') || !c.isCertain('day')) continue;
    const time = c.isCertain('hour')
      ? { h: c.get('hour') ?? 0, mi: c.get('minute') ?? 0, s: c.get('second') ?? 0 }
      : null;
    const zone = c.isCertain('timezoneOffset') ? (c.get('timezoneOffset') ?? null) : null;
    const date = assemble(c.get('year')!, c.get('month')!, c.get('day')!, time, zone ?? (time ? fallback : null));
    return { index: r.index, date };
  }
  return null;
}

function primarySubtag(language: string | null | undefined): string | null {
  const m = /^\s*([a-z]{2,3})(?:[-_]|\s*$)/i.exec(language ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

/** Parses one date expression. Returns null when the text holds no complete calendar date. */
export function parseDateText(input: string, options: ParseDateOptions = {}): ParsedDate | null {
  const text = input.trim();
  if (!text) return null;
  const fallback = options.defaultOffsetMinutes ?? null;
  const iso = ISO_LIKE.exec(text) ?? COMPACT.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, z] = iso;
    const time = h !== undefined ? { h: Number(h), mi: Number(mi), s: Number(s ?? 0) } : null;
    const offset = parseOffset(z) ?? (time ? fallback : null);
    return assemble(Number(y), Number(mo), Number(d), time, offset);
  }
  const language = primarySubtag(options.language);
  const normalised = text.replace(MONTH_PERIOD, '$1').replace(/\s+/g, ' ');
  const localised = language ? CHRONO_LOCALES.get(language) : undefined;
  const readings = [
    parseNumeric(normalised, language, fallback),
    localised ? parseWithChrono(localised, normalised, fallback) : null,
    parseWithChrono(chrono.strict, normalised, fallback),
  ];
  let best: Found | null = null;
  for (const found of readings) if (found?.date && (!best || found.index < best.index)) best = found;
  if (best) return best.date;
  // A month name in a language the caller did not name: only worth trying when a year is written out.
  if (!WRITTEN_YEAR.test(normalised) || !WORD.test(normalised)) return null;
  for (const [code, parser] of CHRONO_LOCALES) {
    if (code === language) continue;
    const found = parseWithChrono(parser, normalised, fallback);
    if (found?.date) return found.date;
  }
  return null;
}

/** Milliseconds since the epoch for comparisons; a date without offset is read as UTC. */
export function toEpochMs(iso: string): number {
  const withTime = iso.length === 10 ? `${iso}T00:00:00Z` : /[zZ]|[+-]\d{2}:\d{2}$/.test(iso) ? iso : `${iso}Z`;
  return Date.parse(withTime);
}

/**
 * True when the date lies after `now`, with a day's grace so that a bare date or a local time
 * published east of the reader is not rejected by the time zone alone.
 */
export function isInFuture(iso: string, now: Date): boolean {
  return toEpochMs(iso) > now.getTime() + 24 * 3600 * 1000;
}
