import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Inbox, type InboxItem, type InboxPage } from '@app/notifications';
import { RequirePermission } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { problems } from '@app/kernel';
import { INT4_MAX } from '../common/bounds.js';

export class ListNotificationsRequest {
  @ApiPropertyOptional({ default: 20, description: 'Số thông báo mỗi trang / page size (1–100)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ default: 0, description: 'Bỏ qua bao nhiêu thông báo / how many to skip' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(INT4_MAX)
  offset: number = 0;

  @ApiPropertyOptional({ description: 'Chỉ thông báo chưa đọc / unread only' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ description: 'Chỉ thông báo về một hồ sơ / only those about one decision', format: 'uuid' })
  @IsOptional() @IsUUID()
  decisionId?: string;
}

export type { InboxItem, InboxPage };

const notFound = (id: string) =>
  problems.notFound({
    vi: `Không có thông báo ${id} trong hộp thư của bạn.`,
    en: `No notification ${id} in your inbox.`,
  });

/** The signed-in user's inbox: reminders, escalations and other notices addressed to them. */
@ApiTags('notifications')
@ApiBearerAuth()
@RequirePermission('notifications:own')
@Controller('api/v1/me/notifications')
export class NotificationsController {
  constructor(private readonly inbox: Inbox) {}

  @Get()
  @ApiOperation({
    summary: 'Thông báo của tôi / my notifications',
    description: 'Mới nhất trước; `unread=true` chỉ lấy thông báo chưa đọc; `decisionId` chỉ thông báo về một hồ sơ. Newest first; `unread=true` for unread only; `decisionId` for one decision. '
      + 'Tiêu đề và nội dung có cả tiếng Việt và tiếng Anh / subject and body in Vietnamese and English.',
  })
  @ApiOkResponse({ description: '`{ items: [{ id, kind, decisionId, subject, body, data, createdAt, readAt }], total, unreadCount, limit, offset }`' })
  async list(@Query() q: ListNotificationsRequest, @CurrentUser() user: AuthenticatedUser): Promise<InboxPage> {
    return this.inbox.list(user.userId, { limit: q.limit, offset: q.offset, unread: q.unread, decisionId: q.decisionId });
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu tất cả đã đọc / mark every notification read' })
  @ApiOkResponse({ description: '`{ marked, unreadCount: 0 }`: how many were unread until now' })
  async readAll(@CurrentUser() user: AuthenticatedUser) {
    const marked = await this.inbox.markAllRead(user.userId);
    return { marked, unreadCount: 0 };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu đã đọc / mark one notification read', description: 'Lặp lại không đổi thời điểm đã đọc / repeating keeps the first readAt.' })
  @ApiParam({ name: 'id', description: 'Mã thông báo / notification id, e.g. `remind:<deadlineId>`' })
  @ApiOkResponse({ description: '`{ id, readAt, unreadCount }`' })
  @ApiNotFoundResponse({ description: 'Không có trong hộp thư của người dùng / not in this user\'s inbox (problem+json)' })
  async read(@Param('id') id: string, @CurrentUser() user: AuthenticatedUser) {
    if (id.length > 500) throw notFound(id.slice(0, 40) + '…');
    const read = await this.inbox.markRead(user.userId, id);
    if (!read) throw notFound(id);
    return { id, readAt: read.readAt, unreadCount: read.unreadCount };
  }
}
