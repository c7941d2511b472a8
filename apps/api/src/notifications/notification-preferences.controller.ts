import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsObject, ValidateNested } from 'class-validator';
import { NOTIFICATION_KINDS, NotificationPreferences, type NotificationKind, type NotificationPreference } from '@app/notifications';
import { problems } from '@app/kernel';
import { RequirePermission } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';

export class NotificationPreferenceDto {
  @ApiProperty({ description: 'Loại thông báo / notification kind', enum: NOTIFICATION_KINDS, example: 'assigned' })
  @IsIn(NOTIFICATION_KINDS)
  kind: NotificationKind;

  @ApiProperty({ description: 'Gửi vào hộp thư trong ứng dụng / put in the in-app inbox', example: true })
  @IsDefined() @IsBoolean()
  inbox: boolean;

  @ApiProperty({ description: 'Gửi thư điện tử / send an e-mail', example: false })
  @IsDefined() @IsBoolean()
  email: boolean;
}

export class UpdateNotificationPreferencesRequest {
  @ApiProperty({ type: [NotificationPreferenceDto], description: 'Các loại cần đổi (loại khác giữ nguyên) / the kinds to change; others stay' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(NOTIFICATION_KINDS.length) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => NotificationPreferenceDto)
  preferences: NotificationPreferenceDto[];
}

/** The signed-in user's choice of channel (inbox, e-mail) for each kind of notification. */
@ApiTags('notifications')
@ApiBearerAuth()
@RequirePermission('notifications:own')
@Controller('api/v1/me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferences) {}

  @Get()
  @ApiOperation({ summary: 'Tùy chọn thông báo của tôi / my notification preferences', description: 'Mọi loại thông báo, mặc định bật cả hai kênh / every kind; both channels on unless turned off.' })
  @ApiOkResponse({ description: '`{ items: [{ kind, label: { vi, en }, inbox, email }] }`' })
  async get(@CurrentUser() user: AuthenticatedUser): Promise<{ items: NotificationPreference[] }> {
    return { items: await this.preferences.get(user.userId) };
  }

  @Put()
  @ApiOperation({ summary: 'Đổi tùy chọn thông báo / change my notification preferences', description: 'Mỗi loại một lần / each kind at most once.' })
  @ApiOkResponse({ description: 'Toàn bộ tùy chọn sau khi đổi / every preference after the change: `{ items }`' })
  @ApiBadRequestResponse({ description: 'Loại không hợp lệ hoặc lặp lại / unknown or repeated kind (problem+json, errors[].field)' })
  async put(@Body() body: UpdateNotificationPreferencesRequest, @CurrentUser() user: AuthenticatedUser): Promise<{ items: NotificationPreference[] }> {
    const seen = new Set<string>();
    body.preferences.forEach((p, i) => {
      if (seen.has(p.kind)) throw repeated(i, p.kind);
      seen.add(p.kind);
    });
    return { items: await this.preferences.set(user.userId, body.preferences) };
  }
}

function repeated(index: number, kind: string) {
  return problems.validation([{
    field: `preferences.${index}.kind`, constraint: 'unique',
    reason: { vi: `Loại thông báo "${kind}" được nêu hai lần.`, en: `Notification kind "${kind}" is given twice.` },
  }]);
}
