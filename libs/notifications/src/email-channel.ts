import { createHash } from 'node:crypto';
import nodemailer, { type SMTPTransportOptions, type Transporter } from 'nodemailer';
import type { Channel, DeliveryReceipt } from './channel.js';
import type { NotificationMessage, Recipient } from './message.js';

export interface EmailChannelOptions {
  /** Connection, greeting and socket timeouts in ms (default 15 000), so a dead server fails the job instead of hanging it. */
  timeoutMs?: number;
  /** SMTP connections kept open and shared by the sends (default 5): a connection carries many e-mails, one after another. */
  connections?: number;
}

/** The plain-text e-mail: Vietnamese first, then English. */
export function emailText(message: NotificationMessage): string {
  return `${message.body.vi}\n\n----------------------------------------\n${message.subject.en}\n\n${message.body.en}\n`;
}

/**
 * Sends a notification by SMTP (nodemailer), one e-mail per recipient, in UTF-8: the Vietnamese
 * subject goes out as RFC 2047 encoded words and survives every hop.
 *
 * The Message-ID is derived from the notification id and the address, so a re-send of the same
 * notification (the crash window the dispatcher documents) carries the same Message-ID, which
 * many mail stores use to drop duplicates.
 */
export class EmailChannel implements Channel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;
  private readonly domain: string;

  /**
   * @param smtp an SMTP URL (`smtp://user:pass@host:587`, `smtps://…:465`) or nodemailer SMTP options
   * @param from the sender, e.g. `"Hệ thống phancap" <no-reply@phancap.example.gov.vn>`
   */
  constructor(smtp: string | SMTPTransportOptions, readonly from: string, options: EmailChannelOptions = {}) {
    const timeout = options.timeoutMs ?? 15_000;
    const base = typeof smtp === 'string' ? { url: smtp } : smtp;
    // Pooled: e-mails reuse open connections (no TCP connect, greeting and EHLO per e-mail); sends
    // beyond `connections` wait in the pool's queue. Each send still resolves on its own 250.
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: options.connections ?? 5,
      maxMessages: Infinity,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      ...base,
    } as SMTPTransportOptions);
    this.domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'phancap.invalid';
  }

  /** The Message-ID of this notification's e-mail to `address`: the same on every attempt (receivers dedupe on it). */
  messageIdFor(message: NotificationMessage, address: string): string {
    const digest = createHash('sha256').update(`${message.id}\n${address.toLowerCase()}`).digest('hex').slice(0, 32);
    return `<${digest}@${this.domain}>`;
  }

  /** Resolves with the server's reply once it accepted the message (its 250 to the data), rejects otherwise. */
  async send(message: NotificationMessage, recipient?: Recipient): Promise<DeliveryReceipt> {
    const address = recipient?.email;
    if (!address) throw new Error(`email: notification ${message.id} has a recipient without an e-mail address`);
    const messageId = this.messageIdFor(message, address);
    const info = await this.transport.sendMail({
      from: this.from,
      to: recipient.name ? { name: recipient.name, address } : address,
      subject: message.subject.vi,
      text: emailText(message),
      messageId,
      date: new Date(message.createdAt),
      headers: {
        'X-Phancap-Notification': message.id,
        'X-Phancap-Kind': message.kind,
        'Auto-Submitted': 'auto-generated',
        'Content-Language': 'vi, en',
      },
    });
    return { messageId, response: typeof info.response === 'string' ? info.response.slice(0, 500) : undefined };
  }

  /** Closes the transport (idle pooled connections, if any). */
  close(): void {
    this.transport.close();
  }
}
