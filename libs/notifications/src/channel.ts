import type { NotificationMessage, Recipient } from './message.js';

export type ChannelName = 'inbox' | 'email' | 'webhook';

/** Delivers a message; resolves once the far side has accepted it, rejects otherwise. */
export interface Channel {
  readonly name: ChannelName;
  send(message: NotificationMessage, recipient?: Recipient): Promise<void>;
}
