import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface HttpTimeouts {
  /** Longest time to receive a whole request (headers and body); Node answers 408 after it. */
  requestTimeoutMs: number;
  /** Longest time to receive a request's headers. */
  headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
}

/** What Node itself refuses before the framework sees a request, as problem documents. */
const CLIENT_ERRORS: Record<string, { status: number; reason: string; slug: string; vi: [string, string]; en: [string, string] }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431, reason: 'Request Header Fields Too Large', slug: 'headers-too-large',
    vi: ['Tiêu đề yêu cầu quá lớn', 'Các tiêu đề của yêu cầu vượt quá giới hạn của máy chủ.'],
    en: ['Request header fields too large', 'The request headers exceed the server limit.'],
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408, reason: 'Request Timeout', slug: 'request-timeout',
    vi: ['Hết thời gian chờ yêu cầu', 'Máy chủ không nhận đủ yêu cầu (tiêu đề và nội dung) trong thời gian cho phép.'],
    en: ['Request timeout', 'The server did not receive the whole request (headers and body) in time.'],
  },
};
const BAD_REQUEST = {
  status: 400, reason: 'Bad Request', slug: 'malformed-request',
  vi: ['Yêu cầu không hợp lệ', 'Yêu cầu HTTP không đúng cú pháp.'] as [string, string],
  en: ['Bad request', 'The HTTP request is malformed.'] as [string, string],
};

/** A minimal problem+json response written straight to the socket (there is no request object yet). */
export function rawProblemResponse(code: string | undefined): string {
  const p = (code && CLIENT_ERRORS[code]) || BAD_REQUEST;
  const body = JSON.stringify({
    type: `urn:phancap:problem:${p.slug}`,
    title: p.vi[0],
    status: p.status,
    detail: p.vi[1],
    messages: { title: { vi: p.vi[0], en: p.en[0] }, detail: { vi: p.vi[1], en: p.en[1] } },
  });
  return `HTTP/1.1 ${p.status} ${p.reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/**
 * Bounds how long a slow or stalled client can hold a connection, and answers what Node refuses by
 * itself (oversized headers 431, a request not received in time 408, a malformed one 400) with a
 * problem document instead of an empty response.
 */
export function hardenHttpServer(server: Server, t: HttpTimeouts): void {
  server.requestTimeout = t.requestTimeoutMs;
  server.headersTimeout = t.headersTimeoutMs;
  server.keepAliveTimeout = t.keepAliveTimeoutMs;
  // Node checks the two timeouts on this interval (30 s by default, read when the server starts
  // listening): without it, a 10 s header timeout could hold a connection for 40 s.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    Math.max(100, Math.min(1000, Math.floor(Math.min(t.requestTimeoutMs, t.headersTimeoutMs) / 4)));
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // As Node's own handler: answer only if nothing of a response went out on this socket yet.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    // end() rather than write() + destroy(): a close with unread input would reset the connection
    // and the client could lose the answer. A client that never closes its side is dropped anyway.
    socket.end(rawProblemResponse(err.code));
    setTimeout(() => socket.destroy(), 1000).unref();
  });
}
