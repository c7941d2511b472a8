import { Module } from '@nestjs/common';
import { BodyStore } from './application/body-store.js';
import { GetPowerHandler, ListPowerVersionsHandler } from './application/get-power.query.js';
import { ListBodiesHandler } from './application/list-bodies.query.js';
import { ListPowersHandler } from './application/list-powers.query.js';
import { OrganisationScope } from './application/organisation-scope.js';
import { PowerStore } from './application/power-store.js';

/** The organisation registry: bodies and powers with their history. */
@Module({
  providers: [BodyStore, PowerStore, ListBodiesHandler, ListPowersHandler, GetPowerHandler, ListPowerVersionsHandler, OrganisationScope],
  exports: [BodyStore, PowerStore, OrganisationScope],
})
export class OrganisationModule {}
