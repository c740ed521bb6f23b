import { coreServices, createBackendPlugin, createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ImageRow } from '@image-factory/backstage-plugin-common';
import Router from 'express-promise-router';
import { readImageFactoryConfig, type ImageFactoryConfig } from '../src/config';
import { ImageFactoryUpstream } from '../src/ImageFactoryUpstream';
import { walkImageList } from '../src/imageList';

// For development only: a catalog without a database. The entities stand for the images a running
// Image Factory lists, with the annotations and relations its catalog generator writes, so the
// backend plugin's permission checks and the frontend's links and graph have entities to work on.

/** A valid entity name for an image reference (the real generator also shortens and hashes). */
export function entityName(ref: string): string {
  return ref.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '').slice(0, 63);
}

export function imageEntities(rows: ImageRow[]): Entity[] {
  const target = (ref: string) => `resource:default/${entityName(ref).toLowerCase()}`;
  return rows.map(row => {
    const dependsOn = (row.dependencies ?? []).map(target);
    const dependents = rows.filter(other => other.enrollment && row.dependents?.includes(other.enrollment)).map(other => target(other.ref));
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: entityName(row.ref),
        namespace: 'default',
        title: row.ref,
        annotations: {
          'image-factory.io/ref': row.ref,
          'image-factory.io/role': row.role,
          ...(row.enrollment ? { 'image-factory.io/enrollment': row.enrollment } : {}),
        },
      },
      spec: { type: row.role === 'base' ? 'base-image' : 'managed-image', owner: row.owner ?? 'group:default/platform', dependsOn },
      relations: [
        ...dependsOn.map(targetRef => ({ type: 'dependsOn', targetRef })),
        ...dependents.map(targetRef => ({ type: 'dependencyOf', targetRef })),
        { type: 'ownedBy', targetRef: row.owner ?? 'group:default/platform' },
      ],
    };
  });
}

async function fetchEntities(config: ImageFactoryConfig): Promise<Entity[]> {
  const rows: ImageRow[] = [];
  const stop = await walkImageList(new ImageFactoryUpstream(config), new URLSearchParams(), row => rows.push(row));
  if (stop) {
    throw new Error(`Image Factory at ${config.baseUrl} answered ${stop.target} with ${stop.answer.status} ${stop.answer.contentType}, not a page of images`);
  }
  return imageEntities(rows);
}

/** The catalog the backend plugin asks: Image Factory's images as they were when the backend started. */
export const devCatalogService = createServiceFactory({
  service: catalogServiceRef,
  deps: { config: coreServices.rootConfig },
  async factory({ config }) {
    return catalogServiceMock({ entities: await fetchEntities(readImageFactoryConfig(config)) });
  },
});

/** `GET /api/image-factory-dev/entities`: the same entities for the development app's in-browser catalog. */
export const devEntitiesPlugin = createBackendPlugin({
  pluginId: 'image-factory-dev',
  register(env) {
    env.registerInit({
      deps: { config: coreServices.rootConfig, httpRouter: coreServices.httpRouter },
      async init({ config, httpRouter }) {
        const settings = readImageFactoryConfig(config);
        const router = Router();
        router.get('/entities', async (_req, res) => {
          res.json(await fetchEntities(settings));
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/entities', allow: 'unauthenticated' });
      },
    });
  },
});
