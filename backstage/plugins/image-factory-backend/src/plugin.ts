import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { imageFactoryPermissions } from '@image-factory/backstage-plugin-common';
import { readImageFactoryConfig } from './config';
import { ImageFactoryUpstream } from './ImageFactoryUpstream';
import { createRouter } from './router';

/** `backend.add(import('@image-factory/backstage-plugin-backend'))`: serves `/api/image-factory`. */
export const imageFactoryPlugin = createBackendPlugin({
  pluginId: 'image-factory',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
      },
      async init({ config, logger, httpRouter, httpAuth, permissions, permissionsRegistry, auditor }) {
        const settings = readImageFactoryConfig(config);
        permissionsRegistry.addPermissions(imageFactoryPermissions);
        const upstream = new ImageFactoryUpstream(settings);
        httpRouter.use(await createRouter({ upstream, httpAuth, permissions, auditor, logger }));
        logger.info(
          `Image Factory API at ${settings.baseUrl}${settings.authorization ? '' : ' (no imageFactory.authorization: re-runs and rebuilds will be refused)'}`,
        );
      },
    });
  },
});
