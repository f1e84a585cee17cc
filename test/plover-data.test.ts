/**
 * The PLOVER event patterns (data/plover/, format in data/plover/README.md): one file per PLOVER type with
 * the type's quad class and CAMEO root, every pattern well formed, CAMEO codes under the roots the type
 * maps to, enough coverage per type, and no trigger shared by two types unless that is deliberate.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './helpers.js';
import { createDoc } from '../src/document/doc.js';
import { defaultDictionary } from '../src/facts/actors/dictionary.js';
import { recognizeActors } from '../src/facts/actors/recognize.js';
import { loadPatterns } from '../src/facts/events/patterns.js';
import { codeEvents } from '../src/facts/events/code.js';

const DIR = path.join(REPO, 'data', 'plover');

/** Type, quad class (PLOVER manual, "Quad category" of each type) and main CAMEO root. */
const TYPES: Array<{ file: string; type: string; quad: number; root: string }> = [
  { file: 'agree', type: 'AGREE', quad: 1, root: '03' },
  { file: 'consult', type: 'CONSULT', quad: 1, root: '04' },
  { file: 'support', type: 'SUPPORT', quad: 1, root: '05' },
  { file: 'concede', type: 'CONCEDE', quad: 1, root: '08' },
  { file: 'cooperate', type: 'COOPERATE', quad: 2, root: '06' },
  { file: 'aid', type: 'AID', quad: 2, root: '07' },
  { file: 'retreat', type: 'RETREAT', quad: 2, root: '08' },
  { file: 'request', type: 'REQUEST', quad: 3, root: '10' },
  { file: 'accuse', type: 'ACCUSE', quad: 3, root: '11' },
  { file: 'reject', type: 'REJECT', quad: 3, root: '12' },
  { file: 'threaten', type: 'THREATEN', quad: 3, root: '13' },
  { file: 'protest', type: 'PROTEST', quad: 4, root: '14' },
  { file: 'sanction', type: 'SANCTION', quad: 4, root: '16' },
  { file: 'mobilize', type: 'MOBILIZE', quad: 4, root: '15' },
  { file: 'coerce', type: 'COERCE', quad: 4, root: '17' },
  { file: 'assault', type: 'ASSAULT', quad: 4, root: '18' },
];

/**
 * The CAMEO roots each type may use (openeventdata/PLOVER CAMEO2PLOVER-2021.txt and the manual):
 * - CONCEDE: 08 (080-083), plus 05 for apologies (CAMEO 055), which the manual codes as CONCEDE.
 * - RETREAT: the material half of 08 (084-087, and 080 for resignations).
 * - REQUEST: 10 DEMAND, plus 02 APPEAL for requests, appeals and calls ("urge", "call on").
 * - ACCUSE: 11 DISAPPROVE and 09 INVESTIGATE, merged into ACCUSE by PLOVER.
 * - SANCTION: 16 REDUCE RELATIONS, plus 11 for findings of guilt (116), SANCTION/convict in the manual.
 * - COERCE: 17, plus 19 for blockades (191) and occupation (192).
 * - ASSAULT: 18, 19 and 20, plus 17 for destroying property (1712) and violent repression (175).
 */
const ROOTS: Record<string, string[]> = {
  AGREE: ['03'],
  CONSULT: ['04'],
  SUPPORT: ['05'],
  CONCEDE: ['08', '05'],
  COOPERATE: ['06'],
  AID: ['07'],
  RETREAT: ['08'],
  REQUEST: ['10', '02'],
  ACCUSE: ['11', '09'],
  REJECT: ['12'],
  THREATEN: ['13'],
  PROTEST: ['14'],
  SANCTION: ['16', '11'],
  MOBILIZE: ['15'],
  COERCE: ['17', '19'],
  ASSAULT: ['18', '19', '20', '17'],
};

