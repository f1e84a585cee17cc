/**
 * Stored events in the column layout of the GDELT 2.0 event table (GDELT Event Codebook V2.0): 61 columns,
 * one row per event and target. sitrep fills what it knows and leaves the rest empty; docs/api.md gives the
 * mapping column by column. Nothing is estimated: no Goldstein score (sitrep has no table of them), no tone,
 * no FIPS 10-4 place codes (sitrep's places carry ISO 3166 alpha-3 countries, GDELT's geo fields want FIPS).
 */
import { createHash } from 'node:crypto';
import countries from '../../data/actors/countries.json' with { type: 'json' };
import territories from '../../data/territories.json' with { type: 'json' };
import type { ActorRef } from '../facts/annotate.js';
import type { ArticleContext, BrowsedEvent } from '../store/browse.js';

export const GDELT_COLUMNS = [
  'GlobalEventID', 'Day', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode',
  'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode',
  'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass',
  'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code',
  'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code',
  'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code',
  'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const;

export type GdeltColumn = (typeof GDELT_COLUMNS)[number];
type GdeltRow = Partial<Record<GdeltColumn, string>>;

/**
 * CAMEO role and organisation types (the CAMEO actor codebook's domestic and international types, plus PTY
 * and REL as the Phoenix dictionaries and sitrep's data use them). Any other three-letter part of a code
 * after the country is a known group (UNO, NAT, HEZ …).
 */
const CAMEO_TYPES = new Set(
  'COP GOV INS JUD MIL OPP PTY REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF MOD RAD REL SET IGO IMG INT MNC NGM NGO UIS'.split(' '),
);

/** Country and territory names by code ("Puerto Rico" for a city in PRI). */
const COUNTRY_NAMES = new Map(
  ([...countries, ...territories] as Array<{ code?: string; names?: string[] }>).filter((c) => c.code && c.names?.length).map((c) => [c.code!, c.names![0]!]),
);

/** A CAMEO code's parts: its country (the actor's own, from the dictionary), role types and known group. */
function cameoParts(ref: ActorRef): { country: string; types: string[]; knownGroup: string } {
  const code = ref.code ?? '';
  const country = ref.country ?? '';
  const rest = country && code.startsWith(country) ? code.slice(country.length) : code;
  const parts = rest.length % 3 === 0 ? (rest.match(/.{3}/g) ?? []) : [];
  const types = parts.filter((p) => CAMEO_TYPES.has(p));
  const groups = parts.filter((p) => !CAMEO_TYPES.has(p));
  return { country, types: types.slice(0, 3), knownGroup: groups[groups.length - 1] ?? '' };
}

function actorColumns(row: GdeltRow, slot: 'Actor1' | 'Actor2', ref: ActorRef | null): void {
  if (!ref) return;
  const parts = cameoParts(ref);
  row[`${slot}Code`] = ref.code ?? '';
  row[`${slot}Name`] = ref.name;
  row[`${slot}CountryCode`] = parts.country;
  row[`${slot}KnownGroupCode`] = parts.knownGroup;
  row[`${slot}Type1Code`] = parts.types[0] ?? '';
  row[`${slot}Type2Code`] = parts.types[1] ?? '';
  row[`${slot}Type3Code`] = parts.types[2] ?? '';
}

/**
 * GDELT's date columns. A day the text gives fills all of them; a month or a year only fills MonthYear and
 * Year (Day is never guessed); an event with no date of its own is dated by its article, as GDELT does.
 */
function dateColumns(row: GdeltRow, event: BrowsedEvent): void {
  const value = event.date?.value ?? event.published?.slice(0, 10) ?? '';
  const precision = event.date?.precision ?? 'day';
  const m = /^(\d{4})(?:-(\d\d))?(?:-(\d\d))?/.exec(value);
  if (!m) return;
  const [, year, month, day] = m;
  row.Year = year!;
  if (month && precision !== 'year') row.MonthYear = `${year}${month}`;
  if (month && day && precision === 'day') {
    row.Day = `${year}${month}${day}`;
    // YYYY.FFFF: the year plus the share of it completed on that day (day of the year / 365).
    const dayOfYear = (Date.UTC(+year!, +month - 1, +day) - Date.UTC(+year!, 0, 0)) / 86_400_000;
    row.FractionDate = (+year! + dayOfYear / 365).toFixed(4);
  }
}

/** ActionGeo: the place the event's sentence names. Type 1 is a country, 3 a US city, 4 any other city. */
function actionGeoColumns(row: GdeltRow, event: BrowsedEvent): void {
  const place = event.location?.place;
  if (!place) return;
  const countryName = COUNTRY_NAMES.get(place.country) ?? place.country;
  row.ActionGeo_Type = place.kind === 'country' ? '1' : place.country === 'USA' ? '3' : '4';
  row.ActionGeo_FullName = place.kind === 'country' ? countryName : `${place.name}, ${countryName}`;
  row.ActionGeo_Lat = String(place.lat);
  row.ActionGeo_Long = String(place.lon);
}

/** A stable numeric id for one row: 52 bits of SHA-256 over article, event position and target position. */
function globalEventId(event: BrowsedEvent, targetIndex: number): string {
  const hex = createHash('sha256').update(`${event.articleId}:${event.ordinal}:${targetIndex}`).digest('hex').slice(0, 13);
  return String(parseInt(hex, 16));
}

/**
 * The act a row reports. The text says a denied event did not happen, so it is never exported as having
 * happened: a denied cooperation ("would no longer abide by the 2018 pact", "refused to send aid") is the
 * rejection it amounts to, CAMEO 120 (reject) for verbal cooperation and 121 (reject material cooperation)
 * for material cooperation, quad class 3; a denied conflict ("denied launching drones") has no CAMEO code
 * and gives no row. Every other status keeps the event's own code.
 */
function reportedAct(event: BrowsedEvent): { code: string; root: string; quadClass: number } | null {
  if (event.status !== 'denied') return { code: event.cameo, root: event.cameoRoot, quadClass: event.quadClass };
  if (event.quadClass === 1) return { code: '120', root: '12', quadClass: 3 };
  if (event.quadClass === 2) return { code: '121', root: '12', quadClass: 3 };
  return null;
}

/**
 * The GDELT rows of one stored event: one per target, or one with an empty Actor2 when it has none; none
 * for a denied conflict (see reportedAct).
 */
export function gdeltRows(event: BrowsedEvent, article: ArticleContext | undefined): string[][] {
  const act = reportedAct(event);
  if (!act) return [];
  const targets: Array<ActorRef | null> = event.targets.length ? event.targets : [null];
  return targets.map((target, index) => {
    const row: GdeltRow = {
      GlobalEventID: globalEventId(event, index),
      EventCode: act.code,
      EventBaseCode: act.code.slice(0, 3),
      EventRootCode: act.root,
      QuadClass: String(act.quadClass),
      // Each row is one statement of the event in one article.
      NumMentions: '1',
      NumSources: '1',
      NumArticles: '1',
      DATEADDED: article?.addedAt ?? '',
      SOURCEURL: article?.url ?? '',
    };
    dateColumns(row, event);
    actorColumns(row, 'Actor1', event.source);
    actorColumns(row, 'Actor2', target);
    actionGeoColumns(row, event);
    if (article) {
      // GDELT's root event: one told in the lead paragraph.
      const leadEnd = article.text.indexOf('\n\n');
      row.IsRootEvent = leadEnd === -1 || event.sentence.start < leadEnd ? '1' : '0';
    }
    return GDELT_COLUMNS.map((column) => row[column] ?? '');
  });
}
