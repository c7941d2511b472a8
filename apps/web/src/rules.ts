import type { Text } from './api/types';

/** The legal source of each accountability rule (libs/accountability/src/rules), shown beside its findings. */
export const RULE_SOURCES: Record<string, Text> = {
  'at-most-two-levels': { vi: 'Kế hoạch triển khai Nghị quyết 04/NQ-CP, mục I.2', en: 'Plan implementing Resolution 04/NQ-CP, I.2' },
  'council-approval-before-issuance': { vi: 'Kế hoạch triển khai Nghị quyết 04/NQ-CP, mục III.3', en: 'Plan implementing Resolution 04/NQ-CP, III.3' },
  'delegate-body-reorganised': { vi: 'Luật 72/2025/QH15, Điều 51 và 54', en: 'Law 72/2025/QH15, Art. 51 and 54' },
  'delegate-capacity': { vi: 'Kế hoạch triển khai Nghị quyết 04/NQ-CP, mục I.2; Luật 72/2025/QH15, Điều 14', en: 'Plan implementing Resolution 04/NQ-CP, I.2; Law 72/2025/QH15, Art. 14' },
  'legal-basis-in-force': { vi: 'Luật 72/2025/QH15, Điều 13 và 14', en: 'Law 72/2025/QH15, Art. 13 and 14' },
  'no-pass-on': { vi: 'Luật 72/2025/QH15, Điều 13 khoản 4, Điều 14 khoản 5', en: 'Law 72/2025/QH15, Art. 13(4), 14(5)' },
  'one-power-one-holder': { vi: 'Luật 72/2025/QH15, Điều 11 khoản 2', en: 'Law 72/2025/QH15, Art. 11(2)' },
  'permitted-pair-and-delegable': { vi: 'Luật 72/2025/QH15, Điều 13 khoản 1, Điều 14 khoản 1', en: 'Law 72/2025/QH15, Art. 13(1), 14(1)' },
  'quarterly-report-due': { vi: 'Kế hoạch 7781/KH-UBND; Nghị định 09/2019/NĐ-CP, Điều 12', en: 'Plan 7781/KH-UBND; Decree 09/2019/ND-CP, Art. 12' },
  'resources-go-with-phan-cap': { vi: 'Luật 72/2025/QH15, Điều 13', en: 'Law 72/2025/QH15, Art. 13' },
  'transition-lapse-2027': { vi: 'Luật 72/2025/QH15, Điều 54', en: 'Law 72/2025/QH15, Art. 54' },
  'uy-quyen-ending': { vi: 'Luật 72/2025/QH15, Điều 14; Bộ luật Dân sự 2015, Điều 147–148', en: 'Law 72/2025/QH15, Art. 14; Civil Code 2015, Art. 147–148' },
  'uy-quyen-period-conditions-no-chain': { vi: 'Luật 72/2025/QH15, Điều 14', en: 'Law 72/2025/QH15, Art. 14' },
  'yearly-evaluation': { vi: 'Đề án phân cấp, nhiệm vụ 7', en: 'Decentralisation scheme, task 7' },
};
