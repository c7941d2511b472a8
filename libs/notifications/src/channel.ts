import type { NotificationMessage, Recipient } from './message.js';

export type ChannelName = 'inbox' | 'email' | 'webhook';

/** What the far side answered when it accepted a message (kept in the delivery ledger). */
export interface DeliveryReceipt {
  /** The SMTP server's final reply (`250 2.0.0 Ok: queued as …`), or `HTTP 204` for a webhook. */
  response?: string;
  /** The e-mail's Message-ID header. */
  messageId?: string;
}

/** Delivers a message; resolves once the far side has accepted it, rejects otherwise. */
export interface Channel {
  readonly name: ChannelName;
  send(message: NotificationMessage, recipient?: Recipient): Promise<DeliveryReceipt | void>;
}