/** PLOVER's mode names per type (manual v0.8 tables; see each file's $comment for the exceptions). */
const MODES: Record<string, string[]> = {
  AGREE: [],
  CONSULT: ['visit', 'third-party', 'multilateral', 'phone'],
  SUPPORT: [],
  CONCEDE: [],
  COOPERATE: ['economic', 'military', 'legal', 'intelligence'],
  AID: ['economic', 'military', 'humanitarian'],
  RETREAT: ['withdraw', 'release', 'return', 'disarm', 'ceasefire', 'access', 'resign'],
  REQUEST: ['assist', 'change', 'yield', 'meet'],
  ACCUSE: ['disapprove', 'investigate', 'allege'],
  REJECT: ['assist', 'change', 'yield', 'meet'],
  THREATEN: ['restrict', 'ban', 'arrest', 'relations', 'expel', 'territory', 'violence'],
  PROTEST: ['demo', 'riot', 'general', 'strike', 'hunger', 'boycott', 'obstruct'],
  SANCTION: ['convict', 'expel', 'withdraw', 'discontinue'],
  MOBILIZE: ['troops', 'weapons', 'police', 'militia'],
  COERCE: ['confiscate', 'restrict', 'ban', 'censor', 'curfew', 'martial-law', 'arrest', 'deport', 'withhold'],
  ASSAULT: [
    'abduct', 'beat', 'torture', 'execute', 'sexual', 'assassinate', 'destroy', 'primitive', 'firearms', 'explosives',
    'suicide-attack', 'heavy-weapons', 'cleansing', 'massacre', 'unconventional', 'sideAB', 'aerial',
  ],
};

const PREPOSITIONS = ['with', 'to', 'against', 'by', 'from', 'on', 'for', 'of', 'at', 'into', 'over', 'toward', 'about'];
/** "inside": an actor within a trigger with a gap; "that": the subject of the clause after "that". */
const SLOTS = new Set(['subject', 'object', 'possessor', 'inside', 'that', ...PREPOSITIONS]);

/**
 * (trigger, pos) pairs deliberately listed under more than one type, with the reason. Empty today: where
 * phrasings overlap ("fire * missile" MOBILIZE, "fire * missile at" ASSAULT; "protest" PROTEST, "protest to"
 * ACCUSE), the longer trigger decides.
 */
const SHARED: Record<string, string[]> = {};

interface Pattern {
  trigger: string;
  pos: string;
  mode?: string;
  cameo: string;
  source: string[];
  target: string[];
  optionalTarget?: string[];
  negative?: boolean;
}
interface PatternFile {
  $comment?: string;
  type: string;
  quadClass: number;
  cameoRoot: string;
  patterns: Pattern[];
}

function load(file: string): PatternFile {
  return JSON.parse(readFileSync(path.join(DIR, `${file}.json`), 'utf8')) as PatternFile;
}

const files = TYPES.filter((t) => existsSync(path.join(DIR, `${t.file}.json`))).map((t) => ({ ...t, data: load(t.file) }));

