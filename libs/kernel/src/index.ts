// The shared kernel (@app/kernel): the clock, bilingual texts, problem documents, configuration. Every context may import it.
export * from './clock.js';
export type { Text } from './text.js';
export * from './problem.js';
export * from './config/configuration.js';
export * from './kernel.module.js';
export * from './ttl-cache.js';
export * from './search.js';
