import { compatWrapper } from '@backstage/core-compat-api';
import { ApiBlueprint, createFrontendPlugin, discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { imageFactoryApiRef } from './api/ImageFactoryApi';
import { ImageFactoryClient } from './api/ImageFactoryClient';
import { isImageFactoryImage, isImageFactoryManagedImage } from './conditions';

/** The client of the image-factory backend plugin, with the signed-in user's Backstage token. */
export const imageFactoryApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: imageFactoryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ImageFactoryClient(deps),
    }),
});

/** Overview card on every image entity: digest, rebuild status, last build, bases and dependents. */
export const imageFactoryEntityCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: isImageFactoryImage,
    loader: () => import('./components/ImageCard').then(m => compatWrapper(<m.ImageCard />)),
  },
});

/** "Versions" tab on every image entity: the registry's tags. */
export const imageFactoryVersionsContent = EntityContentBlueprint.make({
  name: 'versions',
  params: {
    path: 'versions',
    title: 'Versions',
    filter: isImageFactoryImage,
    loader: () => import('./components/TagsContent').then(m => compatWrapper(<m.TagsContent />)),
  },
});

/** "CI/CD" tab on managed images: their build workflow's runs, with re-run. */
export const imageFactoryRunsContent = EntityContentBlueprint.make({
  name: 'ci-cd',
  params: {
    path: 'ci-cd',
    title: 'CI/CD',
    filter: isImageFactoryManagedImage,
    loader: () => import('./components/RunsContent').then(m => compatWrapper(<m.RunsContent />)),
  },
});

/**
 * Image Factory for Backstage's new frontend system: `features: [imageFactoryPlugin]` in
 * `createApp` (or package discovery) adds the API, the overview card and both tabs to image entities.
 */
export default createFrontendPlugin({
  pluginId: 'image-factory',
  title: 'Image Factory',
  extensions: [imageFactoryApi, imageFactoryEntityCard, imageFactoryVersionsContent, imageFactoryRunsContent],
});
