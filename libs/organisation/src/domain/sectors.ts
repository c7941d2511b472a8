import type { Text } from './types.js';

/** State-management sectors (lĩnh vực) a delegation belongs to. */
export const SECTORS: Record<string, Text> = {
  'dat-dai': { vi: 'Đất đai', en: 'Land' },
  'xay-dung': { vi: 'Xây dựng', en: 'Construction' },
  'tai-chinh': { vi: 'Tài chính', en: 'Finance' },
  'giao-duc': { vi: 'Giáo dục', en: 'Education' },
  'y-te': { vi: 'Y tế', en: 'Health' },
  'noi-vu': { vi: 'Nội vụ', en: 'Home affairs' },
  'tai-nguyen-moi-truong': { vi: 'Tài nguyên và môi trường', en: 'Natural resources and environment' },
};
