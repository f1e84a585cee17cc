/**
 * Exports: the GDELT 2.0 mapping column by column on events annotated here, and `sitrep export` and
 * `sitrep serve` run as a user runs them (the built CLI) over a store holding the sample corpus.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { annotateArticle } from '../src/facts/annotate.js';
import type { ArticleContext, BrowsedEvent } from '../src/store/browse.js';
import { GDELT_COLUMNS, gdeltRows, type GdeltColumn } from '../src/export/gdelt.js';
import { FLAT_EVENT_COLUMNS } from '../src/export/collections.js';
import { csvLine } from '../src/export/csv.js';
import { BACKENDS, REPO, jsonLines, runCli, storeTarget, tempDir } from './helpers.js';
import { parseCsv } from './csv.js';

const TEXT =
  'Russian Defense Minister Sergei Shoigu visited Pyongyang on Friday.\n\n' +
  'North Korea and Russia held talks with China and Japan in July, the ministry said.';
const facts = annotateArticle({ id: 'a1', text: TEXT, published: '2023-07-30' });
const stored = (i: number, extra: Partial<BrowsedEvent> = {}): BrowsedEvent => ({
  ...facts.events[i]!,
  articleId: 'a1',
  ordinal: i,
  outlet: 'Test Wire',
  published: '2023-07-30',
  ...extra,
});
const context: ArticleContext = { url: 'https://wire.example/a1', text: TEXT, addedAt: '20231102093000' };
const columns = (row: string[]) => Object.fromEntries(GDELT_COLUMNS.map((c, i) => [c, row[i]])) as Record<GdeltColumn, string>;
const pyongyang = { start: 47, end: 56, text: 'Pyongyang', place: { name: 'Pyongyang', country: 'PRK', lat: 39.03, lon: 125.75, kind: 'city' as const } };

describe('GDELT 2.0 rows', () => {
  it('has the 61 columns of the GDELT 2.0 event table, in order', () => {
    expect(GDELT_COLUMNS).toHaveLength(61);
    expect(GDELT_COLUMNS.slice(0, 8)).toEqual(['GlobalEventID', 'Day', 'MonthYear', 'Year', 'FractionDate', 'Actor1Code', 'Actor1Name', 'Actor1CountryCode']);
    expect(GDELT_COLUMNS.slice(25, 35)).toEqual(['IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone']);
    expect(GDELT_COLUMNS.slice(51, 61)).toEqual([
      'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code',
      'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID', 'DATEADDED', 'SOURCEURL',
    ]);
    expect(new Set(GDELT_COLUMNS).size).toBe(61);
  });

  it('fills actors, CAMEO codes, dates, the lead paragraph, the place and the source; leaves the rest empty', () => {
    const visit = stored(0, { location: pyongyang });
    expect(visit).toMatchObject({ type: 'CONSULT', source: { code: 'RUSGOVMIL' }, targets: [{ code: 'PRK' }], date: { value: '2023-07-28', precision: 'day' } });
    const [row, ...more] = gdeltRows(visit, context);
    expect(more).toEqual([]);
    const c = columns(row!);
    expect(c).toMatchObject({
      Day: '20230728',
      MonthYear: '202307',
      Year: '2023',
      // 28 July is day 209 of 2023: 2023 + 209 / 365.
      FractionDate: '2023.5726',
      Actor1Code: 'RUSGOVMIL',
      Actor1Name: 'Sergei Shoigu',
      Actor1CountryCode: 'RUS',
      Actor1KnownGroupCode: '',
      Actor1Type1Code: 'GOV',
      Actor1Type2Code: 'MIL',
      Actor1Type3Code: '',
      Actor2Code: 'PRK',
      Actor2Name: 'North Korea',
      Actor2CountryCode: 'PRK',
      Actor2Type1Code: '',
      IsRootEvent: '1',
      EventCode: visit.cameo,
      EventBaseCode: visit.cameo.slice(0, 3),
      EventRootCode: visit.cameoRoot,
      QuadClass: '1',
      GoldsteinScale: '',
      NumMentions: '1',
      NumSources: '1',
      NumArticles: '1',
      AvgTone: '',
      ActionGeo_Type: '4',
      ActionGeo_FullName: 'Pyongyang, North Korea',
      ActionGeo_CountryCode: '',
      ActionGeo_Lat: '39.03',
      ActionGeo_Long: '125.75',
      DATEADDED: '20231102093000',
      SOURCEURL: 'https://wire.example/a1',
    });
    expect(c.GlobalEventID).toMatch(/^\d{1,16}$/);
    for (const empty of ['Actor1EthnicCode', 'Actor1Religion1Code', 'Actor2Geo_Type', 'Actor1Geo_FullName', 'ActionGeo_ADM1Code', 'ActionGeo_FeatureID'] as const) expect(c[empty], empty).toBe('');
  });

  it('writes one row per target, each with its own stable id', () => {
    const talks = stored(1);
    expect(talks.targets.length).toBeGreaterThan(1);
    const rows = gdeltRows(talks, context).map(columns);
    expect(rows.map((r) => r.Actor2Code)).toEqual(talks.targets.map((t) => t.code));
    expect(new Set(rows.map((r) => r.GlobalEventID)).size).toBe(rows.length);
    expect(gdeltRows(talks, context).map((r) => r[0])).toEqual(rows.map((r) => r.GlobalEventID));
    // The event is told in the second paragraph, not the lead; its date is a month.
    for (const r of rows) expect(r).toMatchObject({ IsRootEvent: '0', Day: '', MonthYear: '202307', Year: '2023', FractionDate: '' });
    const alone = columns(gdeltRows(stored(1, { targets: [] }), context)[0]!);
    expect(alone).toMatchObject({ Actor2Code: '', Actor2Name: '', Actor2CountryCode: '' });
  });

  it('dates an undated event by its article, and splits organisation codes into type and known group', () => {
    const undated = columns(gdeltRows(stored(0, { date: null, published: '2019-01-25T10:00:00+09:00' }), context)[0]!);
    // GDELT's own sample row: 20190125 is 2019.0685.
    expect(undated).toMatchObject({ Day: '20190125', MonthYear: '201901', Year: '2019', FractionDate: '2019.0685' });
    const un = { code: 'IGOUNO', id: 'un', name: 'United Nations', country: null, role: null };
    const hezbollah = { code: 'LBNREBHEZ', id: 'hezbollah', name: 'Hezbollah', country: 'LBN', role: null };
    const row = columns(gdeltRows(stored(0, { source: un, targets: [hezbollah], location: { ...pyongyang, place: { name: 'Lebanon', country: 'LBN', lat: 33.8, lon: 35.8, kind: 'country' } } }), context)[0]!);
    expect(row).toMatchObject({
      Actor1Code: 'IGOUNO',
      Actor1CountryCode: '',
      Actor1Type1Code: 'IGO',
      Actor1KnownGroupCode: 'UNO',
      Actor2CountryCode: 'LBN',
      Actor2Type1Code: 'REB',
      Actor2KnownGroupCode: 'HEZ',
      ActionGeo_Type: '1',
      ActionGeo_FullName: 'Lebanon',
    });
    const usCity = columns(gdeltRows(stored(0, { location: { ...pyongyang, place: { name: 'Boston', country: 'USA', lat: 42.36, lon: -71.06, kind: 'city' } } }), context)[0]!);
    expect(usCity).toMatchObject({ ActionGeo_Type: '3', ActionGeo_FullName: 'Boston, United States' });
    const territoryCity = columns(gdeltRows(stored(0, { location: { ...pyongyang, place: { name: 'San Juan', country: 'PRI', lat: 18.47, lon: -66.11, kind: 'city' } } }), context)[0]!);
    expect(territoryCity).toMatchObject({ ActionGeo_Type: '4', ActionGeo_FullName: 'San Juan, Puerto Rico' });
    const noArticle = columns(gdeltRows(stored(0), undefined)[0]!);
    expect(noArticle).toMatchObject({ IsRootEvent: '', SOURCEURL: '', DATEADDED: '' });
  });

  it('never exports a denied event as having happened: a denied cooperation is a rejection, a denied conflict no row', () => {
    const act = (e: BrowsedEvent) => gdeltRows(e, context).map(columns).map((r) => `${r.EventCode}/${r.EventBaseCode}/${r.EventRootCode}/${r.QuadClass}`);
    const visit = stored(0);
    expect(visit.quadClass).toBe(1);
    // Verbal cooperation ("would no longer abide by the pact", "did not agree to talks"): reject, 120.
    expect(act({ ...visit, status: 'denied' })).toEqual(['120/120/12/3']);
    // Material cooperation ("refused to send aid"): reject material cooperation, 121.
    expect(act({ ...visit, type: 'AID', cameo: '073', cameoRoot: '07', quadClass: 2, status: 'denied' })).toEqual(['121/121/12/3']);
    // Conflict denied ("denied launching drones", "did not attack"): CAMEO has no code for it.
    expect(act({ ...visit, type: 'ASSAULT', cameo: '195', cameoRoot: '19', quadClass: 4, status: 'denied' })).toEqual([]);
    expect(act({ ...visit, type: 'ACCUSE', cameo: '112', cameoRoot: '11', quadClass: 3, status: 'denied' })).toEqual([]);
    // Other standings keep the event's own code; the row still names both actors and the place.
    expect(act({ ...visit, status: 'hedged' })).toEqual([`${visit.cameo}/${visit.cameo.slice(0, 3)}/${visit.cameoRoot}/1`]);
    const rejected = columns(gdeltRows({ ...visit, status: 'denied', location: pyongyang }, context)[0]!);
    expect(rejected).toMatchObject({ Actor1Code: 'RUSGOVMIL', Actor2Code: 'PRK', ActionGeo_FullName: 'Pyongyang, North Korea' });
  });

  it('quotes CSV fields by RFC 4180', () => {
    const line = csvLine(['plain', 'a,b', 'say "no"', 'two\nlines', null, 3.5, undefined]);
    expect(line).toBe('plain,"a,b","say ""no""","two\nlines",,3.5,\r\n');
    expect(parseCsv(line)).toEqual([['plain', 'a,b', 'say "no"', 'two\nlines', '', '3.5', '']]);
  });
});

/** `sitrep serve` (or start) in the background: resolves with the URL it prints. */
function serving(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [path.join(REPO, 'bin', 'sitrep.js'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 90_000);
    const onData = (d: Buffer) => {
      output += d;
      const m = /serving the dashboard and the API at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before serving:\n${output}`));
    });
  });
}

const stopped = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe.each(BACKENDS)('sitrep export and serve on %s', (backend) => {
  const tmp = tempDir('sitrep-export-');
  let db: string;
  let cleanup: () => Promise<void>;
  let events: Array<Record<string, any>>;

  beforeAll(async () => {
    ({ target: db, cleanup } = await storeTarget(backend));
    const ingested = await runCli(['ingest', path.join(REPO, 'samples'), '--db', db]);
    expect(ingested.code, ingested.stderr).toBe(0);
    events = jsonLines((await runCli(['events', '--db', db, '--json', '--limit', '100000'])).stdout);
  });
  afterAll(async () => {
    await cleanup?.();
    tmp.cleanup();
  });

  it('exports events as GDELT 2.0 CSV to a file', async () => {
    const out = path.join(tmp.dir, 'events-gdelt.csv');
    const r = await runCli(['export', 'events', '--format', 'gdelt', '--out', out, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
    expect(header).toEqual([...GDELT_COLUMNS]);
    for (const row of rows) expect(row).toHaveLength(61);
    // A row per target, none for a denied conflict.
    const exported = events.filter((e) => !(e.status === 'denied' && e.quadClass >= 3));
    expect(rows.length).toBe(exported.reduce((n, e) => n + Math.max(1, e.targets.length), 0));
    expect(r.stdout).toBe(`wrote ${out}: ${rows.length + 1} line(s) of events as gdelt, the first a header\n`);
  });

  it("exports events as sitrep's flat CSV, each with its sentence, and as JSON Lines with filters", async () => {
    const r = await runCli(['export', 'events', '--format', 'csv', '--db', db]);
    const [header, ...rows] = parseCsv(r.stdout);
    expect(header).toEqual([...FLAT_EVENT_COLUMNS]);
    expect(rows.length).toBe(events.length);
    const at = (row: string[], name: (typeof FLAT_EVENT_COLUMNS)[number]) => row[FLAT_EVENT_COLUMNS.indexOf(name)]!;
    for (const row of rows) {
      expect(row).toHaveLength(FLAT_EVENT_COLUMNS.length);
      expect(at(row, 'sentence')).toContain(at(row, 'trigger').replace(/\s+/g, ' '));
    }
    const prk = jsonLines((await runCli(['export', 'events', '--actor', 'prk', '--db', db])).stdout);
    const involves = (e: Record<string, any>) => [e.source, ...e.targets].some((a) => a.code?.startsWith('PRK'));
    expect(prk.length).toBe(events.filter(involves).length);
    expect(prk.length).toBeLessThan(events.length);
  });

  it('exports articles, mentions, quotes and stories as JSON Lines', async () => {
    const articles = jsonLines((await runCli(['export', 'articles', '--since', '2023-09-01', '--until', '2023-09-30', '--db', db])).stdout);
    expect(articles.length).toBeGreaterThan(1);
    for (const a of articles) expect(String(a.published) >= '2023-09-01' && String(a.published) < '2023-10').toBe(true);
    expect(String(articles[0]!.text).length).toBeGreaterThan(1000);
    const mentions = jsonLines((await runCli(['export', 'mentions', '--article', String(articles[0]!.id), '--db', db])).stdout);
    expect(mentions.length).toBeGreaterThan(3);
    for (const m of mentions as Array<Record<string, any>>) expect(String(articles[0]!.text).slice(m.span.start, m.span.end)).toBe(m.text);
    const quotes = jsonLines((await runCli(['export', 'quotes', '--speaker', 'Matsegora', '--db', db])).stdout) as Array<Record<string, any>>;
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(String(q.speaker.name ?? q.speaker.text).toLowerCase()).toContain('matsegora');
    const stories = jsonLines((await runCli(['export', 'stories', '--db', db])).stdout) as Array<Record<string, any>>;
    expect(stories.length).toBeGreaterThan(1);
    // Every stored article is in exactly one story (the samples hold 20 distinct articles).
    const members = stories.flatMap((st) => st.articles.map((a: { id: string }) => a.id));
    expect(new Set(members).size).toBe(members.length);
    expect(members.length).toBe(20);
  });

  it('refuses filters and formats a collection does not have, and bad dates, in one line', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['quotes', '--type', 'CONSULT'], /--type does not filter quotes \(its filters: --speaker, --article\)/],
      [['articles', '--format', 'gdelt'], /--format gdelt: articles export as jsonl/],
      [['events', '--since', '2023-02-30'], /--since: must be a date/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['export', ...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('serves the API until SIGINT, then closes the store', async () => {
    const { child, url, output } = await serving(['serve', '--port', '0', '--db', db]);
    const exited = stopped(child);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const stats = (await (await fetch(`${url}api/stats`)).json()) as Record<string, number>;
      expect(stats.events).toBe(events.length);
      const csv = await fetch(`${url}api/export/events.csv`);
      expect(parseCsv(await csv.text())[0]).toHaveLength(61);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(output()).toContain('sitrep: stopped serving');
    if (backend === 'pglite') expect(existsSync(path.join(db, 'sitrep.lock'))).toBe(false);
  });

  it('sitrep start ends by serving', async () => {
    const { child, url } = await serving(['start', '--port', '0', '--db', db]);
    const exited = stopped(child);
    try {
      expect(((await (await fetch(`${url}api/stats`)).json()) as Record<string, number>).articles).toBe(20);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
