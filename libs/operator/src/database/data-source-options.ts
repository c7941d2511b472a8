import type { DataSourceOptions } from 'typeorm';
import { CHAIN_MIGRATIONS, EVENT_STORE_MIGRATIONS } from '@app/event-store';
import { BodyEntity } from '@app/organisation';
import { PowerEntity } from '@app/organisation';
import { UserEntity } from '@app/identity';
import { DecisionListEntity } from '@app/delegation';
import { PowerHoldingEntity } from '@app/delegation';
import { ReferenceAndReadModels1732400100000 } from './1732400100000-reference-and-read-models.js';
import { CALENDAR_MIGRATIONS } from '@app/calendar';
import { DocumentFiles1732402300000 } from '@app/delegation';
import { HandoffNotifications1732402200000, NOTIFICATION_MIGRATIONS, NotificationDeliveryAttempts1732401400000 } from '@app/notifications';
import { DeadlineExplanations1732401100000, DeadlinesAndFindings1732400400000, DecisionListDelegatorIndex1732401300000, DecisionListWork1732402020000, DeadlineChanges1732402210000, OpenFindingsByDecision1732402320000 } from '@app/delegation';
import { SearchFold1732402030000 } from './1732402030000-search-fold.js';
import { IntentsDueBound1732402310000 } from './1732402310000-intents-due-bound.js';
import { IdentityAndAccess1732400600000 } from '@app/identity';
import { OrganisationHistory1732400500000 } from '@app/organisation';
import { PowerCatalogue1732400800000 } from '@app/organisation';
import { AccessTrail1732400970000 } from '@app/audit';
import { IndexedChecks1732402130000 } from '@app/accountability';

/** One place that lists the entities and migrations; the app, the migrate script and tests share it. */
export function dataSourceOptions(url: string, opts: { poolSize?: number; connectTimeoutMs?: number } = {}): DataSourceOptions {
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
      NotificationDeliveryAttempts1732401400000,
      DeadlinesAndFindings1732400400000,
      DeadlineExplanations1732401100000,
      DecisionListDelegatorIndex1732401300000,
      OrganisationHistory1732400500000,
      IdentityAndAccess1732400600000,
      PowerCatalogue1732400800000,
      AccessTrail1732400970000,
      DecisionListWork1732402020000,
      SearchFold1732402030000,
      IndexedChecks1732402130000,
      HandoffNotifications1732402200000,
      DocumentFiles1732402300000,
      IntentsDueBound1732402310000,
      OpenFindingsByDecision1732402320000,
      DeadlineChanges1732402210000,
    ],
    migrationsTransactionMode: 'each',
    synchronize: false,
    // A database that does not answer fails a request in this time (503) instead of holding it.
    connectTimeoutMS: opts.connectTimeoutMs ?? 5000,
    // A transaction left open would hold back every log follower (they read below the oldest open one).
    extra: { max: opts.poolSize ?? 10, options: '-c idle_in_transaction_session_timeout=60000' },
  };
}
