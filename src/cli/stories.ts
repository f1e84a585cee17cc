/**
 * `sitrep stories` and `sitrep story ID`: stories as tables, and one story's comparison across sources
 * with disagreements in side-by-side columns. `--json` prints the contract's objects as JSON Lines.
 */
import type { Command } from 'commander';
import { updateStories, type StoriesSummary } from '../pipeline/stories.js';
import type { Disagreement, StoryComparison, StorySummary } from '../stories/types.js';
import { UsageError, dateBound, dbOption, jsonLine, positiveInt, withStore } from './common.js';
import { table } from './format.js';

const day = (iso: string | null) => (iso ?? '').slice(0, 10);

export function storiesSummaryText(s: StoriesSummary): string {
  return `stories: ${s.articles} article(s) placed (${s.newStories} new stor${s.newStories === 1 ? 'y' : 'ies'}, ${s.copies} near-cop${s.copies === 1 ? 'y' : 'ies'}, ${s.moved} earlier article(s) moved by merges or splits); ${s.stories} stor${s.stories === 1 ? 'y' : 'ies'} in all, ${s.seconds.toFixed(2)} s`;
}

export const STORY_HEADERS = ['id', 'first', 'last', 'articles', 'outlets', 'key actors', 'title'];

export function storyRow(s: StorySummary): string[] {
  return [s.id, day(s.first), day(s.last), String(s.articleCount), String(s.outletCount), s.actors.slice(0, 4).map((a) => a.code ?? a.name).join(' '), s.title];
}

/** Text wrapped to lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word.length > width ? word.slice(0, width) : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Two evidence sentences in columns, each headed by its outlet, date and the value it gives. */
export function sideBySide(d: Disagreement, totalWidth = process.stdout.columns || 120): string {
  const width = Math.max(30, Math.floor((totalWidth - 7) / 2));
  const head = (e: Disagreement['a']) => `${e.outlet ?? 'unknown outlet'} ${day(e.published)}: ${e.value}${e.status !== 'asserted' ? ` [${e.status}]` : ''}`;
  const left = [...wrap(head(d.a), width), '', ...wrap(d.a.text, width)];
  const right = [...wrap(head(d.b), width), '', ...wrap(d.b.text, width)];
  const rows = Math.max(left.length, right.length);
  const out = [`┌${'─'.repeat(width + 2)}┬${'─'.repeat(width + 2)}┐`];
  for (let i = 0; i < rows; i++) out.push(`│ ${(left[i] ?? '').padEnd(width)} │ ${(right[i] ?? '').padEnd(width)} │`);
  out.push(`└${'─'.repeat(width + 2)}┴${'─'.repeat(width + 2)}┘`);
  return out.join('\n');
}

export function storyView(s: StoryComparison): string {
  const out: string[] = [];
  out.push(`${s.title}`, `${s.id} · ${day(s.first)} – ${day(s.last)} · ${s.articleCount} article(s) · ${s.outletCount} outlet(s)`, '');
  out.push(
    table(
      ['published', 'outlet', 'article', 'title'],
      s.articles.map((a) => [(a.published ?? '').slice(0, 16).replace('T', ' '), a.source ?? '', a.copyOf ? `${a.id} (copy of ${a.copyOf})` : a.id, a.title ?? '']),
    ),
  );
  out.push('', `Timeline (${s.timeline.length} event(s); count = independent outlets, near-copies folded)`);
  out.push(
    table(
      ['date', 'source', 'type', 'targets', 'count', 'independent outlets', 'evidence'],
      s.timeline.map((e) => [
        e.date?.value ?? '',
        e.source.code ?? '',
        e.type,
        e.targets.map((t) => t.code).join(','),
        String(e.corroboration),
        e.outlets.join('; '),
        e.evidence[0]?.text ?? '',
      ]),
    ),
  );
  if (s.quotes.length) {
    out.push('', `Quotes (${s.quotes.length})`);
    out.push(table(['speaker', 'count', 'independent outlets', 'quote'], s.quotes.map((q) => [q.speaker.name, String(q.corroboration), q.outlets.join('; '), q.quote])));
  }
  out.push('', `Disagreements (${s.disagreements.length})`);
  for (const d of s.disagreements) out.push(`[${d.kind}] ${d.subject}`, sideBySide(d));
  if (s.disagreements.length === 0) out.push('none found');
  out.push('', `Outlets (tone: ${s.toneLexicon})`);
  out.push(
    table(
      ['outlet', 'articles', 'exclusive events', 'exclusive quotes', 'hedged', 'reported', 'tone'],
      s.outlets.map((o) => [
        o.outlet,
        String(o.articles),
        String(o.exclusive.events),
        String(o.exclusive.quotes),
        `${Math.round(100 * o.hedgedShare)}%`,
        `${Math.round(100 * o.reportedShare)}%`,
        o.tone.toFixed(2),
      ]),
    ),
  );
  return out.join('\n');
}

export function registerStories(program: Command): void {
  program
    .command('stories')
    .description('stories: coverage grouped as it arrives, newest activity first')
    .addOption(dbOption())
    .option('--since <date>', 'stories active on or after this date')
    .option('--actor <code>', 'stories naming an actor (CAMEO code prefix, e.g. PRK or RUSGOV)')
    .option('--limit <n>', 'most stories to list', positiveInt, 100)
    .option('--rebuild', 're-cluster every stored article from its current facts, in the recorded arrival order')
    .option('--json', 'print JSON Lines')
    .action(async (opts: { db?: string; since?: string; actor?: string; limit: number; rebuild?: boolean; json?: boolean }) => {
      const since = dateBound(opts.since, 'since', false);
      await withStore(opts.db, async (store) => {
        const summary = await updateStories(store.stories, { rebuild: opts.rebuild });
        if (opts.rebuild || summary.articles) process.stderr.write(`${storiesSummaryText(summary)}\n`);
        const stories = await store.stories.list({ since, actor: opts.actor, limit: opts.limit });
        if (opts.json) for (const s of stories) jsonLine(s);
        else process.stdout.write(`${table(STORY_HEADERS, stories.map(storyRow))}\n${stories.length} stor${stories.length === 1 ? 'y' : 'ies'}\n`);
      }, { write: opts.rebuild });
    });

  program
    .command('story')
    .description('one story across its sources: timeline, corroboration, disagreements side by side, outlets')
    .argument('<id>', 'story id or a unique prefix')
    .addOption(dbOption())
    .option('--json', 'print the comparison as one JSON object')
    .action(async (id: string, opts: { db?: string; json?: boolean }) => {
      await withStore(opts.db, async (store) => {
        await updateStories(store.stories);
        const story = await store.stories.comparison(id);
        if (story === 'ambiguous') throw new UsageError(`story id prefix "${id}" matches several stories; give more characters`);
        if (!story) throw new UsageError(`no story with id "${id}" (list them with: sitrep stories)`);
        if (opts.json) jsonLine(story);
        else process.stdout.write(`${storyView(story)}\n`);
      });
    });
}
