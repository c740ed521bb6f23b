import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

// Every Image Factory permission is a resource permission on the image's catalog entity (the
// Resource entity carrying the image-factory.io/ref annotation), as the catalog's own permissions
// are: a policy can answer with the catalog's conditions, e.g. "the entity's owner may re-run"
// (catalogConditions.isEntityOwner), and the catalog evaluates them. The backend checks each one
// against the entity before it calls Image Factory; the frontend only hides what would be refused.

/** Seeing the image's state, its registry tags and its build runs (Req 11.5, 12, 13). */
export const imageFactoryReadPermission = createPermission({
  name: 'image-factory.image.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Re-running the failed jobs of a failed run of the image's own build workflow (Req 13.8). */
export const imageFactoryRerunPermission = createPermission({
  name: 'image-factory.run.rerun',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Asking Image Factory to rebuild the image now (an urgent rebuild bypasses the delay). */
export const imageFactoryRebuildPermission = createPermission({
  name: 'image-factory.image.rebuild',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const imageFactoryPermissions = [imageFactoryReadPermission, imageFactoryRerunPermission, imageFactoryRebuildPermission];
