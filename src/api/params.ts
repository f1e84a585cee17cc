/**
 * Query and path parameters: one zod definition per parameter, which both validates requests and documents
 * them in the OpenAPI file. Schemas check strings only; turning them into store filters (dates into
 * instants or days, codes into upper case) is done by the functions below, so the document shows what a
 * client sends.
 */
import { z } from '@hono/zod-openapi';
import type { PloverType } from '../facts/events/patterns.js';
import type { ClaimStatus } from '../facts/claims/status.js';
import type { ArticleQuery, EventQuery } from '../store/browse.js';
import { badRequest } from './errors.js';

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 50;

export const PLOVER_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const satisfies readonly PloverType[];
export const CLAIM_STATUSES = ['asserted', 'reported', 'hedged', 'proposed', 'opinion', 'denied'] as const satisfies readonly ClaimStatus[];
// Both lists must name every value of their type: a new PLOVER type or status fails to compile here.
const everyType: Exclude<PloverType, (typeof PLOVER_TYPES)[number]> extends never ? true : false = true;
const everyStatus: Exclude<ClaimStatus, (typeof CLAIM_STATUSES)[number]> extends never ? true : false = true;
void everyType;
void everyStatus;

const quoted = (input: unknown) => JSON.stringify(String(input).slice(0, 80));

const DATE = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(\.\d{1,9})?)?(Z|[+-]\d\d:?\d\d)?)?$/;

export interface ReadDate {
  /** The instant (a bare date or a time without offset is read as UTC, as the store reads them). */
  ms: number;
  /** The calendar day as written. */
  day: string;
  hasTime: boolean;
}

