import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit.service.js';
import { CalendarService } from '@app/calendar';
import { SystemClock } from '@app/kernel';
import { DecisionProjector } from '@app/delegation';
import { DecisionStore } from '@app/delegation';
import { EvidencePackService, type EvidenceRequester } from './evidence-pack.service.js';
import type { EvidenceFormat } from './evidence-pack.types.js';
import { renderEvidencePdf } from './evidence-pdf.js';
import { evidenceFileName } from './evidence-text.js';

/**
 * Writes one decision's evidence pack to a file without NestJS (for `npm run cli -- evidence-pack`):
 * the same services the API uses, built by hand on `db`. Settings (CHECKPOINT_*, DATA_DIR…) come from
 * `env`. `outFile` defaults to `evidence-<id>.<format>` in the working directory. Returns the path
 * written, the verification status and the size in bytes. Throws ProblemException (404) for an unknown id.
 */
export async function exportEvidencePack(
  db: DataSource,
  decisionId: string,
  format: EvidenceFormat = 'pdf',
  outFile?: string,
  options: { env?: NodeJS.ProcessEnv; requester?: EvidenceRequester } = {},
): Promise<{ file: string; status: string; bytes: number }> {
  if (format !== 'pdf' && format !== 'json') throw new Error(`--format must be pdf or json, not "${String(format)}"`);
  const env = options.env ?? process.env;
  const calendars = new CalendarService(db);
  // The store only reads here; the projector is what an append would need.
  const projector = new DecisionProjector(() => calendars.calendar(), () => new Date(), {
    reminderLeadWorkingDays: Number(env.REMINDER_LEAD_WORKING_DAYS || 2),
    expiryWarningDays: Number(env.EXPIRY_WARNING_DAYS || 30),
  });
  const audit = new AuditService(db, { get: (k: string) => env[k] } as unknown as ConfigService);
  try {
    const service = new EvidencePackService(db, new DecisionStore(db, projector), audit, new SystemClock());
    const pack = await service.build(decisionId, options.requester ?? { userId: 'system', displayName: 'Dòng lệnh / CLI', role: 'system' });
    const body = format === 'pdf' ? await renderEvidencePdf(pack) : Buffer.from(`${JSON.stringify(pack, null, 2)}\n`, 'utf8');
    const file = resolve(outFile ?? evidenceFileName(pack.decisionId, format));
    await writeFile(file, body);
    return { file, status: pack.verification.status, bytes: body.length };
  } finally {
    audit.onApplicationShutdown();
  }
}
