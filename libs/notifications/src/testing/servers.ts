// Test support (excluded from the build): a real SMTP server, a webhook receiver, a database per file.
import { loadEventSigningKeys } from '@app/event-store';
import { BodyStore, PowerStore } from '@app/organisation';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/operator';
import { seedDemo } from '@app/operator';
import { NOTIFICATION_MIGRATIONS } from '../migrations/1732400300000-notifications.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  headers: Map<string, string>;
}

export interface TestSmtp {
  url: string;
  mails: ReceivedMail[];
  /** Reject the next N RCPT TO commands with 450 (a temporary failure). */
  rejectNextRcpt(n?: number): void;
  /**
   * Hold the answer to the next message: `stored` resolves once the server has it (in `mails`), and
   * its 250 goes out only on `release()`. The moment a sender killed then leaves its outcome unknown.
   */
  holdNextData(): { stored: Promise<void>; release(): void };
  close(): Promise<void>;
}

/** Headers of a raw message: unfolded, names lower-cased (first occurrence wins). */
export function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const map = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !map.has(line.slice(0, i).toLowerCase())) map.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return map;
}

/** RFC 2047: decodes `=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=` words; whitespace between adjacent words is dropped. */
export function decodeRfc2047(value: string): string {
  const WORD = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  let out = '';
  let last = 0;
  let pending: Buffer[] = [];
  const flush = () => {
    if (pending.length) out += Buffer.concat(pending).toString('utf8');
    pending = [];
  };
  for (const m of value.matchAll(WORD)) {
    const between = value.slice(last, m.index);
    if (!(pending.length && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    if (m[1].toLowerCase().split('*')[0] !== 'utf-8') throw new Error(`unexpected charset ${m[1]}`);
    pending.push(
      m[2].toUpperCase() === 'B'
        ? Buffer.from(m[3], 'base64')
        : Buffer.from(m[3].replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1'),
    );
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

export async function startSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  let reject = 0;
  let hold: { stored: () => void; released: Promise<void> } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (reject > 0) {
        reject--;
        return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 450 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers: parseHeaders(raw),
        });
        const held = hold;
        hold = undefined;
        if (!held) return callback();
        held.stored();
        void held.released.then(() => callback());
      });
    },
  });
  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    rejectNextRcpt: (n = 1) => {
      reject = n;
    },
    holdNextData: () => {
      let stored!: () => void;
      let release!: () => void;
      const storedP = new Promise<void>((r) => (stored = r));
      hold = { stored, released: new Promise<void>((r) => (release = r)) };
      return { stored: storedP, release };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  status: number;
}

export interface TestWebhook {
  url: string;
  calls: ReceivedCall[];
  /** Answer the next N calls with 500. */
  failNext(n?: number): void;
  close(): Promise<void>;
}

export async function startWebhook(): Promise<TestWebhook> {
  const calls: ReceivedCall[] = [];
  let fail = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = fail > 0 ? (fail--, 500) : 204;
      calls.push({ headers: req.headers, raw: Buffer.concat(chunks), status });
      res.writeHead(status, { connection: 'close' }).end(status === 500 ? 'boom' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/phancap?token=x`,
    calls,
    failNext: (n = 1) => {
      fail = n;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The app's migrations plus the notifications one, in a schema of this test file's own, with the demo seed. */
export async function openNotificationsDb(schema: string): Promise<DataSource> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is unset: run through the int jest project (global setup)');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.end();
  }
  const base = dataSourceOptions(url);
  const extra = (base as { extra?: { options?: string } }).extra ?? {};
  const db = new DataSource({
    ...base,
    schema,
    extra: { ...extra, options: `${extra.options ?? ''} -c search_path=${schema}`.trim() },
    // The app's list may already name NOTIFICATION_MIGRATIONS: keep each migration once.
    migrations: [...new Set([...(base.migrations as never[]), ...NOTIFICATION_MIGRATIONS])],
    logging: false,
  } as ConstructorParameters<typeof DataSource>[0]);
  await db.initialize();
  await db.runMigrations();
  // Signed with the key an app started with the same environment uses (DATA_DIR/event-signing).
  const keys = loadEventSigningKeys({ DATA_DIR: process.env.DATA_DIR, EVENT_SIGNING_DIR: process.env.EVENT_SIGNING_DIR });
  await seedDemo(db, { bodies: new BodyStore(db, keys), powers: new PowerStore(db, keys) });
  return db;
}
