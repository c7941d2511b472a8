// The shared kernel (@app/kernel): the clock, problem documents, configuration. Every context may import it.
export * from './clock.js';
export * from './problem.js';
export * from './config/configuration.js';
export * from './kernel.module.js';
export * from './ttl-cache.js';
