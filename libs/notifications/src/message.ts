import type { IsoDate, IsoInstant } from '@app/delegation';
import type { Text } from '@app/kernel';

export type { IsoDate, IsoInstant, Text };

/** Deadline notices: sent on the reminder day of a deadline, or after it passed. */
export const DEADLINE_NOTIFICATION_KINDS = ['reminder', 'escalation', 'report-due', 'evaluation-due', 'period-ending'] as const;
/** Hand-off notices: a decision moved on and now waits on someone else. */
export const HANDOFF_NOTIFICATION_KINDS = [
  'submitted', 'assigned', 'revision-requested', 'resubmitted', 'appraised', 'legal-appraised', 'sent-to-council',
  'vote-recorded', 'decided', 'issued', 'finding-raised',
] as const;
export const NOTIFICATION_KINDS = [...DEADLINE_NOTIFICATION_KINDS, ...HANDOFF_NOTIFICATION_KINDS] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type HandoffKind = (typeof HANDOFF_NOTIFICATION_KINDS)[number];

/** Who a notification goes to: a user of the app (inbox, and e-mail if known), an address, or both. */
export interface Recipient {
  userId?: string;
  email?: string;
  name?: string;
}

/** One notification, ready for every channel. */
export interface NotificationMessage {
  /**
   * Deterministic, e.g. `remind:<deadlineId>`: the once-only key. The same event always renders
   * the same id, so a replayed job is recognised as the same notification.
   */
  id: string;
  kind: NotificationKind;
  decisionId: string;
  /** Vietnamese first; Unicode NFC. */
  subject: Text;
  body: Text;
  recipients: Recipient[];
  data: Record<string, unknown>;
  createdAt: IsoInstant;
}
