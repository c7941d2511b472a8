import { SECTORS } from '@app/organisation';
import { formatRate } from '../indicators/timeliness.js';
import type { YearlyEvaluationDocument } from '../application/yearly-evaluations.js';
import { placeOf, shortName, type ReportView, type Section } from '../render/sections.js';
import type { EvaluationTally } from './content.js';

const RESULT_VI: Record<string, string> = { effective: 'Hiệu quả', 'needs-adjustment': 'Cần điều chỉnh', ineffective: 'Không hiệu quả' };
const RECOMMENDATION_VI: Record<string, string> = { keep: 'Giữ nguyên', amend: 'Sửa đổi, bổ sung', revoke: 'Thu hồi', extend: 'Gia hạn', none: 'Chưa nêu' };
const vnd = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('vi-VN')} đồng`);

/** The yearly evaluation report as the renderers draw it (the administrative layout of the quarterly one). */
export function yearlyView(d: YearlyEvaluationDocument): ReportView {
  const c = d.content;
  const on = c.asOfDate;
  const body = (id: string) => d.bodyNames[id]?.vi ?? id;
  const tallyColumns = (first: { vi: string; en: string }) => [
    { ...first, width: 30 }, { vi: 'Đang hiệu lực', en: 'In effect', width: 10 }, { vi: 'Đã đánh giá', en: 'Evaluated', width: 14 },
    { vi: 'Hiệu quả', en: 'Effective', width: 9 }, { vi: 'Cần điều chỉnh', en: 'Needs adjustment', width: 10 }, { vi: 'Không hiệu quả', en: 'Ineffective', width: 10 },
    { vi: 'Giữ nguyên', en: 'Keep', width: 8 }, { vi: 'Sửa đổi', en: 'Amend', width: 8 }, { vi: 'Thu hồi', en: 'Revoke', width: 8 }, { vi: 'Gia hạn', en: 'Extend', width: 8 },
  ];
  const tallyRow = (name: string, t: EvaluationTally) => [
    name, String(t.inEffect), formatRate(t.evaluated, 'vi'), String(t.byResult.effective), String(t.byResult['needs-adjustment']), String(t.byResult.ineffective),
    String(t.byRecommendation.keep), String(t.byRecommendation.amend), String(t.byRecommendation.revoke), String(t.byRecommendation.extend),
  ];
  const t = c.total;
  const sections: Section[] = [
    {
      heading: { vi: 'I. TỔNG HỢP CHUNG', en: 'Summary' },
      paragraphs: [
        `Thực hiện nhiệm vụ "Định kỳ hằng năm, tổ chức đánh giá nội dung phân cấp, ủy quyền quản lý nhà nước", ${d.issuingBodyName} tổng hợp kết quả đánh giá năm ${c.year} như sau:`,
        `- Số nội dung phân cấp, ủy quyền có hiệu lực trong năm: ${t.inEffect}; đã đánh giá: ${formatRate(t.evaluated, 'vi')}.`,
        `- Kết quả: hiệu quả ${t.byResult.effective}, cần điều chỉnh ${t.byResult['needs-adjustment']}, không hiệu quả ${t.byResult.ineffective}.`,
        `- Đề xuất: giữ nguyên ${t.byRecommendation.keep}, sửa đổi, bổ sung ${t.byRecommendation.amend}, thu hồi ${t.byRecommendation.revoke}, gia hạn ${t.byRecommendation.extend}.`,
      ],
      tables: [],
    },
    {
      heading: { vi: 'II. TỔNG HỢP THEO LĨNH VỰC', en: 'Per sector' },
      paragraphs: c.bySector.length ? [] : ['Không có nội dung nào.'],
      tables: c.bySector.length ? [{ sheet: 'Theo linh vuc', columns: tallyColumns({ vi: 'Lĩnh vực', en: 'Sector' }), rows: c.bySector.map((g) => tallyRow(SECTORS[g.key]?.vi ?? g.key, g)) }] : [],
    },
    {
      heading: { vi: 'III. TỔNG HỢP THEO CƠ QUAN ĐƯỢC PHÂN CẤP, ỦY QUYỀN', en: 'Per delegate body' },
      paragraphs: c.byBody.length ? [] : ['Không có nội dung nào.'],
      tables: c.byBody.length ? [{ sheet: 'Theo co quan', columns: tallyColumns({ vi: 'Cơ quan', en: 'Body' }), rows: c.byBody.map((g) => tallyRow(body(g.key), g)) }] : [],
    },
    {
      heading: { vi: 'IV. KẾT QUẢ ĐÁNH GIÁ TỪNG NỘI DUNG', en: 'Each delegation and its evaluation' },
      paragraphs: c.delegations.length ? [] : ['Không có nội dung nào.'],
      tables: c.delegations.length ? [{
        sheet: 'Tung noi dung',
        columns: [
          { vi: 'STT', en: 'No.', width: 6 }, { vi: 'Số hồ sơ', en: 'Case', width: 15 }, { vi: 'Nội dung', en: 'Title', width: 28 },
          { vi: 'Cơ quan nhận', en: 'Delegate', width: 20 }, { vi: 'Kết quả', en: 'Result', width: 12 }, { vi: 'Điều kiện đạt', en: 'Conditions met', width: 12 },
          { vi: 'Nguồn lực đã dùng', en: 'Resources used', width: 16 }, { vi: 'Khó khăn', en: 'Problems', width: 20 }, { vi: 'Đề xuất', en: 'Recommendation', width: 12 },
        ],
        rows: c.delegations.map((x, i) => {
          const e = x.evaluation;
          return [
            String(i + 1), x.caseNumber ?? x.decisionId.slice(0, 8), x.title, body(x.delegateBodyId),
            e ? RESULT_VI[e.result] : 'Chưa đánh giá', e ? formatRate(e.conditionsMet, 'vi') : '—',
            e ? `${vnd(e.budgetUsedVnd)}; ${e.staffUsed ?? '—'} biên chế` : '—', e?.problems.join('; ') || '—', e ? RECOMMENDATION_VI[e.recommendation ?? 'none'] : '—',
          ];
        }),
      }] : [],
    },
  ];
  const title = `Kết quả đánh giá nội dung phân cấp, ủy quyền năm ${c.year}`;
  return {
    head: {
      parentBody: d.parentBodyName ? d.parentBodyName.replace(/^Ủy ban nhân dân/u, 'UBND').toLocaleUpperCase('vi-VN') : null,
      issuingBody: shortName(d.issuingBodyName, d.parentBodyName).toLocaleUpperCase('vi-VN'),
      numberLine: 'Số:      /BC',
      placeAndDate: `${placeOf(d.provinceName.vi)}, ngày ${Number(on.slice(8, 10))} tháng ${Number(on.slice(5, 7))} năm ${on.slice(0, 4)}`,
      title: 'BÁO CÁO', subtitle: title, subtitleEn: `Yearly evaluation of the delegations, ${c.year}`,
      recipients: ['Ủy ban nhân dân tỉnh (để báo cáo)', 'Các sở, ban, ngành', 'Lưu: VT'], signer: null,
      footer: `Báo cáo đánh giá năm ${c.year} · lập ${d.generatedAt}`,
    },
    sections,
    info: { title: `BÁO CÁO ${title}`, author: d.issuingBodyName, subject: `Yearly evaluation ${c.year}`, keywords: `yearly evaluation; ${c.year}`, createdAt: d.generatedAt },
    facts: [['Cơ quan / Body', d.issuingBodyName], ['Báo cáo / Report', title], ['Lập lúc / Generated at', d.generatedAt]],
  };
}
