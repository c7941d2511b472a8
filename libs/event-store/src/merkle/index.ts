export * from './rfc9162.js';
export * from './stored-tree.js';
export * from './merkle-log.js';
export { MerkleTree1732402300000 } from './1732402300000-merkle-tree.js';
