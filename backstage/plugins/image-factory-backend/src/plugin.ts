import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { imageFactoryPermissions } from '@image-factory/backstage-plugin-common';
import { readImageFactoryConfig } from './config';
import { ImageEntities } from './imageEntities';
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
        catalog: catalogServiceRef,
      },
      async init({ config, logger, httpRouter, httpAuth, permissions, permissionsRegistry, auditor, catalog }) {
        const settings = readImageFactoryConfig(config);
        permissionsRegistry.addPermissions(imageFactoryPermissions);
        const upstream = new ImageFactoryUpstream(settings);
        const entities = new ImageEntities(catalog);
        httpRouter.use(await createRouter({ upstream, entities, httpAuth, permissions, auditor, logger }));
        logger.info(
          `Image Factory API at ${settings.baseUrl}${settings.authorization ? '' : ' (no imageFactory.authorization: re-runs and rebuilds will be refused)'}`,
        );
      },
    });
  },
});
