import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** How the server sends mail (password reset). One method, so any provider fits behind it. */
export interface MailTransport {
  send(mail: Mail): Promise<void>;
}

/**
 * Development mail: nothing leaves the machine. Each mail is kept in memory (tests read `sent`) and, with a folder,
 * written there as a text file a developer can open to follow the link. The log says only that a mail was recorded.
 */
export class DevMailTransport implements MailTransport {
  readonly sent: Mail[] = [];
  constructor(private readonly options: { folder?: string; logger?: Logger } = {}) {}
  async send(mail: Mail): Promise<void> {
    this.sent.push(mail);
    if (this.options.folder) {
      await mkdir(this.options.folder, { recursive: true, mode: 0o700 });
      const file = join(this.options.folder, `${new Date().toISOString().replace(/[:.]/g, '-')}.txt`);
      await writeFile(file, `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`, { mode: 0o600 });
      this.options.logger?.info('mail recorded (development transport; set SMTP_URL to send)', { subject: mail.subject, file });
    }
  }
}

/** Real mail through an SMTP server (`smtp://user:pass@host:587`, or `smtps://` for TLS from the start). */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;
  constructor(url: string, private readonly from: string) {
    this.transporter = nodemailer.createTransport(url);
  }
  async send(mail: Mail): Promise<void> {
    await this.transporter.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
  }
}
