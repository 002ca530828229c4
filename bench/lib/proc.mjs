/**
 * Server processes: spawn, readings from /proc (RSS and CPU time of the whole process tree, so a
 * server that forks workers is measured whole), and stopping.
 */
import { spawn } from 'node:child_process';
import { openSync, readFileSync, readdirSync, closeSync } from 'node:fs';
import net from 'node:net';

const CLK_TCK = 100; // Linux's USER_HZ; /proc/<pid>/stat counts CPU time in these ticks.
const live = new Set();

/** Spawns a server with stdout/stderr appended to logFile. Returns { child, pid, exited }. */
export function startProcess(command, args, { cwd, logFile, env } = {}) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const proc = { child, pid: child.pid, exitCode: undefined };
  proc.exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      proc.exitCode = code ?? signal;
      live.delete(proc);
      resolve(proc.exitCode);
    });
    child.on('error', (err) => {
      proc.exitCode = `spawn error: ${err.message}`;
      live.delete(proc);
      resolve(proc.exitCode);
    });
  });
  live.add(proc);
  return proc;
}

/** SIGTERM, then SIGKILL after graceMs. Includes children the server started itself. */
export async function stopProcess(proc, graceMs = 5000) {
  if (proc.exitCode !== undefined) return;
  const tree = processTree(proc.pid);
  try {
    process.kill(proc.pid, 'SIGTERM');
  } catch {}
  const timer = new Promise((r) => setTimeout(() => r('timeout'), graceMs));
  if ((await Promise.race([proc.exited, timer])) === 'timeout') {
    try {
      process.kill(proc.pid, 'SIGKILL');
    } catch {}
    await proc.exited;
  }
  for (const pid of tree) {
    if (pid === proc.pid) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}

/** Kills every server still running (used when the harness itself is interrupted). */
export function killAll() {
  for (const proc of live) {
    for (const pid of processTree(proc.pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
  }
}

/** pid and all its descendants, from the ppid field of /proc/<n>/stat. */
export function processTree(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Resident memory of the process tree in bytes (sum of VmRSS). */
export function rssBytes(pid) {
  return memory(pid).rss;
}

/**
 * VmRSS of the process tree, and the part of it that is RssAnon (heap, stacks: memory only this
 * process can use). The rest is mostly file pages mapped in — an mmap'd database file such as
 * LMDB's shows up there, and the kernel can drop those pages under pressure.
 */
export function memory(pid) {
  let rss = 0;
  let anon = 0;
  for (const p of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      anon += Number(/RssAnon:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    } catch {}
  }
  return { rss, anon };
}

/** CPU seconds (user + system) used so far by the process tree. */
export function cpuSeconds(pid) {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
    } catch {}
  }
  return ticks / CLK_TCK;
}

/** A free TCP port on 127.0.0.1, never one of `avoid`. */
export async function freePort(avoid = []) {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.on('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address();
        srv.close(() => resolve(port));
      });
    });
    if (!avoid.includes(port)) return port;
  }
}

/**
 * CPU seconds the whole machine has spent in processes (user, nice, system) or stolen by the
 * hypervisor, all cores, since boot. Interrupt and softirq time is left out: much of it is the
 * loopback traffic of the benchmark itself, and /proc charges it to no process.
 */
export function hostBusySeconds() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const [user, nice, system, , , , , steal = 0] = f;
  return (user + nice + system + steal) / CLK_TCK;
}

/** CPU seconds used by this process plus its reaped children (wrk, once it has exited). */
export function harnessCpuSeconds() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLK_TCK; // utime stime cutime cstime
}
