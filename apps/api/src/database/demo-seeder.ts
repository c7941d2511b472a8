import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { seedDemo } from '../organisation/demo-seed.js';

/** Seeds the demo province when SEED_DEMO=true (the default on the embedded database). */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('SEED_DEMO') !== 'true') return;
    await seedDemo(this.db);
    new Logger('DemoSeeder').log('Demo province, catalogue and users are in place');
  }
}
