import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Re-running a failed build workflow of an image (Req 13.8). The backend checks it before it
 * forwards the request with Image Factory's own credentials; the frontend only hides the button.
 */
export const imageFactoryRerunPermission = createPermission({
  name: 'image-factory.run.rerun',
  attributes: { action: 'update' },
});

/** Asking Image Factory to rebuild an image now (urgent rebuilds bypass the delay). */
export const imageFactoryRebuildPermission = createPermission({
  name: 'image-factory.image.rebuild',
  attributes: { action: 'update' },
});

export const imageFactoryPermissions = [imageFactoryRerunPermission, imageFactoryRebuildPermission];
