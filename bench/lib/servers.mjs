/**
 * The servers under test and how each is fetched and started. Each runs as its own process, on
 * its own free port, with a fresh data directory on disk.
 *
 * Peers are fetched into bench/.cache/ (gitignored) the first time they are needed:
 *   - DynamoDB Local: the jar inside npm package amplify-dynamodb-simulator@2.9.30 (`npm pack`,
 *     then its emulator/ folder is unpacked), run with Java 17 in -dbPath (disk) mode.
 *   - dynalite: `npm install --prefix bench/.cache/dynalite dynalite@4.0.0`, run with --path (LevelDB on disk).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const DDBL_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
export const DYNALITE_PACKAGE = 'dynalite@4.0.0';

/** Ports the harness must never use: 8001 is a shared DynamoDB Local other engineers rely on. */
export const RESERVED_PORTS = [8000, 8001];

export function serverDefinitions({ root, cache, tesseraCli }) {
  const tessera = tesseraCli ?? join(root, 'dist', 'src', 'cli.js');
  const ddblDir = join(cache, 'dynamodb-local');
  const dynaliteCli = join(cache, 'dynalite', 'node_modules', 'dynalite', 'cli.js');
  const tesseraServer = (id, name, flags) => ({
    id,
    name,
    transactions: true,
    ensure() {
      if (!existsSync(tessera)) throw new Error(`${tessera} is missing: run \`npm run build\` first`);
    },
    command: (port, dataDir) => ({
      cmd: process.execPath,
      args: [tessera, '--port', String(port), '--data-dir', dataDir, ...flags],
    }),
    describe: `node ${relative(root, tessera)} --port <p> --data-dir <tmp>${flags.map((f) => ` ${f}`).join('')}`,
  });
  return {
    tessera: tesseraServer('tessera', 'Tessera', []),
    // The same server with one read helper process (src/server/read-helpers.ts): reads on both
    // cores, connections that write moved to the server process. Reported beside the default.
    'tessera-rh': tesseraServer('tessera-rh', 'Tessera + 1 read helper', ['--read-helpers', '1']),
    ddbl: {
      id: 'ddbl',
      name: 'DynamoDB Local',
      transactions: true,
      ensure() {
        if (existsSync(join(ddblDir, 'DynamoDBLocal.jar'))) return;
        mkdirSync(cache, { recursive: true });
        const tgz = join(cache, 'amplify-dynamodb-simulator-2.9.30.tgz');
        if (!existsSync(tgz)) {
          console.error(`fetching ${DDBL_PACKAGE} (npm pack) into ${cache} ...`);
          execFileSync('npm', ['pack', DDBL_PACKAGE, '--silent'], { cwd: cache, stdio: ['ignore', 'ignore', 'inherit'] });
        }
        rmSync(ddblDir, { recursive: true, force: true });
        mkdirSync(ddblDir, { recursive: true });
        execFileSync('tar', ['-xzf', tgz, '-C', ddblDir, '--strip-components=2', 'package/emulator']);
        if (!existsSync(join(ddblDir, 'DynamoDBLocal.jar'))) throw new Error(`no DynamoDBLocal.jar in ${tgz}`);
      },
      command: (port, dataDir) => ({
        cmd: 'java',
        args: [
          `-Djava.library.path=${join(ddblDir, 'DynamoDBLocal_lib')}`,
          '-jar',
          join(ddblDir, 'DynamoDBLocal.jar'),
          '-port',
          String(port),
          '-dbPath',
          dataDir,
        ],
        cwd: ddblDir,
      }),
      describe: 'java -Djava.library.path=DynamoDBLocal_lib -jar DynamoDBLocal.jar -port <p> -dbPath <tmp>',
    },
    dynalite: {
      id: 'dynalite',
      name: 'dynalite',
      transactions: false, // dynalite 4.0.0 has no TransactWriteItems
      ensure() {
        if (existsSync(dynaliteCli)) return;
        console.error(`installing ${DYNALITE_PACKAGE} into ${join(cache, 'dynalite')} ...`);
        mkdirSync(join(cache, 'dynalite'), { recursive: true });
        execFileSync('npm', ['install', '--prefix', join(cache, 'dynalite'), DYNALITE_PACKAGE, '--no-audit', '--no-fund', '--silent'], {
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        if (!existsSync(dynaliteCli)) throw new Error(`dynalite did not install into ${join(cache, 'dynalite')}`);
      },
      command: (port, dataDir) => ({
        cmd: process.execPath,
        args: [dynaliteCli, '--host', '127.0.0.1', '--port', String(port), '--path', dataDir],
      }),
      describe: 'node node_modules/dynalite/cli.js --host 127.0.0.1 --port <p> --path <tmp>',
    },
    bare: {
      id: 'bare',
      name: 'bare Node (ceiling)',
      transactions: true,
      storage: false, // nothing to load: it answers every POST with one fixed GetItem response
      ensure() {},
      command: (port) => ({
        cmd: process.execPath,
        args: [join(root, 'bench', 'lib', 'bare-server.mjs'), '--port', String(port)],
      }),
      describe: 'node bench/lib/bare-server.mjs --port <p>',
    },
  };
}

export function javaVersion() {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error) return 'not found';
  return `${r.stderr}${r.stdout}`.split('\n')[0].trim();
}

/** Sum of file sizes under dir (how much a server wrote to disk). */
export function diskBytes(dir) {
  let total = 0;
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        try {
          total += statSync(p).size;
        } catch {}
      }
    }
  };
  walk(dir);
  return total;
}
