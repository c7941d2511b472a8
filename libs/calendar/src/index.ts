export * from './dates.js';
export * from './lunar.js';
export * from './holidays.js';
export * from './schedules.js';
export * from './working-calendar.js';
