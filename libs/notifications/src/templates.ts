import { formatDate, nfc, oneLine, plural, toInstant } from './format.js';
import type { IsoDate, IsoInstant, NotificationKind, NotificationMessage, Recipient, Text } from './message.js';

/** What every template needs. */
export interface TemplateInput {
  decisionId: string;
  /** The decision's title (trích yếu), as the users know it. */
  title: string;
  recipients: Recipient[];
  /** When the notification is made (its `createdAt`); the clock is the caller's. */
  now: IsoInstant | Date;
  /** Where to open the decision, e.g. `https://phancap.example.gov.vn/decisions/<id>`. */
  link?: string;
  /** Overrides the default once-only key (e.g. for a second reminder of the same deadline). */
  id?: string;
  /** Extra fields stored with the notification and sent to the webhook. */
  data?: Record<string, unknown>;
}

/** A stage deadline that is near: to the people responsible. */
export interface ReminderInput extends TemplateInput {
  deadlineId: string;
  dueOn: IsoDate;
  /** Working days left (0 = due today). */
  workingDaysLeft: number;
  /** What is awaited, e.g. { vi: 'thẩm định', en: 'appraisal' }. */
  task?: Text;
}

/** A stage deadline that has passed: to the head of the body (người đứng đầu). */
export interface EscalationInput extends TemplateInput {
  deadlineId: string;
  dueOn: IsoDate;
  /** Working days past the deadline. */
  workingDaysOverdue: number;
  task?: Text;
  /** The body whose head is told, e.g. Sở Nội vụ tỉnh Trà Vinh. */
  bodyName: Text;
  /** Names of the people who were responsible (and reminded). */
  responsible?: string[];
}

/** A report on the delegated tasks (báo cáo kết quả thực hiện) falls due. */
export interface ReportDueInput extends TemplateInput {
  reportId: string;
  dueOn: IsoDate;
  workingDaysLeft: number;
  /** The period reported on, e.g. { vi: 'quý III/2026', en: 'Q3 2026' }. */
  period?: Text;
}

/** An evaluation of how the delegation is carried out (đánh giá) falls due. */
export interface EvaluationDueInput extends TemplateInput {
  evaluationId: string;
  dueOn: IsoDate;
  workingDaysLeft: number;
}

/** The term of an ủy quyền ends soon. */
export interface PeriodEndingInput extends TemplateInput {
  endsOn: IsoDate;
  /** Calendar days left (0 = ends today). */
  daysLeft: number;
  /** The number of the document that granted it, e.g. 12/QĐ-UBND. */
  documentNumber?: string;
}

const FOOTER: Text = {
  vi: 'Thông báo tự động của hệ thống phancap; vui lòng không trả lời thư này.',
  en: 'Automatic notice from phancap; please do not reply to this message.',
};

function greeting(recipients: Recipient[]): Text {
  const names = recipients.map((r) => r.name && oneLine(r.name)).filter(Boolean).join(', ');
  return names ? { vi: `Kính gửi: ${names}`, en: `Dear ${names},` } : { vi: 'Kính gửi: đồng chí', en: 'Dear colleague,' };
}

export function compose(input: TemplateInput, kind: NotificationKind, id: string, subject: Text, paragraphs: Text[], data: Record<string, unknown>): NotificationMessage {
  const parts = [greeting(input.recipients), ...paragraphs];
  if (input.link) parts.push({ vi: `Xem hồ sơ: ${input.link}`, en: `Open the file: ${input.link}` });
  parts.push(FOOTER);
  const body = { vi: parts.map((p) => p.vi).join('\n\n'), en: parts.map((p) => p.en).join('\n\n') };
  return {
    id: input.id ?? id,
    kind,
    decisionId: input.decisionId,
    subject: nfc({ vi: oneLine(subject.vi), en: oneLine(subject.en) }),
    body: nfc(body),
    recipients: input.recipients.map((r) => ({ ...r, ...(r.name ? { name: oneLine(r.name) } : {}) })),
    data: { title: oneLine(input.title), ...(input.link ? { link: input.link } : {}), ...data, ...input.data },
    createdAt: toInstant(input.now),
  };
}

