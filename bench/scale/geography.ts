/*
 * The country the national-scale simulation runs over: the 34 provinces and cities of 1 July 2025
 * (Nghị quyết 202/2025/QH15), each with the provinces that merged into it. The first of each list keeps
 * its name and its bodies; the others' bodies merge into them on 1/7/2025. The districts are abolished
 * that day (two-level local government) and the communes merge into fewer, larger ones.
 */

export interface OldProvince {
  code: string;
  name: string;
  /** "tỉnh" or "thành phố" (centrally-run city). */
  city: boolean;
}

export interface Province {
  /** The tenancy of the deployment: every body of the province and of those merged into it. */
  id: string;
  /** The provinces before 1/7/2025; the first is the one that keeps its name and bodies. */
  old: OldProvince[];
}

const t = (code: string, name: string): OldProvince => ({ code, name, city: false });
const c = (code: string, name: string): OldProvince => ({ code, name, city: true });

export const PROVINCES: Province[] = [
  { id: 'hn', old: [c('hn', 'Hà Nội')] },
  { id: 'hue', old: [c('hue', 'Huế')] },
  { id: 'lc', old: [t('lc', 'Lai Châu')] },
  { id: 'db', old: [t('db', 'Điện Biên')] },
  { id: 'sl', old: [t('sl', 'Sơn La')] },
  { id: 'ls', old: [t('ls', 'Lạng Sơn')] },
  { id: 'qni', old: [t('qni', 'Quảng Ninh')] },
  { id: 'th', old: [t('th', 'Thanh Hóa')] },
  { id: 'na', old: [t('na', 'Nghệ An')] },
  { id: 'ht', old: [t('ht', 'Hà Tĩnh')] },
  { id: 'cb', old: [t('cb', 'Cao Bằng')] },
  { id: 'tq', old: [t('tq', 'Tuyên Quang'), t('hg', 'Hà Giang')] },
  { id: 'lca', old: [t('lca', 'Lào Cai'), t('yb', 'Yên Bái')] },
  { id: 'tn', old: [t('tn', 'Thái Nguyên'), t('bk', 'Bắc Kạn')] },
  { id: 'pt', old: [t('pt', 'Phú Thọ'), t('vp', 'Vĩnh Phúc'), t('hb', 'Hòa Bình')] },
  { id: 'bn', old: [t('bn', 'Bắc Ninh'), t('bg', 'Bắc Giang')] },
  { id: 'hy', old: [t('hy', 'Hưng Yên'), t('tb', 'Thái Bình')] },
  { id: 'hp', old: [c('hp', 'Hải Phòng'), t('hd', 'Hải Dương')] },
  { id: 'nb', old: [t('nb', 'Ninh Bình'), t('hnam', 'Hà Nam'), t('nd', 'Nam Định')] },
  { id: 'qt', old: [t('qt', 'Quảng Trị'), t('qb', 'Quảng Bình')] },
  { id: 'dn', old: [c('dn', 'Đà Nẵng'), t('qnam', 'Quảng Nam')] },
  { id: 'qng', old: [t('qng', 'Quảng Ngãi'), t('kt', 'Kon Tum')] },
  { id: 'gl', old: [t('gl', 'Gia Lai'), t('bdi', 'Bình Định')] },
  { id: 'kh', old: [t('kh', 'Khánh Hòa'), t('nt', 'Ninh Thuận')] },
  { id: 'ld', old: [t('ld', 'Lâm Đồng'), t('dno', 'Đắk Nông'), t('bth', 'Bình Thuận')] },
  { id: 'dl', old: [t('dl', 'Đắk Lắk'), t('py', 'Phú Yên')] },
  { id: 'hcm', old: [c('hcm', 'Hồ Chí Minh'), t('bd', 'Bình Dương'), t('brvt', 'Bà Rịa - Vũng Tàu')] },
  { id: 'dna', old: [t('dna', 'Đồng Nai'), t('bp', 'Bình Phước')] },
  { id: 'tni', old: [t('tni', 'Tây Ninh'), t('la', 'Long An')] },
  { id: 'ct', old: [c('ct', 'Cần Thơ'), t('st', 'Sóc Trăng'), t('hgi', 'Hậu Giang')] },
  { id: 'vl', old: [t('vl', 'Vĩnh Long'), t('bt', 'Bến Tre'), t('tv', 'Trà Vinh')] },
  { id: 'dt', old: [t('dt', 'Đồng Tháp'), t('tg', 'Tiền Giang')] },
  { id: 'cm', old: [t('cm', 'Cà Mau'), t('bl', 'Bạc Liêu')] },
  { id: 'ag', old: [t('ag', 'An Giang'), t('kg', 'Kiên Giang')] },
];

