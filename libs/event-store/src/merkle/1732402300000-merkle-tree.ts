import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Merkle tree over the log (RFC 9162), written by the hash chainer with the chain rows: every
 * complete subtree's hash, by level (0: the leaves, leaf i = chain row log_seq i + 1) and index
 * within its level. Any tree head and any proof is then a few lookups. Append-only, like the chain.
 */
export class MerkleTree1732402300000 implements MigrationInterface {
  name = 'MerkleTree1732402300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE merkle_nodes (
      level smallint NOT NULL CHECK (level >= 0),
      idx bigint NOT NULL CHECK (idx >= 0),
      hash bytea NOT NULL,
      PRIMARY KEY (level, idx))`);
    await q.query(`CREATE TRIGGER merkle_nodes_append_only BEFORE UPDATE OR DELETE ON merkle_nodes
      FOR EACH ROW EXECUTE FUNCTION event_hashes_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE merkle_nodes`);
  }
}
