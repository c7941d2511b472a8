export {
  DEADLINE_NOTIFICATION_KINDS,
  HANDOFF_NOTIFICATION_KINDS,
  NOTIFICATION_KINDS,
  type HandoffKind,
  type IsoDate,
  type IsoInstant,
  type NotificationKind,
  type NotificationMessage,
  type Recipient,
  type Text,
} from './message.js';
export type { Channel, ChannelName, DeliveryReceipt } from './channel.js';
export { formatDate, formatDateEn, formatDateVi } from './format.js';
export {
  renderEscalation,
  renderEvaluationDue,
  renderPeriodEnding,
  renderReminder,
  renderReportDue,
  type EscalationInput,
  type EvaluationDueInput,
  type PeriodEndingInput,
  type ReminderInput,
  type ReportDueInput,
  type TemplateInput,
} from './templates.js';
export { EmailChannel, emailText, type EmailChannelOptions } from './email-channel.js';
export {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  WebhookChannel,
  WebhookDeliveryError,
  signWebhookBody,
  verifyWebhookSignature,
  type WebhookChannelOptions,
  type WebhookPayload,
} from './webhook-channel.js';
export * from './dispatch/notification-dispatcher.js';
export * from './dispatch/reminder.processor.js';
export * from './migrations/1732400300000-notifications.js';
export * from './migrations/1732401400000-delivery-attempts.js';
export * from './notifications.module.js';
export * from './application/inbox.js';
export * from './dispatch/handoff.processor.js';
export * from './application/preferences.js';
export { HANDOFF_KIND_OF, renderHandoff, type HandoffInput } from './handoff-templates.js';
export * from './migrations/1732402200000-handoff-notifications.js';
