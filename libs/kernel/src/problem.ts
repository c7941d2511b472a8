import { HttpException } from '@nestjs/common';
import type { Text } from './text.js';

/** One bad field in a request, named by its path (e.g. `resources.budgetVnd`). */
export interface FieldError {
  field: string;
  constraint: string;
  reason: Text;
}

/** An RFC 9457 problem document, with the Vietnamese and English texts side by side. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  messages: { title: Text; detail: Text };
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Thrown anywhere in the app; rendered as `application/problem+json` by ProblemFilter. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly slug: string,
    readonly title: Text,
    readonly detail: Text,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that go with the problem (e.g. `Retry-After` on a 503). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail.en, status);
  }
}

/** The field names of a validation problem, each once, in the order first named. */
const fieldList = (errors: FieldError[]) => [...new Set(errors.map((e) => e.field))];

export const problems = {
  conflict: () =>
    new ProblemException(409, 'concurrent-update', { vi: 'Xung đột cập nhật', en: 'Concurrent update' }, {
      vi: 'Dữ liệu đang được người khác cập nhật; hãy tải lại rồi thử lại.',
      en: 'Someone else is changing it at the same time; reload and try again.',
    }),
  keyReused: (id: string) =>
    new ProblemException(422, 'idempotency-key-reused', { vi: 'Idempotency-Key đã được dùng', en: 'Idempotency key reused' }, {
      vi: `Idempotency-Key "${id.replace(/^[^:]*:/, '')}" đã được dùng cho một lệnh khác.`,
      en: `Idempotency-Key "${id.replace(/^[^:]*:/, '')}" was already used for a different command.`,
    }),
  validation: (errors: FieldError[]) => {
    const fields = fieldList(errors);
    return new ProblemException(
      400,
      'validation',
      { vi: 'Dữ liệu không hợp lệ', en: 'Invalid request' },
      {
        vi: `Có ${fields.length} trường không hợp lệ: ${fields.join(', ')}`,
        en: `${fields.length} invalid field(s): ${fields.join(', ')}`,
      },
      { errors },
    );
  },
  /** The database (or another service the request needs) cannot be reached now; the client may retry. */
  serviceUnavailable: (retryAfterSeconds: number) =>
    new ProblemException(
      503,
      'service-unavailable',
      { vi: 'Dịch vụ tạm thời gián đoạn', en: 'Service unavailable' },
      {
        vi: `Tạm thời không kết nối được cơ sở dữ liệu; hãy thử lại sau ${retryAfterSeconds} giây. Gửi lại với cùng Idempotency-Key thì lệnh không bị ghi hai lần.`,
        en: `The database cannot be reached right now; try again in ${retryAfterSeconds} seconds. Resending with the same Idempotency-Key never writes a command twice.`,
      },
      { retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  notFound: (what: Text) =>
    new ProblemException(404, 'not-found', { vi: 'Không tìm thấy', en: 'Not found' }, what),
  unauthorized: (detail: Text) =>
    new ProblemException(401, 'unauthorized', { vi: 'Chưa xác thực', en: 'Unauthorized' }, detail),
  preconditionFailed: (expected: number, current: number) =>
    new ProblemException(
      412,
      'stale-version',
      { vi: 'Phiên bản đã cũ', en: 'Precondition failed' },
      {
        vi: `If-Match yêu cầu phiên bản ${expected} nhưng dữ liệu đang ở phiên bản ${current}; hãy tải lại rồi thử lại.`,
        en: `If-Match names version ${expected} but it is at version ${current}; reload and try again.`,
      },
      { currentVersion: current, expectedVersion: expected },
    ),
};
