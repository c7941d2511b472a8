import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database/data-source-options.js';
import { seedDemo } from './organisation/demo-seed.js';
import { rebuildDecisionProjections } from './decisions/decision-store.js';
import { DecisionProjector } from './decisions/decision-projections.js';
import { CalendarService } from './calendar/index.js';
import { validateEnvironment } from './config/configuration.js';

const HELP = `phancap operator commands (DATABASE_URL must point at the database)

  npm run cli -- migrate                 apply pending migrations
  npm run cli -- seed-demo               insert the demo province, catalogue and users (idempotent)
  npm run cli -- rebuild-projections     rewrite the decision list and power registry from the event log
`;

async function main(command: string | undefined): Promise<void> {
  if (!command || command === '--help' || command === 'help') {
    console.log(HELP);
    return;
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the operator commands work on a database server.');
  const db = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    switch (command) {
      case 'migrate': {
        const applied = await db.runMigrations({ transaction: 'each' });
        console.log(`Applied ${applied.length} migration(s)${applied.length ? `: ${applied.map((m) => m.name).join(', ')}` : ''}.`);
        break;
      }
      case 'seed-demo':
        await seedDemo(db);
        console.log('Demo data is in place.');
        break;
      case 'rebuild-projections': {
        const started = Date.now();
        const env = validateEnvironment(process.env);
        const calendars = new CalendarService(db);
        const projector = new DecisionProjector(() => calendars.calendar(), () => new Date(), {
          reminderLeadWorkingDays: env.REMINDER_LEAD_WORKING_DAYS,
          expiryWarningDays: env.EXPIRY_WARNING_DAYS,
        });
        const n = await rebuildDecisionProjections(db, projector);
        console.log(`Rebuilt the read models of ${n} decision(s) in ${Date.now() - started} ms.`);
        break;
      }
      default:
        throw new Error(`Unknown command "${command}".\n\n${HELP}`);
    }
  } finally {
    await db.destroy();
  }
}

main(process.argv[2]).catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
