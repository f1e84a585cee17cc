import { describe, it, expect } from 'vitest';
import { createDoc } from '../src/document/doc.js';
import { defaultDictionary } from '../src/facts/actors/dictionary.js';
import { recognizeActors } from '../src/facts/actors/recognize.js';
import { compilePatterns } from '../src/facts/events/patterns.js';
import { codeEvents } from '../src/facts/events/code.js';
import { findTimes } from '../src/facts/time/resolve.js';

/** A few patterns in the shape of data/plover/, so these tests pin the coder's rules, not the data. */
const patterns = compilePatterns([
  { type: 'CONSULT', quadClass: 1, cameoRoot: '04', patterns: [
    { trigger: 'visit', pos: 'verb', mode: 'visit', cameo: '042', source: ['subject'], target: ['object'] },
    { trigger: 'visit', pos: 'noun', mode: 'visit', cameo: '042', source: ['possessor', 'by'], target: ['to'] },
    { trigger: 'hold * talk', pos: 'verb', mode: 'meeting', cameo: '043', source: ['subject'], target: ['with'] },
    { trigger: 'talk', pos: 'noun', cameo: '043', source: ['possessor', 'by'], target: ['with'] },
  ] },
  { type: 'ACCUSE', quadClass: 3, cameoRoot: '11', patterns: [
    { trigger: 'accuse', pos: 'verb', cameo: '112', source: ['subject'], target: ['object'] },
    { trigger: 'condemn', pos: 'verb', cameo: '111', source: ['subject'], target: ['object'] },
  ] },
  { type: 'REJECT', quadClass: 3, cameoRoot: '12', patterns: [{ trigger: 'reject * request', pos: 'verb', cameo: '120', source: ['subject'], target: ['object'] }] },
  { type: 'COOPERATE', quadClass: 2, cameoRoot: '06', patterns: [
    { trigger: 'joint exercise', pos: 'noun', mode: 'military', cameo: '062', source: ['subject'], target: ['with', 'object'] },
    { trigger: 'offer', pos: 'verb', mode: 'military', cameo: '062', source: ['subject'], target: ['object'] },
  ] },
  { type: 'MOBILIZE', quadClass: 4, cameoRoot: '15', patterns: [{ trigger: 'fire * missile', pos: 'verb', mode: 'missile test', cameo: '152', source: ['subject'], target: [] }] },
  { type: 'AGREE', quadClass: 1, cameoRoot: '03', patterns: [{ trigger: 'agree', pos: 'verb', cameo: '030', source: ['subject'], target: [] }] },
  { type: 'SUPPORT', quadClass: 1, cameoRoot: '05', patterns: [{ trigger: 'support', pos: 'verb', cameo: '051', source: ['subject'], target: ['object'] }] },
  { type: 'ASSAULT', quadClass: 4, cameoRoot: '18', patterns: [{ trigger: 'attack', pos: 'verb', cameo: '180', source: ['subject'], target: ['object'] }] },
  { type: 'THREATEN', quadClass: 3, cameoRoot: '13', patterns: [
    { trigger: 'warn', pos: 'verb', cameo: '130', source: ['subject'], target: ['object'] },
    { trigger: 'threaten', pos: 'verb', cameo: '130', source: ['subject'], target: [] },
  ] },
] as never);

const code = (text: string, published = '2023-09-05') => {
  const doc = createDoc(text, { articleId: 't', published });
  return codeEvents(doc, recognizeActors(doc, defaultDictionary()), patterns);
};
const brief = (text: string, published?: string) =>
  code(text, published).events.map((e) => `${e.source.code}>${e.type}${e.mode ? `/${e.mode}` : ''}>${e.targets.map((t) => t.code).join('+') || '-'}:${e.status}${e.attribution ? `@${e.attribution.code}` : ''}`);

