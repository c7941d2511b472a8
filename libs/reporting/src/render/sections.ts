import { formatRate, INDICATORS, type Rate } from '../indicators/timeliness.js';
import type { QuarterlyDocument } from '../application/report-names.js';
import type { ReportStatus } from '../quarterly/content.js';

/**
 * The report laid out once, as headings, paragraphs and tables, for the three renderers (PDF, DOCX,
 * XLSX) to draw the same thing. Vietnamese is the document's language (an administrative report);
 * every heading and column also carries its English.
 */
export interface Table {
  /** Sheet name in the XLSX (≤ 31 characters, no []:*?/\). */
  sheet: string;
  columns: Array<{ vi: string; en: string; width: number }>;
  rows: string[][];
}

export interface Section {
  heading: { vi: string; en: string };
  paragraphs: string[];
  tables: Table[];
}

export interface Letterhead {
  parentBody: string | null;
  issuingBody: string;
  numberLine: string;
  placeAndDate: string;
  title: string;
  subtitle: string;
  subtitleEn: string;
  recipients: string[];
  signer: string | null;
  footer: string;
}

/** What the three renderers draw: the letterhead, the sections, and the file's own properties. */
export interface ReportView {
  head: Letterhead;
  sections: Section[];
  info: { title: string; author: string; subject: string; keywords: string; createdAt: string };
  /** The first sheet of the workbook: what the report is, as label and value. */
  facts: Array<[string, string]>;
}

export function quarterlyView(d: QuarterlyDocument): ReportView {
  const head = letterhead(d);
  return {
    head,
    sections: sections(d),
    info: {
      title: `${head.title} ${head.subtitle}`, author: d.issuingBodyName, subject: head.subtitleEn,
      keywords: `quarterly report; ${d.content.period}; sha256 ${d.edition.contentHash}`, createdAt: d.edition.compiledAt,
    },
    facts: [
      ['Cơ quan / Body', d.issuingBodyName],
      ['Số / Number', head.numberLine.replace(/^Số:\s*/, '')],
      ['Báo cáo / Report', head.subtitle],
      ['Kỳ số liệu / Data window', `${d.content.window.from} – ${d.content.window.to}`],
      ['Bản / Edition', String(d.edition.edition)],
      ['Lập lúc / Compiled at', d.edition.compiledAt],
      ['SHA-256 nội dung / content hash', d.edition.contentHash],
    ],
  };
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

const vnDate = (iso: string | null | undefined) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '—');
const STATUS_VI: Record<ReportStatus, string> = { filed: 'Đã nộp đúng hạn', late: 'Nộp muộn', missing: 'Chưa nộp', pending: 'Chưa đến hạn' };
const KIND_VI: Record<string, string> = { 'phan-cap': 'Phân cấp', 'uy-quyen': 'Ủy quyền' };
const SEVERITY_VI: Record<string, string> = { violation: 'Vi phạm', warning: 'Cảnh báo', info: 'Thông tin' };
const rateVi = (r: Rate) => formatRate(r, 'vi');

/** "Trà Vinh" from "Ủy ban nhân dân tỉnh Trà Vinh": the place named before the date. */
export const placeOf = (provinceName: string) => provinceName.replace(/^Ủy ban nhân dân (tỉnh|thành phố)\s+/iu, '');

/** "UBND tỉnh Trà Vinh": the body above, as the first line of the header abbreviates it. */
const abbreviate = (name: string) => name.replace(/^Ủy ban nhân dân/u, 'UBND').replace(/^Hội đồng nhân dân/u, 'HĐND');

/**
 * The issuing body under its parent, without what the parent's line already says: "Văn phòng" under
 * "UBND tỉnh Trà Vinh", "Sở Nội vụ" for "Sở Nội vụ tỉnh Trà Vinh".
 */
