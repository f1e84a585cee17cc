/** Stores that cannot be written, are not stores, are damaged, or fill their disk (issue 10). */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, writeFileSync, openSync, writeSync, closeSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { tempDir, runCli, REPO } from './helpers.js';

const tmp = tempDir('sitrep-store-failures-');
let unmount: (() => void) | null = null;
afterAll(() => {
  unmount?.();
  tmp.cleanup();
});
const db = path.join(tmp.dir, 'db');
const samples = path.join(REPO, 'samples', 'batch');

beforeAll(async () => {
  // The folder and the CLI must be reachable by the unprivileged user the read-only test runs as.
  chmodSync(tmp.dir, 0o755);
  expect((await runCli(['ingest', samples, '--db', db])).code).toBe(0);
}, 120_000);

describe('stores that are not what --db expects', () => {
  it('refuses a folder holding other files, without writing into it', async () => {
    const foreign = path.join(tmp.dir, 'documents');
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, 'notes.txt'), 'mine');
    const r = await runCli(['articles', '--db', foreign]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`sitrep: error: cannot open store ${foreign}: ${foreign} is not a sitrep store: it holds other files (notes.txt) and no pgdata/; give a new or empty folder\n`);
    expect(readdirSync(foreign)).toEqual(['notes.txt']);
  });

  it('says a store is damaged, or of another PostgreSQL, instead of a WebAssembly trap', async () => {
    const damaged = path.join(tmp.dir, 'damaged');
    cpSync(db, damaged, { recursive: true });
    writeFileSync(path.join(damaged, 'pgdata', 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
    const r = await runCli(['articles', '--db', damaged]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^sitrep: error: cannot open store .*: the database in .*pgdata cannot be opened: it is damaged or not a PGlite database \(.*\)\n$/);
    expect(existsSync(path.join(damaged, 'sitrep.lock'))).toBe(false);
    const older = path.join(tmp.dir, 'older');
    mkdirSync(path.join(older, 'pgdata'), { recursive: true });
    writeFileSync(path.join(older, 'pgdata', 'PG_VERSION'), '15\n');
    expect((await runCli(['articles', '--db', older])).stderr).toContain('pgdata holds data of PostgreSQL 15; this sitrep reads PostgreSQL 17');
  });
});

describe('a read-only store', () => {
  it('answers queries and refuses ingest with one line, leaving the folder as it was', async () => {
    const readOnly = path.join(tmp.dir, 'read-only');
    cpSync(db, readOnly, { recursive: true });
    spawnSync('chmod', ['-R', 'a+rX,a-w', readOnly]);
    const before = readdirSync(readOnly);
    const listed = await runCli(['articles', '--db', readOnly, '--json'], { unprivileged: true });
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n').length).toBeGreaterThan(1);
    const ingest = await runCli(['ingest', samples, '--db', readOnly], { unprivileged: true });
    expect(ingest.code).toBe(1);
    expect(ingest.stderr).toBe(`sitrep: error: the store ${readOnly} is read-only here: it can be queried, not written\n`);
    expect(readdirSync(readOnly)).toEqual(before);
  }, 60_000);
});

/** A small RAM disk, where this machine lets tests mount one (root in a container); null elsewhere. */
function ramDisk(dir: string, mib: number): (() => void) | null {
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() !== 0) return null;
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m`, 'tmpfs', dir]);
  return mounted.status === 0 ? () => spawnSync('umount', [dir]) : null;
}

describe('a full disk', () => {
  const disk = path.join(tmp.dir, 'disk');
  unmount = ramDisk(disk, 64);

  it.skipIf(!unmount)('stops with one line and the summary of what was committed, releases the lock, and a rerun finishes', async () => {
    const store = path.join(disk, 'db');
    expect((await runCli(['articles', '--db', store])).code).toBe(0);
    // Fill the disk but for a megabyte, then ingest more than that of text that does not compress.
    const filler = path.join(disk, 'filler');
    const fd = openSync(filler, 'w');
    const block = Buffer.alloc(1 << 16, 1);
    while (statfsSync(disk).bavail * statfsSync(disk).bsize > (1 << 20) + block.length) writeSync(fd, block);
    closeSync(fd);
    let seed = 7;
    const word = () => Array.from({ length: 6 }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
    const records = Array.from({ length: 120 }, (_, i) =>
      JSON.stringify({ id: `r${i}`, title: `Report ${i}`, date: '2023-09-05', text: Array.from({ length: 400 }, word).join(' ') + '.' }),
    );
    const corpus = path.join(tmp.dir, 'corpus.jsonl');
    writeFileSync(corpus, records.join('\n'));
    const full = await runCli(['ingest', corpus, '--db', store, '--batch-size', '10']);
    expect(full.code).toBe(1);
    const lines = full.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^sitrep: error: ingest stopped: (disk full: .*|no space left on the device holding .*); \d+ article\(s\) were committed before it and are kept, a rerun stores the rest$/);
    expect(full.stderr).not.toContain('current transaction is aborted');
    expect(full.stdout).toMatch(/^files\s+1\n/);
    expect(existsSync(path.join(store, 'sitrep.lock'))).toBe(false);
    const committed = Number(/(\d+) article\(s\) were committed/.exec(full.stderr)![1]);
    expect(committed).toBeGreaterThan(0);
    spawnSync('rm', ['-f', filler]);
    const rerun = await runCli(['ingest', corpus, '--db', store, '--json']);
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ unchanged: committed, ingested: 120 - committed });
  }, 120_000);
});
