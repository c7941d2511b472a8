import { Module } from '@nestjs/common';
import { BodyStore } from './application/body-store.js';
import { PowerStore } from './application/power-store.js';

/** The organisation registry: bodies and powers with their history. */
@Module({ providers: [BodyStore, PowerStore], exports: [BodyStore, PowerStore] })
export class OrganisationModule {}
