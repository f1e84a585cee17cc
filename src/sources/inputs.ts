/** Expands command-line paths (files, folders walked recursively, glob patterns, "-" for stdin). */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ExpandedInputs {
  files: string[];
  /** Paths that named nothing, with the reason. */
  missing: Array<{ path: string; reason: string }>;
}

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

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

export function expandInputs(paths: string[]): ExpandedInputs {
  const files: string[] = [];
  const missing: ExpandedInputs['missing'] = [];
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
    let stat;
    try {
      stat = statSync(p);
    } catch {
      stat = null;
    }
    if (stat?.isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      found.forEach(add);
    } else if (stat?.isFile()) add(p);
    else if (GLOB_CHARS.test(p)) {
      // The fixed directory prefix of the pattern is where the walk starts.
      const parts = p.split('/');
      const firstGlob = parts.findIndex((part) => GLOB_CHARS.test(part));
      const base = parts.slice(0, firstGlob).join('/') || (p.startsWith('/') ? '/' : '.');
      const matcher = globToRegExp(path.posix.normalize(p));
      const found: string[] = [];
      try {
        walk(base, found);
      } catch {
        // base missing: reported below as no match
      }
      const matches = found.filter((f) => matcher.test(path.posix.normalize(f)));
      if (matches.length === 0) missing.push({ path: p, reason: 'no files match this pattern' });
      matches.forEach(add);
    } else missing.push({ path: p, reason: stat ? 'not a regular file or folder' : 'no such file or folder' });
  }
  return { files, missing };
}
