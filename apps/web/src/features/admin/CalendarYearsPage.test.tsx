import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { callsTo, json, mockFetch, renderPage, signIn, type Handler } from '../../test-utils';
import { CalendarYearsPage } from './CalendarYearsPage';
import type { YearView } from './types';

const ADMIN = { id: 'user-admin', username: 'admin', displayName: 'Lê Quản Trị', role: 'admin' as const, bodyId: 'tv-ubnd', provinceId: 'tv' };
const TB = 'Thông báo 6150/TB-LĐTBXH ngày 12/11/2024';

const YEARS = [
  { year: 2025, source: TB, builtIn: true, loaded: false, daysOff: 12, makeUpWorkingDays: 1 },
  { year: 2026, source: 'Thông báo 100/TB-BNV ngày 01/11/2025', builtIn: true, loaded: true, daysOff: 10, makeUpWorkingDays: 0, updatedBy: 'user-admin', updatedAt: '2026-11-20T03:00:00.000Z' },
];

const wd = (vi: string, en: string) => ({ vi, en });
const Y2025: YearView = {
  year: 2025, basis: 'official', source: TB, loaded: false, notes: 'Hoán đổi Thứ Sáu 02/5 với Thứ Bảy 26/4.',
  daysOff: [
    { date: '2025-01-01', weekday: wd('Thứ Tư', 'Wednesday'), kind: 'holiday', reason: wd('Tết Dương lịch', "New Year's Day"), source: TB },
    { date: '2025-05-02', weekday: wd('Thứ Sáu', 'Friday'), kind: 'day-off', reason: wd('Nghỉ hoán đổi', 'Swapped day off'), source: 'Thông báo 1/TB-BNV' },
  ],
  makeUpWorkingDays: [{ date: '2025-04-26', weekday: wd('Thứ Bảy', 'Saturday'), reason: wd('Làm bù', 'Make-up working day'), source: TB }],
};
const Y2027: YearView = {
  year: 2027, basis: 'statutory', source: 'Bộ luật Lao động 2019, Điều 112', loaded: false,
  daysOff: [{ date: '2027-01-01', weekday: wd('Thứ Sáu', 'Friday'), kind: 'holiday', reason: wd('Tết Dương lịch', "New Year's Day"), source: 'Bộ luật Lao động 2019, Điều 112' }],
  makeUpWorkingDays: [],
};

const page = (route: string, lang: 'vi' | 'en' = 'vi') =>
  renderPage(
    <Routes>
      <Route path="/admin/calendar" element={<CalendarYearsPage />} />
      <Route path="/admin/calendar/:year" element={<CalendarYearsPage />} />
    </Routes>,
    { route, lang },
  );

