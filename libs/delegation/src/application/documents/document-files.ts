import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ProblemException, problems, type Text } from '@app/kernel';
import { DocumentStorage } from './document-storage.js';
import { detectFileType } from './file-type.js';

/** The documents a decision's file holds, and who may attach each. */
export const DOCUMENT_KINDS = {
  'to-trinh': { label: { vi: 'Tờ trình', en: 'Submission (tờ trình)' }, roles: ['proposer'] },
  'de-an': { label: { vi: 'Đề án', en: 'Scheme (đề án)' }, roles: ['proposer'] },
  draft: { label: { vi: 'Dự thảo nghị quyết, quyết định', en: 'Draft resolution or decision' }, roles: ['proposer'] },
  'appraisal-report': { label: { vi: 'Báo cáo thẩm định', en: 'Appraisal report' }, roles: ['reviewer', 'reviewer-lead', 'legal-appraiser'] },
  'council-resolution': { label: { vi: 'Nghị quyết HĐND', en: "People's Council resolution" }, roles: ['council-office'] },
  'issued-decision': { label: { vi: 'Quyết định đã ban hành', en: 'Issued decision' }, roles: ['committee-office'] },
} as const satisfies Record<string, { label: Text; roles: readonly string[] }>;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_KIND_IDS = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

/** Largest file accepted (bytes); DOCUMENT_MAX_BYTES overrides the 20 MB default. */
export const documentMaxBytes = () => Number(process.env.DOCUMENT_MAX_BYTES ?? 20 * 1024 * 1024);

export interface DocumentFile {
  id: string;
  decisionId: string;
  kind: DocumentKind;
  kindLabel: Text;
  version: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: { id: string; displayName: string };
  uploadedAt: string;
}

interface Row {
  id: string; decision_id: string; kind: DocumentKind; version: number; file_name: string; media_type: string; size: number; sha256: string;
  uploaded_by: string; display_name: string | null; uploaded_at: Date;
}
const toFile = (r: Row): DocumentFile => ({
  id: r.id, decisionId: r.decision_id, kind: r.kind, kindLabel: DOCUMENT_KINDS[r.kind]?.label ?? { vi: r.kind, en: r.kind }, version: r.version,
  fileName: r.file_name, mediaType: r.media_type, size: r.size, sha256: r.sha256,
  uploadedBy: { id: r.uploaded_by, displayName: r.display_name ?? r.uploaded_by }, uploadedAt: new Date(r.uploaded_at).toISOString(),
});
const SELECT = `SELECT f.*, u.display_name FROM document_files f LEFT JOIN users u ON u.id = f.uploaded_by`;

/**
 * A decision's uploaded files: checked by their content (type by magic bytes, size), hashed (SHA-256),
 * stored behind the DocumentStorage port, and recorded as the next version of their kind (an upload
 * never overwrites). The hash is what a proposal's `documents[].contentHash` cites, so the event that
 * attaches the file to the content carries it, and the evidence pack lists it.
 */
@Injectable()
export class DocumentFiles {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly storage: DocumentStorage) {}

  async upload(input: { decisionId: string; kind: string; fileName: string; content: Buffer; actor: { userId: string; role: string }; now: Date }): Promise<DocumentFile> {
    const kind = input.kind as DocumentKind;
    if (!DOCUMENT_KINDS[kind]) {
      throw problems.validation([{ field: 'kind', constraint: 'isIn', reason: { vi: `kind: phải là một trong ${DOCUMENT_KIND_IDS.join(', ')}`, en: `kind: must be one of ${DOCUMENT_KIND_IDS.join(', ')}` } }]);
    }
    if (!(DOCUMENT_KINDS[kind].roles as readonly string[]).includes(input.actor.role)) {
      throw new ProblemException(403, 'forbidden', { vi: 'Không có quyền', en: 'Forbidden' }, {
        vi: `Vai trò của bạn không được đính kèm ${DOCUMENT_KINDS[kind].label.vi}.`, en: `Your role may not attach a ${DOCUMENT_KINDS[kind].label.en}.`,
      });
    }
    const max = documentMaxBytes();
    if (input.content.length > max) {
      throw new ProblemException(413, 'payload-too-large', { vi: 'Tệp quá lớn', en: 'File too large' }, {
        vi: `Tệp lớn hơn giới hạn ${Math.round(max / 1024 / 1024)} MB.`, en: `The file is larger than the ${Math.round(max / 1024 / 1024)} MB limit.`,
      });
    }
    const type = input.content.length ? detectFileType(input.content) : undefined;
    if (!type) {
      throw problems.validation([{ field: 'file', constraint: 'fileType', reason: {
        vi: 'file: nội dung tệp không phải PDF, DOC, DOCX, XLSX, PNG hoặc JPEG', en: 'file: its content is not PDF, DOC, DOCX, XLSX, PNG or JPEG' } }]);
    }
    const fileName = (input.fileName || `tai-lieu.${type.extension}`).normalize('NFC').replace(/[\u0000-\u001f\u007f/\\]+/g, '_').slice(0, 200);
    const sha256 = createHash('sha256').update(input.content).digest('hex');
    await this.storage.put(sha256, input.content);
    const id = randomUUID();
    // The next version of this kind; two uploads at once: the unique key refuses one, which tries again.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.query(
          `INSERT INTO document_files (id, decision_id, kind, version, file_name, media_type, size, sha256, uploaded_by, uploaded_at)
           SELECT $1, $2, $3, COALESCE(max(version), 0) + 1, $4, $5, $6, $7, $8, $9 FROM document_files WHERE decision_id = $2 AND kind = $3`,
          [id, input.decisionId, kind, fileName, type.mediaType, input.content.length, sha256, input.actor.userId, input.now],
        );
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '23505' || attempt >= 5) throw e;
      }
    }
    return (await this.get(input.decisionId, id))!;
  }

  /** Every version of every file, by kind then version. */
  async list(decisionId: string): Promise<DocumentFile[]> {
    const rows: Row[] = await this.db.query(`${SELECT} WHERE f.decision_id = $1 ORDER BY f.kind, f.version`, [decisionId]);
    return rows.map(toFile);
  }

  async get(decisionId: string, fileId: string): Promise<DocumentFile | undefined> {
    const [row]: Row[] = await this.db.query(`${SELECT} WHERE f.decision_id = $1 AND f.id = $2`, [decisionId, fileId]);
    return row ? toFile(row) : undefined;
  }

  async content(file: DocumentFile): Promise<Buffer | undefined> {
    return this.storage.get(file.sha256);
  }
}
