/**
 * The official yearly schedules of days off for civil servants and public employees (công chức,
 * viên chức), as announced each year by the Ministry of Labour (Bộ Lao động – Thương binh và Xã hội;
 * from 1/3/2025 the Ministry of Home Affairs, Bộ Nội vụ) after the Prime Minister's decision.
 *
 * Only weekdays are listed in `daysOff` (Saturdays and Sundays are off anyway); `makeUpWorkingDays`
 * are the Saturdays worked in exchange for a swapped weekday. Admins can load or correct a year
 * through the API (`calendar_years` table), which overrides the built-in data below.
 */
import type { IsoDate } from './dates.js';

export interface YearSchedule {
  year: number;
  /** The official document(s) the schedule comes from. */
  source: string;
  /** Every weekday that is off: holidays, compensatory days (nghỉ bù) and swapped days (hoán đổi). */
  daysOff: IsoDate[];
  /** Saturdays (or Sundays) worked in exchange for a swapped weekday (ngày làm bù). */
  makeUpWorkingDays: IsoDate[];
  /** The document each listed day comes from, where it is not `source` (e.g. a swap announced later). */
  entrySources?: Partial<Record<IsoDate, string>>;
  notes?: string;
}

/**
 * 2024.
 * - Tết Dương lịch: Monday 1/1.
 * - Tết Giáp Thìn: Thursday 8/2 to Wednesday 14/2 (29 tháng Chạp to mùng 5), 7 days in a row:
 *   Thông báo 6150/TB-LĐTBXH (23/11/2023) of the Ministry of Labour. Tết was Saturday 10/2, so two
 *   holidays fell on the weekend and were compensated on 13–14/2.
 * - Giỗ Tổ Hùng Vương: Thursday 18/4 (10/3 Giáp Thìn).
 * - 30/4–1/5: Saturday 27/4 to Wednesday 1/5; Monday 29/4 swapped with Saturday 4/5 (worked).
 *   UNSURE of the document number of that announcement (Ministry of Labour, March–April 2024).
 * - Quốc khánh: Saturday 31/8 to Tuesday 3/9 (2/9 and 3/9): Thông báo 6150/TB-LĐTBXH.
 */
export const SCHEDULE_2024: YearSchedule = {
  year: 2024,
  source:
    'Thông báo 6150/TB-LĐTBXH ngày 23/11/2023 của Bộ LĐTBXH (Tết Âm lịch, Quốc khánh 2024); thông báo của Bộ LĐTBXH về hoán đổi ngày làm việc dịp 30/4–1/5/2024',
  daysOff: [
    '2024-01-01',
    '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14',
    '2024-04-18',
    '2024-04-29', '2024-04-30', '2024-05-01',
    '2024-09-02', '2024-09-03',
  ],
  makeUpWorkingDays: ['2024-05-04'],
  notes: 'Nghỉ 30/4–1/5 từ 27/4 đến 1/5, hoán đổi Thứ Hai 29/4 với Thứ Bảy 4/5 (làm bù).',
};

/**
 * 2025.
 * - Tết Dương lịch: Wednesday 1/1 (no swap).
 * - Tết Ất Tỵ: Saturday 25/1 to Sunday 2/2 (26 tháng Chạp to mùng 5), 9 days; the five weekdays
 *   27–31/1 are the five statutory Tết days, no make-up day: Thông báo 6150/TB-LĐTBXH (12/11/2024).
 *   UNSURE whether the number 6150 belongs to the 2024 or the 2025 announcement; the days are as
 *   published for 2025.
 * - Giỗ Tổ Hùng Vương: Monday 7/4 (10/3 Ất Tỵ).
 * - 30/4–1/5: Wednesday 30/4 to Sunday 4/5; Friday 2/5 swapped with Saturday 26/4 (worked):
 *   announcement of the Ministry of Home Affairs (UNSURE of its number), after the Prime Minister
 *   agreed to the swap for the 50th anniversary of Reunification.
 * - Quốc khánh: Saturday 30/8 to Tuesday 2/9 (1/9 and 2/9).
 */
export const SCHEDULE_2025: YearSchedule = {
  year: 2025,
  source:
    'Thông báo 6150/TB-LĐTBXH ngày 12/11/2024 của Bộ LĐTBXH (Tết Âm lịch, Quốc khánh 2025); thông báo của Bộ Nội vụ về hoán đổi ngày làm việc dịp 30/4–1/5/2025',
  daysOff: [
    '2025-01-01',
    '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
    '2025-04-07',
    '2025-04-30', '2025-05-01', '2025-05-02',
    '2025-09-01', '2025-09-02',
  ],
  makeUpWorkingDays: ['2025-04-26'],
  notes: 'Nghỉ 30/4–1/5 từ 30/4 đến 4/5, hoán đổi Thứ Sáu 2/5 với Thứ Bảy 26/4 (làm bù).',
};

/**
 * 2026.
 * - Tết Dương lịch: Thursday 1/1 to Sunday 4/1: Friday 2/1 swapped with Saturday 10/1 (worked), agreed
 *   by the Government on 25/12/2025 and announced by the Ministry of Home Affairs the same day (UNSURE
 *   of the announcement's number).
 * - Tết Bính Ngọ: Saturday 14/2 to Sunday 22/2 (27 tháng Chạp to mùng 6), 9 days; the five weekdays
 *   16–20/2 are the five statutory days (Tết is Tuesday 17/2).
 * - Giỗ Tổ Hùng Vương: 10/3 Bính Ngọ is Sunday 26/4 → compensatory day Monday 27/4.
 * - 30/4–1/5: Thursday 30/4 to Sunday 3/5 (no swap).
 * - Quốc khánh: Saturday 29/8 to Wednesday 2/9 (1/9 and 2/9; Monday 31/8 swapped with Saturday 22/8,
 *   worked).
 * UNSURE of the document number of the Ministry of Home Affairs' announcement for 2026; also not
 * included: any new holiday (e.g. the proposed Ngày Văn hóa Việt Nam, 24/11) — none is law for 2026
 * as far as known here; an admin can load it.
 */
const NEW_YEAR_2026_SWAP =
  'Thông báo của Bộ Nội vụ ngày 25/12/2025 về hoán đổi ngày làm việc dịp Tết Dương lịch 2026 (Chính phủ đồng ý ngày 25/12/2025)';

export const SCHEDULE_2026: YearSchedule = {
  year: 2026,
  source:
    'Thông báo của Bộ Nội vụ về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2026 cho công chức, viên chức (theo ý kiến của Thủ tướng Chính phủ)',
  daysOff: [
    '2026-01-01', '2026-01-02',
    '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
    '2026-04-27',
    '2026-04-30', '2026-05-01',
    '2026-08-31', '2026-09-01', '2026-09-02',
  ],
  makeUpWorkingDays: ['2026-01-10', '2026-08-22'],
  entrySources: {
    '2026-01-02': NEW_YEAR_2026_SWAP,
    '2026-01-10': NEW_YEAR_2026_SWAP,
  },
  notes: 'Tết Dương lịch nghỉ 1/1–4/1, hoán đổi Thứ Sáu 2/1 với Thứ Bảy 10/1 (làm bù). Giỗ Tổ 26/4 trùng Chủ nhật, nghỉ bù Thứ Hai 27/4. Quốc khánh nghỉ 29/8–2/9, hoán đổi Thứ Hai 31/8 với Thứ Bảy 22/8 (làm bù).',
};

/** The schedules shipped with the application, oldest first. */
export const BUILT_IN_SCHEDULES: readonly YearSchedule[] = [SCHEDULE_2024, SCHEDULE_2025, SCHEDULE_2026];
