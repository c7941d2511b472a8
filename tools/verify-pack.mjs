#!/usr/bin/env node
// Verifies a phancap evidence pack (JSON) offline, with nothing but the pack and the public key that
// signs the tree heads (checkpoint-public.pem). Node's own modules only; read it before you trust it.
//
//   node tools/verify-pack.mjs <pack.json> --public-key <checkpoint-public.pem>
//
// It checks, and prints the first thing that fails (exit 2), or "intact" (exit 0):
//   1. the signed tree head (size, Merkle root, the writer's public keys) against the public key;
//   2. each event's writer signature (Ed25519) by one of the keys the tree head names;
//   3. each event's inclusion proof (RFC 9162) in the tree head's root;
//   4. the decision's events are versions 1, 2, 3… with no hole.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

// Canonical JSON: object keys sorted, no whitespace; undefined members dropped (as phancap signs and hashes).
function canonical(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonical(x))).join(',')}]`;
  const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
}

const sha256 = (...parts) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const leafHash = (text) => sha256(Buffer.from([0]), Buffer.from(text, 'utf8'));
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);
const keyIdOf = (key) => sha256(key.export({ type: 'spki', format: 'der' })).toString('hex').slice(0, 16);

// RFC 9162, 2.1.3.2: verifying an inclusion proof.
function verifyInclusion(leaf, index, size, path, root) {
  if (!(index >= 0 && index < size)) return false;
  let fn = index, sn = size - 1, r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

// What the tree head's signature covers (phancap's checkpoint payload).
function treeHeadPayload(h) {
  return Buffer.from(canonical({
    logSeq: h.logSeq, globalPosition: h.globalPosition, logHash: h.logHash, createdAt: h.createdAt,
    ...(h.rootHash ? { treeSize: h.treeSize, rootHash: h.rootHash } : {}),
    ...(h.eventKeys ? { eventKeys: h.eventKeys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey, ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}) })) } : {}),
  }), 'utf8');
}

// What an event's writer signature covers.
const eventPayload = (e) => Buffer.from('phancap:event:v1\n' + canonical({
  streamId: e.streamId, streamType: e.streamType, streamVersion: e.streamVersion, type: e.type,
  schemaVersion: e.storedSchemaVersion, data: e.data, metadata: e.metadata,
}), 'utf8');

// What the hash chain and the Merkle leaf cover.
const leafText = (e) => canonical({
  globalPosition: e.globalPosition, streamId: e.streamId, streamType: e.streamType, streamVersion: e.streamVersion,
  type: e.type, storedSchemaVersion: e.storedSchemaVersion, data: e.data, metadata: e.metadata, occurredAt: e.occurredAt,
});

function check(pack, treeHeadKey) {
  const head = pack.proof?.treeHead;
  if (!head?.rootHash) return { ok: false, why: 'the pack carries no signed tree head' };
  let sigOk = false;
  try { sigOk = verify(null, treeHeadPayload(head), treeHeadKey, Buffer.from(head.signature, 'base64')); } catch { sigOk = false; }
  if (!sigOk) return { ok: false, why: 'the tree head\'s signature does not match the tree head and the public key' };
  const keys = new Map();
  for (const k of head.eventKeys ?? []) {
    const key = createPublicKey(k.publicKey);
    if (keyIdOf(key) !== k.keyId) return { ok: false, why: `writer key ${k.keyId}: its id does not match the key` };
    keys.set(k.keyId, key);
  }
  const root = Buffer.from(head.rootHash, 'hex');
  let after = 0;
  for (const [i, p] of pack.proof.events.entries()) {
    const e = p.event;
    const at = `${e.streamId} version ${e.streamVersion}, global position ${e.globalPosition}`;
    if (e.streamVersion !== i + 1) return { ok: false, why: `the stream goes from version ${i} to ${e.streamVersion}: an event is missing`, at };
    const key = p.signature && keys.get(p.signature.keyId);
    if (!p.signature) return { ok: false, why: 'no writer signature (not written by the application)', at };
    if (!key) return { ok: false, why: `signed with key ${p.signature.keyId}, which the tree head does not name`, at };
    let ok = false;
    try { ok = verify(null, eventPayload(e), key, Buffer.from(p.signature.value, 'base64')); } catch { ok = false; }
    if (!ok) return { ok: false, why: 'the writer signature does not match the event (changed, moved or copied)', at };
    if (!p.inclusion) { after += 1; continue; }
    if (after > 0) return { ok: false, why: 'an event the tree head covers follows one it does not', at };
    const path = p.inclusion.path.map((h) => Buffer.from(h, 'hex'));
    if (!verifyInclusion(leafHash(leafText(e)), p.inclusion.leafIndex, head.treeSize, path, root)) {
      return { ok: false, why: 'the event is not in the signed tree head (its inclusion proof fails)', at };
    }
  }
  return { ok: true, events: pack.proof.events.length, after, head };
}

const args = process.argv.slice(2);
const keyAt = args.indexOf('--public-key');
if (!args[0] || keyAt < 0 || !args[keyAt + 1]) {
  console.error('usage: node tools/verify-pack.mjs <pack.json> --public-key <checkpoint-public.pem>');
  process.exit(1);
}
const result = check(JSON.parse(readFileSync(args[0], 'utf8')), createPublicKey(readFileSync(args[keyAt + 1], 'utf8')));
if (result.ok) {
  console.log(`intact: ${result.events} event(s), each signed by the writer and in the signed tree head of size ${result.head.treeSize} `
    + `(root ${result.head.rootHash}, ${result.head.createdAt})${result.after ? `; ${result.after} newer event(s) signed but not yet under a published head` : ''}`);
} else {
  console.log(`not intact: ${result.at ? `${result.at} — ` : ''}${result.why}`);
  process.exitCode = 2;
}
