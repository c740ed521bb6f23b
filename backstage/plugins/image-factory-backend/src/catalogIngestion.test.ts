import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { POSTGRES_START_MS, startPostgres, type RunningPostgres } from './__testUtils__/postgres';
import { setupBudget } from './__testUtils__/setupBudget';
import { SYNC_MS, syncedCatalog, type SyncedCatalog } from './__testUtils__/syncedCatalog';

// Backstage's own catalog backend (processing engine, stitching, relations) on PostgreSQL ingests
// the catalog that one real `image-factory sync` wrote, registered as a `file` and as a `url`
// Location, as docs/backstage.md tells adopters to.

interface Expected {
  refs: string[];
  /** `from -> to` for every dependsOn the generator wrote. */
  dependsOn: string[];
}

function expectedFrom(catalog: SyncedCatalog): Expected {
  const folder = join(catalog.checkout, 'catalog', 'entities');
  const generated = readdirSync(folder).map(file => parse(readFileSync(join(folder, file), 'utf8')) as Entity);
  return {
    refs: generated.map(e => `resource:default/${e.metadata.name}`).sort(),
    dependsOn: generated
      .flatMap(e => ((e.spec?.dependsOn as string[] | undefined) ?? []).map(to => `resource:default/${e.metadata.name} -> ${to}`))
      .sort(),
  };
}

/** Serves the checkout over HTTP on loopback, as a git host serves raw files for a `url` location. */
async function serveFiles(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    try {
      const body = readFileSync(join(root, path));
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function catalogBackend(postgres: RunningPostgres, location: { type: string; target: string }, readable?: string) {
  return startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            // One database per registration type on the same server.
            database: { client: 'pg', connection: postgres.connection, prefix: `ingest_${location.type}_` },
            reading: { allow: readable ? [{ host: readable }] : [] },
          },
          catalog: {
            // The registration docs/backstage.md and examples/backstage/app-config.yaml show.
            locations: [{ ...location, rules: [{ allow: ['Resource', 'Location'] }] }],
          },
        },
      }),
    ],
  });
}

type Backend = Awaited<ReturnType<typeof catalogBackend>>;

async function entities(backend: Backend): Promise<Entity[]> {
  const response = await request(backend.server).get('/api/catalog/entities');
  expect(response.status).toBe(200);
  return response.body;
}

function relations(entitiesSeen: Entity[], type: string): string[] {
  return entitiesSeen
    .flatMap(e => (e.relations ?? []).filter(r => r.type === type).map(r => `resource:default/${e.metadata.name} -> ${r.targetRef}`))
    .sort();
}

function errorsOf(entitiesSeen: Entity[]): string[] {
  return entitiesSeen.flatMap(e =>
    ((e as any).status?.items ?? []).map((item: any) => `${e.kind}:${e.metadata.name}: ${item.type} ${item.level} ${item.message}`),
  );
}

/** Waits until the catalog holds every generated entity with all of its relations stitched. */
async function untilIngested(backend: Backend, expected: Expected): Promise<Entity[]> {
  const deadline = Date.now() + 45_000;
  let seen: Entity[] = [];
  while (Date.now() < deadline) {
    seen = await entities(backend);
    const resources = seen.filter(e => e.kind === 'Resource');
    const refs = resources.map(e => `resource:default/${e.metadata.name}`).sort();
    if (JSON.stringify(refs) === JSON.stringify(expected.refs) && relations(resources, 'dependsOn').length === expected.dependsOn.length
      && relations(resources, 'dependencyOf').length === expected.dependsOn.length) {
      return seen;
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(
    `the catalog did not ingest the generated entities within 45 s; it holds ${seen.map(e => `${e.kind}:${e.metadata.name}`).join(', ') || 'nothing'}`
      + `\nerrors: ${errorsOf(seen).join('\n') || 'none'}`,
  );
}

describe('the catalog of a real sync, ingested by Backstage’s catalog backend', () => {
  let postgres: RunningPostgres;
  let catalog: SyncedCatalog;
  let expected: Expected;

  beforeAll(async () => {
    postgres = await startPostgres();
    catalog = syncedCatalog();
    expected = expectedFrom(catalog);
  }, setupBudget(POSTGRES_START_MS, SYNC_MS));

  afterAll(async () => {
    catalog?.remove();
    await postgres?.stop();
  });

  it('is the estate the sync discovered: seven images and their FROM edges', () => {
    const r = (name: string) => `resource:default/127.0.0.1-9-${name}`;
    expect(expected.refs).toHaveLength(7);
    expect(expected.dependsOn).toEqual([
      `${r('acme-app-debug-latest')} -> ${r('acme-app-latest')}`,
      `${r('acme-app-latest')} -> ${r('platform-base-java-21')}`,
      `${r('acme-worker-latest')} -> ${r('library-alpine-3.20')}`,
      `${r('acme-worker-latest')} -> ${r('library-golang-1.23')}`,
      `${r('platform-base-java-21')} -> ${r('library-eclipse-temurin-21-jre')}`,
    ]);
  });

  it.each(['file', 'url'] as const)('ingests every entity and relation, in both directions, with no processing error, from a %s Location', async type => {
      const files = type === 'url' ? await serveFiles(catalog.checkout) : undefined;
      const host = files ? `127.0.0.1:${(files.address() as AddressInfo).port}` : undefined;
      const target = host ? `http://${host}/catalog/index.yaml` : catalog.index;
      const backend = await catalogBackend(postgres, { type, target }, host);
      try {
        const seen = await untilIngested(backend, expected);
        const resources = seen.filter(e => e.kind === 'Resource');

        expect(resources.map(e => `resource:default/${e.metadata.name}`).sort()).toEqual(expected.refs);
        expect(relations(resources, 'dependsOn')).toEqual(expected.dependsOn);
        expect(relations(resources, 'dependencyOf')).toEqual(
          expected.dependsOn.map(edge => edge.split(' -> ').reverse().join(' -> ')).sort(),
        );
        expect(seen.filter(e => e.kind === 'Location').map(e => e.metadata.name)).toContain('image-factory');
        expect(errorsOf(seen)).toEqual([]);
      } finally {
        await backend.stop();
        files?.close();
      }
    });
});
