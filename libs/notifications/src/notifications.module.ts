import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CalendarModule } from '@app/calendar';
import { Inbox } from './application/inbox.js';
import { EmailChannel } from './email-channel.js';
import { WebhookChannel } from './webhook-channel.js';
import { NotificationDispatcher } from './dispatch/notification-dispatcher.js';
import { ReminderProcessor } from './dispatch/reminder.processor.js';
import { HandoffNotifier } from './dispatch/handoff.processor.js';
import { NotificationPreferences } from './application/preferences.js';

/** Reminders, escalations and hand-off notices: the in-app inbox, e-mail (SMTP_URL) and the signed webhook (WEBHOOK_URL). */
@Module({
  imports: [CalendarModule],
  providers: [
    {
      provide: NotificationDispatcher,
      inject: [getDataSourceToken(), ConfigService],
      useFactory: (db: DataSource, config: ConfigService) => {
        const smtp = config.get<string>('SMTP_URL');
        const webhook = config.get<string>('WEBHOOK_URL');
        return new NotificationDispatcher(db, {
          email: smtp
            ? new EmailChannel(smtp, config.get<string>('MAIL_FROM') ?? 'phancap <no-reply@phancap.local>', { connections: Number(config.get('SMTP_CONNECTIONS') ?? 5) })
            : undefined,
          webhook: webhook ? new WebhookChannel(webhook, config.getOrThrow<string>('WEBHOOK_SECRET')) : undefined,
        }, { inDoubtAfterMs: Number(config.get('DELIVERY_IN_DOUBT_AFTER_MS') ?? 120_000) });
      },
    },
    ReminderProcessor,
    HandoffNotifier,
    Inbox,
    NotificationPreferences,
  ],
  exports: [NotificationDispatcher, ReminderProcessor, HandoffNotifier, Inbox, NotificationPreferences],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(private readonly dispatcher: NotificationDispatcher) {}

  /** The pooled SMTP connections close with the process. */
  onApplicationShutdown(): void {
    this.dispatcher.close();
  }
}
