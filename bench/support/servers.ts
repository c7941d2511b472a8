import { fork, type ChildProcess } from 'node:child_process';

export interface RunningServer {
  name: string;
  port: number;
  base: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Starts one of bench/servers/*.ts (compiled) in a child process of its own, so the load generator in
 * this process never shares an event loop with the server it measures. The child reports its port
 * over IPC once it listens on 127.0.0.1.
 */
export function startServer(name: 'phancap' | 'bare', env: Record<string, string>): Promise<RunningServer> {
  const script = new URL(`../servers/${name}.js`, import.meta.url);
  const child: ChildProcess = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} server did not listen within 120 s`));
    }, 120_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} server exited before listening (code ${code}, signal ${signal})`));
    });
    child.on('message', (m: { type: string; port?: number; message?: string }) => {
      if (m.type === 'listening' && m.port) {
        clearTimeout(timer);
        resolve({ name, port: m.port, base: `http://127.0.0.1:${m.port}`, pid: child.pid!, stop });
      } else if (m.type === 'error') {
        clearTimeout(timer);
        void stop();
        reject(new Error(`${name} server: ${m.message}`));
      }
    });
  });
}
