import type { Text } from './types.js';

/** A named rule of the organisation history: refusals name it, as the delegation rules do. */
export interface BodyRule {
  id: string;
  version: number;
  source: string;
  message: Text;
}

const REORG = 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 51 và 54 (sắp xếp tổ chức, chuyển tiếp)';

export const BODY_ALREADY_ENDED: BodyRule = {
  id: 'body-already-ended',
  version: 1,
  source: REORG,
  message: {
    vi: 'Cơ quan đã sáp nhập hoặc giải thể; không thể thay đổi thêm.',
    en: 'The body has already been merged or abolished; it cannot change any more.',
  },
};

export const CHANGE_NOT_BEFORE_LAST: BodyRule = {
  id: 'body-change-not-before-last-change',
  version: 1,
  source: 'Lịch sử tổ chức ghi theo thứ tự ngày hiệu lực / the history is recorded in order of effective dates',
  message: {
    vi: 'Ngày hiệu lực không được trước ngày hiệu lực của thay đổi gần nhất của cơ quan.',
    en: "The effective date may not be before the body's last change.",
  },
};

export const ENDS_AFTER_ESTABLISHMENT: BodyRule = {
  id: 'body-ends-after-establishment',
  version: 1,
  source: REORG,
  message: {
    vi: 'Ngày sáp nhập, giải thể phải sau ngày thành lập cơ quan.',
    en: 'A body can only be merged or abolished after the day it was established.',
  },
};

export const SUCCESSOR_DIFFERS: BodyRule = {
  id: 'successor-differs-from-body',
  version: 1,
  source: REORG,
  message: {
    vi: 'Cơ quan không thể sáp nhập vào chính nó hoặc kế thừa chính nó.',
    en: 'A body cannot be merged into, or succeeded by, itself.',
  },
};

export const PARENT_DIFFERS: BodyRule = {
  id: 'parent-differs-from-body',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (cơ cấu tổ chức)',
  message: { vi: 'Cơ quan không thể trực thuộc chính nó.', en: 'A body cannot be its own parent.' },
};

export const REFERENCED_BODY_EXISTS: BodyRule = {
  id: 'referenced-body-exists',
  version: 1,
  source: 'Lịch sử tổ chức / organisation history',
  message: {
    vi: 'Cơ quan được dẫn chiếu (cấp trên, cơ quan kế thừa, cơ quan tiếp nhận sáp nhập) không tồn tại.',
    en: 'The body referred to (parent, successor or merge target) does not exist.',
  },
};

export const REFERENCED_BODY_ACTIVE: BodyRule = {
  id: 'referenced-body-active',
  version: 1,
  source: REORG,
  message: {
    vi: 'Cơ quan được dẫn chiếu đã sáp nhập hoặc giải thể vào ngày hiệu lực.',
    en: 'The body referred to has been merged or abolished by the effective date.',
  },
};

export const CHANGE_CHANGES_SOMETHING: BodyRule = {
  id: 'body-change-changes-something',
  version: 1,
  source: 'Lịch sử tổ chức / organisation history',
  message: {
    vi: 'Thay đổi không làm khác tên gọi hoặc cơ quan cấp trên hiện tại.',
    en: 'The change leaves the name or parent as it already is.',
  },
};

export const ABOLITION_HAS_REASON: BodyRule = {
  id: 'abolition-has-reason',
  version: 1,
  source: REORG,
  message: { vi: 'Giải thể cơ quan phải nêu lý do, căn cứ.', en: 'An abolition states its reason or basis.' },
};

export const BODY_RULES: readonly BodyRule[] = [
  BODY_ALREADY_ENDED,
  CHANGE_NOT_BEFORE_LAST,
  ENDS_AFTER_ESTABLISHMENT,
  SUCCESSOR_DIFFERS,
  PARENT_DIFFERS,
  REFERENCED_BODY_EXISTS,
  REFERENCED_BODY_ACTIVE,
  CHANGE_CHANGES_SOMETHING,
  ABOLITION_HAS_REASON,
];
