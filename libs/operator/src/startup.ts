import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DemoSeeder } from './demo/demo-seeder.js';
import { ProjectionRegistry } from './projections/projection-registry.js';

/**
 * What a serving process does once the migrations ran, in this order: rebuild the read models whose
 * projection code changed (so that every append after it writes rows the new code agrees with), then
 * seed the demo when SEED_DEMO=true.
 */
@Injectable()
export class Startup implements OnApplicationBootstrap {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly seeder: DemoSeeder,
    private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projections.rebuildStale();
    if (this.config.get('SEED_DEMO') === 'true') await this.seeder.seed();
  }
}