/** `YYYY-MM-DD` or ISO 8601 date-time; null for anything else, including impossible days (2023-02-30). */
export function readDate(text: string): ReadDate | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = m;
  const days = new Date(Date.UTC(+y!, +mo!, 0)).getUTCDate();
  if (+mo! < 1 || +mo! > 12 || +d! < 1 || +d! > days || +h > 23 || +mi > 59 || +s > 59) return null;
  let offset = 'Z';
  if (zone && zone !== 'Z') {
    const [, sign, oh, om] = /^([+-])(\d\d):?(\d\d)$/.exec(zone)!;
    if (+oh! > 14 || +om! > 59) return null;
    offset = `${sign}${oh}:${om}`;
  }
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${offset}`);
  return Number.isFinite(ms) ? { ms, day: `${y}-${mo}-${d}`, hasTime: m[4] !== undefined } : null;
}

const param = <T extends z.ZodType>(schema: T, name: string, description: string, example?: string) =>
  schema.optional().openapi({ param: { name, in: 'query' }, description, ...(example ? { example } : {}) });

const dateParam = (name: string, description: string) =>
  param(
    z.string().refine((v) => readDate(v) !== null, { error: (iss) => `must be a date, YYYY-MM-DD or ISO 8601, got ${quoted(iss.input)}` }),
    name,
    description,
    '2023-09-01',
  );

const codeParam = (name: string, description: string) =>
  param(
    z.string().regex(/^[A-Za-z0-9]{1,30}$/, { error: (iss) => `must be a CAMEO code or code prefix (letters and digits), got ${quoted(iss.input)}` }),
    name,
    description,
    'RUS',
  );

const wholeNumber = (min: number, max: number) =>
  z.string().refine((v) => /^\d{1,7}$/.test(v) && +v >= min && +v <= max, { error: (iss) => `must be a whole number from ${min} to ${max}, got ${quoted(iss.input)}` });

const text = (max: number) => z.string().max(max, { error: `must be at most ${max} characters` });

const enumParam = <T extends readonly [string, ...string[]]>(values: T, name: string, description: string) =>
  param(z.enum(values, { error: (iss) => `must be one of ${values.join(', ')}, got ${quoted(iss.input)}` }), name, description);

/** Every query parameter the API knows, by name. */
export const P = {
  since: dateParam('since', 'on or after this date (YYYY-MM-DD or ISO 8601)'),
  until: dateParam('until', 'on or before this date (a bare date includes the whole day)'),
  outlet: param(text(200).min(1), 'source', 'outlet name, any case', 'Seoul Daily Post'),
  actor: codeParam('actor', 'CAMEO actor code prefix: RUS matches RUS, RUSGOV, RUSGOVMIL …'),
  source: codeParam('source', 'CAMEO code prefix of the event source'),
  target: codeParam('target', 'CAMEO code prefix of an event target'),
  type: enumParam(PLOVER_TYPES, 'type', 'PLOVER event type'),
  status: enumParam(CLAIM_STATUSES, 'status', 'standing of the claim'),
  article: param(text(64).min(1), 'article', 'article id'),
  q: param(text(500), 'q', 'full-text query in web-search syntax ("phrases", OR, -word); empty lists every article', '"joint drills"'),
  actorQuery: param(text(200), 'q', 'part of an actor name (any case) or a code prefix', 'Shoigu'),
  speaker: param(text(200).min(1), 'speaker', 'part of the speaker name (any case) or a code prefix', 'Matsegora'),
  cursor: param(text(1000), 'cursor', 'the `nextCursor` of the previous page'),
  limit: param(wholeNumber(1, MAX_LIMIT), 'limit', `items per page, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT})`, '50'),
  period: enumParam(['week', 'month'] as const, 'period', 'series by ISO week (its Monday) or by month (default month)'),
  level: enumParam(['country', 'code'] as const, 'level', 'actors at country level (first three letters of the code, the default) or as coded'),
  minEvents: param(wholeNumber(1, 1_000_000), 'minEvents', 'leave out edges with fewer events (default 1)', '1'),
};

/** A path parameter: an article or story id, whole or a unique prefix of at least 4 characters. */
export const idPath = (what: string) =>
  z.object({ id: text(64).min(1).openapi({ param: { name: 'id', in: 'path' }, description: `${what} id or a unique prefix (at least 4 characters)`, example: '9ddeef27' }) });
export const codePath = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9]{1,30}$/, { error: (iss) => `must be a CAMEO code (letters and digits), got ${quoted(iss.input)}` })
    .openapi({ param: { name: 'code', in: 'path' }, description: 'CAMEO actor code; covers every code that starts with it', example: 'PRK' }),
});

export const pageOf = (query: { cursor?: string; limit?: string }) => ({ cursor: query.cursor, limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT });

/** The date filters as instants (`until` exclusive: a bare date takes in its whole day). */
function instants(query: { since?: string; until?: string }): { since?: string; until?: string } {
  const since = query.since === undefined ? undefined : readDate(query.since)!;
  const until = query.until === undefined ? undefined : readDate(query.until)!;
  const untilMs = until && (until.hasTime ? until.ms : until.ms + 86_400_000);
  if (since && untilMs !== undefined && untilMs <= since.ms) throw badRequest(`until: ${quoted(query.until)} is before since ${quoted(query.since)}`);
  return { since: since && new Date(since.ms).toISOString(), until: untilMs === undefined ? undefined : new Date(untilMs).toISOString() };
}

/** The date filters as days, for events (dated by day, month or year as their text gives them). */
function days(query: { since?: string; until?: string }): { since?: string; until?: string } {
  const since = query.since === undefined ? undefined : readDate(query.since)!.day;
  const until = query.until === undefined ? undefined : readDate(query.until)!.day;
  if (since && until && until < since) throw badRequest(`until: ${quoted(query.until)} is before since ${quoted(query.since)}`);
  return { since, until };
}

const upper = (code: string | undefined) => code?.toUpperCase();

export function articleQuery(query: { q?: string; since?: string; until?: string; source?: string; actor?: string; type?: string; status?: string }): ArticleQuery {
  return { q: query.q, ...instants(query), source: query.source, actor: upper(query.actor), type: query.type, status: query.status };
}

export function eventQuery(query: { actor?: string; source?: string; target?: string; type?: string; status?: string; since?: string; until?: string; article?: string }): EventQuery {
  const { article, ...filters } = query;
  return { ...filters, ...days(query), articleId: article, actor: upper(query.actor), source: upper(query.source), target: upper(query.target) };
}

export const storyQuery = (query: { since?: string; actor?: string }) => ({ since: instants(query).since, actor: upper(query.actor) });
export const placeQuery = (query: { since?: string; until?: string; type?: string }) => ({ ...days(query), type: query.type });
