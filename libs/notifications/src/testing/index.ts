// Test helpers of the notifications context (@app/notifications/testing): a local SMTP server and webhook receiver.
export * from './servers.js';
