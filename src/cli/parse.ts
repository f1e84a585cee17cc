/**
 * `sitrep parse`: text files, or JSON Lines `{id, text}` on stdin, tagged and parsed into CoNLL-U on
 * stdout, so a parse can be read by a person or another tool.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatConllu } from '../document/syntax/conllu.js';
import { parseToConllu } from '../document/syntax/output.js';
import { forEachTextRecord } from './common.js';
import { printable } from './format.js';

function writeParse(text: string, id: string): void {
  for (const sentence of parseToConllu(text, id)) process.stdout.write(formatConllu(sentence));
}

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('tag and parse text into CoNLL-U (UD v2): text files, or JSON Lines {id, text} on stdin')
    .argument('[files...]', 'plain text files (none or "-": JSON Lines on stdin)')
    .action(async (files: string[]) => {
      let failed = 0;
      let read = 0;
      for (const file of files.filter((f) => f !== '-')) {
        read++;
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          failed++;
          process.stderr.write(`sitrep: ${printable(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
          continue;
        }
        writeParse(text, path.basename(file));
      }
      if (files.length === 0 || files.includes('-')) {
        const stdin = await forEachTextRecord(({ id, text }) => writeParse(text, id));
        read += stdin.read;
        failed += stdin.failed;
      }
      process.exitCode = failed > 0 && failed === read ? 1 : 0;
    });
}
