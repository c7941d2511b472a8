import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListDeadlinesQuery } from '@app/delegation';
import { problems } from '@app/kernel';
import { RequirePermission } from '../access/permission.decorator.js';

/** A decision's deadlines (stages, reports, evaluations, period end), each with how it was computed. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('api/v1/decisions')
export class DeadlinesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/deadlines')
  @RequirePermission('decisions:read', { decision: 'id' })
  @ApiOperation({ summary: 'Thời hạn / deadlines in working days, with their explanation' })
  @ApiOkResponse({ description: '`{ items: [{ id, kind, subject, title, startsOn, dueOn, remindOn, escalateOn, responsibleRole, responsibleBodyId, status, closedOn, overdue, workingDaysLeft?, explanation: { summary, steps, notes } }] }`' })
  list(@Param('id') id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    return this.queries.execute(new ListDeadlinesQuery(id.toLowerCase()));
  }
}
