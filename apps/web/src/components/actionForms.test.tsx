import { describe, expect, it } from 'vitest';
import type { ProposalContent } from '../api/types';
import { buildBody, formFields, initialValues } from './actionForms';

const content: ProposalContent = {
  title: 'Ủy quyền cấp giấy chứng nhận', delegatorBodyId: 'tv-ubnd', delegateBodyId: 'tv-so-tnmt', powerIds: ['TV-DD-02'], sector: 'dat-dai',
  legalBasis: ['Luật 72/2025/QH15'], resources: { budgetVnd: 1_500_000_000, staffPositions: 3, facilities: ['Bộ phận một cửa'] },
  period: { from: '2026-04-01', to: '2026-12-31' }, conditions: ['Báo cáo hằng quý', 'Công khai kết quả'], justification: 'Giảm thời gian',
  documents: [{ reference: '12/TTr-STNMT', title: 'Tờ trình số 12' }],
};

describe('the resubmit form', () => {
  it('starts from the current content, every field of it', () => {
    const v = initialValues('resubmit', content, 'uy-quyen');
    expect(v['changes.resources.budgetVnd']).toBe('1500000000');
    expect(v['changes.conditions']).toBe('Báo cáo hằng quý\nCông khai kết quả');
    expect(v['changes.documents']).toBe('12/TTr-STNMT | Tờ trình số 12');
    expect(v['changes.period.to']).toBe('2026-12-31');
  });

  it('sends only what changed, resources whole when the budget changed', () => {
    const initial = initialValues('resubmit', content, 'uy-quyen');
    const values = { ...initial, response: 'Đã làm rõ kinh phí', 'changes.resources.budgetVnd': '2000000000' };
    expect(buildBody('resubmit', values, initial, 'uy-quyen')).toEqual({
      response: 'Đã làm rõ kinh phí',
      changes: { resources: { budgetVnd: 2_000_000_000, staffPositions: 3, facilities: ['Bộ phận một cửa'] } },
    });
    const docs = { ...initial, response: 'x', 'changes.documents': '12/TTr-STNMT | Tờ trình số 12\n5/ĐA-STNMT | Đề án' };
    expect(buildBody('resubmit', docs, initial, 'uy-quyen').changes).toEqual({
      documents: [{ reference: '12/TTr-STNMT', title: 'Tờ trình số 12' }, { reference: '5/ĐA-STNMT', title: 'Đề án' }],
    });
  });

  it('offers no period to a phân cấp', () => {
    expect(formFields('resubmit', 'phan-cap').some((f) => f.name.startsWith('changes.period'))).toBe(false);
    expect(formFields('resubmit', 'uy-quyen').some((f) => f.name.startsWith('changes.period'))).toBe(true);
  });
});
