import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded files of a decision (Tờ trình, Đề án, draft, appraisal report, HĐND resolution, issued
 * decision). The bytes live behind a storage port, by default in `document_blobs` keyed by their
 * SHA-256 (an S3-compatible store can take its place); `document_files` keeps each upload as a new
 * version of its kind, never overwriting one.
 */
export class DocumentFiles1732402300000 implements MigrationInterface {
  name = 'DocumentFiles1732402300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE document_blobs (sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'), size int NOT NULL, content bytea NOT NULL)`);
    await q.query(`CREATE TABLE document_files (
      id uuid PRIMARY KEY, decision_id uuid NOT NULL, kind text NOT NULL, version int NOT NULL CHECK (version >= 1),
      file_name text NOT NULL, media_type text NOT NULL, size int NOT NULL, sha256 text NOT NULL,
      uploaded_by text NOT NULL, uploaded_at timestamptz NOT NULL,
      UNIQUE (decision_id, kind, version))`);
    await q.query(`CREATE INDEX document_files_decision_idx ON document_files (decision_id, kind, version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_files`);
    await q.query(`DROP TABLE document_blobs`);
  }
}
