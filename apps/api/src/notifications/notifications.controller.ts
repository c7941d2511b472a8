import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import type { NotificationKind, Text } from '@app/notifications';
import { RequirePermission } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { Clock } from '@app/kernel';
import { problems } from '@app/kernel';

export class ListNotificationsRequest {
  @ApiPropertyOptional({ default: 20, description: 'Số thông báo mỗi trang / page size (1–100)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ default: 0, description: 'Bỏ qua bao nhiêu thông báo / how many to skip' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset: number = 0;

  @ApiPropertyOptional({ description: 'Chỉ thông báo chưa đọc / unread only' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  unread?: boolean;
}

export interface InboxItem {
  id: string;
  kind: NotificationKind;
  decisionId: string;
  subject: Text;
  body: Text;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  unreadCount: number;
  limit: number;
  offset: number;
}

interface Row {
  id: string;
  kind: NotificationKind;
  decision_id: string;
  subject_vi: string;
  subject_en: string;
  body_vi: string;
  body_en: string;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const toItem = (r: Row): InboxItem => ({
  id: r.id,
  kind: r.kind,
  decisionId: r.decision_id,
  subject: { vi: r.subject_vi, en: r.subject_en },
  body: { vi: r.body_vi, en: r.body_en },
  data: r.data,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
});

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
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Thông báo của tôi / my notifications',
    description: 'Mới nhất trước; `unread=true` chỉ lấy thông báo chưa đọc. Newest first; `unread=true` for unread only. '
      + 'Tiêu đề và nội dung có cả tiếng Việt và tiếng Anh / subject and body in Vietnamese and English.',
  })
  @ApiOkResponse({ description: '`{ items: [{ id, kind, decisionId, subject, body, data, createdAt, readAt }], total, unreadCount, limit, offset }`' })
  async list(@Query() q: ListNotificationsRequest, @CurrentUser() user: AuthenticatedUser): Promise<InboxPage> {
    const unreadOnly = q.unread === true;
    const where = `i.user_id = $1${unreadOnly ? ' AND i.read_at IS NULL' : ''}`;
    const rows: Row[] = await this.db.query(
      `SELECT n.id, n.kind, n.decision_id, n.subject_vi, n.subject_en, n.body_vi, n.body_en, n.data, n.created_at, i.read_at
         FROM notification_inbox i JOIN notifications n ON n.id = i.notification_id
        WHERE ${where}
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT $2 OFFSET $3`,
      [user.userId, q.limit, q.offset],
    );
    const [counts] = await this.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notification_inbox WHERE user_id = $1`,
      [user.userId],
    );
    return {
      items: rows.map(toItem),
      total: unreadOnly ? counts.unread : counts.total,
      unreadCount: counts.unread,
      limit: q.limit,
      offset: q.offset,
    };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu tất cả đã đọc / mark every notification read' })
  @ApiOkResponse({ description: '`{ marked, unreadCount: 0 }`: how many were unread until now' })
  async readAll(@CurrentUser() user: AuthenticatedUser) {
    const [{ marked }] = await this.db.query(
      `WITH u AS (UPDATE notification_inbox SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING 1)
       SELECT count(*)::int AS marked FROM u`,
      [user.userId, this.clock.now()],
    );
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
    const [row] = await this.db.query(
      `WITH u AS (UPDATE notification_inbox SET read_at = COALESCE(read_at, $3)
                   WHERE notification_id = $1 AND user_id = $2 RETURNING read_at)
       SELECT read_at FROM u`,
      [id, user.userId, this.clock.now()],
    );
    if (!row) throw notFound(id);
    const [{ unread }] = await this.db.query(
      `SELECT count(*)::int AS unread FROM notification_inbox WHERE user_id = $1 AND read_at IS NULL`,
      [user.userId],
    );
    return { id, readAt: new Date(row.read_at).toISOString(), unreadCount: unread };
  }
}
