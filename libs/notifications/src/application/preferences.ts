import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/kernel';
import { NOTIFICATION_KINDS, type NotificationKind, type Text } from '../message.js';

export interface NotificationPreference {
  kind: NotificationKind;
  label: Text;
  inbox: boolean;
  email: boolean;
}

/** What each kind is called on the preferences screen. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, Text> = {
  reminder: { vi: 'Nhắc việc trước hạn', en: 'Reminder before a deadline' },
  escalation: { vi: 'Báo quá hạn', en: 'Deadline missed' },
  'report-due': { vi: 'Đến hạn báo cáo', en: 'Report due' },
  'evaluation-due': { vi: 'Đến hạn đánh giá', en: 'Evaluation due' },
  'period-ending': { vi: 'Sắp hết thời hạn ủy quyền', en: 'Authorisation ending' },
  submitted: { vi: 'Hồ sơ mới được trình', en: 'File submitted' },
  assigned: { vi: 'Được phân công thẩm định', en: 'Assigned to appraise' },
  'revision-requested': { vi: 'Hồ sơ bị trả lại để bổ sung', en: 'Returned for revision' },
  resubmitted: { vi: 'Hồ sơ đã bổ sung, trình lại', en: 'Resubmitted' },
  appraised: { vi: 'Đã thẩm định', en: 'Appraised' },
  'legal-appraised': { vi: 'Đã thẩm định pháp lý', en: 'Legal appraisal done' },
  'sent-to-council': { vi: 'Đã trình HĐND', en: 'Sent to the council' },
  'vote-recorded': { vi: 'Kết quả biểu quyết của HĐND', en: 'Council vote recorded' },
  decided: { vi: 'Đã quyết định', en: 'Decided' },
  issued: { vi: 'Đã ban hành', en: 'Issued' },
  'finding-raised': { vi: 'Phát hiện cần xử lý', en: 'Finding raised' },
};

/** Each user's choice of channel (inbox, e-mail) per kind of notification; the dispatcher applies it. */
@Injectable()
export class NotificationPreferences {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Every kind, in a fixed order, with the user's choice (both on unless turned off). */
  async get(userId: string): Promise<NotificationPreference[]> {
    const rows: Array<{ kind: NotificationKind; inbox: boolean; email: boolean }> = await this.db.query(
      `SELECT kind, inbox, email FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    const chosen = new Map(rows.map((r) => [r.kind, r]));
    return NOTIFICATION_KINDS.map((kind) => ({
      kind, label: NOTIFICATION_KIND_LABELS[kind], inbox: chosen.get(kind)?.inbox ?? true, email: chosen.get(kind)?.email ?? true,
    }));
  }

  /** Sets the kinds given (the others stay as they were), in one statement; answers the whole set. */
  async set(userId: string, items: ReadonlyArray<{ kind: NotificationKind; inbox: boolean; email: boolean }>): Promise<NotificationPreference[]> {
    if (items.length) {
      await this.db.query(
        `INSERT INTO notification_preferences (user_id, kind, inbox, email, updated_at)
         SELECT $1, k, i, e, $5 FROM unnest($2::text[], $3::boolean[], $4::boolean[]) AS t(k, i, e)
         ON CONFLICT (user_id, kind) DO UPDATE SET inbox = EXCLUDED.inbox, email = EXCLUDED.email, updated_at = EXCLUDED.updated_at`,
        [userId, items.map((x) => x.kind), items.map((x) => x.inbox), items.map((x) => x.email), this.clock.now()],
      );
    }
    return this.get(userId);
  }
}
