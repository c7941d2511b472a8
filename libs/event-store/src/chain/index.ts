export { canonicalEvent, canonicalJson, chainHash } from './canonical.js';
export { EventHashChain1732400050000, CHAIN_MIGRATIONS } from './1732400050000-event-hash-chain.js';
export { HashChainer, HASH_CHAIN_FOLLOWER, type HashChainerOptions } from './hash-chainer.js';
export {
  Verifier, type ChainHead, type ChainLocation, type CheckpointRef, type StreamsVerifyResult, type TamperKind, type VerifyOptions, type VerifyResult,
} from './verifier.js';
export {
  CheckpointPublisher, ChainNotIntactError, checkpointFileName, checkpointPayload, checkpointSignatureValid, listCheckpointFiles, loadCheckpointKeys,
  parseCheckpoint, signCheckpoint, verifyCheckpointFile,
  type Checkpoint, type CheckpointKeys, type CheckpointPublisherOptions, type CheckpointVerification, type KeySource, type PublishedCheckpoint,
} from './checkpoint.js';
