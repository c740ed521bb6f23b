import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

const REGISTRY = '/usr/bin/docker-registry';

/** How long the registry may take to answer `/v2/` after it is started. */
export const REGISTRY_START_MS = 20_000;

/** A CNCF distribution registry on loopback (Debian's docker-registry, which .ci/run installs). */
export interface RunningRegistry {
  /** `127.0.0.1:<port>`, as image references name it. */
  host: string;
  /** Pushes a one-layer image under each tag; answers its manifest digest. */
  push(repository: string, tags: string[]): Promise<string>;
  stop(): Promise<void>;
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export async function startRegistry(): Promise<RunningRegistry> {
  if (!existsSync(REGISTRY)) {
    throw new Error(`${REGISTRY} is missing: install Debian's docker-registry package (.ci/run does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'image-factory-registry-'));
  const host = `127.0.0.1:${await freePort()}`;
  writeFileSync(
    join(dir, 'config.yml'),
    ['version: 0.1', 'log: {level: error}', 'storage:', `  filesystem: {rootdirectory: ${dir}/data}`, 'http:', `  addr: ${host}`, ''].join('\n'),
  );
  const child: ChildProcess = spawn(REGISTRY, ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const base = `http://${host}/v2/`;
  const deadline = Date.now() + REGISTRY_START_MS;
  while ((await fetch(base).then(r => r.status, () => 0)) !== 200) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`the registry did not answer on ${host} within ${REGISTRY_START_MS / 1000} s`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }

  async function blob(repository: string, bytes: Buffer): Promise<string> {
    const digest = sha256(bytes);
    const started = await fetch(`${base}${repository}/blobs/uploads/`, { method: 'POST' });
    const location = new URL(started.headers.get('location')!, base);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, { method: 'PUT', body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream' } });
    if (put.status !== 201) {
      throw new Error(`blob upload to ${repository} answered ${put.status}: ${await put.text()}`);
    }
    return digest;
  }

  return {
    host,
    async push(repository, tags) {
      const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
      const layer = Buffer.from(`layer of ${repository}`);
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: await blob(repository, config), size: config.length },
          layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: await blob(repository, layer), size: layer.length }],
        }),
      );
      for (const tag of tags) {
        const put = await fetch(`${base}${repository}/manifests/${tag}`, {
          method: 'PUT',
          body: new Uint8Array(manifest),
          headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
        });
        if (put.status !== 201) {
          throw new Error(`manifest ${repository}:${tag} answered ${put.status}: ${await put.text()}`);
        }
      }
      return sha256(manifest);
    },
    stop: () =>
      new Promise<void>(resolve => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
