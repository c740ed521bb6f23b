import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

/** How long one of initdb and `pg_ctl start` may take; starting the server runs both. */
const STEP_MS = 60_000;
export const POSTGRES_START_MS = 2 * STEP_MS;

/** A throwaway PostgreSQL server on loopback, for a Backstage backend's `backend.database`. */
export interface RunningPostgres {
  connection: { host: string; port: number; user: string };
  stop(): Promise<void>;
}

/**
 * Debian's PostgreSQL server binaries (`apt-get install postgresql`, which .ci/run installs). A
 * missing server fails the test: without one it would prove nothing about the catalog.
 */
function serverBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter(v => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (!versions.length) {
    throw new Error(`no PostgreSQL server under ${root}: install Debian's postgresql package (.ci/run does)`);
  }
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** PostgreSQL refuses to run as root; as root (CI), the server runs as Debian's `postgres` user. */
function run(asPostgres: boolean, command: string, args: string[]) {
  const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', timeout: STEP_MS });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.error?.message}):\n${result.stdout}${result.stderr}`);
  }
}

export async function startPostgres(): Promise<RunningPostgres> {
  const bin = serverBin();
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'image-factory-pg-'));
  if (asPostgres) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  // A test database: trust on loopback only, no fsync (its data dies with the test).
  run(asPostgres, join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  try {
    run(asPostgres, join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', `${STEP_MS / 1000}`, 'start']);
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    connection: { host: '127.0.0.1', port, user: 'postgres' },
    stop: async () => {
      try {
        run(asPostgres, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
