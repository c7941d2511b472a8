import type { BullSettings } from './bullmq-queue.js';

/** BullMQ connection settings from a redis:// URL (BullMQ needs maxRetriesPerRequest: null for workers). */
export function bullSettings(redisUrl: string, prefix?: string): BullSettings {
  const url = new URL(redisUrl);
  return {
    connection: {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: url.username || undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      tls: url.protocol === 'rediss:' ? {} : undefined,
      maxRetriesPerRequest: null,
    },
    prefix: prefix || 'phancap',
  };
}
