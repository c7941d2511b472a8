import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';

/** One SQL round trip: parameterised text in, rows out (as node-postgres returns them). */
export interface Sql {
  /**
   * With `prepare`, the statement is parsed and planned once per connection (a named prepared
   * statement, named by a hash of its text): for the hot statements, run thousands of times.
   */
  query<R = Record<string, unknown>>(text: string, params?: unknown[], opts?: { prepare?: boolean }): Promise<R[]>;
}

const names = new Map<string, string>();
/** A prepared statement's name: the same text always gets the same name, on every connection. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    if (names.size > 1000) names.clear();
    name = `ps_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

const config = (text: string, params: unknown[] | undefined, opts?: { prepare?: boolean }): pg.QueryConfig =>
  opts?.prepare ? { name: statementName(text), text, values: params } : { text, values: params };

/** A pool: single statements (autocommit) or a transaction on one connection. */
export interface SqlPool extends Sql {
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

/**
 * The node-postgres pool under a TypeORM DataSource, used directly on the hot paths (append, read a
 * stream, inline projections): the same connections and settings (search_path, timeouts), without a
 * QueryRunner per statement.
 */
export function sqlPool(db: DataSource): SqlPool {
  const pool = () => {
    const master = (db.driver as unknown as { master?: pg.Pool }).master;
    if (!master) throw new Error('The DataSource is not initialised (no PostgreSQL pool)');
    return master;
  };
  return {
    async query<R>(text: string, params?: unknown[], opts?: { prepare?: boolean }): Promise<R[]> {
      return (await pool().query(config(text, params, opts))).rows as R[];
    },
    async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool().connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const tx: Sql = {
          query: async <R>(text: string, params?: unknown[], opts?: { prepare?: boolean }) => (await client.query(config(text, params, opts))).rows as R[],
        };
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch (rollback) {
          broken = rollback; // the connection is unusable: drop it from the pool
        }
        throw e;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
  };
}