describe('calendar years screen (admin)', () => {
  beforeEach(() => signIn(ADMIN));

  it('lists the years, built in or loaded, and opens one with its days off, reasons and documents in dd/mm/yyyy', async () => {
    mockFetch({ 'GET /api/v1/calendar/years': YEARS, 'GET /api/v1/calendar/years/2025': Y2025 });
    page('/admin/calendar');
    const row = await screen.findByTestId('year-row-2025');
    expect(within(row).getByTestId('year-origin').textContent).toBe('Có sẵn');
    expect(within(screen.getByTestId('year-row-2026')).getByTestId('year-origin').textContent).toBe('Có sẵn, đã nạp thay');
    expect(screen.getByTestId('year-row-2026').textContent).toContain('20/11/2026');
    await userEvent.click(within(row).getByRole('link', { name: 'Xem năm 2025' }));
    const detail = await screen.findByTestId('year-detail');
    expect(detail.textContent).toContain('Lịch nghỉ năm 2025');
    const off = within(detail).getByTestId('days-off');
    expect(off.textContent).toContain('01/01/2025');
    expect(off.textContent).toContain('Tết Dương lịch');
    expect(off.textContent).toContain('Thông báo 1/TB-BNV');
    expect(off.textContent).not.toContain('2025-05-02');
    expect(within(detail).getByTestId('make-up-days').textContent).toContain('26/04/2025');
    expect(within(detail).getByTestId('make-up-days').textContent).toContain('Thứ Bảy');
    expect(within(detail).getByTestId('year-load').textContent).toBe('Nạp lại (thay lịch nghỉ năm 2025)');
  });

  it('loads a year\'s official schedule from dd/mm/yyyy dates and says how many deadlines moved', async () => {
    const put: Handler = ({ body }) => {
      const b = body as { source: string; daysOff: string[] };
      return json({
        ...Y2027, basis: 'official', loaded: true, source: b.source, updatedAt: '2026-12-01T07:00:00.000Z',
        daysOff: b.daysOff.map((date) => ({ date, weekday: wd('Thứ Hai', 'Monday'), kind: 'day-off', reason: wd('Nghỉ theo thông báo', 'Day off'), source: b.source })),
        deadlinesRecomputed: { year: 2027, decisions: 5, moved: 3 },
      });
    };
    const fetch = mockFetch({ 'GET /api/v1/calendar/years': YEARS, 'GET /api/v1/calendar/years/2027': Y2027, 'PUT /api/v1/calendar/years/2027': put });
    page('/admin/calendar/2027');
    const detail = await screen.findByTestId('year-detail');
    expect(within(detail).getByTestId('year-basis').textContent).toContain('Bộ luật Lao động');
    await userEvent.click(within(detail).getByTestId('year-load'));

    await userEvent.click(screen.getByTestId('year-submit'));
    expect(screen.getByTestId('error-source').textContent).toBe('Văn bản công bố: bắt buộc nhập');
    await userEvent.type(screen.getByLabelText(/^Văn bản công bố/), 'Thông báo 200/TB-BNV ngày 10/11/2026');
    expect(screen.queryByTestId('error-source')).toBeNull();
    await userEvent.type(screen.getByLabelText(/^Ngày nghỉ \(Thứ Hai/), '01/01/2027{enter}31/02/2027{enter}8/2/2027');
    await userEvent.click(screen.getByTestId('year-submit'));
    expect(screen.getByTestId('error-daysOff').textContent).toBe('Ngày nghỉ (Thứ Hai–Thứ Sáu): dòng 2: "31/02/2027" không phải ngày dạng dd/mm/yyyy');
    expect(callsTo(fetch, 'PUT', '/api/v1/calendar/years/2027')).toHaveLength(0);

    const days = screen.getByLabelText(/^Ngày nghỉ \(Thứ Hai/);
    await userEvent.clear(days);
    await userEvent.type(days, '01/01/2027{enter}05/02/2027{enter}08/02/2027');
    await userEvent.type(screen.getByLabelText(/^Văn bản riêng/), '05/02/2027: Thông báo 201/TB-BNV');
    await userEvent.click(screen.getByTestId('year-submit'));

    const saved = await screen.findByTestId('year-saved');
    expect(saved.textContent).toContain('Đã nạp lịch nghỉ năm 2027.');
    expect(screen.getByTestId('deadlines-moved').textContent).toBe('Đã tính lại hạn của 5 hồ sơ; 3 hạn xử lý đã dời ngày.');
    expect(callsTo(fetch, 'PUT', '/api/v1/calendar/years/2027')[0].body).toEqual({
      source: 'Thông báo 200/TB-BNV ngày 10/11/2026',
      daysOff: ['2027-01-01', '2027-02-05', '2027-02-08'],
      makeUpWorkingDays: [],
      entrySources: { '2027-02-05': 'Thông báo 201/TB-BNV' },
    });
    expect(screen.getByTestId('days-off').textContent).toContain('08/02/2027');
    await waitFor(() => expect(callsTo(fetch, 'GET', '/api/v1/calendar/years')).toHaveLength(2));
  });

  it('shows the API\'s rule on a listed day beside its field, by line, dates as dd/mm/yyyy', async () => {
    const fetch = mockFetch({
      'GET /api/v1/calendar/years': YEARS,
      'GET /api/v1/calendar/years/2025': Y2025,
      'PUT /api/v1/calendar/years/2025': json({
        status: 400, messages: { title: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid data' }, detail: { vi: 'Sửa các trường.', en: 'Fix the fields.' } },
        errors: [
          { field: 'makeUpWorkingDays[0]', constraint: 'isWeekend', reason: { vi: 'ngày làm bù phải là Thứ Bảy hoặc Chủ nhật; 28/04/2025 là Thứ Hai', en: 'a make-up working day must be a Saturday or Sunday; 2025-04-28 is a Monday' } },
        ],
      }, 400),
    });
    page('/admin/calendar/2025', 'en');
    await userEvent.click(await screen.findByTestId('year-load'));
    // The reload starts from the year's current schedule.
    expect((screen.getByLabelText(/^Days off \(/) as HTMLTextAreaElement).value).toBe('01/01/2025\n02/05/2025');
    expect((screen.getByLabelText(/^Documents of single days/) as HTMLTextAreaElement).value).toBe('02/05/2025: Thông báo 1/TB-BNV');
    const makeUp = screen.getByLabelText(/^Make-up working days/);
    await userEvent.clear(makeUp);
    await userEvent.type(makeUp, '28/04/2025');
    await userEvent.click(screen.getByTestId('year-submit'));
    expect((await screen.findByTestId('error-makeUpWorkingDays')).textContent).toBe(
      'Make-up working days (Saturday, Sunday): line 1: a make-up working day must be a Saturday or Sunday; 28/04/2025 is a Monday',
    );
    expect(callsTo(fetch, 'PUT', '/api/v1/calendar/years/2025')[0].body).toMatchObject({ source: TB, makeUpWorkingDays: ['2025-04-28'], notes: Y2025.notes });
    await userEvent.type(makeUp, '{backspace}');
    expect(screen.queryByTestId('error-makeUpWorkingDays')).toBeNull();
  });
});
