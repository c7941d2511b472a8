import { Injectable, Logger } from '@nestjs/common';
import { DecisionStore } from '@app/delegation';
import { canRebuildOnline, rebuildOnline, rebuildProjections, rebuildStaleProjections, type CommandPipeline, type SqlPool } from '@app/event-store';
import { BodyStore, PowerStore } from '@app/organisation';

/**
 * Every stream type's pipeline with its read models, in the order they must be rebuilt (bodies before
 * the powers and decisions that name them).
 */
@Injectable()
export class ProjectionRegistry {
  private readonly logger = new Logger('Projections');

  constructor(
    private readonly bodies: BodyStore,
    private readonly powers: PowerStore,
    private readonly decisions: DecisionStore,
  ) {}

  get pipelines(): ReadonlyArray<CommandPipeline<any, any, any>> {
    return [this.bodies.pipeline, this.powers.pipeline, this.decisions.pipeline];
  }

  get sql(): SqlPool {
    return this.decisions.log.sql;
  }

  /** Rebuilds the tables whose projection code changed since they were built (at start-up). */
  rebuildStale(): Promise<string[]> {
    return rebuildStaleProjections(this.sql, this.pipelines, (m) => this.logger.log(m));
  }

  /**
   * Rewrites every read model from the log while the product keeps serving: the decisions' tables are
   * built beside the live ones and swapped in (rebuildOnline); the organisation's few tables (bodies and
   * powers, referenced by foreign keys, upserted in place) in one short transaction each. Returns
   * streams per type.
   */
  async rebuildAll(onProgress?: (streamType: string, streams: number) => void): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const pipeline of this.pipelines) {
      const projections = pipeline.spec.projections ?? [];
      if (canRebuildOnline(pipeline)) {
        const report = await rebuildOnline(this.sql, pipeline, { onProgress: (n) => onProgress?.(pipeline.spec.streamType, n) });
        this.logger.log(`Rebuilt the ${pipeline.spec.streamType} read models online: ${report.streams} stream(s), ${report.tailStreams} caught up from the tail, swapped in ${report.swapMs} ms`);
        counts[pipeline.spec.streamType] = report.streams;
        continue;
      }
      counts[pipeline.spec.streamType] = await this.sql.transaction(async (tx) => {
        const truncated = [...new Set(projections.filter((p) => p.rebuild !== 'upsert').map((p) => p.table))];
        if (truncated.length) await tx.query(`TRUNCATE ${truncated.join(', ')}`);
        return rebuildProjections(tx, pipeline, { onProgress: (n) => onProgress?.(pipeline.spec.streamType, n) });
      });
      pipeline.forget();
    }
    return counts;
  }
}
