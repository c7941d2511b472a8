import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  isIsoDate, MAX_YEAR, MIN_YEAR, solarToLunar, weekdayName, type IsoDate, type WorkingCalendar,
} from '@app/calendar';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { RequirePermission } from '../access/permission.decorator.js';
import { problems } from '@app/kernel';
import { CalendarService } from '@app/calendar';
import { DeadlineRecalculator } from '@app/delegation';
import { SaveYearRequest, WorkingDaysRequest } from './calendar.dto.js';

function yearParam(raw: string): number {
  const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw problems.validation([{
      field: 'year',
      constraint: 'yearRange',
      reason: { vi: `year: năm phải là số từ ${MIN_YEAR} đến ${MAX_YEAR}`, en: `year must be a number between ${MIN_YEAR} and ${MAX_YEAR}` },
    }]);
  }
  return year;
}

function dateParam(raw: string, field = 'date'): IsoDate {
  if (!isIsoDate(raw)) {
    throw problems.validation([{ field, constraint: 'isLocalDate', reason: { vi: `${field}: phải là ngày hợp lệ theo định dạng YYYY-MM-DD`, en: `${field} must be a real date written YYYY-MM-DD` } }]);
  }
  const year = Number(raw.slice(0, 4));
  // MAX_YEAR − 2: 365 working days from the last allowed day stay inside the computed range.
  if (year < MIN_YEAR || year > MAX_YEAR - 2) {
    throw problems.validation([{ field, constraint: 'yearRange', reason: { vi: `${field}: lịch làm việc chỉ tính cho các năm ${MIN_YEAR}–${MAX_YEAR - 2}`, en: `${field}: the working calendar covers ${MIN_YEAR}–${MAX_YEAR - 2}` } }]);
  }
  return raw;
}

function dayView(calendar: WorkingCalendar, date: IsoDate) {
  const lunar = solarToLunar(date);
  return {
    date,
    weekday: weekdayName(date),
    lunar: { ...lunar, text: `${lunar.day}/${lunar.month}${lunar.leap ? ' (nhuận)' : ''}/${lunar.year} âm lịch` },
    ...calendar.dayKind(date),
  };
}

@ApiTags('calendar')
@ApiBearerAuth()
@RequirePermission('calendar:read')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(
    private readonly calendars: CalendarService,
    private readonly deadlines: DeadlineRecalculator,
  ) {}

  @Get('years')
  @ApiOperation({ summary: 'Lịch nghỉ các năm: có sẵn và do quản trị viên nạp / yearly schedules: built-in and loaded by admins' })
  years() {
    return this.calendars.listYears();
  }

  @Get('years/:year')
  @ApiParam({ name: 'year', example: 2026 })
  @ApiOperation({
    summary:
      'Lịch nghỉ của một năm, từng ngày nghỉ kèm lý do; năm chưa có thông báo thì tính theo Bộ luật Lao động / ' +
      "a year's schedule, every day off with its reason; a year without an announcement follows the Labour Code rules",
  })
  async year(@Param('year') raw: string) {
    const year = yearParam(raw);
    const [calendar, loaded] = await Promise.all([this.calendars.calendar(), this.calendars.loadedYear(year)]);
    const { sourceOf, ...info } = calendar.year(year);
    const withWeekday = (date: IsoDate) => ({ date, weekday: weekdayName(date) });
    return {
      ...info,
      loaded: !!loaded,
      ...(loaded ? { updatedBy: loaded.updatedBy, updatedAt: loaded.updatedAt } : {}),
      daysOff: info.daysOff.map((d) => ({
        ...withWeekday(d.date), kind: d.kind, reason: d.reason, ...(d.holiday ? { holiday: d.holiday } : {}), source: sourceOf[d.date] ?? info.source,
      })),
      makeUpWorkingDays: info.makeUpWorkingDays.map((date) => ({ ...withWeekday(date), reason: calendar.dayKind(date).reason, source: sourceOf[date] ?? info.source })),
    };
  }

  @Put('years/:year')
  // AccessGuard runs before the body is validated, so a non-admin gets 403 first.
  @RequirePermission('calendar:manage')
  @ApiParam({ name: 'year', example: 2027 })
  @ApiOperation({ summary: 'Nạp lịch nghỉ chính thức của một năm (chỉ quản trị viên) / load a year\'s official schedule (admins only)' })
  async saveYear(@Param('year') raw: string, @Body() body: SaveYearRequest, @CurrentUser() user: AuthenticatedUser) {
    const year = yearParam(raw);
    await this.calendars.saveYear({ year, ...body }, user.userId);
    // The deadlines counted through the year move with its days off (each move recorded).
    const deadlinesRecomputed = await this.deadlines.afterYearLoaded(year, user.userId);
    return { ...(await this.year(String(year))), deadlinesRecomputed };
  }

  @Get('working-days')
  @ApiOperation({
    summary:
      'Hạn sau N ngày làm việc, không tính ngày bắt đầu (Bộ luật Dân sự, Điều 147), kèm giải thích từng ngày / ' +
      'the day N working days later, the start day not counted (Civil Code Art. 147), with every day explained',
  })
  @ApiOkResponse({ description: '`{ from, workingDays, due, explanation: [{ date, counted, reason }], summary }`' })
  async workingDays(@Query() q: WorkingDaysRequest) {
    const from = dateParam(q.from, 'from');
    const calendar = await this.calendars.calendar();
    return calendar.addWorkingDays(from, q.days);
  }

  @Get('days/:date')
  @ApiParam({ name: 'date', example: '2026-02-17' })
  @ApiOperation({ summary: 'Một ngày có phải ngày làm việc không, và vì sao / whether a day is a working day, and why' })
  async day(@Param('date') raw: string) {
    const date = dateParam(raw);
    return dayView(await this.calendars.calendar(), date);
  }
}
