import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Channel, DeliveryReceipt } from './channel.js';
import type { NotificationMessage } from './message.js';

export const SIGNATURE_HEADER = 'X-Phancap-Signature';
export const DELIVERY_HEADER = 'X-Phancap-Delivery';
export const TIMESTAMP_HEADER = 'X-Phancap-Timestamp';

/** `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function signWebhookBody(rawBody: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/**
 * For receivers: true when `header` (the X-Phancap-Signature value) is the HMAC of exactly these
 * bytes under `secret`. Verify the raw body as received, before parsing it. Timing-safe.
 */
export function verifyWebhookSignature(rawBody: string | Uint8Array, header: string | string[] | null | undefined, secret: string): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(value?.trim() ?? '');
  if (!m || !secret) return false;
  const given = Buffer.from(m[1], 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(given, expected);
}

export class WebhookDeliveryError extends Error {
  constructor(readonly status: number, readonly responseText: string) {
    super(`webhook answered ${status}${responseText ? `: ${responseText}` : ''}`);
    this.name = 'WebhookDeliveryError';
  }
}

export interface WebhookChannelOptions {
  /** Whole-request timeout in ms (default 10 000). */
  timeoutMs?: number;
  /** The clock for X-Phancap-Timestamp (tests). */
  now?: () => Date;
}

/** What the webhook receives (the JSON body). */
export interface WebhookPayload {
  /** Same as X-Phancap-Delivery: receivers dedupe on it. */
  id: string;
  kind: NotificationMessage['kind'];
  decisionId: string;
  subject: NotificationMessage['subject'];
  body: NotificationMessage['body'];
  /** Users and names only: e-mail addresses stay inside phancap. */
  recipients: Array<{ userId?: string; name?: string }>;
  data: Record<string, unknown>;
  createdAt: string;
  /** Unix seconds, as in X-Phancap-Timestamp; signed with the body, so a receiver can refuse stale replays. */
  timestamp: number;
}

/**
 * POSTs each notification as JSON to one URL, signed with a shared secret. Any 2xx is success;
 * anything else, a network error or the timeout rejects (the dispatcher records it and the job retries).
 * A receiver may see the same X-Phancap-Delivery twice (a retry after an unrecorded success) and
 * must treat it as one.
 */
export class WebhookChannel implements Channel {
  readonly name = 'webhook' as const;
  /** The URL without credentials, query or fragment: how deliveries to it are recorded. */
  readonly target: string;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(readonly url: string, private readonly secret: string, options: WebhookChannelOptions = {}) {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`webhook: ${u.protocol} URLs are not supported`);
    if (!secret) throw new Error('webhook: a signing secret is required');
    this.target = `${u.origin}${u.pathname}`;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
  }

  async send(message: NotificationMessage): Promise<DeliveryReceipt> {
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const payload: WebhookPayload = {
      id: message.id,
      kind: message.kind,
      decisionId: message.decisionId,
      subject: message.subject,
      body: message.body,
      recipients: message.recipients.map(({ userId, name }) => ({ ...(userId ? { userId } : {}), ...(name ? { name } : {}) })),
      data: message.data,
      createdAt: message.createdAt,
      timestamp,
    };
    const raw = JSON.stringify(payload);
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'phancap-webhook/1',
        [SIGNATURE_HEADER]: signWebhookBody(raw, this.secret),
        [DELIVERY_HEADER]: message.id,
        [TIMESTAMP_HEADER]: String(timestamp),
      },
      body: raw,
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new WebhookDeliveryError(res.status, text.slice(0, 200));
    return { response: `HTTP ${res.status}${text ? ` ${text.slice(0, 200)}` : ''}` };
  }
}
