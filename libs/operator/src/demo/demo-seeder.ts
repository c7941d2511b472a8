import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/kernel';
import { seedExtraDemoUsers } from './demo-users.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { seedDemo } from './demo-seed.js';

/** Seeds the demo province when SEED_DEMO=true (the default on the embedded database). */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('SEED_DEMO') !== 'true') return;
    await seedDemo(this.db, () => this.clock.now());
    // Users of the second demo province (Quảng Nam) and a second Trà Vinh proposer: access/demo-users.ts.
    await seedExtraDemoUsers(this.db, DEMO_PASSWORD);
    new Logger('DemoSeeder').log('Demo province, catalogue and users are in place');
  }
}
