/** Shared test fixtures: throwaway stores on each back end, paths, and a CLI runner. */
import { mkdtempSync, rmSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(REPO, '..', 'shared');
export const SEEDS = path.join(SHARED, 'seeds');
export const hasSeeds = existsSync(SEEDS);
export const PG_URL = process.env.SITREP_TEST_PG_URL;

export function tempDir(prefix = 'sitrep-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `content` at `rel` below `dir`, creating folders; returns the path. */
export function writeFixture(dir: string, rel: string, content: string | Buffer): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** A fresh, empty database on the test PostgreSQL server; dropped by the returned cleanup. */
export async function tempPostgresDb(url: string): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const name = `sitrep_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The store targets every test runs on: PGlite always, PostgreSQL when CI provides a server. */
export const BACKENDS: Array<'pglite' | 'postgres'> = PG_URL ? ['pglite', 'postgres'] : ['pglite'];

export async function storeTarget(backend: 'pglite' | 'postgres'): Promise<{ target: string; cleanup: () => Promise<void> }> {
  if (backend === 'postgres') {
    const db = await tempPostgresDb(PG_URL!);
    return { target: db.url, cleanup: db.cleanup };
  }
  const t = tempDir('sitrep-pglite-');
  return { target: t.dir, cleanup: async () => t.cleanup() };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (dist/, built by `npm test`) as a user would. */
export function runCli(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string; unprivileged?: boolean } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'sitrep.js'), ...args], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, ...options.env },
      // File modes do not bind root: a test of what a user may not read or write runs the CLI as nobody.
      ...(options.unprivileged && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
