export { EvidenceController, EvidencePackRequest } from './evidence.controller.js';
export { EvidencePackService, type EvidenceRequester } from './evidence-pack.service.js';
export { renderEvidencePdf } from './evidence-pdf.js';
export { exportEvidencePack } from './export.js';
export { formatDateVi, formatInstantVi, formatVnd, describeEvent, evidenceFileName, ROLE_VI } from './evidence-text.js';
export type * from './evidence-pack.types.js';
