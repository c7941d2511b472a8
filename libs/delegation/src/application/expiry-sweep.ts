import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/kernel';
import { vietnamDate } from '../domain/rules/expires-after-period-end.js';
import { commandInput } from '../domain/commands.js';
import { DecisionStore } from './decision-store.js';
import { ExecuteDecisionCommand } from './execute-decision-command.js';

/**
 * Also closes every consultation (lấy ý kiến, workflow v2) whose due date is over, recording the bodies
 * that did not answer: the deadline passing is a system command, like an expiry.
 *
 * Expires every issued ủy quyền whose period ended before today (Vietnam time). The due list is read
 * from the database each time, so nothing is lost across a restart; the command id is derived from the
 * decision, so two sweeps (or two processes) expire a decision once.
 */
@Injectable()
export class ExpirySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpirySweep');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly decisions: DecisionStore,
  ) {}

  onApplicationBootstrap(): void {
    const every = Number(this.config.get('EXPIRY_SWEEP_INTERVAL_MS') ?? 60_000);
    if (every > 0)
      this.timer = setInterval(() => {
        void this.sweep().catch((e) => this.logger.error(e));
        void this.closeConsultations().catch((e) => this.logger.error(e));
      }, every).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Returns the ids it expired. */
  async sweep(): Promise<string[]> {
    const today = vietnamDate(this.clock.now().toISOString());
    const due: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM decision_list WHERE kind = 'uy-quyen' AND stage = 'issued' AND period_to < $1 ORDER BY period_to`,
      [today],
    );
    const done: string[] = [];
    for (const { id } of due) {
      try {
        await this.commands.execute(
          new ExecuteDecisionCommand(id, commandInput('expire', { userId: 'system', role: 'system', bodyId: 'system' }, {}), {
            commandId: `expire:${id}`,
          }),
        );
        done.push(id);
      } catch (e) {
        this.logger.warn(`Could not expire ${id}: ${(e as Error).message}`);
      }
    }
    return done;
  }

  /** Closes the consultations past their due date (Vietnam time); returns the ids it closed. */
  async closeConsultations(): Promise<string[]> {
    const today = vietnamDate(this.clock.now().toISOString());
    const open: Array<{ id: string }> = await this.db.query(`SELECT id FROM decision_list WHERE stage = 'in-consultation' ORDER BY id`);
    const done: string[] = [];
    for (const { id } of open) {
      const { state } = await this.decisions.load(id);
      const c = state.consultation;
      if (state.stage !== 'in-consultation' || !c || c.closed || !(today > c.dueOn)) continue;
      try {
        await this.commands.execute(
          new ExecuteDecisionCommand(id, commandInput('close-consultation', { userId: 'system', role: 'system', bodyId: 'system' }, {}), {
            commandId: `close-consultation:${id}:${c.round}`,
          }),
        );
        done.push(id);
      } catch (e) {
        this.logger.warn(`Could not close the consultation of ${id}: ${(e as Error).message}`);
      }
    }
    return done;
  }
}
