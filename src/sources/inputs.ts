/**
 * Expands command-line paths (files, folders walked recursively, glob patterns, "-" for stdin). A path or
 * folder entry that cannot be read (no permission, a symlink loop, a FIFO, a device) is set aside with its
 * reason and the walk goes on, so one bad entry never stops a batch.
 */
import * as nodeFs from 'node:fs';
import path from 'node:path';

export interface ExpandedInputs {
  files: string[];
  /** Paths that named nothing readable, with the reason. */
  skipped: Array<{ path: string; reason: string }>;
}

/** The file-system calls the walk makes, so tests can stand in for what root cannot be refused. */
export type WalkFs = Pick<typeof nodeFs, 'readdirSync' | 'statSync'>;

const GLOB_CHARS = /[*?[{]/;

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        // "**/" matches any number of directories, including none.
        re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += pattern[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${pattern.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else if (c === '[') {
      const close = pattern.indexOf(']', i);
      if (close < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, close).replace(/^!/, '^')}]`;
        i = close;
      }
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`);
}

function escape(s: string): string {
  return s.replace(/[.+^$()|\\\]]/g, '\\$&');
}

/** What kind of thing a stat names, for a reason line ("a FIFO", "a device"). */
export function kindOf(stat: nodeFs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file or folder';
}

/** A file-system error as a reason line. */
export function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot read: ${code ?? (error as Error).message}`;
}

interface Skipped {
  path: string;
  reason: string;
  /** A folder that could not be listed: files matching a pattern may lie below it. */
  folder?: boolean;
}

class Walker {
  readonly files: string[] = [];
  readonly skipped: Skipped[] = [];
  /** Files and folders reached, by device and inode: a link back up the tree or to a file seen is followed once. */
  private readonly reached = new Set<string>();

  constructor(private readonly fs: WalkFs) {}

  /** Stats a path through links; a failure gives its reason instead. */
  stat(p: string): nodeFs.Stats | string {
    try {
      return this.fs.statSync(p);
    } catch (error) {
      return errorReason(error);
    }
  }

  /** Adds a file, walks a folder, and records anything else. */
  visit(p: string, stat: nodeFs.Stats | string): void {
    if (typeof stat === 'string') {
      this.skipped.push({ path: p, reason: stat });
      return;
    }
    const key = `${stat.dev}:${stat.ino}`;
    if (this.reached.has(key)) return;
    this.reached.add(key);
    if (stat.isFile()) this.files.push(p);
    else if (stat.isDirectory()) this.walk(p);
    else this.skipped.push({ path: p, reason: kindOf(stat) });
  }

  private walk(dir: string): void {
    let names: string[];
    try {
      names = this.fs.readdirSync(dir).sort((a, b) => a.localeCompare(b));
    } catch (error) {
      this.skipped.push({ path: dir, reason: errorReason(error), folder: true });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const full = path.join(dir, name);
      this.visit(full, this.stat(full));
    }
  }
}

export function expandInputs(paths: string[], fs: WalkFs = nodeFs): ExpandedInputs {
  const files: string[] = [];
  const skipped: ExpandedInputs['skipped'] = [];
  const seen = new Set<string>();
  // Absolute paths, so an origin names the same file whatever directory sitrep ran from.
  const add = (file: string) => {
    const f = file === '-' ? file : path.resolve(file);
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  for (const p of paths) {
    if (p === '-') {
      add('-');
      continue;
    }
    const walker = new Walker(fs);
    const stat = walker.stat(p);
    if (typeof stat !== 'string' || !GLOB_CHARS.test(p)) {
      walker.visit(p, stat);
      walker.files.forEach(add);
      skipped.push(...walker.skipped.map(({ path, reason }) => ({ path, reason })));
      continue;
    }
    // A pattern: the walk starts at its fixed directory prefix.
    const parts = p.split('/');
    const firstGlob = parts.findIndex((part) => GLOB_CHARS.test(part));
    const base = parts.slice(0, firstGlob).join('/') || (p.startsWith('/') ? '/' : '.');
    const matcher = globToRegExp(path.posix.normalize(p));
    const matches = (f: string) => matcher.test(path.posix.normalize(f));
    const baseStat = walker.stat(base);
    if (typeof baseStat !== 'string' && baseStat.isDirectory()) walker.visit(base, baseStat);
    const found = walker.files.filter(matches);
    if (found.length === 0) skipped.push({ path: p, reason: 'no files match this pattern' });
    found.forEach(add);
    // What could not be read matters where the pattern could have matched it or below it.
    for (const s of walker.skipped) if (s.folder || matches(s.path)) skipped.push({ path: s.path, reason: s.reason });
  }
  return { files, skipped };
}
