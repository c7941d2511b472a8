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

/** The short title of each accountability rule: a chart or a card shows it, never the rule's id. */
export const RULE_TITLES: Record<string, Text> = {
  'at-most-two-levels': { vi: 'Phân cấp, ủy quyền không quá hai cấp', en: 'At most two levels of delegation' },
  'council-approval-before-issuance': { vi: 'HĐND thông qua trước khi ban hành', en: 'Council approval before issuance' },
  'delegate-body-reorganised': { vi: 'Cơ quan nhận đã sắp xếp lại', en: 'Delegate body reorganised' },
  'delegate-capacity': { vi: 'Năng lực của cơ quan nhận', en: 'Capacity of the delegate body' },
  'legal-basis-in-force': { vi: 'Căn cứ pháp lý còn hiệu lực', en: 'Legal basis in force' },
  'no-pass-on': { vi: 'Không phân cấp, ủy quyền tiếp', en: 'No passing on' },
  'one-power-one-holder': { vi: 'Một nhiệm vụ, quyền hạn một chủ thể', en: 'One power, one holder' },
  'permitted-pair-and-delegable': { vi: 'Đúng cặp cơ quan, quyền được phép giao', en: 'Permitted bodies and delegable power' },
  'quarterly-report-due': { vi: 'Báo cáo quý đến hạn', en: 'Quarterly report due' },
  'resources-go-with-phan-cap': { vi: 'Nguồn lực đi kèm phân cấp', en: 'Resources go with decentralisation' },
  'transition-lapse-2027': { vi: 'Hết hiệu lực chuyển tiếp năm 2027', en: 'Transitional lapse in 2027' },
  'uy-quyen-ending': { vi: 'Kết thúc ủy quyền', en: 'End of an authorisation' },
  'uy-quyen-period-conditions-no-chain': { vi: 'Ủy quyền có thời hạn, điều kiện, không ủy quyền tiếp', en: 'Authorisation with a period, conditions, no chain' },
  'yearly-evaluation': { vi: 'Đánh giá hằng năm', en: 'Yearly evaluation' },
};
