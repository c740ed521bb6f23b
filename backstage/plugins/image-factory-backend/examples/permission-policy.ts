// An example permission policy for Image Factory's permissions, to merge into your own: everyone
// may see every image's state, tags and runs; only an image's owners (the owner of its
// catalog entity, directly or through a group they belong to) may re-run its failed builds or ask
// for a rebuild. Install it in packages/backend/src/index.ts instead of the allow-all policy:
//
//   backend.add(import('@backstage/plugin-permission-backend'));
//   backend.add(import('./imageFactoryPolicy'));   // this file
//
// The permissions are resource permissions on catalog entities, so the catalog's own conditions
// (catalogConditions.isEntityOwner, hasAnnotation, isEntityKind, ...) apply to them and the
// catalog evaluates them, as it does for catalog.entity.read.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, isPermission, type PolicyDecision } from '@backstage/plugin-permission-common';
import type { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  imageFactoryReadPermission,
  imageFactoryRebuildPermission,
  imageFactoryRerunPermission,
} from '@image-factory/backstage-plugin-common';

export class ImageFactoryOwnerPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (isPermission(request.permission, imageFactoryRerunPermission) || isPermission(request.permission, imageFactoryRebuildPermission)) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims: user?.info.ownershipEntityRefs ?? [] }),
      );
    }
    if (isPermission(request.permission, imageFactoryReadPermission)) {
      // Open to everyone here; narrow it with the catalog's conditions as you narrow catalog.entity.read.
      return { result: AuthorizeResult.ALLOW };
    }
    // Your other rules go here; Backstage's default is to allow.
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'image-factory-owner-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ImageFactoryOwnerPolicy());
      },
    });
  },
});
