// The accountability lib's testing surface (@app/accountability/testing), for tests only.
export { ReferenceCheckContextLoader } from './reference-check-context.loader.js';
