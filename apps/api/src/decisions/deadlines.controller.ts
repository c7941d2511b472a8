import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RequirePermission } from '../access/permission.decorator.js';
import { vietnamDate } from '@app/delegation';
import { CalendarService } from '@app/calendar';
import { Clock } from '@app/kernel';
import { problems } from '@app/kernel';

/** A decision's deadlines (stages, reports, evaluations, period end), each with how it was computed. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('api/v1/decisions')
export class DeadlinesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/deadlines')
  @RequirePermission('decisions:read', { decision: 'id' })
  @ApiOperation({ summary: 'Thời hạn / deadlines in working days, with their explanation' })
  async list(@Param('id') id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    const items = await this.db.query(
      `SELECT id, kind, subject, json_build_object('vi', title_vi, 'en', title_en) AS title,
              to_char(starts_on,'YYYY-MM-DD') AS "startsOn", to_char(due_on,'YYYY-MM-DD') AS "dueOn",
              to_char(remind_on,'YYYY-MM-DD') AS "remindOn", to_char(escalate_on,'YYYY-MM-DD') AS "escalateOn",
              responsible_role AS "responsibleRole", responsible_body_id AS "responsibleBodyId",
              responsible_user_id AS "responsibleUserId", status, to_char(closed_on,'YYYY-MM-DD') AS "closedOn", explanation
         FROM deadlines WHERE decision_id = $1 ORDER BY due_on, id`,
      [id],
    );
    const exists = items.length || (await this.db.query(`SELECT 1 FROM decision_list WHERE id = $1`, [id])).length;
    if (!exists) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    // What a board card shows: working days left (negative once overdue), counted from today in Vietnam.
    const calendar = await this.calendars.calendar();
    const today = vietnamDate(this.clock.now().toISOString());
    for (const d of items as Array<{ status: string; dueOn: string; workingDaysLeft?: number }>) {
      if (d.status === 'open') d.workingDaysLeft = calendar.workingDaysBetween(today, d.dueOn);
    }
    return { items };
  }
}
