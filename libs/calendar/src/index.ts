export * from './domain/dates.js';
export * from './domain/lunar.js';
export * from './domain/holidays.js';
export * from './domain/schedules.js';
export * from './domain/working-calendar.js';
export * from './application/calendar.service.js';
export * from './migrations/1732400200000-calendar-years.js';
export * from './calendar.module.js';
