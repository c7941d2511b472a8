import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EvidencePackService, EvidenceRequester } from './evidence-pack.service.js';
import type { EvidenceFormat } from './evidence-pack.types.js';
import { renderEvidencePdf } from './evidence-pdf.js';
import { evidenceFileName } from './evidence-text.js';

/**
 * Writes one decision's evidence pack to a file (`npm run cli -- evidence-pack`), with the service the
 * API uses. `outFile` defaults to `evidence-<id>.<format>` in the working directory. Returns the path
 * written, the verification status and the size in bytes. Throws ProblemException (404) for an unknown id.
 */
export async function exportEvidencePack(
  packs: EvidencePackService,
  decisionId: string,
  format: EvidenceFormat = 'pdf',
  outFile?: string,
  requester: EvidenceRequester = { userId: 'system', displayName: 'Dòng lệnh / CLI', role: 'system' },
): Promise<{ file: string; status: string; bytes: number }> {
  if (format !== 'pdf' && format !== 'json') throw new Error(`--format must be pdf or json, not "${String(format)}"`);
  const pack = await packs.build(decisionId, requester);
  const body = format === 'pdf' ? await renderEvidencePdf(pack) : Buffer.from(`${JSON.stringify(pack, null, 2)}\n`, 'utf8');
  const file = resolve(outFile ?? evidenceFileName(pack.decisionId, format));
  await writeFile(file, body);
  return { file, status: pack.verification.status, bytes: body.length };
}
