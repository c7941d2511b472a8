import type { DataSourceOptions } from 'typeorm';
import { CHAIN_MIGRATIONS, EVENT_STORE_MIGRATIONS } from '@app/event-store';
import { BodyEntity } from '../organisation/body.entity.js';
import { PowerEntity } from '../organisation/power.entity.js';
import { UserEntity } from '../organisation/user.entity.js';
import { DecisionListEntity } from '../decisions/decision-list.entity.js';
import { PowerHoldingEntity } from '../registry/power-holding.entity.js';
import { ReferenceAndReadModels1732400100000 } from './migrations/1732400100000-reference-and-read-models.js';
import { CALENDAR_MIGRATIONS } from '../calendar/index.js';
import { NOTIFICATION_MIGRATIONS } from '../notifications/index.js';
import { DeadlinesAndFindings1732400400000 } from '../deadlines/deadlines.migration.js';
import { IdentityAndAccess1732400600000 } from '../access/access.migration.js';
import { OrganisationHistory1732400500000 } from '../organisation/organisation-history.migration.js';
import { PowerCatalogue1732400800000 } from '../organisation/power-catalogue.migration.js';
import { AccessTrail1732400970000 } from '../audit-trail/access-trail.migration.js';

/** One place that lists the entities and migrations; the app, the migrate script and tests share it. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [BodyEntity, PowerEntity, UserEntity, DecisionListEntity, PowerHoldingEntity],
    migrations: [
      ...EVENT_STORE_MIGRATIONS,
      ...CHAIN_MIGRATIONS,
      ReferenceAndReadModels1732400100000,
      ...CALENDAR_MIGRATIONS,
      ...NOTIFICATION_MIGRATIONS,
      DeadlinesAndFindings1732400400000,
      OrganisationHistory1732400500000,
      IdentityAndAccess1732400600000,
      PowerCatalogue1732400800000,
      AccessTrail1732400970000,
    ],
    migrationsTransactionMode: 'each',
    synchronize: false,
    // A transaction left open would hold back every log follower (they read below the oldest open one).
    extra: { max: 10, options: '-c idle_in_transaction_session_timeout=60000' },
  };
}
