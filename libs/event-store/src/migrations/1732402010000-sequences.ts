import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gap-free sequences (e.g. each province's case numbers per kind and year): the last number taken,
 * moved on only by the append that takes the next one, in the same statement (event-store.ts, claim).
 * A number is therefore never burnt by a refused command or a failed append.
 */
export class Sequences1732402010000 implements MigrationInterface {
  name = 'Sequences1732402010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sequences (name text PRIMARY KEY, last int NOT NULL CHECK (last >= 1))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sequences`);
  }
}
