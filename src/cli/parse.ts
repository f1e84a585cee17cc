/**
 * `sitrep parse`: text files, or JSON Lines `{id, text}` on stdin, tagged and parsed into CoNLL-U on
 * stdout, so a parse can be read by a person or another tool.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { formatConllu } from '../document/syntax/conllu.js';
import { parseToConllu } from '../document/syntax/output.js';

/** A file name with control characters escaped, so that it cannot drive the terminal. */
function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

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
        let lineNo = 0;
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
          lineNo++;
          if (!line.trim()) continue;
          read++;
          let record: { id?: unknown; text?: unknown };
          try {
            record = JSON.parse(line) as typeof record;
          } catch (error) {
            failed++;
            process.stderr.write(`sitrep: stdin (line ${lineNo}): malformed JSON: ${(error as Error).message}\n`);
            continue;
          }
          if (typeof record.text !== 'string') {
            failed++;
            process.stderr.write(`sitrep: stdin (line ${lineNo}): no "text" string\n`);
            continue;
          }
          writeParse(record.text, record.id === undefined ? String(lineNo) : String(record.id));
        }
      }
      process.exitCode = failed > 0 && failed === read ? 1 : 0;
    });
}
