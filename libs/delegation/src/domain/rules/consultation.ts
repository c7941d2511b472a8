import type { BusinessRule } from '../errors.js';
import type { IsoDate, IsoInstant } from '../types.js';
import { vietnamDate } from './expires-after-period-end.js';
import { type RuleViolation, hasAnyText, violation } from './violation.js';

const LAW_64 = 'Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15: lấy ý kiến cơ quan, tổ chức có liên quan đối với dự thảo';

/** A consultation asks named bodies, each once, and never the drafting body itself. */
export const CONSULTATION_NAMES_BODIES: BusinessRule = {
  id: 'consultation-names-bodies',
  version: 1,
  source: LAW_64,
  message: {
    vi: 'Việc lấy ý kiến phải nêu ít nhất một cơ quan được lấy ý kiến, mỗi cơ quan một lần, không phải cơ quan chủ trì soạn thảo.',
    en: 'A consultation names at least one body to consult, each once, other than the drafting body.',
  },
};

/** The bodies are given time to answer: the due date comes after the day of the request. */
export const CONSULTATION_DUE_AFTER_REQUEST: BusinessRule = {
  id: 'consultation-due-after-request',
  version: 1,
  source: LAW_64,
  message: {
    vi: 'Thời hạn góp ý phải sau ngày gửi đề nghị lấy ý kiến.',
    en: 'The due date for opinions must come after the day of the request.',
  },
};

/** An opinion comes from a body that was asked in the open consultation, and only once. */
export const OPINION_FROM_A_CONSULTED_BODY: BusinessRule = {
  id: 'opinion-from-a-consulted-body',
  version: 1,
  source: LAW_64,
  message: {
    vi: 'Chỉ ghi nhận ý kiến của cơ quan được lấy ý kiến trong đợt đang mở, mỗi cơ quan một lần.',
    en: 'An opinion is recorded only from a body asked in the open consultation, once per body.',
  },
};

/** A consultation with answers outstanding closes only once its due date is over. */
export const CONSULTATION_CLOSES_AFTER_DEADLINE: BusinessRule = {
  id: 'consultation-closes-after-deadline',
  version: 1,
  source: LAW_64,
  message: {
    vi: 'Chỉ kết thúc việc lấy ý kiến khi còn cơ quan chưa trả lời sau khi đã hết thời hạn góp ý.',
    en: 'A consultation with answers outstanding closes only after its due date.',
  },
};

/** A committee that finds the draft not ready to go before the session says why. */
export const EXAMINATION_NOT_READY_HAS_REASONS: BusinessRule = {
  id: 'examination-not-ready-has-reasons',
  version: 1,
  source: 'Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15: Ban của HĐND thẩm tra dự thảo nghị quyết trước khi trình HĐND',
  message: {
    vi: 'Báo cáo thẩm tra kết luận dự thảo chưa đủ điều kiện trình kỳ họp phải nêu rõ lý do.',
    en: 'An examination report that finds the draft not ready for the session must state its reasons.',
  },
};

export function checkConsultationNamesBodies(bodyIds: readonly string[], proposerBodyId: string): RuleViolation | undefined {
  const ok = bodyIds.length > 0 && new Set(bodyIds).size === bodyIds.length && !bodyIds.includes(proposerBodyId) && bodyIds.every((b) => b.trim() !== '');
  return ok ? undefined : violation(CONSULTATION_NAMES_BODIES, 'bodyIds');
}

export function checkConsultationDueAfterRequest(dueOn: IsoDate, now: IsoInstant): RuleViolation | undefined {
  return dueOn > vietnamDate(now) ? undefined : violation(CONSULTATION_DUE_AFTER_REQUEST, 'dueOn');
}

export function checkOpinionFromAConsultedBody(
  consultation: { bodyIds: string[]; opinions: Record<string, unknown> } | undefined,
  bodyId: string,
): RuleViolation | undefined {
  const ok = consultation !== undefined && consultation.bodyIds.includes(bodyId) && consultation.opinions[bodyId] === undefined;
  return ok ? undefined : violation(OPINION_FROM_A_CONSULTED_BODY, 'bodyId');
}

export function checkConsultationClosesAfterDeadline(dueOn: IsoDate | undefined, now: IsoInstant): RuleViolation | undefined {
  return dueOn !== undefined && vietnamDate(now) > dueOn ? undefined : violation(CONSULTATION_CLOSES_AFTER_DEADLINE, 'now');
}

export function checkExaminationNotReadyHasReasons(conclusion: 'ready' | 'not-ready', reasons: readonly string[] | undefined): RuleViolation | undefined {
  return conclusion === 'ready' || hasAnyText(reasons) ? undefined : violation(EXAMINATION_NOT_READY_HAS_REASONS, 'reasons');
}