export function shortName(name: string, parent: string | null): string {
  if (!parent) return name;
  if (name.toLocaleLowerCase('vi-VN').endsWith(` ${parent.toLocaleLowerCase('vi-VN')}`)) return name.slice(0, name.length - parent.length - 1);
  const place = placeOf(parent);
  const suffix = new RegExp(`\\s+(tỉnh|thành phố)\\s+${place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'iu');
  return name.replace(suffix, '');
}

export function letterhead(d: QuarterlyDocument): Letterhead {
  const e = d.edition;
  const [year, q] = [d.content.period.slice(0, 4), d.content.period.slice(6)];
  const on = d.content.asOfDate;
  return {
    parentBody: d.parentBodyName ? abbreviate(d.parentBodyName).toLocaleUpperCase('vi-VN') : null,
    issuingBody: shortName(d.issuingBodyName, d.parentBodyName).toLocaleUpperCase('vi-VN'),
    numberLine: `Số: ${e.documentNumber ?? '      /BC'}`,
    placeAndDate: `${placeOf(d.provinceName.vi)}, ngày ${Number(on.slice(8, 10))} tháng ${Number(on.slice(5, 7))} năm ${on.slice(0, 4)}`,
    title: 'BÁO CÁO',
    subtitle: `Tổng hợp tình hình thực hiện phân cấp, ủy quyền quý ${q} năm ${year}`,
    subtitleEn: `Consolidated report on delegations, Q${q} ${year} (period ${vnDate(d.content.window.from)} – ${vnDate(d.content.window.to)})`,
    recipients: e.recipients,
    signer: e.signer,
    footer: `Bản ${e.edition} · kỳ ${d.content.period} · số liệu đến ${vnDate(d.content.window.to)}, đọc tại vị trí nhật ký xmin ${e.asOf.xmin} · SHA-256 ${e.contentHash}`,
  };
}

export function sections(d: QuarterlyDocument): Section[] {
  const c = d.content;
  const t = c.timeliness;
  const body = (id: string) => d.bodyNames[id]?.vi ?? id;
  const user = (id: string) => d.userNames[id] ?? id;
  const count = (s: ReportStatus) => c.delegations.filter((x) => x.report.status === s).length;
  const caseOf = (x: { caseNumber: string | null; decisionId: string }) => x.caseNumber ?? x.decisionId.slice(0, 8);

  const intro: Section = {
    heading: { vi: 'I. TỔNG HỢP CHUNG', en: 'Summary' },
    paragraphs: [
      `Thực hiện Nghị quyết số 04/NQ-CP ngày 10/01/2022 của Chính phủ về đẩy mạnh phân cấp, phân quyền trong quản lý nhà nước và chế độ báo cáo định kỳ tại Nghị định số 09/2019/NĐ-CP, ${d.issuingBodyName} tổng hợp tình hình thực hiện phân cấp, ủy quyền quý ${c.period.slice(6)} năm ${c.period.slice(0, 4)} (số liệu từ ngày ${vnDate(c.window.from)} đến ngày ${vnDate(c.window.to)}) như sau:`,
      `- Số nội dung phân cấp, ủy quyền có hiệu lực trong kỳ: ${c.delegations.length}.`,
      `- Báo cáo của cơ quan được phân cấp, ủy quyền (hạn trước ngày 15 tháng cuối quý): đã nộp đúng hạn ${count('filed')}, nộp muộn ${count('late')}, chưa nộp ${count('missing')}${count('pending') ? `, chưa đến hạn ${count('pending')}` : ''}; tỷ lệ đúng hạn ${rateVi(t.reports)}.`,
      `- Phát hiện qua kiểm tra: phát sinh trong kỳ ${c.findings.opened.length}, đã khắc phục trong kỳ ${c.findings.resolved.length}.`,
      `- Văn bản: ban hành ${c.decisions.issued.length}, sửa đổi ${c.decisions.amended.length}, bãi bỏ ${c.decisions.revoked.length}.`,
      `- Tỷ lệ bước xử lý hoàn thành đúng hạn: ${rateVi(t.stages.onTime)}; số việc chậm, muộn: ${t.stages.lateItems}.`,
    ],
    tables: [],
  };

  const delegations: Section = {
    heading: { vi: 'II. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN ĐƯỢC PHÂN CẤP, ỦY QUYỀN', en: 'Reports of the delegates, per delegation in effect' },
    paragraphs: c.delegations.length ? [] : ['Không có nội dung phân cấp, ủy quyền nào có hiệu lực trong kỳ.'],
    tables: c.delegations.length ? [{
      sheet: 'Bao cao co quan',
      columns: [
        { vi: 'STT', en: 'No.', width: 6 }, { vi: 'Số hồ sơ', en: 'Case', width: 17 }, { vi: 'Văn bản', en: 'Document', width: 17 },
        { vi: 'Hình thức', en: 'Kind', width: 10 }, { vi: 'Nội dung', en: 'Title', width: 26 }, { vi: 'Cơ quan nhận', en: 'Delegate', width: 19 },
        { vi: 'Hiệu lực', en: 'In force', width: 16 }, { vi: 'Báo cáo quý', en: 'Quarterly report', width: 16 },
      ],
      rows: c.delegations.map((x, i) => [
        String(i + 1), caseOf(x), x.documentNumber ?? '—', KIND_VI[x.kind] ?? x.kind, x.title, body(x.delegateBodyId),
        `${vnDate(x.effectiveFrom)}${x.effectiveUntil ? ` – ${vnDate(x.effectiveUntil)}` : ''}`,
        `${STATUS_VI[x.report.status]}${x.report.filedOn ? ` (${vnDate(x.report.filedOn)})` : ''}`,
      ]),
    }] : [],
  };

  const findingColumns: Table['columns'] = [
    { vi: 'STT', en: 'No.', width: 6 }, { vi: 'Số hồ sơ', en: 'Case', width: 15 }, { vi: 'Quy tắc', en: 'Rule', width: 18 },
    { vi: 'Mức độ', en: 'Severity', width: 9 }, { vi: 'Nội dung', en: 'Finding', width: 45 }, { vi: 'Phát hiện', en: 'Raised', width: 11 },
    { vi: 'Khắc phục', en: 'Resolved', width: 11 },
  ];
  const findingRows = (list: typeof c.findings.opened) => list.map((f, i) => [
    String(i + 1), caseOf(f), f.ruleId, SEVERITY_VI[f.severity] ?? f.severity, f.messageVi, vnDate(f.raisedOn), f.resolvedOn ? vnDate(f.resolvedOn) : 'Chưa',
  ]);
  const findings: Section = {
    heading: { vi: 'III. PHÁT HIỆN QUA KIỂM TRA VÀ KẾT QUẢ KHẮC PHỤC', en: 'Findings opened and resolved in the period' },
    paragraphs: [
      `1. Phát hiện phát sinh trong kỳ: ${c.findings.opened.length}.`,
      ...(c.findings.resolved.length ? [] : ['2. Phát hiện đã khắc phục trong kỳ: 0.']),
    ],
    tables: [
      ...(c.findings.opened.length ? [{ sheet: 'Phat hien moi', columns: findingColumns, rows: findingRows(c.findings.opened) }] : []),
      ...(c.findings.resolved.length ? [{ sheet: 'Da khac phuc', columns: findingColumns, rows: findingRows(c.findings.resolved) }] : []),
    ],
  };

  const docs = [
    ...c.decisions.issued.map((x) => ['Ban hành', x.documentNumber ?? '—', caseOf(x), x.title, vnDate(x.on)]),
    ...c.decisions.amended.map((x) => [`Sửa đổi lần ${x.amendment}`, x.amendmentNumber, caseOf(x), x.title, vnDate(x.on)]),
    ...c.decisions.revoked.map((x) => ['Bãi bỏ', x.revocationNumber, caseOf(x), x.title, vnDate(x.on)]),
  ];
  const decisions: Section = {
    heading: { vi: 'IV. VĂN BẢN BAN HÀNH, SỬA ĐỔI, BÃI BỎ TRONG KỲ', en: 'Decisions issued, amended and revoked in the period' },
    paragraphs: docs.length ? [] : ['Không có văn bản nào trong kỳ.'],
    tables: docs.length ? [{
      sheet: 'Van ban',
      columns: [
        { vi: 'STT', en: 'No.', width: 6 }, { vi: 'Loại', en: 'Action', width: 12 }, { vi: 'Số văn bản', en: 'Document', width: 16 },
        { vi: 'Số hồ sơ', en: 'Case', width: 15 }, { vi: 'Nội dung', en: 'Title', width: 42 }, { vi: 'Ngày', en: 'Date', width: 11 },
      ],
      rows: docs.map((r, i) => [String(i + 1), ...r]),
    }] : [],
  };

  const ind = (id: keyof typeof INDICATORS, value: string) => [INDICATORS[id].name.vi, value, INDICATORS[id].formula.vi];
  const timeliness: Section = {
    heading: { vi: 'V. CHỈ SỐ VỀ TÍNH ĐÚNG HẠN (THEO TINH THẦN QUYẾT ĐỊNH 766/QĐ-TTg)', en: 'Timeliness indicators (after Decision 766/QĐ-TTg)' },
    paragraphs: [],
    tables: [
      {
        sheet: 'Chi so',
        columns: [{ vi: 'Chỉ số', en: 'Indicator', width: 30 }, { vi: 'Kết quả', en: 'Value', width: 18 }, { vi: 'Cách tính', en: 'Formula', width: 60 }],
        rows: [
          ind('stage-on-time', rateVi(t.stages.onTime)),
          ind('late-items', String(t.stages.lateItems)),
          ind('report-on-time', rateVi(t.reports)),
          ind('returned-more-than-once', rateVi(t.returnedMoreThanOnce)),
        ],
      },
      {
        sheet: 'Theo co quan',
        columns: [
          { vi: 'Cơ quan', en: 'Body', width: 36 }, { vi: 'Bước đúng hạn', en: 'Stages on time', width: 18 }, { vi: 'Hoàn thành muộn', en: 'Completed late', width: 12 },
          { vi: 'Quá hạn chưa xong', en: 'Overdue, open', width: 12 }, { vi: 'Báo cáo đúng hạn', en: 'Reports on time', width: 18 },
        ],
        rows: [...new Set([...t.stagesByBody.map((g) => g.key), ...t.reportsByBody.map((g) => g.key)])].sort().map((key) => {
          const s = t.stagesByBody.find((g) => g.key === key);
          const r = t.reportsByBody.find((g) => g.key === key);
          return [body(key), s ? rateVi(s.onTime) : '—', s ? String(s.late) : '—', s ? String(s.overdueOpen) : '—', r ? rateVi(r.onTime) : '—'];
        }),
      },
      {
        sheet: 'Theo can bo',
        columns: [
          { vi: 'Cán bộ, công chức', en: 'Official', width: 30 }, { vi: 'Bước đúng hạn', en: 'Stages on time', width: 18 },
          { vi: 'Chậm, muộn', en: 'Late items', width: 12 }, { vi: 'Số lần trả lại hồ sơ', en: 'Returns for revision', width: 16 },
        ],
        rows: [...new Set([...t.stagesByOfficial.map((g) => g.key), ...t.returnsByOfficial.map((g) => g.key)])].sort().map((key) => {
          const s = t.stagesByOfficial.find((g) => g.key === key);
          const r = t.returnsByOfficial.find((g) => g.key === key);
          return [user(key), s ? rateVi(s.onTime) : '—', s ? String(s.lateItems) : '—', String(r?.returns ?? 0)];
        }),
      },
    ].filter((tb) => tb.rows.length > 0),
  };
  return [intro, delegations, findings, decisions, timeliness];
}
