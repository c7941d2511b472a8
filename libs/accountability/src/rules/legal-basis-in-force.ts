import type { IsoDate } from '@app/delegation';
import type { AccountabilityRule, CheckContext, Finding, LegalDocumentInfo } from '../domain/types.js';
import { effectiveDate, finding, isSubmitted } from '../domain/support.js';

const normalise = (s: string) => s.normalize('NFC').replace(/\s*\/\s*/g, '/').toUpperCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a citation names the document number as a whole token ("2/2025/QH15" is not in "72/2025/QH15"). */
export function cites(citation: string, number: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}/])${escape(normalise(number))}(?![\\p{L}\\p{N}])`, 'u').test(normalise(citation));
}

const inForce = (doc: LegalDocumentInfo, day: IsoDate) => doc.inForceFrom <= day && (doc.inForceUntil === null || day < doc.inForceUntil);

/**
 * The legal basis is cited, and every cited document the checks know is in force on the day the
 * decision takes effect (its effective date, else the period start, else today).
 */
export const LEGAL_BASIS_IN_FORCE: AccountabilityRule = {
  id: 'legal-basis-in-force',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 13 và 14 (phân cấp, ủy quyền bằng văn bản theo quy định của pháp luật)',
  message: {
    vi: 'Căn cứ pháp lý phải được nêu và phải là văn bản đang có hiệu lực vào ngày quyết định có hiệu lực.',
    en: 'The legal basis must be cited and be in force on the day the decision takes effect.',
  },
  appliesTo: isSubmitted,
  evaluate(ctx: CheckContext): Finding[] {
    const citations = ctx.decision.content.legalBasis.filter((c) => typeof c === 'string' && c.trim() !== '');
    if (citations.length === 0) {
      return [
        finding(LEGAL_BASIS_IN_FORCE, 'legal-basis:missing', 'violation', undefined, {
          vi: 'Chưa nêu căn cứ pháp lý.',
          en: 'No legal basis is cited.',
        }),
      ];
    }
    const on = effectiveDate(ctx.decision, ctx.today);
    const out: Finding[] = [];
    const docs = [...ctx.legalDocuments].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
    for (const doc of docs) {
      const citation = citations.find((c) => cites(c, doc.number));
      if (citation === undefined || inForce(doc, on)) continue;
      out.push(
        finding(
          this,
          `legal-basis:${doc.number}`,
          'violation',
          { number: doc.number, citation, on, inForceFrom: doc.inForceFrom, inForceUntil: doc.inForceUntil },
          {
            vi: `Căn cứ pháp lý "${doc.number}" (${doc.title}) không có hiệu lực vào ngày ${on}.`,
            en: `The legal basis "${doc.number}" (${doc.title}) is not in force on ${on}.`,
          },
        ),
      );
    }
    return out;
  },
};
