import type { Role, Text } from '../../api/types';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  bodyId: string;
  provinceId: string;
  email: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/v1/calendar/years: one row a year with an official schedule. */
export interface YearListing {
  year: number;
  source: string;
  builtIn: boolean;
  loaded: boolean;
  daysOff: number;
  makeUpWorkingDays: number;
  updatedBy?: string;
  updatedAt?: string;
}

export interface CalendarDay {
  date: string;
  weekday: Text;
  reason: Text;
  source: string;
  kind?: 'holiday' | 'day-off';
  holiday?: string;
}

/** GET /api/v1/calendar/years/{year} (PUT answers the same, with deadlinesRecomputed). */
export interface YearView {
  year: number;
  basis: 'official' | 'statutory';
  source: string;
  notes?: string;
  loaded: boolean;
  updatedBy?: string;
  updatedAt?: string;
  daysOff: CalendarDay[];
  makeUpWorkingDays: CalendarDay[];
  deadlinesRecomputed?: { year: number; decisions: number; moved: number };
}
