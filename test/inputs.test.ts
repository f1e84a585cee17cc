/** Paths that cannot be read: each is set aside with one reason and the walk goes on (issue 10). */
import { describe, it, expect, afterAll } from 'vitest';
import * as fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expandInputs, type WalkFs } from '../src/sources/inputs.js';
import { readSources } from '../src/sources/read.js';
import { printable, rejectionLine } from '../src/cli/format.js';
import { tempDir, writeFixture } from './helpers.js';

const tmp = tempDir('sitrep-inputs-');
afterAll(() => tmp.cleanup());

const names = (files: string[]) => files.map((f) => path.relative(tmp.dir, f));

describe('walking folders that hold bad entries', () => {
  const tree = path.join(tmp.dir, 'tree');
  writeFixture(tmp.dir, 'tree/a.txt', 'A.');
  writeFixture(tmp.dir, 'tree/locked/b.txt', 'B.');
  writeFixture(tmp.dir, 'tree/z.txt', 'Z.');
  execFileSync('mkfifo', [path.join(tree, 'pipe')]);
  fs.symlinkSync(path.join(tree, 'loop2'), path.join(tree, 'loop1'));
  fs.symlinkSync(path.join(tree, 'loop1'), path.join(tree, 'loop2'));
  fs.symlinkSync(tree, path.join(tree, 'up')); // a link back up the tree is walked once
  fs.symlinkSync(path.join(tree, 'a.txt'), path.join(tree, 'link-to-a.txt'));

  /** The real file system, except that one folder refuses to be listed, as it would for a user without rights. */
  const refusing: WalkFs = {
    statSync: fs.statSync,
    readdirSync: ((p: fs.PathLike) => {
      if (String(p).endsWith('locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: 'EACCES' });
      return fs.readdirSync(p);
    }) as WalkFs['readdirSync'],
  };

  it('reports an unreadable folder, a FIFO and a symlink loop, and keeps every readable file', () => {
    const { files, skipped } = expandInputs([tree], refusing);
    expect(names(files)).toEqual(['tree/a.txt', 'tree/z.txt']);
    expect(skipped.map((s) => [path.relative(tmp.dir, s.path), s.reason])).toEqual([
      ['tree/locked', 'permission denied'],
      ['tree/loop1', 'symbolic link loop'],
      ['tree/loop2', 'symbolic link loop'],
      ['tree/pipe', 'a FIFO (named pipe)'],
    ]);
  });

  it('reports a device and a FIFO named directly, and a folder a pattern walks through', () => {
    const direct = expandInputs(['/dev/null', path.join(tree, 'pipe')]);
    expect(direct.skipped.map((s) => s.reason)).toEqual(['a device', 'a FIFO (named pipe)']);
    const glob = expandInputs([path.join(tree, '**/*.txt')], refusing);
    expect(names(glob.files)).toEqual(['tree/a.txt', 'tree/z.txt']);
    expect(glob.skipped.map((s) => [path.relative(tmp.dir, s.path), s.reason])).toEqual([['tree/locked', 'permission denied']]);
  });

  it('never opens a FIFO handed to the reader (it would block forever)', async () => {
    const items = [];
    for await (const item of readSources([path.join(tree, 'pipe')], { maxBytes: 1 << 20 })) items.push(item);
    expect(items[0]).toEqual({ kind: 'failure', failure: { origin: { file: path.join(tree, 'pipe') }, reason: 'a FIFO (named pipe)' } });
  });
});

describe('file names on the terminal', () => {
  it('escapes control characters so a name can neither drive the terminal nor forge a line', () => {
    const line = rejectionLine({ origin: { file: '/in/evil\u001b[31m\nsitrep: fake.txt' }, reason: 'empty file' });
    expect(line).toBe('sitrep: /in/evil\\x1b[31m\\nsitrep: fake.txt: empty file');
    expect(line.split('\n')).toHaveLength(1);
    expect(printable('right\u202eto left, tab\there, ok é 한')).toBe('right\\u202eto left, tab\\there, ok é 한');
  });
});
