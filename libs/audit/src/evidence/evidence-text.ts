import type { VerifyResult } from '@app/event-store';

// The event sentences, roles, kinds and dates are the delegation context's (one wording everywhere).
export {
  describeEvent, formatDateVi, formatInstantVi, KIND_EN, KIND_VI, ROLE_EN, ROLE_VI, roleEn, roleVi, type SentenceContext,
} from '@app/delegation';

export const STATUS_VI: Record<VerifyResult['status'], string> = {
  intact: 'Toàn vẹn: lịch sử khớp chuỗi băm và mọi sự kiện có chữ ký hợp lệ của ứng dụng',
  altered: 'Bị sửa đổi',
  deleted: 'Bị xóa',
  inserted: 'Bị chèn thêm',
  forged: 'Giả mạo: sự kiện không có chữ ký hợp lệ của ứng dụng',
};
export const STATUS_EN: Record<VerifyResult['status'], string> = {
  intact: 'Intact: the history matches its hash chain and every event carries a valid application signature',
  altered: 'Altered',
  deleted: 'Deleted',
  inserted: 'Inserted',
  forged: 'Forged: an event without a valid application signature',
};

/** Integer VND with Vietnamese digit grouping: 1500000000 → `1.500.000.000 ₫`. */
export function formatVnd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${digits} ₫`;
}

/** The file name an evidence pack is downloaded or exported as. */
export const evidenceFileName = (id: string, format: 'pdf' | 'json') => `evidence-${id.toLowerCase()}.${format}`;
