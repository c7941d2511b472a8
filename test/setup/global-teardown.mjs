export default async function globalTeardown() {
  if (globalThis.__phancapTeardown) await globalThis.__phancapTeardown();
}