const left = (n: number): Text => ({ vi: `còn ${n} ngày làm việc`, en: `${plural(n, 'working day', 'working days')} left` });

export function renderReminder(input: ReminderInput): NotificationMessage {
  const title = oneLine(input.title);
  const due = formatDate(input.dueOn);
  const n = input.workingDaysLeft;
  const task = input.task ?? { vi: 'xử lý', en: 'action' };
  const subject: Text =
    n > 0
      ? { vi: `[Nhắc việc] Hồ sơ «${title}» sắp đến hạn ${due.vi} — ${left(n).vi}`, en: `[Reminder] «${title}» is due on ${due.en} — ${left(n).en}` }
      : { vi: `[Nhắc việc] Hồ sơ «${title}» đến hạn hôm nay, ${due.vi}`, en: `[Reminder] «${title}» is due today, ${due.en}` };
  return compose(input, 'reminder', `remind:${input.deadlineId}`, subject, [
    {
      vi: `Hồ sơ «${title}» đang chờ ${task.vi}; thời hạn hoàn thành là ngày ${due.vi} (${n > 0 ? left(n).vi : 'đến hạn hôm nay'}).`,
      en: `The file «${title}» awaits ${task.en}; it must be completed by ${due.en} (${n > 0 ? left(n).en : 'due today'}).`,
    },
    {
      vi: 'Đề nghị đồng chí hoàn thành đúng thời hạn. Quá hạn, hệ thống sẽ báo cáo người đứng đầu cơ quan.',
      en: 'Please complete it on time. Once the deadline has passed, the head of the body will be informed.',
    },
  ], { deadlineId: input.deadlineId, dueOn: input.dueOn, workingDaysLeft: n, ...(input.task ? { task: input.task } : {}) });
}

export function renderEscalation(input: EscalationInput): NotificationMessage {
  const title = oneLine(input.title);
  const due = formatDate(input.dueOn);
  const n = input.workingDaysOverdue;
  const body = nfc(input.bodyName);
  const task = input.task ?? { vi: 'xử lý', en: 'action' };
  const late: Text = n > 0 ? { vi: `chậm ${n} ngày làm việc`, en: `${plural(n, 'working day', 'working days')} late` } : { vi: 'hết hạn hôm nay', en: 'deadline reached today' };
  const paragraphs: Text[] = [
    {
      vi: `Hồ sơ «${title}» tại ${body.vi} đã quá thời hạn ${task.vi} (ngày ${due.vi}), ${late.vi}.`,
      en: `The file «${title}» at ${body.en} has passed its ${task.en} deadline (${due.en}), ${late.en}.`,
    },
  ];
  if (input.responsible?.length) {
    const names = input.responsible.map(oneLine).join(', ');
    paragraphs.push({ vi: `Người được giao xử lý: ${names}.`, en: `Responsible: ${names}.` });
  }
  paragraphs.push({
    vi: 'Đề nghị đồng chí, với tư cách người đứng đầu cơ quan, chỉ đạo xử lý dứt điểm và báo cáo kết quả.',
    en: 'As head of the body, please see that it is completed and report the outcome.',
  });
  return compose(
    input,
    'escalation',
    `escalate:${input.deadlineId}`,
    { vi: `[Quá hạn] Hồ sơ «${title}» đã quá hạn ${due.vi} — ${late.vi}`, en: `[Overdue] «${title}» missed its deadline of ${due.en} — ${late.en}` },
    paragraphs,
    { deadlineId: input.deadlineId, dueOn: input.dueOn, workingDaysOverdue: n, bodyName: body, ...(input.responsible ? { responsible: input.responsible } : {}) },
  );
}