describe('PLOVER pattern files', () => {
  it('has one file per PLOVER type, with its type, quad class, CAMEO root and reasoning', () => {
    expect(files.map((f) => f.file)).toEqual(TYPES.map((t) => t.file));
    for (const f of files) {
      expect(f.data.type, f.file).toBe(f.type);
      expect(f.data.quadClass, f.file).toBe(f.quad);
      expect(f.data.cameoRoot, f.file).toBe(f.root);
      expect(ROOTS[f.type], f.file).toContain(f.data.cameoRoot);
      expect(typeof f.data.$comment === 'string' && f.data.$comment.length > 40, `${f.file}: $comment`).toBe(true);
      expect(Object.keys(f.data).sort(), f.file).toEqual(['$comment', 'cameoRoot', 'patterns', 'quadClass', 'type']);
    }
  });

  it.each(TYPES)('$file.json: every pattern is well formed', ({ file, type }) => {
    const data = load(file);
    expect(Array.isArray(data.patterns)).toBe(true);
    for (const p of data.patterns) {
      const where = `${file}: ${JSON.stringify(p.trigger)} (${p.pos})`;
      expect(Object.keys(p).every((k) => ['trigger', 'pos', 'mode', 'cameo', 'source', 'target', 'optionalTarget', 'negative'].includes(k)), where).toBe(true);
      expect(typeof p.trigger, where).toBe('string');
      // Lower-case lemmas separated by single spaces; "*" only between two words.
      expect(p.trigger, where).toMatch(/^[a-z0-9'-]+( ([a-z0-9'-]+|\*))*$/);
      expect(p.trigger.endsWith(' *'), where).toBe(false);
      expect(p.trigger, where).not.toMatch(/\* \*/);
      expect(['verb', 'noun'], where).toContain(p.pos);
      expect(p.cameo, where).toMatch(/^\d{2,4}$/);
      expect(ROOTS[type], `${where}: CAMEO ${p.cameo} is under a root of ${type}`).toContain(p.cameo.slice(0, 2));
      if (p.mode !== undefined) expect(MODES[type], `${where}: mode ${p.mode}`).toContain(p.mode);
      // Optional target slots are for patterns whose event may lack a target.
      if (p.optionalTarget !== undefined) expect(p.target, `${where}: optionalTarget only with an empty target`).toEqual([]);
      for (const slot of ['source', 'target', 'optionalTarget'] as const) {
        const list = p[slot];
        if (slot === 'optionalTarget' && list === undefined) continue;
        expect(Array.isArray(list), `${where}.${slot}`).toBe(true);
        for (const s of list!) expect(SLOTS.has(s), `${where}.${slot}: ${s}`).toBe(true);
        expect(new Set(list).size, `${where}.${slot} has no duplicates`).toBe(list!.length);
      }
      expect(p.source.length, `${where}: has a source slot`).toBeGreaterThan(0);
      if (p.negative !== undefined) expect(typeof p.negative, where).toBe('boolean');
    }
  });

  it.each(TYPES)('$file.json: no (trigger, pos) twice, at least 15 patterns, verbs and nouns', ({ file }) => {
    const data = load(file);
    const keys = data.patterns.map((p) => `${p.trigger}|${p.pos}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i), file).toEqual([]);
    expect(data.patterns.length, file).toBeGreaterThanOrEqual(15);
    expect(data.patterns.some((p) => p.pos === 'verb'), file).toBe(true);
    expect(data.patterns.some((p) => p.pos === 'noun'), file).toBe(true);
  });

  it('has at least 600 patterns in all', () => {
    const total = files.reduce((n, f) => n + f.data.patterns.length, 0);
    expect(total).toBeGreaterThanOrEqual(600);
  });

  it('lists a trigger under two types only when the allow-list says so', () => {
    const owners = new Map<string, string[]>();
    for (const f of files) {
      for (const p of f.data.patterns) {
        const key = `${p.trigger}|${p.pos}`;
        owners.set(key, [...(owners.get(key) ?? []), f.type]);
      }
    }
    const shared = Object.fromEntries([...owners].filter(([, types]) => types.length > 1).map(([k, types]) => [k, types.sort()]));
    const allowed = Object.fromEntries(Object.entries(SHARED).map(([k, types]) => [k, [...types].sort()]));
    expect(shared).toEqual(allowed);
  });

  it('keeps the key wire-copy phrasings', () => {
    const has = (type: string, trigger: string, pos: string): boolean =>
      files.some((f) => f.type === type && f.data.patterns.some((p) => p.trigger === trigger && p.pos === pos));
    const expected: Array<[string, string, string]> = [
      ['CONSULT', 'visit', 'verb'],
      ['CONSULT', 'hold * talk', 'verb'],
      ['CONSULT', 'visit to', 'noun'],
      ['CONSULT', 'talk with', 'noun'],
      ['AGREE', 'agreement with', 'noun'],
      ['AGREE', 'offer of', 'noun'],
      ['SUPPORT', 'sign * agreement', 'verb'],
      ['COOPERATE', 'joint exercise', 'noun'],
      ['REQUEST', 'call for', 'verb'],
      ['REQUEST', 'call on', 'verb'],
      ['REQUEST', 'step up pressure on', 'verb'],
      ['ACCUSE', 'accuse', 'verb'],
      ['THREATEN', 'warn', 'verb'],
      ['THREATEN', 'warning to', 'noun'],
      ['SANCTION', 'impose * sanction on', 'verb'],
      ['SANCTION', 'sanction on', 'noun'],
      ['MOBILIZE', 'fire * missile', 'verb'],
      ['MOBILIZE', 'missile launch', 'noun'],
      ['COERCE', 'ban on', 'noun'],
      ['ASSAULT', 'carry out * strike', 'verb'],
      ['ASSAULT', 'attack on', 'noun'],
    ];
    for (const [type, trigger, pos] of expected) expect(has(type, trigger, pos), `${type}: ${trigger} (${pos})`).toBe(true);
  });
});

/**
 * The data coding short sentences of wire copy end to end (real patterns, real actor dictionary): one case or
 * more per family of phrasings, so that a pattern moved to another type or lost shows up here.
 */
describe('PLOVER patterns on wire-copy phrasings', () => {
  const patterns = loadPatterns();
  const brief = (text: string): string[] => {
    const doc = createDoc(text, { articleId: 't', published: '2024-03-05' });
    // Countries only (the first three letters of a code): these cases pin the patterns, not the actor dictionary's sectors.
    const country = (code: string | null): string => (code ?? '').slice(0, 3);
    return codeEvents(doc, recognizeActors(doc, defaultDictionary()), patterns).events.map(
      (e) => `${country(e.source.code)}>${e.type}${e.mode ? `/${e.mode}` : ''}>${[...new Set(e.targets.map((t) => country(t.code)))].join('+') || '-'}`,
    );
  };
  it.each([
    // AID: deliveries and supplies name the recipient after "to" or as the object of "supply"/"provide".
    ['Iran supplied Russia with drones.', 'IRN>AID>RUS'],
    ['The United States delivered artillery shells to Ukraine.', 'USA>AID/military>UKR'],
    ['Poland sent ammunition to Ukraine.', 'POL>AID/military>UKR'],
    // Optional targets: the subject of a demanded clause; what a complaint is about before whom it is made to.
    ['Palestinian officials demanded on Friday that the United States stop the sale.', 'PSE>REQUEST>USA'],
    ['Lebanon complained to the United Nations over Israeli air raids.', 'LBN>ACCUSE/disapprove>ISR'],
    ['Japan complained on Monday.', 'JPN>ACCUSE/disapprove>-'],
    // An ultimatum is a threat (CAMEO 139), not a demand.
    ['Peru issued an ultimatum to Ecuador.', 'PER>THREATEN>ECU'],
    // Weapons demonstrations show force; they are no protest.
    ["North Korea's weapons demonstrations alarmed Japan.", 'PRK>MOBILIZE/weapons>-'],
    // COOPERATE: what is shared; joint drills with a modifier between "joint" and "drills".
    ['Japan and South Korea shared intelligence on Tuesday.', 'JPN>COOPERATE/intelligence>KOR'],
    ['China and Russia held joint anti-submarine drills.', 'CHN>COOPERATE/military>RUS'],
    // SUPPORT: welcoming a decision (not a visitor), standing with, co-sponsoring.
    ['Germany welcomed the French decision.', 'DEU>SUPPORT>FRA'],
    ['Poland stood with Ukraine.', 'POL>SUPPORT>UKR'],
    ['Brazil and Mexico co-sponsored a resolution.', 'BRA>SUPPORT>MEX'],
    // CONSULT: hosting; the visitor is the source.
    ['Xi Jinping received Vladimir Putin in Beijing.', 'RUS>CONSULT/visit>CHN'],
    ['Qatar welcomed the Iranian foreign minister.', 'IRN>CONSULT/visit>QAT'],
    ['Turkey brokered a deal between Russia and Ukraine.', 'TUR>CONSULT>RUS+UKR'],
    // CONCEDE: easing administrative curbs. RETREAT: releases, swaps, sanction relief, access (PLOVER manual).
    ['China eased curbs on foreign journalists.', 'CHN>CONCEDE>-'],
    ['Russia released two American prisoners.', 'RUS>RETREAT/release>USA'],
    ['Russia and Ukraine exchanged prisoners of war.', 'RUS>RETREAT/release>UKR'],
    ['Japan lifted sanctions on Iran.', 'JPN>RETREAT>IRN'],
    ['Iraq received UN inspectors.', 'IRQ>RETREAT/access>IGO'],
    // Conflict types need no recipient.
    ['Russia warned of retaliation on Friday.', 'RUS>THREATEN/violence>-'],
    // A warning without an addressee or a threatened act is no threat ("the IMF warned that growth would slow").
    ['Russia warned on Friday that the talks would fail.', null],
    ['Russia pressed ahead with its offensive.', null],
    ['Russia insisted it had done nothing wrong.', null],
    ["Japan's exports declined in May.", null],
    ['Japanese shares sank on Monday.', null],
    ['Iran released a report on Monday.', null],
    ['The United States hit Russia with new sanctions.', 'USA>SANCTION/discontinue>RUS'],
    ['India urged Pakistan to act.', 'IND>REQUEST>PAK'],
    ['North Korea test-fired a cruise missile.', 'PRK>MOBILIZE/weapons>-'],
    ['Russia stationed troops in Belarus.', 'RUS>MOBILIZE/troops>BLR'],
    ['Canada froze the assets of Russian oligarchs.', 'CAN>SANCTION/discontinue>RUS'],
    ['The United States suspended military aid to Egypt.', 'USA>SANCTION/discontinue>EGY'],
    // Halting deliveries is SANCTION, not the delivery (AID).
    ['Germany halted deliveries of tanks to Ukraine.', 'DEU>SANCTION/discontinue>UKR'],
    ['The United States paused arms deliveries to Israel.', 'USA>SANCTION/discontinue>ISR'],
    // Calling off cooperation is not the cooperation: no COOPERATE for suspended drills, no CONSULT for a postponed summit.
    ['Seoul cancelled its joint exercises with Washington.', 'KOR>SANCTION/discontinue>USA'],
    ['Japan postponed the summit with China.', 'JPN>REJECT/meet>CHN'],
    ['Mali declared the French ambassador persona non grata.', 'MLI>SANCTION/expel>FRA'],
    ['Iran refused to hand over the suspects.', 'IRN>REJECT/yield>-'],
    ['Hungary vetoed the EU plan.', 'HUN>REJECT>IGO'],
    ['Pakistan pointed the finger at India.', 'PAK>ACCUSE/allege>IND'],
    ['Japan launched an investigation into the leak.', 'JPN>ACCUSE/investigate>-'],
    ['Russia threatened retaliation against Finland.', 'RUS>THREATEN/violence>FIN'],
    ['Egypt pressed for a ceasefire.', 'EGY>REQUEST>-'],
    ['Kenyan doctors staged a strike.', 'KEN>PROTEST/strike>-'],
    ['South Korean workers went on a general strike.', 'KOR>PROTEST/general>-'],
    ['Iran tightened restrictions on foreign journalists.', 'IRN>COERCE/restrict>-'],
    ['Russia launched an invasion of Ukraine.', 'RUS>ASSAULT>UKR'],
    // "launched strikes" is military; a labour strike says so ("launched a general strike").
    ['Israel launched strikes against Hezbollah.', 'ISR>ASSAULT>LBN'],
    ['Nigerian unions launched a general strike.', 'NGA>PROTEST/general>-'],
    // A prisoner swap is RETREAT, not the generic "swap * with" (COOPERATE).
    ['Russia swapped prisoners with Ukraine.', 'RUS>RETREAT/release>UKR'],
    ['Israeli forces opened fire on Palestinian protesters.', 'ISR>ASSAULT/firearms>PSE'],
    ['Iran offered concessions to the United States.', 'IRN>AGREE>USA'],
    ['Sudan shortened the curfew in Khartoum.', 'SDN>CONCEDE>-'],
    ['Ukraine received tanks from Germany.', 'DEU>AID/military>UKR'],
    // Receiving things is no visit; handing over information is sharing it.
    ['Russia received Chinese components for its drones.', null],
    ['Iran provided the IAEA with documents.', 'IRN>COOPERATE/intelligence>IGO'],
  ] as Array<[string, string | null]>)('%s', (text, expected) => {
    expect(brief(text)).toEqual(expected ? [expected] : []);
  });
});
