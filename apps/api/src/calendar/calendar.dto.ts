import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_YEAR, MIN_YEAR } from '@app/calendar';
import { IsLocalDate } from '../common/local-date.js';

/** The calendar's own span: admins load schedules for the years it covers (further than a decision's dates go). */
const CALENDAR_RANGE = { min: `${MIN_YEAR}-01-01`, max: `${MAX_YEAR}-12-31` };

export class SaveYearRequest {
  @ApiProperty({
    description: 'Văn bản công bố lịch nghỉ (số, ngày, cơ quan ban hành) / the official announcement (number, date, issuer)',
    example: 'Thông báo 6150/TB-LĐTBXH ngày 12/11/2024 của Bộ Lao động – Thương binh và Xã hội',
  })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  source: string;

  @ApiProperty({
    description:
      'Mọi ngày nghỉ rơi vào ngày làm việc trong tuần (Thứ Hai–Thứ Sáu) của năm: ngày lễ, tết, nghỉ bù, ngày hoán đổi; không ghi Thứ Bảy, Chủ nhật / ' +
      'every weekday (Monday–Friday) of the year that is off: holidays, compensatory and swapped days; weekends are not listed',
    type: [String],
    format: 'date',
    example: ['2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02'],
  })
  @IsArray() @ArrayMaxSize(60) @IsLocalDate({ each: true, range: CALENDAR_RANGE })
  daysOff: string[];

  @ApiProperty({
    description: 'Các ngày Thứ Bảy (hoặc Chủ nhật) đi làm bù cho ngày hoán đổi / the Saturdays (or Sundays) worked in exchange for a swapped day',
    type: [String],
    format: 'date',
    example: ['2025-04-26'],
  })
  @IsArray() @ArrayMaxSize(20) @IsLocalDate({ each: true, range: CALENDAR_RANGE })
  makeUpWorkingDays: string[];

  @ApiPropertyOptional({
    description: 'Văn bản của từng ngày, khi khác văn bản chung (ví dụ một thông báo hoán đổi ban hành sau) / the document of a listed day, where it is not `source` (e.g. a swap announced later)',
    type: 'object', additionalProperties: { type: 'string' },
    example: { '2025-05-02': 'Thông báo của Bộ Nội vụ về hoán đổi ngày làm việc dịp 30/4–1/5/2025' },
  })
  @IsOptional() @IsObject()
  entrySources?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Ghi chú / notes', example: 'Hoán đổi Thứ Sáu 02/5 với Thứ Bảy 26/4.' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(5000)
  notes?: string;
}

export class WorkingDaysRequest {
  @ApiProperty({ description: 'Ngày bắt đầu tính (không tính ngày này) / the start day (not counted)', format: 'date', example: '2026-02-10' })
  @IsLocalDate({ range: CALENDAR_RANGE })
  from: string;

  @ApiProperty({ description: 'Số ngày làm việc (0–365) / number of working days (0–365)', example: 10 })
  @Type(() => Number) @IsInt() @Min(0) @Max(365)
  days: number;
}
