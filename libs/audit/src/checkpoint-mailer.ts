import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Checkpoint } from '@app/event-store';

/**
 * E-mails each checkpoint to the auditor (AUDITOR_EMAIL), the signed JSON attached, so a copy of
 * the chain head lives outside the database and outside this server. The Message-ID is derived
 * from the checkpoint, so a re-send of the same checkpoint is recognisable as a duplicate.
 */
export class CheckpointMailer {
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(smtpUrl: string, private readonly from: string, private readonly to: string, timeoutMs = 15_000) {
    this.transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs } as never);
    this.domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'phancap.invalid';
  }

  async send(cp: Checkpoint, file: string): Promise<void> {
    const json = `${JSON.stringify(cp, null, 2)}\n`;
    const digest = createHash('sha256').update(`${cp.logSeq}\n${cp.logHash}\n${this.to.toLowerCase()}`).digest('hex').slice(0, 32);
    await this.transport.sendMail({
      from: this.from,
      to: this.to,
      subject: `Điểm kiểm tra nhật ký sự kiện #${cp.logSeq} / Event log checkpoint #${cp.logSeq}`,
      text: [
        `Điểm kiểm tra đã ký của nhật ký sự kiện phancap. Hãy lưu trữ tệp đính kèm; có thể đối chiếu bằng: npm run cli -- verify --checkpoint ${basename(file)}`,
        '',
        `Số thứ tự chuỗi (logSeq): ${cp.logSeq}`,
        `Vị trí toàn cục (globalPosition): ${cp.globalPosition}`,
        `Mã băm (logHash): ${cp.logHash}`,
        `Thời điểm (createdAt): ${cp.createdAt}`,
        '',
        '----------------------------------------',
        `A signed checkpoint of the phancap event log. Archive the attachment; check the log against it with: npm run cli -- verify --checkpoint ${basename(file)}`,
      ].join('\n'),
      attachments: [{ filename: basename(file), content: json, contentType: 'application/json' }],
      messageId: `<checkpoint-${cp.logSeq}-${digest}@${this.domain}>`,
      headers: { 'X-Phancap-Checkpoint': String(cp.logSeq), 'Auto-Submitted': 'auto-generated', 'Content-Language': 'vi, en' },
    });
  }

  close(): void {
    this.transport.close();
  }
}