/** The day the reorganisation took effect. */
export const REORGANISED_ON = '2025-07-01';
/** The day every pre-2025 body is taken to have been established. */
export const ESTABLISHED_ON = '2008-01-01';

/** The departments (Sở) each province has, by the sector whose powers they receive. */
export const DEPARTMENTS: Array<{ key: string; vi: string; en: string; sector: string | null; type: 'so' | 'office' | 'inspectorate' }> = [
  { key: 'vp-ubnd', vi: 'Văn phòng Ủy ban nhân dân', en: "Office of the People's Committee", sector: null, type: 'office' },
  { key: 'so-noi-vu', vi: 'Sở Nội vụ', en: 'Department of Home Affairs', sector: 'noi-vu', type: 'so' },
  { key: 'so-tu-phap', vi: 'Sở Tư pháp', en: 'Department of Justice', sector: null, type: 'so' },
  { key: 'so-tnmt', vi: 'Sở Tài nguyên và Môi trường', en: 'Department of Natural Resources and Environment', sector: 'dat-dai', type: 'so' },
  { key: 'so-xay-dung', vi: 'Sở Xây dựng', en: 'Department of Construction', sector: 'xay-dung', type: 'so' },
  { key: 'so-tai-chinh', vi: 'Sở Tài chính', en: 'Department of Finance', sector: 'tai-chinh', type: 'so' },
  { key: 'so-gddt', vi: 'Sở Giáo dục và Đào tạo', en: 'Department of Education and Training', sector: 'giao-duc', type: 'so' },
  { key: 'so-y-te', vi: 'Sở Y tế', en: 'Department of Health', sector: 'y-te', type: 'so' },
  { key: 'thanh-tra', vi: 'Thanh tra', en: 'Inspectorate', sector: null, type: 'inspectorate' },
];

