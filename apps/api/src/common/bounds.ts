/**
 * PostgreSQL's `integer` (int4) range. A number the API passes to SQL (an offset, a stream version)
 * stays inside it: past it the driver's query fails, and JavaScript has read 99999999999999999999 as
 * 1e20, an "integer", long before.
 */
export const INT4_MAX = 2_147_483_647;
