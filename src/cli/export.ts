/**
 * `sitrep export COLLECTION`: every matching item of a collection, written as it is read from the store a
 * page at a time. Filters and formats are the API's (GET /api/export/…), read through the same schemas.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import { COLLECTIONS, exportChunks, type Collection, type ExportFormat } from '../export/collections.js';
import { EXPORT_FILTERS, EXPORT_FORMATS, exportRequest } from '../api/exports.js';
import { UsageError, dbOption, withStore } from './common.js';

const FILTER_OPTIONS = ['since', 'until', 'source', 'actor', 'target', 'type', 'status', 'article', 'speaker'] as const;
type ExportFlags = { db?: string; format: ExportFormat; out?: string } & Partial<Record<(typeof FILTER_OPTIONS)[number], string>>;

/** The command's filter flags as the collection's export filters; a flag the collection has not is an error. */
function filtersOf(collection: Collection, flags: ExportFlags) {
  const given = Object.fromEntries(FILTER_OPTIONS.flatMap((name) => (flags[name] === undefined ? [] : [[name, flags[name]]])));
  const parsed = EXPORT_FILTERS[collection].safeParse(given);
  if (parsed.success) return parsed.data;
  const takes = Object.keys(EXPORT_FILTERS[collection].shape).map((k) => `--${k}`).join(', ');
  const reasons = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys' ? `${issue.keys.map((k) => `--${k}`).join(', ')} does not filter ${collection} (its filters: ${takes})` : `--${issue.path.join('.')}: ${issue.message}`,
  );
  throw new UsageError(reasons.join('; '));
}

/** Writes chunks, waiting when the destination is full; a reader that goes away (`| head`) ends it quietly. */
async function writeAll(chunks: AsyncGenerator<string>, out: Writable): Promise<number> {
  let lines = 0;
  let failure: NodeJS.ErrnoException | null = null;
  const onError = (error: NodeJS.ErrnoException) => {
    failure = error;
  };
  out.on('error', onError);
  try {
    for await (const chunk of chunks) {
      lines += chunk.split('\n').length - 1;
      // once() rejects when the stream errors while it waits.
      if (!out.write(chunk)) await once(out, 'drain').catch((error: NodeJS.ErrnoException) => (failure = error));
      if (failure) break;
    }
  } finally {
    out.off('error', onError);
    await chunks.return(undefined);
  }
  const failed = failure as NodeJS.ErrnoException | null;
  if (failed && failed.code !== 'EPIPE') throw failed;
  return lines;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export a collection as JSON Lines; events also in the GDELT 2.0 event layout (gdelt) or as flat CSV (csv)')
    .argument('<collection>', COLLECTIONS.join(' | '))
    .addOption(dbOption())
    .addOption(new Option('--format <format>', 'jsonl (every collection), gdelt or csv (events)').choices(['jsonl', 'gdelt', 'csv']).default('jsonl'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--since <date>', 'published (events: dated) on or after, YYYY-MM-DD or ISO 8601')
    .option('--until <date>', 'published (events: dated) on or before')
    .option('--source <name|code>', 'outlet (articles) or source code prefix (events)')
    .option('--actor <code>', 'CAMEO code prefix: mentioned (articles, mentions, stories) or source or target (events)')
    .option('--target <code>', 'target code prefix (events)')
    .option('--type <type>', 'PLOVER type (articles, events)')
    .option('--status <status>', 'claim standing (articles, events)')
    .option('--article <id>', 'one article (events, quotes, mentions)')
    .option('--speaker <name|code>', 'speaker (quotes)')
    .action(async (collection: string, flags: ExportFlags) => {
      if (!(COLLECTIONS as readonly string[]).includes(collection)) throw new UsageError(`export: unknown collection "${collection}" (one of ${COLLECTIONS.join(', ')})`);
      const c = collection as Collection;
      if (!EXPORT_FORMATS[c].includes(flags.format)) throw new UsageError(`--format ${flags.format}: ${c} export as ${EXPORT_FORMATS[c].join(' or ')}`);
      const request = exportRequest(c, flags.format, filtersOf(c, flags));
      await withStore(flags.db, async (store) => {
        if (!flags.out) {
          await writeAll(exportChunks(store, request), process.stdout);
          return;
        }
        const file = createWriteStream(flags.out);
        await once(file, 'open');
        const lines = await writeAll(exportChunks(store, request), file);
        file.end();
        await once(file, 'finish');
        process.stdout.write(`wrote ${flags.out}: ${lines} line(s) of ${c} as ${flags.format}${flags.format === 'jsonl' ? '' : ', the first a header'}\n`);
      });
    });
}
