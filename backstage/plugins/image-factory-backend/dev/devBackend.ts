import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { devCatalogService, devEntitiesPlugin } from './imageCatalog';

type Feature = Parameters<ReturnType<typeof createBackend>['add']>[0];

/**
 * This plugin in a real Backstage backend for development: mock auth lets the development app's
 * guest user in, the catalog holds Image Factory's images (./imageCatalog), and without a
 * permission policy every permission is granted. `extra` adds or replaces services (tests).
 */
export function devBackend(...extra: Feature[]) {
  const backend = createBackend();
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(devCatalogService);
  backend.add(devEntitiesPlugin);
  backend.add(import('../src'));
  extra.forEach(feature => backend.add(feature));
  return backend;
}
