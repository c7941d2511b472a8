import { Module } from '@nestjs/common';
import { BodyStore } from './application/body-store.js';
import { PowerStore } from './application/power-store.js';
import { ReferenceData } from './application/reference-data.js';

/** The organisation registry: bodies and powers with their history, and the reference checks of commands. */
@Module({ providers: [BodyStore, PowerStore, ReferenceData], exports: [BodyStore, PowerStore, ReferenceData] })
export class OrganisationModule {}