export function renderReportDue(input: ReportDueInput): NotificationMessage {
  const title = oneLine(input.title);
  const due = formatDate(input.dueOn);
  const n = input.workingDaysLeft;
  const period = input.period ? nfc(input.period) : undefined;
  const what: Text = period ? { vi: `báo cáo ${period.vi}`, en: `the ${period.en} report` } : { vi: 'báo cáo kết quả thực hiện', en: 'the implementation report' };
  const when: Text = n > 0 ? left(n) : { vi: 'đến hạn hôm nay', en: 'due today' };
  return compose(input, 'report-due', `report-due:${input.reportId}`, {
    vi: `[Báo cáo] Hồ sơ «${title}»: hạn nộp ${what.vi} là ${due.vi} — ${when.vi}`,
    en: `[Report due] «${title}»: ${what.en} is due on ${due.en} — ${when.en}`,
  }, [
    {
      vi: `Theo quyết định «${title}», cơ quan được phân cấp, ủy quyền phải gửi ${what.vi} về tình hình thực hiện nhiệm vụ, quyền hạn chậm nhất ngày ${due.vi} (${when.vi}).`,
      en: `Under «${title}», the receiving body must send ${what.en} on how the delegated tasks are carried out by ${due.en} (${when.en}).`,
    },
    { vi: 'Đề nghị đồng chí chuẩn bị và gửi báo cáo đúng hạn.', en: 'Please prepare and send the report on time.' },
  ], { reportId: input.reportId, dueOn: input.dueOn, workingDaysLeft: n, ...(period ? { period } : {}) });
}

export function renderEvaluationDue(input: EvaluationDueInput): NotificationMessage {
  const title = oneLine(input.title);
  const due = formatDate(input.dueOn);
  const n = input.workingDaysLeft;
  const when: Text = n > 0 ? left(n) : { vi: 'đến hạn hôm nay', en: 'due today' };
  return compose(input, 'evaluation-due', `evaluation-due:${input.evaluationId}`, {
    vi: `[Đánh giá] Hồ sơ «${title}»: hạn đánh giá việc thực hiện là ${due.vi} — ${when.vi}`,
    en: `[Evaluation due] «${title}»: the implementation review is due on ${due.en} — ${when.en}`,
  }, [
    {
      vi: `Việc thực hiện nhiệm vụ, quyền hạn theo «${title}» cần được kiểm tra, đánh giá chậm nhất ngày ${due.vi} (${when.vi}).`,
      en: `How the powers under «${title}» are exercised must be reviewed by ${due.en} (${when.en}).`,
    },
    { vi: 'Đề nghị đồng chí tổ chức đánh giá và cập nhật kết quả vào hồ sơ.', en: 'Please carry out the review and record its outcome in the file.' },
  ], { evaluationId: input.evaluationId, dueOn: input.dueOn, workingDaysLeft: n });
}

export function renderPeriodEnding(input: PeriodEndingInput): NotificationMessage {
  const title = oneLine(input.title);
  const ends = formatDate(input.endsOn);
  const n = input.daysLeft;
  const doc = input.documentNumber ? oneLine(input.documentNumber) : undefined;
  const under: Text = doc ? { vi: `theo văn bản số ${doc} («${title}»)`, en: `under document ${doc} («${title}»)` } : { vi: `theo «${title}»`, en: `under «${title}»` };
  const when: Text = n > 0 ? { vi: `còn ${n} ngày`, en: `${plural(n, 'day', 'days')} left` } : { vi: 'kết thúc hôm nay', en: 'ends today' };
  return compose(input, 'period-ending', `period-ending:${input.decisionId}:${input.endsOn}`, {
    vi: `[Hết hạn ủy quyền] Việc ủy quyền ${under.vi} kết thúc ngày ${ends.vi} — ${when.vi}`,
    en: `[Authorisation ending] The authorisation ${under.en} ends on ${ends.en} — ${when.en}`,
  }, [
    {
      vi: `Thời hạn ủy quyền ${under.vi} kết thúc ngày ${ends.vi}. Sau ngày này, cơ quan được ủy quyền không còn thẩm quyền thực hiện các nhiệm vụ, quyền hạn đã được ủy quyền.`,
      en: `The authorisation ${under.en} ends on ${ends.en}. After that date the authorised body no longer holds the delegated powers.`,
    },
    {
      vi: 'Nếu cần tiếp tục, đề nghị đồng chí trình gia hạn hoặc ban hành văn bản ủy quyền mới trước ngày kết thúc.',
      en: 'If the work must go on, please propose an extension or issue a new authorisation before it ends.',
    },
  ], { endsOn: input.endsOn, daysLeft: n, ...(doc ? { documentNumber: doc } : {}) });
}
