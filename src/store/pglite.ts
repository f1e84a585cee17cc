/**
 * The embedded back end: a store folder holding `pgdata/` (a PGlite database) and `sitrep.lock` (the pid of
 * the process using it). The folder is checked before PGlite touches it, so a foreign or damaged folder gets
 * a reason instead of a WebAssembly trap; a folder this process may not write is opened from a private
 * copy, for reading; and a failure of the database itself (a full disk, a trap) becomes one `StoreFailure`.
 */
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  statfsSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StoreFailure, type Sql } from './sql.js';

/** The PostgreSQL major version of the bundled PGlite's data folders. */
const PG_MAJOR = '17';
/** Below this much free space a failing database is taken to have filled its disk (a WAL segment is 16 MiB). */
const LOW_DISK_BYTES = 32 * 1024 * 1024;

interface PGliteLike {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(text: string): Promise<unknown>;
  transaction<T>(fn: (tx: PGliteTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
interface PGliteTx {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(text: string): Promise<unknown>;
}

function pgliteTx(tx: PGliteTx): Sql {
  return {
    kind: 'pglite',
    readOnly: false,
    query: async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
    exec: async (text: string) => {
      await tx.exec(text);
    },
    // PGlite has no nested transactions; a transaction inside one simply joins it.
    transaction: (fn) => fn(pgliteTx(tx)),
    close: async () => {},
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const WRITE_REFUSED = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * PGlite is one process's database: a second process writing the same folder would corrupt it. A lock file
 * holding the owner's pid keeps others out; a lock left by a killed process is taken over. The lock goes when
 * the store closes or the process exits, whichever comes first. Returns null when the folder cannot be written.
 */
function lockFolder(dir: string): (() => void) | null {
  const lockFile = path.join(dir, 'sitrep.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        process.off('exit', release);
        rmSync(lockFile, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (WRITE_REFUSED.has(code)) return null;
      if (code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) {
        throw new Error(
          `the store is in use by another sitrep process (pid ${owner}); PGlite allows one at a time ` +
            `(if no sitrep is running, delete ${lockFile})`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`cannot lock ${dir}`);
}

/** Says what is wrong with a folder given as a store, before PGlite is let near it; null when it looks fine. */
function folderProblem(dir: string): string | null {
  if (!statSync(dir).isDirectory()) return `${dir} is a file, not a store folder`;
  const pgdata = path.join(dir, 'pgdata');
  if (!existsSync(pgdata)) {
    const others = readdirSync(dir).filter((name) => name !== 'sitrep.lock');
    return others.length
      ? `${dir} is not a sitrep store: it holds other files (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}) and no pgdata/; give a new or empty folder`
      : null;
  }
  if (!statSync(pgdata).isDirectory()) return `${pgdata} is not a folder`;
  const contents = readdirSync(pgdata);
  if (contents.length === 0) return null; // created, never initialised: PGlite sets it up
  const versionFile = path.join(pgdata, 'PG_VERSION');
  if (!existsSync(versionFile)) return `${pgdata} is not a PostgreSQL data folder (it has no PG_VERSION)`;
  const version = readFileSync(versionFile, 'utf8').trim();
  if (version !== PG_MAJOR) {
    return `${pgdata} holds data of ${/^\d+$/.test(version) ? `PostgreSQL ${version}` : 'an unknown PostgreSQL version'}; this sitrep reads PostgreSQL ${PG_MAJOR}`;
  }
  return null;
}

function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * A WebAssembly trap or a thrown non-error is the database itself failing: it can take nothing more, so it
 * becomes a StoreFailure saying why (a full disk, when that is what the folder's device shows). Any other
 * error (an SQL error of one statement) passes as it is.
 */
function pgliteError(dir: string, error: unknown): unknown {
  if (error instanceof StoreFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/no space left on device/i.test(message)) return new StoreFailure(`no space left on the device holding ${dir}`);
  if (error instanceof Error && !(error instanceof WebAssembly.RuntimeError)) return error;
  return new StoreFailure(
    freeBytes(dir) < LOW_DISK_BYTES ? `no space left on the device holding ${dir}` : `the embedded database stopped (${message})`,
  );
}

/** Copies a folder tree with owner-writable modes, so PGlite can run on the copy of a read-only store. */
function copyWritable(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  chmodSync(to, 0o700);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyWritable(source, target);
    else if (entry.isFile()) {
      copyFileSync(source, target);
      chmodSync(target, 0o600);
    }
  }
}

/**
 * Opens a store folder (created on first use). A folder this process cannot write is opened from a private
 * copy in the temporary folder (`readOnly`): queries work, and nothing written to the copy is kept.
 */
export async function openPglite(dir: string): Promise<Sql> {
  if (existsSync(dir)) {
    const problem = folderProblem(dir);
    if (problem) throw new Error(problem);
  } else mkdirSync(dir, { recursive: true });
  let release = lockFolder(dir);
  let dataDir = path.join(dir, 'pgdata');
  const readOnly = release === null;
  if (readOnly) {
    if (!existsSync(dataDir)) throw new Error(`${dir} is read-only and holds no store yet`);
    const copy = mkdtempSync(path.join(tmpdir(), 'sitrep-readonly-'));
    const removeCopy = () => {
      process.off('exit', removeCopy);
      rmSync(copy, { recursive: true, force: true });
    };
    process.on('exit', removeCopy);
    release = removeCopy;
    try {
      copyWritable(dataDir, path.join(copy, 'pgdata'));
    } catch (error) {
      removeCopy();
      throw new Error(`${dir} is read-only and cannot be copied to read it: ${(error as Error).message}`);
    }
    dataDir = path.join(copy, 'pgdata');
  }
  const unlock = release!;
  const { PGlite } = await import('@electric-sql/pglite');
  let db: PGliteLike;
  try {
    // The database lives in pgdata/ (initdb wants an empty folder); the lock and nothing else beside it.
    db = (await PGlite.create(dataDir)) as unknown as PGliteLike;
  } catch (error) {
    unlock();
    const failure = pgliteError(dataDir, error);
    if (!(failure instanceof StoreFailure) || /no space/.test(failure.message)) throw failure;
    throw new StoreFailure(
      `the database in ${path.join(dir, 'pgdata')} cannot be opened: it is damaged or not a PGlite database (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const translate = (error: unknown) => {
    throw pgliteError(dataDir, error);
  };
  return {
    kind: 'pglite',
    readOnly,
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params).catch(translate)).rows,
    exec: async (text: string) => {
      await db.exec(text).catch(translate);
    },
    transaction: (fn) => db.transaction((tx) => fn(pgliteTx(tx))).catch(translate),
    close: async () => {
      try {
        await db.close();
      } catch (error) {
        translate(error);
      } finally {
        unlock();
      }
    },
  };
}
