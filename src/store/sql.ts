/**
 * One small SQL interface over both back ends, so every statement is written once: embedded PGlite
 * (a folder) and a PostgreSQL server (a postgres:// URL). Parameters are always bound, never spliced.
 */
import { mkdirSync, openSync, writeSync, closeSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

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

/**
 * PGlite is one process's database: a second process writing the same folder would corrupt it. A lock file
 * holding the owner's pid keeps others out; a lock left by a killed process is taken over.
 */
function lockFolder(dir: string): () => void {
  const lockFile = path.join(dir, 'sitrep.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
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

async function openPglite(dir: string): Promise<Sql> {
  mkdirSync(dir, { recursive: true });
  const unlock = lockFolder(dir);
  const { PGlite } = await import('@electric-sql/pglite');
  let db: PGliteLike;
  try {
    // The database lives in pgdata/ (initdb wants an empty folder); the lock and nothing else beside it.
    db = (await PGlite.create(path.join(dir, 'pgdata'))) as unknown as PGliteLike;
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    kind: 'pglite',
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    exec: async (text: string) => {
      await db.exec(text);
    },
    transaction: (fn) => db.transaction((tx) => fn(pgliteTx(tx))),
    close: async () => {
      await db.close();
      unlock();
    },
  };
}

async function openPostgres(url: string): Promise<Sql> {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // Fail now with the server's reason instead of at the first query.
  const probe = await pool.connect();
  probe.release();
  type Queryable = { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }> };
  const wrap = (client: Queryable, inTransaction: boolean): Sql => ({
    kind: 'postgres',
    query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
    exec: async (text: string) => {
      await client.query(text);
    },
    transaction: async (fn) => {
      if (inTransaction) return fn(wrap(client, true));
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await fn(wrap(conn, true));
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  });
  return wrap(pool, false);
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Opens the store's database: a postgres:// URL, else a PGlite folder (created on first use). */
export function openSql(target: string): Promise<Sql> {
  return isPostgresUrl(target) ? openPostgres(target) : openPglite(target);
}

/** A jsonb column as the driver returns it: parsed already (pg, PGlite) or, from some setups, as text. */
export function factOf<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
