/**
 * Spawning the real CLI (`node dist/src/cli.js`) and waiting for its ready line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** dist/src/cli.js, from dist/test/helpers/process.js. */
export const CLI = fileURLToPath(new URL('../../src/cli.js', import.meta.url));
/** The repository root (where package.json is), from dist/test/helpers/. */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** The ready line: `Tessera listening on http://127.0.0.1:8000 (…)`. */
export const READY_LINE = /^Tessera listening on (http:\/\/\S+)/m;

export interface Spawned {
  child: ChildProcess;
  /** The endpoint from the ready line. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
}

/** Starts the CLI with `args` and resolves once it printed its ready line. */
export function startCli(args: string[], options: SpawnOptions = {}): Promise<Spawned> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, PORT: undefined, DATA_DIR: undefined, HOST: undefined, IN_MEMORY: undefined, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return new Promise<Spawned>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ready line within ${options.timeoutMs ?? 15000} ms\nstdout: ${out}\nstderr: ${err}`));
    }, options.timeoutMs ?? 15000);
    const onData = () => {
      const m = READY_LINE.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve({ child, url: m[1]!, stdout: () => out, stderr: () => err, exited });
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before the ready line\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

/** Runs the CLI to completion (for flags that exit at once, or errors). */
export function runCli(args: string[], options: SpawnOptions = {}): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, PORT: undefined, DATA_DIR: undefined, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', stdout, stderr });
    });
  });
}

/** Sends `signal` and waits for the exit; fails after `ms`. */
export async function stop(s: Spawned, signal: NodeJS.Signals = 'SIGTERM', ms = 10000): Promise<number | string> {
  s.child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      s.child.kill('SIGKILL');
      reject(new Error(`did not exit within ${ms} ms of ${signal}`));
    }, ms);
  });
  try {
    return await Promise.race([s.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
