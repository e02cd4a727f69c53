import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** The built server (or `npm start`) as a child process, as an operator runs it. */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** Signals the whole process group, so `npm start`'s node child gets it too. */
  signal(signal: NodeJS.Signals): void;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
}

export function startServerProcess(command: string, args: string[], env: Record<string, string>): ServerProcess {
  const child = spawn(command, args, {
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: see signal()
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const signal = (name: NodeJS.Signals) => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, name);
  };
  return { child, signal, output: () => output, exited };
}

/** Waits until `predicate(output)` holds, or fails after `timeoutMs` with what the process said. */
export async function waitForOutput(server: ServerProcess, predicate: (output: string) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(server.output())) {
    if (Date.now() > deadline) throw new Error(`timed out; the process said:\n${server.output()}`);
    if (server.child.exitCode !== null) throw new Error(`the process exited; it said:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
