import { deadlineColour, type DeadlineLike } from '../deadlines';
import { formatDate, vietnamDate } from '../format';
import { useT } from '../i18n';

/** The colour-coded state of a deadline: green on time, amber due soon, red overdue. */
export function DeadlineBadge({ deadline, today = vietnamDate() }: { deadline: DeadlineLike | null | undefined; today?: string }) {
  const { t } = useT();
  const colour = deadlineColour(deadline, today);
  if (colour === 'none' || !deadline) return null;
  return (
    <span className={`badge badge--${colour}`} data-testid="deadline-badge" data-deadline={colour}>
      {t(`deadline.${colour}`)} · {t('board.due', { date: formatDate(deadline.dueOn) })}
      {deadline.workingDaysLeft !== undefined && deadline.workingDaysLeft >= 0 && (
        <> · {t('board.daysLeft', { n: String(deadline.workingDaysLeft) })}</>
      )}
    </span>
  );
}
