import { coreServices, createServiceFactory, type BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ownerPolicy from '../examples/permission-policy';
import imageFactoryPlugin from './index';
import { FakeUpstream, json } from './__testUtils__/fakeUpstream';
import { POSTGRES_START_MS, startPostgres, type RunningPostgres } from './__testUtils__/postgres';
import { setupBudget } from './__testUtils__/setupBudget';

// The example policy on the real permission framework: the permission backend asks the policy,
// which answers "the entity's owner" as a catalog condition; the catalog backend evaluates it on
// the image's entity. Image Factory itself is a stand-in recording what reaches it.

const APP = 'ghcr.io/acme/app:latest';
const BASE = 'docker.io/library/alpine:3.20';

const ENTITIES = `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: ghcr.io-acme-app-latest
  annotations: {image-factory.io/ref: "${APP}", image-factory.io/enrollment: app}
spec: {type: managed-image, owner: group:default/app-team}
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: docker.io-library-alpine-3.20
  annotations: {image-factory.io/ref: "${BASE}"}
spec: {type: base-image, owner: group:default/platform}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: app-team}
spec: {type: team, children: []}
`;

// Who belongs to which group, as Backstage's user info answers from the sign-in's ownership claims.
const memberships = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const user = (credentials.principal as { userEntityRef: string }).userEntityRef;
      return { userEntityRef: user, ownershipEntityRefs: user === 'user:default/jane' ? [user, 'group:default/app-team'] : [user] };
    },
  }),
});

// Real Backstage marks a token a plugin obtained on a user's behalf with the plugin as its actor,
// and the permission backend relies on it; the mock auth service leaves the actor out. This adds it
// (and Backstage's real HTTP auth service reads requests through it).
const onBehalfOfTokens = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const mock = mockServices.auth({ pluginId: plugin.getId() });
    const prefix = 'mock-service-token:';
    return {
      getNoneCredentials: () => mock.getNoneCredentials(),
      getOwnServiceCredentials: () => mock.getOwnServiceCredentials(),
      isPrincipal: mock.isPrincipal.bind(mock) as typeof mock.isPrincipal,
      getPluginRequestToken: options => mock.getPluginRequestToken(options),
      getLimitedUserToken: credentials => mock.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => mock.listPublicServiceKeys(),
      async authenticate(token, options) {
        const credentials = await mock.authenticate(token, options);
        const obo = token.startsWith(prefix) ? (JSON.parse(token.slice(prefix.length)) as { obo?: string }).obo : undefined;
        return (obo ? mockCredentials.user(obo, { actor: { subject: 'plugin:on-behalf-of' } }) : credentials) as any;
      },
    };
  },
});

const INGEST_MS = 45_000;

describe('the example permission policy: owners re-run and rebuild, everyone reads', () => {
  let postgres: RunningPostgres;
  let upstream: FakeUpstream;
  let dir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  // Jane is in the app team, which owns the app image; Bob is not.
  const jane = mockCredentials.user.header('user:default/jane');
  const bob = mockCredentials.user.header('user:default/bob');

  beforeAll(async () => {
    postgres = await startPostgres();
    upstream = await FakeUpstream.start();
    upstream.always((req, res) => json(res, req.method === 'POST' ? 202 : 200, req.method === 'POST' ? { image: 'app' } : { tags: [] }));
    dir = mkdtempSync(join(tmpdir(), 'image-factory-policy-'));
    writeFileSync(join(dir, 'catalog.yaml'), ENTITIES);
    backend = await startTestBackend({
      features: [
        import('@backstage/plugin-catalog-backend'),
        import('@backstage/plugin-permission-backend'),
        ownerPolicy,
        imageFactoryPlugin,
        permissionsServiceFactory,
        memberships,
        onBehalfOfTokens,
        httpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            backend: { database: { client: 'pg', connection: postgres.connection, prefix: 'policy_' } },
            catalog: { locations: [{ type: 'file', target: join(dir, 'catalog.yaml'), rules: [{ allow: ['Resource', 'Group'] }] }] },
            imageFactory: { baseUrl: upstream.baseUrl, authorization: 'Bearer t' },
          },
        }),
      ],
    });
    const deadline = Date.now() + INGEST_MS;
    while (Date.now() < deadline) {
      const seen = await request(backend.server).get('/api/catalog/entities?filter=kind=resource').set('authorization', jane);
      if (Array.isArray(seen.body) && seen.body.length === 2) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    throw new Error(`the catalog did not ingest the two image entities within ${INGEST_MS / 1000} s`);
  }, setupBudget(POSTGRES_START_MS, INGEST_MS));

  afterAll(async () => {
    await backend?.stop();
    await upstream?.close();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the image’s owner re-run its failed jobs and ask for a rebuild', async () => {
    const before = upstream.requests.length;
    const rerun = await request(backend.server).post(`/api/image-factory/runs/42/rerun?image=${encodeURIComponent(APP)}`).set('authorization', jane);
    const rebuild = await request(backend.server).post(`/api/image-factory/images/${encodeURIComponent(APP)}/rebuild`).set('authorization', jane);

    expect([rerun.status, rebuild.status]).toEqual([202, 202]);
    expect(upstream.requests.slice(before).map(r => `${r.method} ${r.url}`)).toEqual([
      `POST /api/v1/runs/42/rerun?image=${encodeURIComponent(APP)}`,
      `POST /api/v1/images/${encodeURIComponent(APP)}/rebuild`,
    ]);
  });

  it('refuses someone who does not own the image, before anything reaches Image Factory', async () => {
    const before = upstream.requests.length;
    const rerun = await request(backend.server).post(`/api/image-factory/runs/42/rerun?image=${encodeURIComponent(APP)}`).set('authorization', bob);
    const notJanes = await request(backend.server).post(`/api/image-factory/images/${encodeURIComponent(BASE)}/rebuild`).set('authorization', jane);

    expect(rerun.status).toBe(403);
    expect(rerun.body.error).toBe('not allowed: needs the permission image-factory.run.rerun on resource:default/ghcr.io-acme-app-latest');
    expect(notJanes.status).toBe(403);
    expect(upstream.requests.length).toBe(before);
  });

  it('lets everyone read any image', async () => {
    const tags = await request(backend.server).get(`/api/image-factory/images/${encodeURIComponent(BASE)}/tags`).set('authorization', bob);

    expect(tags.status).toBe(200);
  });
});
