import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface ProductProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  output(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts the product exactly as `npm start` does (`node scripts/start.js`), with extra environment. */
export function startProduct(env: Record<string, string>, port: number): ProductProcess {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/start.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => out, stderr: () => err, exited };
}

/** Polls `/readyz` until it answers 200, the process exits, or the time runs out. */
export async function waitUntilReady(p: ProductProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void p.exited.then((c) => (exitCode = c));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the product exited with ${exitCode}:\n${p.stderr()}\n${p.output().slice(-2000)}`);
    try {
      const res = await fetch(`${p.baseUrl}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the product was not ready after ${timeoutMs} ms:\n${p.stderr()}\n${p.output().slice(-2000)}`);
}

export async function stopProduct(p: ProductProcess): Promise<number | null> {
  if (p.child.exitCode !== null) return p.child.exitCode;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
  const code = await p.exited;
  clearTimeout(timer);
  return code;
}
