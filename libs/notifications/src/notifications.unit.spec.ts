import { describe, expect, it } from '@jest/globals';
import {
  formatDateEn, formatDateVi, renderEscalation, renderEvaluationDue, renderPeriodEnding, renderReminder, renderReportDue,
  signWebhookBody, verifyWebhookSignature, type NotificationMessage,
} from './index.js';

const base = {
  decisionId: '0b9f6a3e-5a0c-4c39-9a57-1d2f0f6f0e11',
  // Typed in NFD (decomposed), as some Vietnamese keyboards do: the output must be NFC.
  title: '  Ủy quyền cấp giấy chứng nhận\nquyền sử dụng đất  '.normalize('NFD'),
  recipients: [{ userId: 'user-reviewer', name: 'Trần Thị Bình' }],
  now: '2026-11-24T01:00:00Z',
};
const TITLE = 'Ủy quyền cấp giấy chứng nhận quyền sử dụng đất';

const allTexts = (m: NotificationMessage) => [m.subject.vi, m.subject.en, m.body.vi, m.body.en];

describe('templates', () => {
  const messages = [
    renderReminder({ ...base, deadlineId: 'd1', dueOn: '2026-11-26', workingDaysLeft: 2 }),
    renderEscalation({ ...base, deadlineId: 'd1', dueOn: '2026-11-20', workingDaysOverdue: 1, bodyName: { vi: 'Sở Nội vụ tỉnh Trà Vinh', en: 'Trà Vinh Department of Home Affairs' } }),
    renderReportDue({ ...base, reportId: 'r1', dueOn: '2026-12-15', workingDaysLeft: 0 }),
    renderEvaluationDue({ ...base, evaluationId: 'e1', dueOn: '2027-01-05', workingDaysLeft: 5 }),
    renderPeriodEnding({ ...base, endsOn: '2026-12-31', daysLeft: 1 }),
  ];

  it('render Vietnamese-first subjects with dd/mm/yyyy dates, and English forms', () => {
    expect(messages.map((m) => m.subject.vi)).toEqual([
      `[Nhắc việc] Hồ sơ «${TITLE}» sắp đến hạn 26/11/2026 — còn 2 ngày làm việc`,
      `[Quá hạn] Hồ sơ «${TITLE}» đã quá hạn 20/11/2026 — chậm 1 ngày làm việc`,
      `[Báo cáo] Hồ sơ «${TITLE}»: hạn nộp báo cáo kết quả thực hiện là 15/12/2026 — đến hạn hôm nay`,
      `[Đánh giá] Hồ sơ «${TITLE}»: hạn đánh giá việc thực hiện là 05/01/2027 — còn 5 ngày làm việc`,
      `[Hết hạn ủy quyền] Việc ủy quyền theo «${TITLE}» kết thúc ngày 31/12/2026 — còn 1 ngày`,
    ]);
    expect(messages[0].subject.en).toBe(`[Reminder] «${TITLE}» is due on 26 Nov 2026 — 2 working days left`);
    expect(messages[1].subject.en).toBe(`[Overdue] «${TITLE}» missed its deadline of 20 Nov 2026 — 1 working day late`);
    expect(messages[4].subject.en).toBe(`[Authorisation ending] The authorisation under «${TITLE}» ends on 31 Dec 2026 — 1 day left`);
  });

  it('are NFC throughout, and keyed deterministically (the once-only key)', () => {
    for (const m of messages) for (const t of allTexts(m)) expect(t).toBe(t.normalize('NFC'));
    expect(messages.map((m) => m.id)).toEqual([
      'remind:d1', 'escalate:d1', 'report-due:r1', 'evaluation-due:e1', `period-ending:${base.decisionId}:2026-12-31`,
    ]);
    expect(renderReminder({ ...base, deadlineId: 'd1', dueOn: '2026-11-26', workingDaysLeft: 2 })).toEqual(messages[0]);
    expect(messages[0]).toMatchObject({ kind: 'reminder', createdAt: '2026-11-24T01:00:00.000Z', data: { deadlineId: 'd1', dueOn: '2026-11-26', title: TITLE } });
    expect(messages[0].body.vi.startsWith('Kính gửi: Trần Thị Bình')).toBe(true);
    expect(messages[1].body.vi).toContain('người đứng đầu');
  });

  it('write instants as the civil date in Việt Nam (UTC+7)', () => {
    expect(formatDateVi('2026-11-24T18:30:00Z')).toBe('25/11/2026');
    expect(formatDateVi('2026-03-04')).toBe('04/03/2026');
    expect(formatDateEn('2026-03-04')).toBe('4 Mar 2026');
  });
});

describe('webhook signatures', () => {
  const body = JSON.stringify({ id: 'remind:d1', subject: { vi: 'Nhắc việc' } });
  const header = signWebhookBody(body, 's3cret');

  it('verify the exact body with the secret, and nothing else', () => {
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(body, header, 's3cret')).toBe(true);
    expect(verifyWebhookSignature(Buffer.from(body, 'utf8'), [header], 's3cret')).toBe(true);
    expect(verifyWebhookSignature(body.replace('d1', 'd2'), header, 's3cret')).toBe(false);
    expect(verifyWebhookSignature(body, header, 'other')).toBe(false);
    expect(verifyWebhookSignature(body, header.slice(0, -2), 's3cret')).toBe(false);
    expect(verifyWebhookSignature(body, undefined, 's3cret')).toBe(false);
    expect(verifyWebhookSignature(body, header, '')).toBe(false);
  });
});
