/**
 * One small SQL interface over both back ends, so every statement is written once: embedded PGlite
 * (a folder) and a PostgreSQL server (a postgres:// URL). Parameters are always bound, never spliced.
 */
import { openPglite } from './pglite.js';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
  /** A store folder this process may read but not write, opened from a private copy that goes when it closes. */
  readonly readOnly: boolean;
}

/** A failure of the store itself, not of one statement: no further write can succeed (disk full, database stopped). */
export class StoreFailure extends Error {}

async function openPostgres(url: string): Promise<Sql> {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // Fail now with the server's reason instead of at the first query.
  const probe = await pool.connect();
  probe.release();
  type Queryable = { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }> };
  const wrap = (client: Queryable, inTransaction: boolean): Sql => ({
    kind: 'postgres',
    readOnly: false,
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
