export {
  DispatchError,
  NotificationDispatcher,
  type DeliveryOutcome,
  type DispatchReport,
  type DispatcherChannels,
} from './notification-dispatcher.js';
export { NotificationsController, ListNotificationsRequest, type InboxItem, type InboxPage } from './notifications.controller.js';
export { NOTIFICATION_MIGRATIONS, Notifications1732400300000 } from './1732400300000-notifications.js';
