import type { KeyObject } from 'node:crypto';
import { canonicalEvent, checkpointSignatureValid, leafHash, verifyInclusion, verifyingKeys, type StoredEvent } from '@app/event-store';
import type { EvidencePack } from './evidence-pack.types.js';

export type PackVerification =
  | { status: 'intact'; events: number; treeSize: number; rootHash: string; notCovered: number }
  | { status: 'refused'; reason: string; at?: { streamId: string; streamVersion: number; globalPosition: number } };

/**
 * Checks an evidence pack with nothing but the pack and the public key of the signed tree heads: the
 * head's signature, the writer's keys it names, each event's writer signature, its inclusion proof in
 * the head, and the stream's versions 1..n without a hole. The same checks as tools/verify-pack.mjs.
 */
export function verifyEvidencePack(pack: EvidencePack, treeHeadKey: KeyObject): PackVerification {
  const head = pack.proof?.treeHead;
  if (!head || !head.rootHash || !head.treeSize) return { status: 'refused', reason: 'the pack carries no signed tree head' };
  if (!checkpointSignatureValid(head, treeHeadKey)) return { status: 'refused', reason: 'the tree head\'s signature does not match the tree head and the public key' };
  let keys;
  try {
    keys = verifyingKeys(head.eventKeys ?? []);
  } catch (e) {
    return { status: 'refused', reason: (e as Error).message };
  }
  const root = Buffer.from(head.rootHash, 'hex');
  let notCovered = 0;
  for (const [i, p] of pack.proof.events.entries()) {
    const e = p.event;
    const at = { streamId: e.streamId, streamVersion: e.streamVersion, globalPosition: e.globalPosition };
    if (e.streamVersion !== i + 1) return { status: 'refused', at, reason: `the stream goes from version ${i} to ${e.streamVersion}: an event is missing` };
    const why = keys.check(e, p.signature ?? undefined);
    if (why) return { status: 'refused', at, reason: why };
    if (!p.inclusion) {
      notCovered += 1; // after the tree head: signed, but not covered by any published head yet
      continue;
    }
    if (notCovered > 0) return { status: 'refused', at, reason: 'an event the tree head covers follows one it does not: the proofs were tampered with' };
    const leaf = leafHash(canonicalEvent({ ...e, transactionId: '', schemaVersion: e.storedSchemaVersion, recordedAt: '' } as StoredEvent));
    if (!verifyInclusion(leaf, p.inclusion.leafIndex, head.treeSize, p.inclusion.path.map((h) => Buffer.from(h, 'hex')), root)) {
      return { status: 'refused', at, reason: 'the event is not in the signed tree head (its inclusion proof fails): it was changed, or the proof was' };
    }
  }
  return { status: 'intact', events: pack.proof.events.length, treeSize: head.treeSize, rootHash: head.rootHash, notCovered };
}
