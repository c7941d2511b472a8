import { Module } from '@nestjs/common';
import { CalendarService } from './application/calendar.service.js';

/** The working-day calendar: built-in schedules overridden by the years admins load. */
@Module({ providers: [CalendarService], exports: [CalendarService] })
export class CalendarModule {}
