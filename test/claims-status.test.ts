import { describe, it, expect } from 'vitest';
import { statusOfSentence } from '../src/eval/claims.js';
import { createDoc, tokenText } from '../src/document/doc.js';
import { defaultDictionary } from '../src/facts/actors/dictionary.js';
import { recognizeActors } from '../src/facts/actors/recognize.js';
import { claimStanding } from '../src/facts/claims/status.js';

const status = (text: string) => statusOfSentence(text, '2023-09-05');

describe('claim status', () => {
  it.each([
    ['asserted', 'North Korea launched a satellite on Tuesday night.'],
    ['reported', 'North Korea sent artillery shells to Russia, according to the National Intelligence Service.'],
    ['reported', "South Korea's National Intelligence Service said that Russia offered North Korea a place in the drills."],
    ['reported', 'The drills ended on Sunday, a navy spokesman said.'],
    ['reported', 'Pyongyang has reportedly shipped rockets to Moscow.'],
    ['hedged', 'Russia likely offered North Korea a place in the drills.'],
    ['hedged', 'Moscow is said to have warned Seoul against sending arms.'],
    ['hedged', 'North Korea may conduct a nuclear test this year.'],
    ['proposed', 'Russia proposed joint naval exercises with North Korea and China.'],
    ['proposed', 'Beijing offered to host talks between the two sides.'],
    ['proposed', 'Japan plans to deploy long-range missiles by 2027.'],
    ['opinion', 'The ambassador personally believes the idea is appropriate.'],
    ['opinion', 'Washington should never accept a nuclear North Korea, in our view.'],
    ['denied', 'Pyongyang denied that its missiles had been used in Ukraine.'],
    ['denied', 'North Korea did not attend the meeting in Vladivostok.'],
    ['denied', 'Russia has never held joint exercises with North Korea.'],
    ['denied', "Seoul rejected the North's claim that drones had flown over Pyongyang."],
    ['opinion', 'Sending the carrier now would be reckless.'],
    // Evaluative words of strong valence (AFINN-165) where they judge: a copula's predicate, a manner adverb.
    ['opinion', 'The new tariffs are a reckless escalation.'],
    ['opinion', 'The ministry wrongly ignored the warnings.'],
    // … and not where they describe or name events, nor as the first part of a compound, nor when reported.
    ['asserted', 'The attack on the convoy was deadly.'],
    ['asserted', 'The missile was a new solid-fuel type.'],
    ['asserted', 'The war in Sudan entered its second year.'],
    ['reported', 'The strike was a disaster for the economy, the ministry said.'],
    // A copula is the predicate ("was near the border"), and a sentence the tagger leaves verbless is read at its auxiliary.
    ['reported', 'The convoy was near the border, the defence ministry said.'],
    ['hedged', 'The talks could last for weeks.'],
    ['hedged', 'The ruling party is almost certain to keep its majority.'],
    // View markers, whoever holds the view.
    ['opinion', "In the minister's view, the sanctions have failed."],
    ['opinion', "The treaty is flawed, in this newspaper's view."],
    ['opinion', 'The embargo is self-defeating, I would argue.'],
    ['opinion', 'The ceasefire is, in our judgment, a fragile one.'],
    // Editorial phrasing.
    ['opinion', 'This newspaper has long warned that the deal would fail.'],
    ['opinion', 'It is hard to see how the talks can succeed.'],
    ['hedged', 'The vote was widely seen as a test of the government.'],
    // Evaluative words: the writer's view unless someone is reported saying them.
    ['opinion', 'Seoul deserves praise for its restraint.'],
    ['opinion', 'Europe cannot afford another energy crisis.'],
    ['opinion', 'The ceasefire was the right call, whatever its critics say.'],
    ['reported', 'The launch was a reckless provocation, the foreign ministry said.'],
    // …but a belief is a view.
    ['opinion', 'The minister believes it is wise to wait for the election.'],
    ['reported', 'Officials think the missile was a new solid-fuel type.'],
    // Unnamed reporters.
    ['reported', 'Officials said on Monday that the convoy had crossed the border.'],
    ['reported', 'Sources told Reuters the deal had been signed.'],
    ['reported', 'The shipments reportedly resumed in May.'],
    ['reported', 'It is understood that the two sides met in secret.'],
    ['reported', 'People familiar with the matter said the deal had collapsed.'],
    ['denied', 'The ministry said there was no truth in reports that troops had moved.'],
    ['denied', 'Tehran downplayed the blasts and denied that its air base had been struck.'],
  ])('%s: %s', (expected, text) => {
    expect(status(text).status).toBe(expected);
  });

  it('names who reports a claim, and no one for unnamed sources', () => {
    expect(status('North Korea sent shells to Russia, according to the National Intelligence Service.').attribution).toBe('KORGOVSPY');
    expect(status('Russia warned Seoul against arms supplies, TASS reported.').attribution).toBe('RUSGOVMED');
    expect(status('The drills ended on Sunday, a navy spokesman said.').attribution).toBeNull();
    // The closing attribution is the outermost one; an addressee is not the reporter.
    expect(status('Israel ordered civilians to leave the area, the United Nations said.').attribution).toBe('IGOUNO');
    expect(status('The strikes will continue, a military spokesman told Reuters.')).toEqual({ status: 'reported', attribution: null });
    expect(status('Pyongyang would respond firmly, the foreign ministry in Tokyo said in a note delivered through the Chinese embassy.').attribution?.slice(0, 3)).toBe('JPN');
  });

  it('denies the claim a denial governs', () => {
    const text = 'The ministry denied on Tuesday that its troops had entered the village.';
    const doc = createDoc(text, { articleId: 't', published: '2023-09-05' });
    const at = Array.from(doc.tokenStart).findIndex((_, i) => tokenText(doc, i) === 'entered');
    expect(claimStanding(doc, { first: at, end: at + 1 }, recognizeActors(doc, defaultDictionary())).status).toBe('denied');
  });

  it('reads a noun trigger in the object of a reporting verb as the act itself', () => {
    const at = (text: string, word: string) => {
      const doc = createDoc(text, { articleId: 't', published: '2023-09-05' });
      const i = Array.from(doc.tokenStart).findIndex((_, k) => tokenText(doc, k) === word);
      return claimStanding(doc, { first: i, end: i + 1 }, recognizeActors(doc, defaultDictionary())).status;
    };
    expect(at('Japan announced new aid for Ukraine on Friday.', 'aid')).toBe('asserted');
    expect(at('South Korea said the attack on its ship killed two sailors.', 'attack')).toBe('reported');
  });

  it('takes only the head of a trigger of several words as the offer', () => {
    const doc = createDoc("Pyongyang dismissed Tokyo's proposal for talks.", { articleId: 't', published: '2023-09-05' });
    const mentions = recognizeActors(doc, defaultDictionary());
    expect(claimStanding(doc, { first: 1, end: 5 }, mentions).status).toBe('asserted');
    const offer = createDoc('Beijing offered talks to both sides.', { articleId: 't', published: '2023-09-05' });
    expect(claimStanding(offer, { first: 1, end: 3 }, recognizeActors(offer, defaultDictionary())).status).toBe('proposed');
  });
});
