/** What the report says about the machine a run was made on. */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { javaVersion } from './servers.mjs';
import { wrkVersion } from './wrk.mjs';

export function machineInfo(dataRoot) {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {}
  const fs = spawnSync('findmnt', ['-no', 'FSTYPE', '-T', dataRoot], { encoding: 'utf8' });
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    kernel: os.release(),
    node: process.version,
    java: javaVersion(),
    wrk: wrkVersion(),
    dataFs: fs.status === 0 ? `${fs.stdout.trim()} at ${dataRoot}` : dataRoot,
    loadavg: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}
