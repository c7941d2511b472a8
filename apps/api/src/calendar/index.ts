export { CALENDAR_MIGRATIONS, CalendarYears1732400200000 } from './calendar-years.migration.js';
export { CalendarService, type LoadedYear, type YearListing } from './calendar.service.js';
export { CalendarController } from './calendar.controller.js';
export { SaveYearRequest, WorkingDaysRequest } from './calendar.dto.js';