describe('event coding', () => {
  it('codes source, type, mode and target from the pattern slots', () => {
    expect(brief('Russian Defense Minister Sergei Shoigu visited Pyongyang in July.')).toEqual(['RUSGOVMIL>CONSULT/visit>PRK:asserted']);
    expect(brief('Russia held high-level talks with North Korea and China on Friday.')).toEqual(['RUS>CONSULT/meeting>PRK+CHN:asserted']);
    // A gap counts words, so hyphenated compounds count once.
    expect(brief('Russia held long-delayed high-level talks with North Korea.')).toEqual(['RUS>CONSULT/meeting>PRK:asserted']);
  });

  it('reads nominalisations and passive voice', () => {
    expect(brief("Shoigu's visit to Pyongyang drew criticism.")).toEqual(['RUSGOVMIL>CONSULT/visit>PRK:asserted']);
    expect(brief('Seoul was accused by Pyongyang of provocations.')).toEqual(['PRKGOV>ACCUSE>KORGOV:asserted']);
  });

  it('codes events without a target only when the pattern has none, and never without a source', () => {
    expect(brief('North Korea fired two ballistic missiles into the sea.')).toEqual(['PRK>MOBILIZE/missile test>-:asserted']);
    const none = code('Officials held talks with China.');
    expect(none.events).toEqual([]);
    expect(none.uncoded).toEqual([{ type: 'CONSULT', trigger: 'held talks', reason: 'no source' }]);
  });

  it('attributes nested reports and keeps negation as denial, never as the opposite', () => {
    expect(brief("South Korea's National Intelligence Service reported that Russia had offered North Korea to join the joint exercises with China.")).toEqual([
      'RUS>COOPERATE/military>PRK:reported@KORGOVSPY',
      // What was offered: North Korea joining the drills with China, a proposal the NIS reports.
      'PRK>COOPERATE/military>CHN:proposed@KORGOVSPY',
    ]);
    expect(brief('Russia warned South Korea against arms supplies, TASS reported.')).toEqual(['RUS>THREATEN>KOR:reported@RUSGOVMED']);
    expect(brief('Russia did not accuse South Korea of anything.')).toEqual(['RUS>ACCUSE>KOR:denied']);
    expect(brief('Russia is likely to hold talks with North Korea.')).toEqual(['RUS>CONSULT/meeting>PRK:hedged']);
    expect(brief('Russia proposed joint exercises with North Korea and China.')).toEqual(['RUS>COOPERATE/military>PRK+CHN:proposed']);
  });

  it('codes a stated intent as the intent: cooperation → AGREE, conflict → THREATEN', () => {
    expect(brief('Russia will support North Korea.')).toEqual(['RUS>AGREE>PRK:asserted']);
    expect(brief('Russia is ready to attack Ukraine.')).toEqual(['RUS>THREATEN>UKR:asserted']);
    expect(brief('Russia supported North Korea.')).toEqual(['RUS>SUPPORT>PRK:asserted']);
  });

  it('takes subjects outside prepositional phrases, groups named after "of", and optional targets', () => {
    expect(brief('The Turkish and Greek sides of the island of Cyprus agreed on Friday.')).toEqual(['TUR>AGREE>GRC:asserted']);
    expect(brief('A group of Chinese diplomats agreed to a plan in Pyongyang.')).toEqual(['CHNGOVDIP>AGREE>PRK:asserted']);
    expect(brief('Russia and North Korea renewed joint exercises.')).toEqual(['RUS>COOPERATE/military>PRK:asserted']);
    // A demonym before a title belongs to the member it modifies, not to the coordination.
    expect(brief('Vladimir Putin and North Korean leader Kim Jong Un renewed joint exercises.')).toEqual(['RUSGOV>COOPERATE/military>PRKGOV:asserted']);
  });

  it('finds the subject of a clause opened by "after"', () => {
    expect(brief('Seoul protested after North Korea fired three missiles into the sea.')).toEqual(['PRK>MOBILIZE/missile test>-:asserted']);
  });

  it('does not read a capitalised name of a document or body as an event noun', () => {
    expect(brief('Russia signed the Joint Exercises Charter. Russia proposed joint exercises with China.')).toEqual(['RUS>COOPERATE/military>CHN:proposed']);
  });

  it('finds targets inside a trigger, after "by" and "from", and after a coordinated subject', () => {
    expect(brief('Yemen rejected a U.S. request on Tuesday.')).toEqual(['YEM>REJECT>USA:asserted']);
    expect(brief('North Korea condemned the joint exercises by South Korea and the United States.')).toEqual(['PRK>ACCUSE>KOR+USA:asserted']);
    // A phrase past the next verb belongs to that verb, not to the trigger.
    expect(brief('Russia and Ukraine renewed talks to send grain to Turkey.')).toEqual(['RUS>CONSULT>UKR:asserted']);
    // A participle used as an adjective is no verb that ends the arguments.
    expect(brief('Pakistan accused detained Indian officials in Lahore.')).toEqual(['PAK>ACCUSE>INDGOV:asserted']);
    // A participle modifying an event noun keeps its arguments.
    expect(brief('Russia proposed joint exercises involving North Korea and China.')).toEqual(['RUS>COOPERATE/military>PRK+CHN:proposed']);
  });

  it('finds no actor subject when a plain noun of its own phrase is the subject', () => {
    // "authorities" (no country) accuse, not the refugees named before them.
    expect(brief('Guinea held Liberian refugees, whom authorities accused of spying.')).toEqual([]);
    // The actor modifies the noun: "the NATO alliance" is NATO.
    expect(brief('The NATO alliance accused Russia.')).toEqual(['IGOWSTNAT>ACCUSE>RUS:asserted']);
  });

  it('keeps appositives, passives and reactions out of the subject', () => {
    expect(brief('Pakistan, a close U.S. ally, accused India of meddling.')).toEqual(['PAK>ACCUSE>IND:asserted']);
    // Condemning an event does not make North Korea its agent.
    expect(brief('North Korea condemned the joint exercises.')).toEqual([]);
    // A passive verb after an event noun lets its agent through.
    expect(brief('The visit to Pyongyang was made by Sergei Shoigu in July.')).toEqual(['RUSGOVMIL>CONSULT/visit>PRK:asserted']);
    // Someone acting on the sides of a meeting is its source.
    expect(brief('China brokered talks between Saudi Arabia and Iran.')).toEqual(['CHN>CONSULT>SAU+IRN:asserted']);
  });

  it('codes each member of a compound subject against its targets, and a joint act between members only when cooperative', () => {
    expect(brief('Japan and the United States condemned North Korea.')).toEqual(['JPN>ACCUSE>PRK:asserted', 'USA>ACCUSE>PRK:asserted']);
    expect(brief('China and Russia rejected a U.S. request.')).toEqual(['CHN>REJECT>USA:asserted', 'RUS>REJECT>USA:asserted']);
    expect(brief('Russia and North Korea renewed joint exercises.')).toEqual(['RUS>COOPERATE/military>PRK:asserted']);
  });

  it('reads passives of hosting verbs, mutual conflict, and titled office holders', () => {
    const host = compilePatterns([
      { type: 'CONSULT', quadClass: 1, cameoRoot: '04', patterns: [{ trigger: 'receive', pos: 'verb', mode: 'visit', cameo: '042', source: ['object'], target: ['subject'] }] },
    ] as never);
    const coded = (text: string) => {
      const doc = createDoc(text, { articleId: 't', published: '2024-02-10' });
      return codeEvents(doc, recognizeActors(doc, defaultDictionary()), host).events.map((e) => `${e.source.code}>${e.targets.map((t) => t.code).join('+')}`);
    };
    // The visitor is the source of a hosting verb, in either voice.
    expect(coded('Antony Blinken received Cho Tae-yul in Washington.')).toEqual(['KORGOVDIP>USAGOVDIP']);
    expect(coded('South Korean Foreign Minister Cho Tae-yul was received by U.S. Secretary of State Antony Blinken.')).toEqual(['KORGOVDIP>USAGOVDIP']);
    // Accusing each other is mutual; a joint threat against nobody named is two threats.
    expect(brief('Ukraine and Russia accused each other of shelling.')).toEqual(['UKR>ACCUSE>RUS:asserted']);
    expect(brief('Russia and Belarus threatened to retaliate.')).toEqual(['RUS>THREATEN>-:asserted', 'BLR>THREATEN>-:asserted']);
  });

  it('keeps arguments inside their clause, and reads a verb\'s infinitive complement', () => {
    expect(brief('Russia warned on Monday that North Korea would attack South Korea.')).toEqual(['PRK>THREATEN>KOR:reported@RUS']);
    expect(brief('North Korea threatened on Monday to take action against South Korea.')).toEqual(['PRK>THREATEN>KOR:asserted']);
    expect(brief('Seoul was sharply accused by Pyongyang of provocations.')).toEqual(['PRKGOV>ACCUSE>KORGOV:asserted']);
  });

  it('denies an event noun through the negated verb that governs it', () => {
    expect(brief('Russia no longer takes part in the joint exercises with China.')).toEqual(['RUS>COOPERATE/military>CHN:denied']);
    expect(brief('Russia takes part in the joint exercises with China.')).toEqual(['RUS>COOPERATE/military>CHN:asserted']);
  });

  it('gives an act asked for in a demand the status proposed', () => {
    expect(brief('Japan urged North Korea to support South Korea.')).toEqual(['PRK>SUPPORT>KOR:proposed']);
    expect(brief('Seoul asked Washington on Friday to support Tokyo.')).toEqual(['USAGOV>SUPPORT>JPNGOV:proposed']);
    // The one called on does what the infinitive says.
    expect(brief('China called on Russia on Friday to support Belarus.')).toEqual(['RUS>SUPPORT>BLR:proposed']);
    expect(brief('China called on Russia and Belarus to support Serbia.')).toEqual(['RUS>SUPPORT>SRB:proposed', 'BLR>SUPPORT>SRB:proposed']);
    // An order to one's own forces is mostly the act itself.
    expect(brief('Russia ordered its troops to attack Ukraine.')).toEqual(['RUS>ASSAULT>UKR:asserted']);
  });

  it('codes "X said Y must …" as a demand on Y, and a conditional intent as a threat', () => {
    expect(brief('Britain reiterated that Libya must hand over the suspects.')).toEqual(['GBR>REQUEST>LBY:asserted']);
    expect(brief('Japan told North Korea on Friday that it has to stop.')).toEqual(['JPN>REQUEST>PRK:asserted']);
    // No actor takes on the obligation: no demand.
    expect(brief('Kim said he must go home.')).toEqual([]);
    expect(brief('Russia will support North Korea unless Seoul backs down.')).toEqual(['RUS>THREATEN>PRK:asserted']);
    expect(brief('Russia will support North Korea until the end.')).toEqual(['RUS>AGREE>PRK:asserted']);
  });

  it('dates an event by a time in its own clause, not by one of another event\'s clause', () => {
    const dates = (text: string) => {
      const doc = createDoc(text, { articleId: 't', published: '2023-11-24' });
      const times = findTimes(doc.text, doc.published);
      return codeEvents(doc, recognizeActors(doc, defaultDictionary()), patterns, times).events.map((e) => `${e.type}:${e.date?.value ?? '-'}`);
    };
    expect(dates('Seoul accused Pyongyang of provocations after North Korea fired two missiles on Tuesday.')).toEqual(['ACCUSE:-', 'MOBILIZE:2023-11-21']);
    expect(dates('Russia warned South Korea on Monday.')).toEqual(['THREATEN:2023-11-20']);
    // A time word before the verb is no subject.
    expect(dates('Russia yesterday accused Ukraine.')).toEqual(['ACCUSE:2023-11-23']);
  });

  it('ties each event to its sentence, trigger and span', () => {
    const text = 'Talks stalled. Russia warned South Korea on Friday.';
    const [event] = code(text).events;
    expect(text.slice(event!.sentence.start, event!.sentence.end)).toBe('Russia warned South Korea on Friday.');
    expect(event!.trigger.text).toBe('warned');
    expect(text.slice(event!.span.start, event!.span.end)).toBe('Russia warned South Korea');
  });
});
