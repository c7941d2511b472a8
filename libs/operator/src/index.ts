// The operator context (@app/operator): persistence and migrations, the demo seed, the background loops, CLI commands.
export * from './database/data-source-options.js';
export * from './database/embedded-postgres.js';
export * from './demo/demo-seeder.js';
export * from './demo/demo-seed.js';
export * from './demo/demo-data.js';
export * from './background/background.js';
export * from './background/intent-dispatcher.js';
export * from './background/reconciler.js';
export * from './commands/progress-bar.js';
export * from './commands/operator-commands.js';
export * from './database/database.module.js';
export * from './operator.module.js';
export * from './projections/projection-registry.js';
export * from './startup.js';
