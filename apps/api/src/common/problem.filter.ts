import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Text } from '@app/delegation';
import { ConcurrencyConflictError, ExpectedVersionMismatchError, IdempotencyKeyReusedError } from '@app/event-store';
import { ProblemException, problems, type ProblemBody } from '@app/kernel';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-errors.js';

/** Express body-parser errors carry a `type`; map them to problems that say what was wrong. */
function fromBodyParser(e: { type?: string; status?: number; limit?: number }): ProblemException | undefined {
  if (e.type === 'entity.parse.failed')
    return new ProblemException(400, 'malformed-json', { vi: 'JSON không hợp lệ', en: 'Malformed JSON' }, {
      vi: 'Nội dung yêu cầu không phải JSON hợp lệ.',
      en: 'The request body is not valid JSON.',
    });
  if (e.type === 'entity.too.large')
    return new ProblemException(413, 'payload-too-large', { vi: 'Nội dung quá lớn', en: 'Payload too large' }, {
      vi: `Nội dung yêu cầu vượt quá giới hạn ${e.limit} byte.`,
      en: `The request body exceeds the limit of ${e.limit} bytes.`,
    }, { limitBytes: e.limit });
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return new ProblemException(415, 'unsupported-encoding', { vi: 'Mã hóa không hỗ trợ', en: 'Unsupported encoding' }, {
      vi: 'Chỉ chấp nhận JSON mã hóa UTF-8.', en: 'Only UTF-8 JSON is accepted.',
    });
  return undefined;
}

const GENERIC: Record<number, Text> = {
  400: { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  401: { vi: 'Chưa xác thực', en: 'Unauthorized' },
  403: { vi: 'Không có quyền', en: 'Forbidden' },
  404: { vi: 'Không tìm thấy', en: 'Not found' },
  405: { vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
  408: { vi: 'Hết thời gian chờ yêu cầu', en: 'Request timeout' },
  413: { vi: 'Nội dung quá lớn', en: 'Payload too large' },
  415: { vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported media type' },
  429: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  500: { vi: 'Lỗi máy chủ', en: 'Internal server error' },
  503: { vi: 'Dịch vụ tạm thời gián đoạn', en: 'Service unavailable' },
};

/** Renders every error as RFC 9457 `application/problem+json`, in the language the client asks for. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const problem = this.toProblem(exception);
    // An answer already on its way (a stream that failed half-way) cannot become a problem document.
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const lang = /^en/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'vi';
    const { slug, title, detail, extensions } = problem;
    const body: ProblemBody = {
      type: `urn:phancap:problem:${slug}`,
      title: title[lang],
      status: problem.getStatus(),
      detail: detail[lang],
      instance: req.originalUrl,
      messages: { title, detail },
      ...extensions,
    };
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): ProblemException {
    if (exception instanceof ProblemException) return exception;
    // The command pipeline's outcomes that are the client's to resolve, for every context alike.
    if (exception instanceof ExpectedVersionMismatchError) return problems.preconditionFailed(exception.expectedVersion, exception.actualVersion);
    if (exception instanceof ConcurrencyConflictError) return problems.conflict();
    if (exception instanceof IdempotencyKeyReusedError) return problems.keyReused(exception.commandId);
    // Nest's Express adapter wraps body-parser errors; the original (with its `type`) is the cause.
    const parsed = fromBodyParser(exception as { type?: string }) ?? fromBodyParser((exception as { cause?: { type?: string } }).cause ?? {});
    if (parsed) return parsed;
    // The database went away (restart, failover, network): the client may retry; the pool reconnects.
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${(exception as Error)?.message ?? String(exception)}`);
      return problems.serviceUnavailable(DATABASE_RETRY_AFTER_SECONDS);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const title = GENERIC[status] ?? { vi: 'Lỗi', en: exception.name };
      return new ProblemException(status, `http-${status}`, title, { vi: title.vi, en: exception.message });
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return new ProblemException(500, 'internal', GENERIC[500], {
      vi: 'Đã xảy ra lỗi không mong muốn; không có thay đổi nào được ghi.',
      en: 'An unexpected error occurred; nothing was written.',
    });
  }
}
