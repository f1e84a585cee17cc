/**
 * The `sitrep` command line. Each command parses its options, calls one stage's public surface and
 * prints either a readable table or JSON Lines (`--json`). Errors are one line, never a stack trace.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { Store } from '../store/store.js';
import { ingest, exitStatus, DEFAULT_MAX_BYTES, type IngestSummary } from '../pipeline/ingest.js';
import { DEFAULT_MAX_CHARS } from '../sources/types.js';
import { reannotate } from '../pipeline/reannotate.js';
import { DEFAULT_BUDGET_MS, annotateSafely, mentionJson } from '../facts/annotate.js';
import { readSources } from '../sources/read.js';
import { buildArticle } from '../article/build.js';
import { parseDateText } from '../article/dates.js';
import { ProgressLine } from './progress.js';
import { UsageError, dbOption, dbTarget, forEachTextRecord, jsonLine, dateBound, nonNegativeInt, positiveInt, withStore } from './common.js';
import { ARTICLE_HEADERS, ACTOR_HEADERS, EVENT_HEADERS, actorRow, articleRow, articleView, eventRow, printable, rejectionLine, summaryText, table } from './format.js';
import { evalExtraction, formatExtractionReport } from '../eval/extraction.js';
import { evalDates, formatDatesReport } from '../eval/dates.js';
import { evalEvents, formatEventsReport } from '../eval/events.js';
import { evalQuotes, formatQuotesReport } from '../eval/quotes.js';
import { evalClaims, formatClaimsReport } from '../eval/claims.js';
import { evalStories, formatStoriesReport } from '../eval/stories.js';
import { updateStories } from '../pipeline/stories.js';
import { STORY_HEADERS, registerStories, storiesSummaryText, storyRow } from './stories.js';
import { registerServe, serveUntilStopped, withServeOptions, type ServeFlags } from './serve.js';
import { registerExport } from './export.js';
import { registerParse } from './parse.js';
import { evalParse, formatParseTreebankReport } from '../eval/parse-treebank.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function runIngest(
  paths: string[],
  opts: { db?: string; json?: boolean; strict?: boolean; batchSize?: number; maxSize?: number; maxChars?: number },
): Promise<number> {
  const progress = new ProgressLine();
  const { summary, stories } = await withStore(opts.db, async (store) => {
    const summary: IngestSummary = await ingest(paths, store, {
      batchSize: opts.batchSize,
      maxBytes: opts.maxSize ? opts.maxSize * 1024 * 1024 : DEFAULT_MAX_BYTES,
      maxChars: opts.maxChars,
      onProgress: (p) => progress.update(p),
      onRejected: (r) => progress.log(rejectionLine(r)),
      onWarning: (w) => progress.log(rejectionLine({ ...w, reason: `warning: ${w.reason}` })),
    });
    progress.done();
    // New articles join stories in arrival order once they are stored; a store that failed takes nothing more.
    return { summary, stories: summary.stopped ? null : await updateStories(store.stories) };
  }, { write: true });
  if (opts.json) jsonLine({ ...summary, stories });
  else process.stdout.write(`${summaryText(summary)}\n${stories ? `${storiesSummaryText(stories)}\n` : ''}`);
  if (summary.stopped) {
    const committed = summary.ingested + summary.duplicates + summary.unchanged;
    process.stderr.write(
      `sitrep: error: ingest stopped: ${printable(summary.stopped)}; ${committed} article(s) were committed before it and are kept, a rerun stores the rest\n`,
    );
  }
  return exitStatus(summary, opts.strict);
}

export function buildProgram(): Command {
  const program = new Command('sitrep')
    .description('News intelligence: ingest news, keep clean articles with their evidence, and query them.')
    .showHelpAfterError()
    .configureOutput({ outputError: (str, write) => write(str) });

  program
    .command('ingest')
    .description('ingest files, folders, globs or - (stdin): text, scraped text, HTML, JSON/JSONL, RSS/Atom, WARC')
    .argument('<paths...>')
    .addOption(dbOption())
    .option('--json', 'print the summary as JSON')
    .option('--strict', 'exit 2 also when articles were stored with warnings (facts not extracted)')
    .option('--batch-size <n>', 'articles per transaction at most', positiveInt, 250)
    .option('--max-size <MiB>', 'largest single document or record, in MiB (decoded)', positiveInt, DEFAULT_MAX_BYTES / 1024 / 1024)
    .option('--max-chars <n>', `longest article text, in characters (a page's HTML may be 8 times longer)`, positiveInt, DEFAULT_MAX_CHARS)
    .action(async (paths: string[], opts) => {
      const code = await runIngest(paths, opts);
      // A store that failed to close has set 1 already.
      if (process.exitCode !== 1) process.exitCode = code;
    });

  program
    .command('extract')
    .description('print the cleaned article(s) of one file without storing them')
    .argument('<file>')
    .option('--json', 'print JSON Lines')
    .action(async (file: string, opts: { json?: boolean }) => {
      let produced = 0;
      let failed = 0;
      for await (const item of readSources([file], { maxBytes: DEFAULT_MAX_BYTES })) {
        if (item.kind === 'file-done') continue;
        if (item.kind === 'failure') {
          failed++;
          process.stderr.write(`${rejectionLine(item.failure)}\n`);
          continue;
        }
        const built = buildArticle(item.record, { now: new Date() });
        if (!built.ok) {
          failed++;
          process.stderr.write(`${rejectionLine({ origin: item.record.origin, reason: built.reason })}\n`);
          continue;
        }
        produced++;
        if (opts.json) jsonLine(built.article);
        else process.stdout.write(`${produced > 1 ? '\n' : ''}${articleView(built.article, [])}`);
      }
      process.exitCode = produced === 0 && failed > 0 ? 1 : 0;
    });

  program
    .command('articles')
    .description('list stored articles, newest first')
    .addOption(dbOption())
    .option('--since <date>', 'published on or after this date')
    .option('--until <date>', 'published on or before this date')
    .option('--source <name>', 'only this outlet (name or domain)')
    .option('--limit <n>', 'at most n articles', positiveInt, 1000)
    .option('--json', 'print JSON Lines')
    .action(async (opts: { db?: string; since?: string; until?: string; source?: string; limit: number; json?: boolean }) => {
      const filter = {
        since: dateBound(opts.since, 'since', false),
        until: dateBound(opts.until, 'until', true),
        source: opts.source,
        limit: opts.limit,
      };
      const articles = await withStore(opts.db, (store) => store.listArticles(filter));
      if (opts.json) articles.forEach(jsonLine);
      else process.stdout.write(`${table(ARTICLE_HEADERS, articles.map(articleRow))}\n${articles.length} article(s)\n`);
    });

  program
    .command('show')
    .description('show one article (full id or a unique prefix) with where it was seen')
    .argument('<id>')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { db?: string; json?: boolean }) => {
      await withStore(opts.db, async (store) => {
        const article = await store.getArticle(id);
        if (article === 'ambiguous') throw new UsageError(`id prefix "${id}" matches several articles; give more characters`);
        if (!article) throw new UsageError(`no article with id "${id}"`);
        const sightings = await store.sightings(article.id);
        const mentions = await store.mentions(article.id);
        if (opts.json) {
          const events = await store.events({ articleId: article.id, limit: 100000 });
          const quotes = await store.quotes({ articleId: article.id, limit: 100000 });
          jsonLine({ ...article, sightings, mentions: mentions.map(mentionJson), events, quotes });
          return;
        }
        else process.stdout.write(articleView(article, sightings, mentions));
      });
    });

  program
    .command('search')
    .description('full-text search over titles and texts ("phrases", OR, -word)')
    .argument('<query>')
    .addOption(dbOption())
    .option('--limit <n>', 'at most n hits', positiveInt, 20)
    .option('--json', 'print JSON Lines')
    .action(async (query: string, opts: { db?: string; limit: number; json?: boolean }) => {
      const hits = await withStore(opts.db, (store) => store.search(query, opts.limit));
      if (opts.json) {
        hits.forEach((h) => jsonLine({ ...h.article, rank: h.rank, snippet: h.snippet }));
        return;
      }
      for (const h of hits) {
        const a = h.article;
        process.stdout.write(
          `${a.id}  ${(a.published ?? '').slice(0, 10)}  ${a.source ?? ''}\n  ${a.title ?? '(untitled)'}\n  ${h.snippet.replace(/\s+/g, ' ')}\n\n`,
        );
      }
      process.stdout.write(`${hits.length} hit(s)\n`);
    });

  program
    .command('actors')
    .description('actors mentioned in the stored articles, with mention and article counts')
    .addOption(dbOption())
    .option('--limit <n>', 'at most n actors', positiveInt, 1000)
    .option('--json', 'print JSON Lines')
    .action(async (opts: { db?: string; limit: number; json?: boolean }) => {
      const actors = await withStore(opts.db, (store) => store.actors({ limit: opts.limit }));
      if (opts.json) {
        actors.forEach(jsonLine);
        return;
      }
      process.stdout.write(`${table(ACTOR_HEADERS, actors.map(actorRow))}\n${actors.length} actor(s)\n`);
    });

  program
    .command('events')
    .description('PLOVER events with source, targets, date, status and evidence; codes match as prefixes')
    .addOption(dbOption())
    .option('--actor <code>', 'source or target code (prefix: RUS matches RUSGOVMIL)')
    .option('--source <code>', 'source code prefix')
    .option('--target <code>', 'target code prefix')
    .option('--type <type>', 'PLOVER type, e.g. CONSULT')
    .option('--status <status>', 'asserted | reported | hedged | proposed | opinion | denied')
    .option('--since <date>', 'event (else article) date on or after')
    .option('--until <date>', 'event (else article) date on or before')
    .option('--limit <n>', 'at most n events', positiveInt, 1000)
    .option('--json', 'print JSON Lines')
    .action(async (opts: { db?: string; actor?: string; source?: string; target?: string; type?: string; status?: string; since?: string; until?: string; limit: number; json?: boolean }) => {
      const since = dateBound(opts.since, 'since', false);
      const until = dateBound(opts.until, 'until', false);
      const events = await withStore(opts.db, (store) => store.events({ ...opts, since, until }));
      if (opts.json) {
        events.forEach(jsonLine);
        return;
      }
      process.stdout.write(`${table(EVENT_HEADERS, events.map(eventRow))}\n${events.length} event(s)\n`);
    });

  program
    .command('quotes')
    .description('quotes with speaker, cue, venue and date')
    .addOption(dbOption())
    .option('--speaker <name|code>', 'speaker name (part of it) or code prefix')
    .option('--limit <n>', 'at most n quotes', positiveInt, 1000)
    .option('--json', 'print JSON Lines')
    .action(async (opts: { db?: string; speaker?: string; limit: number; json?: boolean }) => {
      const quotes = await withStore(opts.db, (store) => store.quotes(opts));
      if (opts.json) {
        quotes.forEach(jsonLine);
        return;
      }
      for (const q of quotes) {
        const who = `${q.speaker.name ?? q.speaker.text}${q.speaker.actor?.code ? ` (${q.speaker.actor.code})` : ''}`;
        const where = [q.venue?.text, q.date?.value].filter(Boolean).join(', ');
        process.stdout.write(`${who} ${q.cue.text}${where ? ` [${where}]` : ''} · ${q.status} · ${q.articleId.slice(0, 8)}\n  ${q.direct ? '“' : ''}${q.quote.text.replace(/\s+/g, ' ')}${q.direct ? '”' : ''}\n\n`);
      }
      process.stdout.write(`${quotes.length} quote(s)\n`);
    });

  program
    .command('annotate')
    .description('read JSON Lines {id, text, title?, published?} on stdin; write {id, mentions, events, quotes} per line; stores nothing')
    .action(async () => {
      const { read, failed } = await forEachTextRecord(({ lineNo, id, text, record }) => {
        const published = typeof record.published === 'string' ? (parseDateText(record.published)?.iso ?? null) : null;
        // Every line gets its line out (no facts when annotation failed or ran past its budget), and a warning.
        const { facts, warnings } = annotateSafely({ id, text, published });
        for (const warning of warnings) process.stderr.write(`sitrep: stdin (line ${lineNo}): ${warning}\n`);
        jsonLine({ id, mentions: facts.mentions.map(mentionJson), events: facts.events, quotes: facts.quotes });
      });
      process.exitCode = failed > 0 && failed === read ? 1 : 0;
    });

  registerStories(program);
  registerParse(program);

  program
    .command('reannotate')
    .description('recompute the facts (mentions, events, quotes) of every stored article, e.g. after editing data/')
    .addOption(dbOption())
    .option('--missing', 'only the articles stored without facts (annotation failed or ran past its budget)')
    .option('--budget <seconds>', 'time budget of one article, 0 for none', nonNegativeInt, DEFAULT_BUDGET_MS / 1000)
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { db?: string; json?: boolean; missing?: boolean; budget: number }) => {
      const budgetMs = opts.budget === 0 ? Infinity : opts.budget * 1000;
      const summary = await withStore(opts.db, (store) => reannotate(store, { missingOnly: opts.missing, budgetMs }), { write: true });
      if (opts.json) jsonLine(summary);
      else {
        process.stdout.write(`reannotated ${summary.articles} article(s): ${summary.mentions} mention(s), ${summary.events} event(s), ${summary.quotes} quote(s) in ${summary.seconds.toFixed(2)} s\n`);
        for (const m of summary.missing) process.stderr.write(`sitrep: ${m.articleId}: facts not extracted: ${m.reason}\n`);
      }
    });

  const evalCommand = program.command('eval').description('score sitrep on gold sets');
  /** One `sitrep eval NAME INPUT` command: run the evaluation, print its report as text or JSON. */
  const evaluation = <R>(name: string, argument: '<file>' | '<dir>', description: string, evaluate: (input: string) => Promise<R>, format: (report: R) => string) =>
    evalCommand
      .command(name)
      .description(description)
      .argument(argument, argument === '<dir>' ? 'folder with ground-truth.json and html/' : 'gold file')
      .option('--json', 'print the report as JSON')
      .action(async (input: string, opts: { json?: boolean }) => {
        const report = await evaluate(input);
        if (opts.json) jsonLine(report);
        else process.stdout.write(`${format(report)}\n`);
      });
  evaluation('events', '<file>', 'event coding: PLOVER gold (JSON array) or sitrep gold (JSONL): type accuracy, macro-F1, actor countries', evalEvents, formatEventsReport);
  evaluation('quotes', '<file>', 'quotes on sitrep gold (JSONL): P/R/F1, and speaker, cue, venue and date of matches', evalQuotes, formatQuotesReport);
  evaluation('claims', '<file>', 'claim status on sitrep gold (JSONL): accuracy, per status, confusion', evalClaims, formatClaimsReport);
  evaluation('stories', '<file>', 'story clustering on gold JSONL records with a `cluster` label: pairwise P/R/F1, B-cubed F1, near-copy pairs', evalStories, formatStoriesReport);
  evaluation('extraction', '<dir>', 'article-body extraction: token F1 and docs/s, sitrep vs @mozilla/readability', evalExtraction, formatExtractionReport);
  evaluation('dates', '<dir>', 'publication dates of news pages: accuracy, sitrep vs @mozilla/readability', evalDates, formatDatesReport);
  evaluation('parse', '<file>', 'tagger and parser on a UD treebank (.conllu[.gz]): on gold tokens and from raw text, CoNLL 2018 scores', evalParse, formatParseTreebankReport);

  registerServe(program);
  registerExport(program);

  withServeOptions(
    program
      .command('start')
      .description('the quick start: ingest the bundled samples into the store, list what was found, then serve the dashboard')
      .addOption(dbOption())
      .option('--no-serve', 'exit after listing instead of serving (tests, scripts)'),
  ).action(async (opts: ServeFlags & { db?: string; serve: boolean }) => {
    const samples = path.join(REPO_ROOT, 'samples');
    process.stdout.write(`Ingesting the sample corpus (${samples}) into ${dbTarget(opts.db)}\n\n`);
    const code = await runIngest([samples], { db: opts.db });
    await withStore(opts.db, async (store) => {
      const [articles, actors, events, stories] = [
        await store.listArticles({ limit: 100 }),
        await store.actors({ limit: 12 }),
        await store.events({ limit: 12 }),
        await store.stories.list({ limit: 12 }),
      ];
      process.stdout.write(`\n${table(ARTICLE_HEADERS, articles.map(articleRow))}\n${articles.length} article(s) in the store\n`);
      process.stdout.write(`\nMost mentioned actors\n${table(ACTOR_HEADERS, actors.map(actorRow))}\n`);
      process.stdout.write(`\nLatest events (date, CAMEO actors, PLOVER type, standing, evidence)\n${table(EVENT_HEADERS, events.map(eventRow))}\n`);
      process.stdout.write(`\nStories, latest first (near-copies folded)\n${table(STORY_HEADERS, stories.map(storyRow))}\n`);
      process.stdout.write(
        `\nNext: sitrep show <id> · sitrep events --actor PRK · sitrep quotes --speaker Matsegora · sitrep story <id> · sitrep search "joint drills"${opts.serve ? '' : ' · sitrep serve'}\n`,
      );
      process.exitCode = code;
      if (opts.serve) await serveUntilStopped(store, opts);
    });
  });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sitrep: error: ${printable(message)}\n`);
    if (process.env.SITREP_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}
