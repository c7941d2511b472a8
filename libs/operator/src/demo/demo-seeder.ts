import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/kernel';
import { BodyStore, PowerStore } from '@app/organisation';
import { DEMO_PASSWORD } from './demo-data.js';
import { seedDemo } from './demo-seed.js';
import { seedExtraDemoUsers } from './demo-users.js';

/** Seeds the demo province (SEED_DEMO=true, the default on the embedded database, or `cli seed-demo`). */
@Injectable()
export class DemoSeeder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bodies: BodyStore,
    private readonly powers: PowerStore,
    private readonly clock: Clock,
  ) {}

  async seed(): Promise<void> {
    await seedDemo(this.db, { bodies: this.bodies, powers: this.powers }, () => this.clock.now());
    // Users of the second demo province (Quảng Nam) and a second Trà Vinh proposer: demo-users.ts.
    await seedExtraDemoUsers(this.db, DEMO_PASSWORD);
    new Logger('DemoSeeder').log('Demo province, catalogue and users are in place');
  }
}
