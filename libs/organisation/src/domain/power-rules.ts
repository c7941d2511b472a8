import type { BodyRule } from './rules.js';

/** Named rules of the powers catalogue; refusals name them (same shape as the body rules). */
export type PowerRule = BodyRule;

const CATALOGUE = 'Danh mục nhiệm vụ, quyền hạn quản lý nhà nước (Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 13–14)';

export const POWER_ALREADY_RETIRED: PowerRule = {
  id: 'power-already-retired',
  version: 1,
  source: CATALOGUE,
  message: {
    vi: 'Nhiệm vụ, quyền hạn đã bị loại khỏi danh mục; không thể thay đổi thêm.',
    en: 'The power has been retired from the catalogue; it cannot change any more.',
  },
};

export const POWER_CHANGE_NOT_BEFORE_LAST: PowerRule = {
  id: 'power-change-not-before-last-change',
  version: 1,
  source: 'Lịch sử danh mục ghi theo thứ tự ngày hiệu lực / the catalogue history is recorded in order of effective dates',
  message: {
    vi: 'Ngày hiệu lực không được trước ngày hiệu lực của thay đổi gần nhất của nhiệm vụ, quyền hạn.',
    en: "The effective date may not be before the power's last change.",
  },
};

export const POWER_REVISION_CHANGES_SOMETHING: PowerRule = {
  id: 'power-revision-changes-something',
  version: 1,
  source: 'Lịch sử danh mục / catalogue history',
  message: {
    vi: 'Sửa đổi không làm khác thông tin hiện tại của nhiệm vụ, quyền hạn.',
    en: 'The revision leaves the power as it already is.',
  },
};

export const POWER_CHANGE_HAS_REASON: PowerRule = {
  id: 'power-change-has-reason',
  version: 1,
  source: CATALOGUE,
  message: { vi: 'Sửa đổi, loại bỏ nhiệm vụ, quyền hạn phải nêu lý do, căn cứ.', en: 'A revision or retirement states its reason or basis.' },
};

export const POWER_HOLDER_BODY_ACTIVE: PowerRule = {
  id: 'power-holder-body-active',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 51 và 54 (sắp xếp tổ chức, chuyển tiếp)',
  message: {
    vi: 'Cơ quan có thẩm quyền theo luật đã sáp nhập hoặc giải thể vào ngày hiệu lực.',
    en: 'The body holding the power by law has been merged or abolished by the effective date.',
  },
};

export const POWER_CODE_UNIQUE: PowerRule = {
  id: 'power-code-unique',
  version: 1,
  source: CATALOGUE,
  message: { vi: 'Mã nhiệm vụ, quyền hạn đã được dùng cho nhiệm vụ, quyền hạn khác.', en: 'The code is already used by another power.' },
};

export const POWER_RULES: readonly PowerRule[] = [
  POWER_ALREADY_RETIRED,
  POWER_CHANGE_NOT_BEFORE_LAST,
  POWER_REVISION_CHANGES_SOMETHING,
  POWER_CHANGE_HAS_REASON,
  POWER_HOLDER_BODY_ACTIVE,
  POWER_CODE_UNIQUE,
];
