// The job queue (@app/jobs): one job-name union, BullMQ on Redis or in-process, handlers checked at start-up.
export * from './jobs.js';
export * from './bullmq-queue.js';
export * from './bull-settings.js';
export * from './in-process-queue.js';
export * from './batcher.js';
