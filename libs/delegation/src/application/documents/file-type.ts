/** The file types accepted, recognised by their first bytes (never by the name the browser sent). */
export interface DetectedType {
  mediaType: string;
  extension: string;
}

const starts = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/**
 * PDF, the Office formats (DOCX/XLSX are ZIP packages with a `[Content_Types].xml`; DOC/XLS are OLE2),
 * PNG and JPEG scans. Anything else is refused.
 */
export function detectFileType(b: Buffer): DetectedType | undefined {
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mediaType: 'application/pdf', extension: 'pdf' }; // %PDF-
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: 'image/png', extension: 'png' };
  if (starts(b, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', extension: 'jpg' };
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { mediaType: 'application/msword', extension: 'doc' };
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    const head = b.subarray(0, Math.min(b.length, 64 * 1024)).toString('latin1');
    if (!head.includes('[Content_Types].xml')) return undefined;
    if (head.includes('word/')) return { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
    if (head.includes('xl/')) return { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
  }
  return undefined;
}
