import { describe, it, expect } from 'vitest';
import { createDoc } from '../src/document/doc.js';
import { defaultDictionary } from '../src/facts/actors/dictionary.js';
import { recognizeActors } from '../src/facts/actors/recognize.js';
import { extractQuotes } from '../src/facts/quotes/extract.js';
import { findTimes } from '../src/facts/time/resolve.js';

const quotesOf = (text: string) => {
  const doc = createDoc(text, { articleId: 't', published: '2023-09-05' });
  return extractQuotes(doc, recognizeActors(doc, defaultDictionary()), findTimes(doc.text, doc.published, undefined, { tense: 'auto' }));
};
const brief = (text: string) => quotesOf(text).map((q) => `${q.speaker.name ?? q.speaker.text}|${q.cue.text}|${q.direct ? 'direct' : 'indirect'}|${q.quote.text}|${q.venue?.text ?? '-'}|${q.status}`);
const where = (text: string) => quotesOf(text).map((q) => `${q.speaker.name ?? q.speaker.text}|${q.venue?.text ?? '-'}|${q.audience?.text ?? '-'}|${q.date?.value ?? '-'}`);

describe('quotes', () => {
  it('finds a partial direct quote after "said … that", with the venue and a view as status', () => {
    const text = 'Russian Ambassador to North Korea Alexander Matsegora said in an interview with TASS on Friday that the idea of including North Korea in the joint exercises “seems quite appropriate.”';
    const [q] = quotesOf(text);
    expect(q).toMatchObject({ direct: true, status: 'opinion', speaker: { name: 'Alexander Matsegora', actor: { code: 'RUSGOVDIP' } }, cue: { text: 'said' } });
    expect(q!.quote.text).toBe('seems quite appropriate.');
    expect(q!.venue).toMatchObject({ text: 'in an interview with TASS', organization: 'TASS' });
    expect(text.slice(q!.quote.start, q!.quote.end)).toBe(q!.quote.text);
  });

  it('reads speakers after the quote, inverted, with an appositive, and through pronouns', () => {
    expect(brief('“We will respond firmly to any provocation,” Kim Jong Un said at a parade.')).toEqual([
      'Kim Jong Un|said|direct|We will respond firmly to any provocation,|at a parade|reported',
    ]);
    expect(brief('“The drills are a threat to peace,” said Maria Zakharova.')).toEqual(['Maria Zakharova|said|direct|The drills are a threat to peace,|-|reported']);
    // Reporters are whom it was told (the audience), not where it was said.
    expect(brief('Sergei Lavrov arrived on Wednesday. “Our ties are at a new level,” he told reporters.')).toEqual([
      'Sergei Lavrov|told|direct|Our ties are at a new level,|-|reported',
    ]);
    expect(quotesOf('Sergei Lavrov arrived on Wednesday. “Our ties are at a new level,” he told reporters.')[0]!.audience?.text).toBe('reporters');
  });

  it('reads unknown speakers, appositives both ways, parentheticals, surnames and role nouns', () => {
    expect(brief('The sanctions will not change our course, said Maria Zakharova, the foreign ministry spokeswoman.')).toEqual([
      'Maria Zakharova|said|indirect|The sanctions will not change our course|-|reported',
    ]);
    expect(brief('A rebel commander, Ibrahim Tchiroma, said on the radio that his fighters had taken the bridge.').map((b) => b.split('|')[0])).toEqual(['Ibrahim Tchiroma']);
    expect(brief('The talks were productive, a State Department spokesman said on condition of anonymity.')).toEqual([
      'a State Department spokesman|said|indirect|The talks were productive|-|reported',
    ]);
    expect(brief('A senior official, speaking on condition of anonymity, said the convoy had turned back.').map((b) => b.split('|')[0])).toEqual(['A senior official']);
    // A surname and a definite role noun stand for the person introduced before.
    const text = 'Halvard Brekke, Norway\'s envoy to the talks, met both delegations. The mood was constructive, the envoy said. “We are close,” Brekke said.';
    expect(quotesOf(text).map((q) => q.speaker.name)).toEqual(['Halvard Brekke', 'Halvard Brekke']);
    // A pronoun stands for the last speaker rather than the last person named.
    expect(quotesOf('Lloyd Austin said in a statement that the strikes had been necessary to protect Fumio Kishida\'s ships. “We will not hesitate,” he said.').map((q) => q.speaker.name)).toEqual(['Lloyd Austin', 'Lloyd Austin']);
  });

  it('reads closing attributions as the outermost, and participles as the same speaker going on', () => {
    expect(brief('North Korea fired two missiles into the sea on Thursday, South Korea\'s military said, adding that the launches violated U.N. resolutions.').map((b) => b.split('|').slice(1, 4).join('|'))).toEqual([
      'said|indirect|North Korea fired two missiles into the sea on Thursday',
      'adding|indirect|the launches violated U.N. resolutions.',
    ]);
    expect(brief('The ministry confirmed the outage, saying a cable had been cut near the coast.').map((b) => b.split('|').slice(0, 4).join('|'))).toEqual([
      'The ministry|saying|indirect|a cable had been cut near the coast.',
    ]);
    expect(brief('SEOUL, March 8 (Reuters) - North Korea fired several cruise missiles on Thursday, South Korea\'s military said, the latest in a string of launches.').map((b) => b.split('|')[3])).toEqual([
      'North Korea fired several cruise missiles on Thursday',
    ]);
    // An indefinite phrase is someone new: a role noun in it names no one known.
    expect(quotesOf('The drills were purely defensive, a U.S. Forces Korea spokesperson told reporters.')[0]!.speaker).toMatchObject({ text: 'a U.S. Forces Korea spokesperson', actor: { code: 'USAMIL' } });
    expect(brief('According to a senior U.S. official, who spoke on condition of anonymity, Washington had offered talks.').map((b) => b.split('|').slice(0, 4).join('|'))).toEqual([
      'a senior U.S. official|According to|indirect|Washington had offered talks.',
    ]);
    // "vowing to" is an intent, not speech.
    expect(brief('The deal is dead, the foreign ministry said, vowing to take countermeasures.')).toHaveLength(1);
    expect(brief('The state news agency quoted Kim Jong Un as saying the tests would continue.').map((b) => b.split('|').slice(0, 2).join('|'))).toEqual(['Kim Jong Un|quoted']);
  });

  it('reads venue, audience and date in the attribution only, and carries them to the next quote of the speaker', () => {
    expect(where('“We are not going to retreat,” Rustem Umerov told a news conference in Kyiv on Monday.')).toEqual(['Rustem Umerov|told a news conference|-|2023-09-04']);
    expect(where('Dmitry Peskov said on state television that the Kremlin saw no reason to change course.')).toEqual(['Dmitry Peskov|on state television|-|-']);
    expect(where('In an op-ed for The Guardian, Fumio Kishida argued that deterrence had to be rebuilt.')).toEqual(['Fumio Kishida|In an op-ed for The Guardian|-|-']);
    expect(where('Sergei Lavrov told the U.N. Security Council on Friday that the resolution was one-sided.')).toEqual(['Sergei Lavrov|told the U.N. Security Council|-|2023-09-01']);
    expect(where('Yoon Suk Yeol wrote on X that the two leaders had agreed to meet again.')).toEqual(['Yoon Suk Yeol|on X|-|-']);
    expect(where('The talks will resume next week, the ministry said on its website.')).toEqual(['the ministry|on its website|-|-']);
    expect(where('The United Nations said in a report that the camps were overcrowded.')).toEqual(['United Nations|in a report|-|-']);
    expect(where('“It is over,” a resident told AFP by phone.')).toEqual(['a resident|told AFP|-|-']);
    // Told a person: the audience.
    expect(where('Xi Jinping told Vladimir Putin that the partnership had no limits.')).toEqual(['Xi Jinping|-|Vladimir Putin|-']);
    // A date in the claim is not when it was said; a relaying source's venue and date are not the speaker's.
    expect(where('North Korea has fired more than 30 missiles since January, according to the Joint Chiefs of Staff.')).toEqual(['Joint Chiefs of Staff|-|-|-']);
    expect(where('“Our army is ready,” Kim Jong Un told a party plenum, state media said on Sunday.')).toEqual(['Kim Jong Un|told a party plenum|-|-']);
    expect(where('“Today we begin a new chapter,” Olaf Scholz said.')).toEqual(['Olaf Scholz|-|-|-']);
    // The next quote of the same speaker, with or without a cue of its own, continues the venue and date.
    expect(where('“We have held,” Zelenskiy said in a video address on Saturday. “The enemy did not pass.” Kyiv would hold, he said.')).toEqual([
      'Volodymyr Zelensky|in a video address|-|2023-09-02',
      'Volodymyr Zelensky|in a video address|-|2023-09-02',
      'Volodymyr Zelensky|in a video address|-|2023-09-02',
    ]);
  });

  it('reads relative clauses, several speakers in one sentence, and no speech where there is none', () => {
    expect(where('Putin, who said last year that the war would end soon, visited the front on Tuesday.')).toEqual(['Vladimir Putin|-|-|2022']);
    expect(brief('Putin, who said last year that the war would end soon, visited the front on Tuesday.')[0]).toContain('|the war would end soon|');
    expect(brief('Kishida told reporters he would travel to Washington, and he said the trip would focus on security.').map((b) => b.split('|').slice(1, 4).join('|'))).toEqual([
      'told|indirect|he would travel to Washington',
      'said|indirect|the trip would focus on security.',
    ]);
    for (const text of [
      'The agreement, which officials said was signed in May, covers grain exports.',
      'Kim is said to have ordered more launches this year.',
      'The soldiers were told to leave the village by noon.',
      'Russia urged Ukraine to accept the terms of the deal.',
      'The report, titled "A New Axis", was published by the think tank on Monday.',
      "The president's office noted the progress, without giving details.",
      'Japan announced new sanctions on Russia on Friday.',
    ]) expect(quotesOf(text)).toEqual([]);
    // A clause before the subject is not the attribution: its date is not when it was said.
    expect(where('China and Russia signed a deal on Tuesday, and Xi Jinping said the partnership had no limits.')).toEqual(['Xi Jinping|-|-|-']);
  });

  it('never gives a quote to a pronoun it cannot resolve or to a thing', () => {
    const speakers = (text: string) => quotesOf(text).map((q) => `${q.speaker.actor?.code ?? q.speaker.name ?? q.speaker.text}|${q.quote.text}`);
    // Nothing before to stand for.
    expect(speakers('It said the talks would resume on Monday.')).toEqual([]);
    expect(speakers('“The talks will resume,” he said.')).toEqual([]);
    expect(speakers('They said the border would stay closed.')).toEqual([]);
    // Things that report, with no author anywhere.
    expect(speakers('The statement said the launch was a provocation.')).toEqual([]);
    expect(speakers('The drills were a rehearsal for war, the report said.')).toEqual([]);
    expect(speakers('According to the document, the troops will stay until spring.')).toEqual([]);
    // A pronoun still stands for whom it resolves to.
    expect(speakers('North Korea’s foreign ministry condemned the drills. It said the exercises raised tensions.')).toEqual(['PRKGOVDIP|the exercises raised tensions.']);
  });

  it('gives what a thing says to its author: its possessor, its "by" or "from" phrase, its modifier, or whoever issued it', () => {
    const speakers = (text: string) => quotesOf(text).map((q) => `${q.speaker.actor?.code ?? q.speaker.name ?? q.speaker.text}|${q.quote.text}`);
    expect(speakers('A statement from the presidential office said the launch was a provocation.')).toEqual(['the presidential office|the launch was a provocation.']);
    expect(speakers('A video posted by the Russian Foreign Ministry said the drills would go ahead.')).toEqual(['RUSGOVDIP|the drills would go ahead.']);
    expect(speakers("KCNA's report said the drills were a rehearsal.")).toEqual(['PRKGOVMED|the drills were a rehearsal.']);
    expect(speakers('A KCNA report said the drills were a rehearsal.')).toEqual(['PRKGOVMED|the drills were a rehearsal.']);
    // Issued before: by the subject of its verb, or the agent of a passive one.
    expect(speakers("North Korea's defence ministry issued a statement on Friday. The statement said the drills were a provocation.")).toEqual(['PRKGOVMIL|the drills were a provocation.']);
    expect(speakers('KCNA said in a statement that the drills were a rehearsal. The statement also said the drills would continue.')).toEqual([
      'PRKGOVMED|the drills were a rehearsal.',
      'PRKGOVMED|the drills would continue.',
    ]);
    expect(speakers('A statement was released by the Russian defence ministry on Friday. The statement said the drills would continue.')).toEqual(['RUSGOVMIL|the drills would continue.']);
    // Never named before: the last speaking body's, as "it" would be.
    expect(speakers("North Korea's foreign ministry said the drills were a provocation. The statement said the drills raised tensions.")).toEqual([
      'PRKGOVDIP|the drills were a provocation.',
      'PRKGOVDIP|the drills raised tensions.',
    ]);
    // A name that ends in such a noun is a speaker of its own.
    expect(speakers('The Washington Post said the talks had failed.')).toEqual(['USAMED|the talks had failed.']);
  });

  it('reads "the agency", "the ministry", "the government" as the organisation named before with that noun', () => {
    const speakers = (text: string) => quotesOf(text).map((q) => `${q.speaker.text}=${q.speaker.actor?.code ?? '-'}`);
    expect(speakers('The Korean Central News Agency reported the launch. The agency said the satellite was in orbit.')).toEqual(['The agency=PRKGOVMED']);
    expect(speakers("Japan's government protested. The government said the launch violated U.N. resolutions.")).toEqual(['The government=JPNGOV']);
    expect(speakers("Russia's Defense Ministry released footage. The drills were a success, the ministry said.")).toEqual(['the ministry=RUSGOVMIL']);
    // With no such organisation before, the body stays unnamed.
    expect(speakers('The ministry said the drills were a success.')).toEqual(['The ministry=-']);
  });

  it('keeps a short quote inside reported speech as a partial direct quote', () => {
    expect(brief('Sergei Lavrov said on Monday that the two countries had “excellent prospects” for trade.')).toEqual([
      'Sergei Lavrov|said|direct|excellent prospects|-|reported',
    ]);
  });

  it('reads the attribution after a question, which the tagger splits off', () => {
    expect(brief('“Is this a threat?” Maria Zakharova asked reporters. “Why now?” she asked.').map((b) => b.split('|').slice(0, 4).join('|'))).toEqual([
      'Maria Zakharova|asked|direct|Is this a threat?',
      'Maria Zakharova|asked|direct|Why now?',
    ]);
    expect(quotesOf('“Why now?” The question hung in the air.')).toEqual([]);
  });

  it('continues a quote across paragraphs when the next paragraph reopens it', () => {
    const text = '“The alliance is stronger than ever,” Yoon Suk Yeol said in a televised address. “We will not be intimidated.\n\n“Our people deserve security,” he added.';
    const qs = quotesOf(text);
    expect(qs.map((q) => q.quote.text)).toEqual(['The alliance is stronger than ever,', 'We will not be intimidated.\n\n“Our people deserve security,']);
    expect(qs.map((q) => q.speaker.name)).toEqual(['Yoon Suk Yeol', 'Yoon Suk Yeol']);
  });

  it('finds indirect quotes and "according to"', () => {
    expect(brief('Dmitry Peskov said that Moscow had no plans to hold talks with Seoul.')).toEqual([
      'Dmitry Peskov|said|indirect|Moscow had no plans to hold talks with Seoul.|-|reported',
    ]);
    expect(brief('North Korea likely sent more shells to Russia, according to the National Intelligence Service.')).toEqual([
      'National Intelligence Service|according to|indirect|North Korea likely sent more shells to Russia|-|hedged',
    ]);
  });

  it('ignores scare quotes around a term', () => {
    expect(quotesOf('Moscow called it a “special operation” again.')).toEqual([]);
  });
});
