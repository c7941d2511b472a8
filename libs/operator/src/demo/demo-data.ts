import type { Role } from '@app/delegation';
import type { BodyEntity } from '@app/organisation';
import type { PowerEntity } from '@app/organisation';

type B = Pick<BodyEntity, 'id' | 'nameVi' | 'nameEn' | 'level' | 'type' | 'parentId' | 'provinceId'> & { territory?: string | null };
const body = (id: string, nameVi: string, nameEn: string, level: B['level'], type: B['type'], parentId: string | null, provinceId: string): B => ({
  id, nameVi, nameEn, level, type, parentId, provinceId,
});

/** The day the demo bodies are taken to have been established (their streams start with BodyEstablished on it). */
export const DEMO_BODIES_ESTABLISHED_ON = '2008-01-01';

/** The demo province (Trà Vinh) and a district of Quảng Nam (Núi Thành), named as in the seed documents. */
export const DEMO_BODIES: B[] = [
  body('tv-ubnd', 'Ủy ban nhân dân tỉnh Trà Vinh', "People's Committee of Trà Vinh Province", 'province', 'ubnd', null, 'tv'),
  body('tv-hdnd', 'Hội đồng nhân dân tỉnh Trà Vinh', "People's Council of Trà Vinh Province", 'province', 'hdnd', null, 'tv'),
  body('tv-vp-ubnd', 'Văn phòng Ủy ban nhân dân tỉnh Trà Vinh', "Office of the Trà Vinh People's Committee", 'province', 'office', 'tv-ubnd', 'tv'),
  body('tv-so-noi-vu', 'Sở Nội vụ tỉnh Trà Vinh', 'Trà Vinh Department of Home Affairs', 'province', 'so', 'tv-ubnd', 'tv'),
  body('tv-so-tu-phap', 'Sở Tư pháp tỉnh Trà Vinh', 'Trà Vinh Department of Justice', 'province', 'so', 'tv-ubnd', 'tv'),
  body('tv-so-tnmt', 'Sở Tài nguyên và Môi trường tỉnh Trà Vinh', 'Trà Vinh Department of Natural Resources and Environment', 'province', 'so', 'tv-ubnd', 'tv'),
  body('tv-so-xay-dung', 'Sở Xây dựng tỉnh Trà Vinh', 'Trà Vinh Department of Construction', 'province', 'so', 'tv-ubnd', 'tv'),
  body('tv-so-tai-chinh', 'Sở Tài chính tỉnh Trà Vinh', 'Trà Vinh Department of Finance', 'province', 'so', 'tv-ubnd', 'tv'),
  body('tv-so-gddt', 'Sở Giáo dục và Đào tạo tỉnh Trà Vinh', 'Trà Vinh Department of Education and Training', 'province', 'so', 'tv-ubnd', 'tv'),
  body('tv-so-y-te', 'Sở Y tế tỉnh Trà Vinh', 'Trà Vinh Department of Health', 'province', 'so', 'tv-ubnd', 'tv'),
  body('tv-thanh-tra', 'Thanh tra tỉnh Trà Vinh', 'Trà Vinh Provincial Inspectorate', 'province', 'inspectorate', 'tv-ubnd', 'tv'),
  body('tv-ubnd-cang-long', 'Ủy ban nhân dân huyện Càng Long', "People's Committee of Càng Long District", 'district', 'ubnd', 'tv-ubnd', 'tv'),
  body('tv-ubnd-tp-tra-vinh', 'Ủy ban nhân dân thành phố Trà Vinh', "People's Committee of Trà Vinh City", 'district', 'ubnd', 'tv-ubnd', 'tv'),
  body('tv-ubnd-phuong-1', 'Ủy ban nhân dân Phường 1, thành phố Trà Vinh', "People's Committee of Ward 1, Trà Vinh City", 'commune', 'ubnd', 'tv-ubnd-tp-tra-vinh', 'tv'),
  body('qn-ubnd', 'Ủy ban nhân dân tỉnh Quảng Nam', "People's Committee of Quảng Nam Province", 'province', 'ubnd', null, 'qn'),
  body('qn-hdnd', 'Hội đồng nhân dân tỉnh Quảng Nam', "People's Council of Quảng Nam Province", 'province', 'hdnd', null, 'qn'),
  body('qn-so-noi-vu', 'Sở Nội vụ tỉnh Quảng Nam', 'Quảng Nam Department of Home Affairs', 'province', 'so', 'qn-ubnd', 'qn'),
  body('qn-ubnd-nui-thanh', 'Ủy ban nhân dân huyện Núi Thành', "People's Committee of Núi Thành District", 'district', 'ubnd', 'qn-ubnd', 'qn'),
  body('qn-phong-noi-vu-nui-thanh', 'Phòng Nội vụ huyện Núi Thành', 'Núi Thành District Home Affairs Office', 'district', 'phong', 'qn-ubnd-nui-thanh', 'qn'),
  body('qn-ubnd-tt-nui-thanh', 'Ủy ban nhân dân thị trấn Núi Thành', "People's Committee of Núi Thành Town", 'commune', 'ubnd', 'qn-ubnd-nui-thanh', 'qn'),
  body('qn-ubnd-tam-hiep', 'Ủy ban nhân dân xã Tam Hiệp', "People's Committee of Tam Hiệp Commune", 'commune', 'ubnd', 'qn-ubnd-nui-thanh', 'qn'),
  // The national operator's body, above the provinces: a "province" of its own ('vn'), so no province's
  // staff see its users and its users see no province's decisions. 'province' is the highest level the map knows.
  body('vn-bo-noi-vu', 'Bộ Nội vụ', 'Ministry of Home Affairs', 'province', 'office', null, 'vn'),
];

