import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider, type Lang } from '../i18n';
import { EvaluationsCard } from './EvaluationsCard';

const show = (evaluations: Parameters<typeof EvaluationsCard>[0]['view']['evaluations'], lang: Lang = 'vi') =>
  render(<I18nProvider lang={lang}><EvaluationsCard view={{ evaluations }} /></I18nProvider>);

describe('the yearly evaluations of a decision, and what followed them up', () => {
  it('says an amendment the evaluation recommends is not yet made, and which document made it once it is', () => {
    show([
      { year: 2025, result: 'needs-adjustment', summary: 'Cần điều chỉnh', recommendation: 'amend' },
      { year: 2026, result: 'ineffective', summary: 'Không hiệu quả', recommendation: 'revoke',
        followedBy: { command: 'revoke', documentNumber: '301/QĐ-UBND', effectiveFrom: '2027-02-01', at: '2027-01-25T02:00:00.000Z' } },
    ]);
    expect(screen.getByTestId('evaluation-2025').textContent).toContain('Đề xuất sửa đổi, bổ sung theo đánh giá năm 2025: chưa thực hiện');
    expect(screen.getByTestId('evaluation-2026').textContent).toContain('Đã thu hồi theo văn bản 301/QĐ-UBND, hiệu lực từ 2027-02-01');
  });

  it('opens nothing for keep, and shows nothing without evaluations', () => {
    show([{ year: 2026, result: 'effective', summary: 'Đạt', recommendation: 'keep' }], 'en');
    expect(screen.getByTestId('evaluations').textContent).toContain('Year 2026');
    expect(screen.queryByTestId('evaluation-follow-up')).toBeNull();
    const { container } = show([]);
    expect(container.innerHTML).toBe('');
  });
});
