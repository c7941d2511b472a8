/**
 * Where the API listens when HOST is unset. The embedded default is a demo on one machine whose
 * users' password is published in the README: loopback only. With DATABASE_URL it is a deployment
 * (a container behind a port mapping or a proxy), which must be reachable: every interface.
 */
export function listenHost(host: string | undefined, embedded: boolean): string {
  return host ?? (embedded ? '127.0.0.1' : '0.0.0.0');
}

/** A URL a person can open for an address the server listens on (0.0.0.0 / :: are not addresses to open). */
export function openableUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
