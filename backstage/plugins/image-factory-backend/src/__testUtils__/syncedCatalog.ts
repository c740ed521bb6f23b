import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliJar, commitFiles, git } from './serve';

// Nothing listens on this registry port: digest checks fail fast, and discovery (which reads the
// Dockerfiles from git) alone decides the entities and their relations.
const REGISTRY = '127.0.0.1:9';

/** How long the one `image-factory sync` may take. */
export const SYNC_MS = 120_000;

/** The config repo's checkout after one real `image-factory sync`, and where its catalog is. */
export interface SyncedCatalog {
  checkout: string;
  /** Absolute path of the generated `catalog/index.yaml`. */
  index: string;
  remove(): void;
}

function enrollment(name: string, image: string, dockerfile: string, tags = ['latest']): string {
  return [
    `name: ${name}`,
    `image: ${REGISTRY}/${image}`,
    `tags: [${tags.join(', ')}]`,
    'source:',
    '  repository: SOURCE',
    `  dockerfile: ${dockerfile}`,
    'build:',
    '  webhook:',
    '    url: http://127.0.0.1:1/build',
    '',
  ].join('\n');
}

/**
 * A config repo whose images form a small estate: a JRE base built FROM a public JDK image, an app
 * built FROM that base (so the base is managed and a base at once), a debug image built FROM the
 * app, and a worker with a multi-stage Dockerfile (two external bases). One sync writes catalog/.
 */
export function syncedCatalog(): SyncedCatalog {
  const root = mkdtempSync(join(tmpdir(), 'image-factory-catalog-'));
  const source = join(root, 'source');
  commitFiles(source, {
    'base-java/Dockerfile': `FROM ${REGISTRY}/library/eclipse-temurin:21-jre\n`,
    'app/Dockerfile': `FROM ${REGISTRY}/platform/base-java:21\nRUN true\n`,
    'app-debug/Dockerfile': `ARG APP=${REGISTRY}/acme/app:latest\nFROM \${APP}\nRUN true\n`,
    'worker/Dockerfile': `FROM ${REGISTRY}/library/golang:1.23 AS build\nRUN true\nFROM ${REGISTRY}/library/alpine:3.20\nCOPY --from=build /go/bin/worker /worker\n`,
  });
  const remote = join(root, 'config.git');
  git(root, 'init', '-q', '--bare', '-b', 'main', remote);
  const images: Record<string, string> = {
    'images/platform/base-java.yaml': enrollment('base-java', 'platform/base-java', 'base-java/Dockerfile', ['21']),
    'images/acme/app.yaml': enrollment('app', 'acme/app', 'app/Dockerfile'),
    'images/acme/app-debug.yaml': enrollment('app-debug', 'acme/app-debug', 'app-debug/Dockerfile'),
    'images/acme/worker.yaml': enrollment('worker', 'acme/worker', 'worker/Dockerfile'),
  };
  const config = join(root, 'config');
  commitFiles(config, {
    'image-factory.yaml': 'version: 1\ndefaults:\n  owner: group:default/platform\n',
    ...Object.fromEntries(Object.entries(images).map(([path, text]) => [path, text.replace('SOURCE', `file://${source}`)])),
  });
  git(config, 'push', '-q', remote, 'main');

  // The digest checks of this registry fail by design, and sync exits 1 on new errors: the catalog
  // is still written, and it is what these tests read, so errors are allowed; any other failure is not.
  const sync = spawnSync('java', ['-jar', cliJar(), 'sync', '--repo', `file://${remote}`, '--work-dir', join(root, 'work'), '--allow-errors'], {
    encoding: 'utf8',
    timeout: SYNC_MS,
  });
  if (sync.status !== 0) {
    throw new Error(`image-factory sync failed (${sync.status ?? sync.error?.message}):\n${sync.stdout}${sync.stderr}`);
  }
  const checkout = join(root, 'checkout');
  git(root, 'clone', '-q', remote, checkout);
  return { checkout, index: join(checkout, 'catalog', 'index.yaml'), remove: () => rmSync(root, { recursive: true, force: true }) };
}
