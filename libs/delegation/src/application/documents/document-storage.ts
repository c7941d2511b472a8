import type { DataSource } from 'typeorm';

/**
 * Where a document's bytes are kept, by their SHA-256: the embedded default is PostgreSQL
 * (`document_blobs`); an S3-compatible store implements the same two calls. Content-addressed, so a
 * write never replaces other bytes and the same file uploaded twice is stored once.
 */
export abstract class DocumentStorage {
  abstract put(sha256: string, content: Buffer): Promise<void>;
  abstract get(sha256: string): Promise<Buffer | undefined>;
}

export class PostgresDocumentStorage extends DocumentStorage {
  constructor(private readonly db: DataSource) {
    super();
  }

  async put(sha256: string, content: Buffer): Promise<void> {
    await this.db.query(`INSERT INTO document_blobs (sha256, size, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`, [sha256, content.length, content]);
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    const [row]: Array<{ content: Buffer }> = await this.db.query(`SELECT content FROM document_blobs WHERE sha256 = $1`, [sha256]);
    return row?.content;
  }
}