const power = (id: string, titleVi: string, titleEn: string, sector: string, legalHolderBodyId: string, legalSource: string, delegable: boolean, procedureCodes: string[] = []): DemoPower => ({
  id, code: id, titleVi, titleEn, sector, legalHolderBodyId, legalSource, delegable, procedureCodes,
});

/** A power of the demo catalogue, as it is defined (PowerDefined) by the seed. */
export type DemoPower = Omit<PowerEntity, 'version' | 'retired'>;

/** The day the demo powers are taken to have entered the catalogue (their streams start with PowerDefined on it). */
export const DEMO_POWERS_DEFINED_ON = DEMO_BODIES_ESTABLISHED_ON;

export const DEMO_POWERS: DemoPower[] = [
  power('TV-DD-01', 'Quyết định giao đất, cho thuê đất đối với tổ chức', 'Allocate or lease land to organisations', 'dat-dai', 'tv-ubnd', 'Luật Đất đai 2024, Điều 123', false),
  power('TV-DD-02', 'Cấp giấy chứng nhận quyền sử dụng đất cho tổ chức', 'Issue land-use right certificates to organisations', 'dat-dai', 'tv-ubnd', 'Luật Đất đai 2024, Điều 136', true, ['1.012778']),
  power('TV-DD-03', 'Gia hạn sử dụng đất đối với tổ chức', 'Extend land-use terms of organisations', 'dat-dai', 'tv-ubnd', 'Luật Đất đai 2024, Điều 172', true),
  power('TV-XD-01', 'Cấp giấy phép xây dựng công trình cấp II, cấp III', 'Grant construction permits for grade II and III works', 'xay-dung', 'tv-ubnd', 'Luật Xây dựng 2014 (sửa đổi 2020), Điều 103', true, ['1.009994']),
  power('TV-XD-02', 'Thẩm định báo cáo kinh tế - kỹ thuật dự án nhóm C', 'Appraise economic-technical reports of group C projects', 'xay-dung', 'tv-ubnd', 'Luật Xây dựng 2014 (sửa đổi 2020), Điều 57', true),
  power('TV-TC-01', 'Quyết định mua sắm tài sản công tại cơ quan, đơn vị', 'Decide purchases of public assets', 'tai-chinh', 'tv-ubnd', 'Nghị định 151/2017/NĐ-CP, Điều 3', true),
  power('TV-GD-01', 'Cho phép thành lập trường trung học cơ sở tư thục', 'Permit the founding of private lower-secondary schools', 'giao-duc', 'tv-ubnd', 'Luật Giáo dục 2019, Điều 52', true),
  power('TV-YT-01', 'Cấp giấy phép hoạt động phòng khám đa khoa', 'License general clinics', 'y-te', 'tv-ubnd', 'Luật Khám bệnh, chữa bệnh 2023, Điều 52', true),
  power('TV-NV-01', 'Phê duyệt đề án vị trí việc làm của đơn vị sự nghiệp công lập', 'Approve job-position schemes of public service units', 'noi-vu', 'tv-ubnd', 'Nghị định 106/2020/NĐ-CP, Điều 8', true),
  power('TV-NV-02', 'Quyết định thành lập, giải thể cơ quan chuyên môn thuộc UBND tỉnh', 'Establish or dissolve specialised agencies of the provincial committee', 'noi-vu', 'tv-ubnd', 'Luật Tổ chức chính quyền địa phương 2025, Điều 17', false),
  power('QN-XD-01', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Grant permits for individual houses', 'xay-dung', 'qn-ubnd-nui-thanh', 'Luật Xây dựng 2014 (sửa đổi 2020), Điều 103', true),
  power('QN-DD-01', 'Đăng ký biến động đất đai đối với hộ gia đình, cá nhân', 'Register land changes for households and individuals', 'dat-dai', 'qn-ubnd-nui-thanh', 'Luật Đất đai 2024, Điều 133', true),
];

/** Laws and resolutions the checks know, with the dates they were in force (for "legal basis in force"). */
export const DEMO_LEGAL_DOCUMENTS = [
  { number: '77/2015/QH13', title: 'Luật Tổ chức chính quyền địa phương 2015', inForceFrom: '2016-01-01', inForceUntil: '2025-03-01' },
  { number: '47/2019/QH14', title: 'Luật sửa đổi Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương 2019', inForceFrom: '2020-07-01', inForceUntil: '2025-03-01' },
  { number: '65/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương 2025', inForceFrom: '2025-03-01', inForceUntil: '2025-06-16' },
  { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương (sửa đổi) 2025', inForceFrom: '2025-06-16', inForceUntil: null },
  { number: '31/2024/QH15', title: 'Luật Đất đai 2024', inForceFrom: '2024-08-01', inForceUntil: null },
  { number: '50/2014/QH13', title: 'Luật Xây dựng 2014', inForceFrom: '2015-01-01', inForceUntil: null },
  { number: '04/NQ-CP', title: 'Nghị quyết 04/NQ-CP về đẩy mạnh phân cấp, phân quyền trong quản lý nhà nước', inForceFrom: '2022-01-10', inForceUntil: null },
];

/** Heads of bodies (người đứng đầu), who receive escalations. */
export const DEMO_BODY_HEADS: Record<string, { name: string; email: string }> = {
  'tv-so-noi-vu': { name: 'Giám đốc Sở Nội vụ', email: 'giamdoc.snv@travinh.example' },
  'tv-so-tnmt': { name: 'Giám đốc Sở Tài nguyên và Môi trường', email: 'giamdoc.stnmt@travinh.example' },
  'tv-so-xay-dung': { name: 'Giám đốc Sở Xây dựng', email: 'giamdoc.sxd@travinh.example' },
  'tv-so-tu-phap': { name: 'Giám đốc Sở Tư pháp', email: 'giamdoc.stp@travinh.example' },
  'tv-hdnd': { name: 'Chủ tịch HĐND tỉnh', email: 'chutich.hdnd@travinh.example' },
  'tv-vp-ubnd': { name: 'Chánh Văn phòng UBND tỉnh', email: 'chanhvanphong@travinh.example' },
};

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  bodyId: string;
}

/** One demo user per role; all share DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'PhanCap@2026';
export const DEMO_USERS: DemoUser[] = [
  { username: 'proposer', displayName: 'Nguyễn Văn An', role: 'proposer', bodyId: 'tv-so-tnmt' },
  { username: 'reviewer', displayName: 'Trần Thị Bình', role: 'reviewer', bodyId: 'tv-so-noi-vu' },
  { username: 'reviewer.lead', displayName: 'Lê Văn Cường', role: 'reviewer-lead', bodyId: 'tv-so-noi-vu' },
  { username: 'legal', displayName: 'Phạm Thị Dung', role: 'legal-appraiser', bodyId: 'tv-so-tu-phap' },
  { username: 'council', displayName: 'Hoàng Văn Em', role: 'council-office', bodyId: 'tv-hdnd' },
  { username: 'committee', displayName: 'Võ Thị Giang', role: 'committee-office', bodyId: 'tv-vp-ubnd' },
  { username: 'auditor', displayName: 'Đặng Văn Hùng', role: 'auditor', bodyId: 'tv-thanh-tra' },
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', bodyId: 'tv-so-noi-vu' },
];