/** The provincial powers of the catalogue (as in the demo seed), per province; some are not delegable. */
export const POWER_TEMPLATES: Array<{ suffix: string; vi: string; en: string; sector: string; source: string; delegable: boolean }> = [
  { suffix: 'DD-01', vi: 'Quyết định giao đất, cho thuê đất đối với tổ chức', en: 'Allocate or lease land to organisations', sector: 'dat-dai', source: 'Luật Đất đai 2024, Điều 123', delegable: false },
  { suffix: 'DD-02', vi: 'Cấp giấy chứng nhận quyền sử dụng đất cho tổ chức', en: 'Issue land-use right certificates to organisations', sector: 'dat-dai', source: 'Luật Đất đai 2024, Điều 136', delegable: true },
  { suffix: 'DD-03', vi: 'Gia hạn sử dụng đất đối với tổ chức', en: 'Extend land-use terms of organisations', sector: 'dat-dai', source: 'Luật Đất đai 2024, Điều 172', delegable: true },
  { suffix: 'XD-01', vi: 'Cấp giấy phép xây dựng công trình cấp II, cấp III', en: 'Grant construction permits for grade II and III works', sector: 'xay-dung', source: 'Luật Xây dựng 2014 (sửa đổi 2020), Điều 103', delegable: true },
  { suffix: 'XD-02', vi: 'Thẩm định báo cáo kinh tế - kỹ thuật dự án nhóm C', en: 'Appraise economic-technical reports of group C projects', sector: 'xay-dung', source: 'Luật Xây dựng 2014 (sửa đổi 2020), Điều 57', delegable: true },
  { suffix: 'XD-03', vi: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', en: 'Grant permits for individual houses', sector: 'xay-dung', source: 'Luật Xây dựng 2014 (sửa đổi 2020), Điều 103', delegable: true },
  { suffix: 'TC-01', vi: 'Quyết định mua sắm tài sản công tại cơ quan, đơn vị', en: 'Decide purchases of public assets', sector: 'tai-chinh', source: 'Nghị định 151/2017/NĐ-CP, Điều 3', delegable: true },
  { suffix: 'GD-01', vi: 'Cho phép thành lập trường trung học cơ sở tư thục', en: 'Permit the founding of private lower-secondary schools', sector: 'giao-duc', source: 'Luật Giáo dục 2019, Điều 52', delegable: true },
  { suffix: 'YT-01', vi: 'Cấp giấy phép hoạt động phòng khám đa khoa', en: 'License general clinics', sector: 'y-te', source: 'Luật Khám bệnh, chữa bệnh 2023, Điều 52', delegable: true },
  { suffix: 'NV-01', vi: 'Phê duyệt đề án vị trí việc làm của đơn vị sự nghiệp công lập', en: 'Approve job-position schemes of public service units', sector: 'noi-vu', source: 'Nghị định 106/2020/NĐ-CP, Điều 8', delegable: true },
  { suffix: 'NV-02', vi: 'Quyết định thành lập, giải thể cơ quan chuyên môn thuộc UBND tỉnh', en: 'Establish or dissolve specialised agencies of the provincial committee', sector: 'noi-vu', source: 'Luật Tổ chức chính quyền địa phương 2025, Điều 17', delegable: false },
];

/** The laws the checks know (as the demo seeds them), with the dates they were in force. */
export const LEGAL_DOCUMENTS = [
  { number: '77/2015/QH13', title: 'Luật Tổ chức chính quyền địa phương 2015', inForceFrom: '2016-01-01', inForceUntil: '2025-03-01' },
  { number: '47/2019/QH14', title: 'Luật sửa đổi Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương 2019', inForceFrom: '2020-07-01', inForceUntil: '2025-03-01' },
  { number: '65/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương 2025', inForceFrom: '2025-03-01', inForceUntil: '2025-06-16' },
  { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương (sửa đổi) 2025', inForceFrom: '2025-06-16', inForceUntil: null },
  { number: '31/2024/QH15', title: 'Luật Đất đai 2024', inForceFrom: '2024-08-01', inForceUntil: null },
  { number: '50/2014/QH13', title: 'Luật Xây dựng 2014', inForceFrom: '2015-01-01', inForceUntil: null },
  { number: '04/NQ-CP', title: 'Nghị quyết 04/NQ-CP về đẩy mạnh phân cấp, phân quyền trong quản lý nhà nước', inForceFrom: '2022-01-10', inForceUntil: null },
];

/** The local-government law a proposal of that day cites. */
export function localGovernmentLaw(day: string): string {
  if (day < '2020-07-01') return 'Luật Tổ chức chính quyền địa phương số 77/2015/QH13, Điều 13';
  if (day < '2025-03-01') return 'Luật sửa đổi Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương số 47/2019/QH14';
  if (day < '2025-06-16') return 'Luật Tổ chức chính quyền địa phương số 65/2025/QH15, Điều 13';
  return 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 13';
}

// Place names as Vietnamese communes and districts are named: two Hán-Việt words (Tân Phú, Bình An, …).
const FIRST = ['Tân', 'Bình', 'Phú', 'An', 'Hòa', 'Long', 'Phước', 'Thạnh', 'Mỹ', 'Vĩnh', 'Hưng', 'Xuân', 'Đông', 'Tây', 'Quang', 'Thuận', 'Nghĩa', 'Hiệp', 'Định', 'Thái'];
const SECOND = ['An', 'Bình', 'Lợi', 'Lộc', 'Thịnh', 'Hưng', 'Phú', 'Thành', 'Sơn', 'Hải', 'Trung', 'Mỹ', 'Hòa', 'Phong', 'Khánh', 'Đức', 'Tiến', 'Thọ', 'Lạc', 'Yên'];

/** The n-th place name: distinct for n < 380 (a pair of different words), with a number beyond. */
export function placeName(n: number): string {
  const pairs = FIRST.length * (SECOND.length - 1);
  const k = n % pairs;
  const a = FIRST[Math.floor(k / (SECOND.length - 1))];
  const rest = SECOND.filter((w) => w !== a);
  const name = `${a} ${rest[k % rest.length]}`;
  return n < pairs ? name : `${name} ${Math.floor(n / pairs) + 1}`;
}

/** ASCII without diacritics, for ids: "Hòa Bình" → "hoa-binh". */
export function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A small deterministic PRNG (mulberry32), so a run with the same size generates the same log. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
