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
}

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/** "September. 05, 2023" (a Korean CMS habit) and "Sept. 5" confuse chrono: drop the period after a month name. */
const MONTH_PERIOD = new RegExp(`\\b(${MONTHS})\\.(?=\\s*\\d)`, 'gi');
const ISO_LIKE =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$/i;
const COMPACT = /^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function assemble(
  y: number,
  mo: number,
  d: number,
  time: { h: number; mi: number; s: number } | null,
  offset: number | null,
): ParsedDate | null {
  if (!validDate(y, mo, d)) return null;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
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
  const normalised = text.replace(MONTH_PERIOD, '$1').replace(/\s+/g, ' ');
  const results = chrono.strict.parse(normalised, new Date(Date.UTC(2000, 0, 1)), { forwardDate: false });
  for (const r of results) {
    const c = r.start;
    // A date without an explicit year is relative to an unknown "now": never guess it.
    if (!c.isCertain('year') || !c.isCertain('month') || !c.isCertain('day')) continue;
    const time = c.isCertain('hour')
      ? { h: c.get('hour') ?? 0, mi: c.get('minute') ?? 0, s: c.get('second') ?? 0 }
      : null;
    const zone = c.isCertain('timezoneOffset') ? (c.get('timezoneOffset') ?? null) : null;
    return assemble(c.get('year')!, c.get('month')!, c.get('day')!, time, zone ?? (time ? fallback : null));
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
