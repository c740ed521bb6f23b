import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { imageFactoryApiRef } from './api/ImageFactoryApi';
import { ImageFactoryClient } from './api/ImageFactoryClient';

export const tagsRouteRef = createRouteRef({ id: 'image-factory:tags' });
export const runsRouteRef = createRouteRef({ id: 'image-factory:runs' });

export const imageFactoryPlugin = createPlugin({
  id: 'image-factory',
  apis: [
    createApiFactory({
      api: imageFactoryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ImageFactoryClient(deps),
    }),
  ],
  routes: { tags: tagsRouteRef, runs: runsRouteRef },
});

/** Overview card: digest, rebuild status, last build, bases and dependents. */
export const EntityImageFactoryCard = imageFactoryPlugin.provide(
  createComponentExtension({
    name: 'EntityImageFactoryCard',
    component: { lazy: () => import('./components/ImageCard').then(m => m.ImageCard) },
  }),
);

/** "Versions" tab: the registry's tags with digest, size, date, copy and pages. */
export const EntityImageTagsContent = imageFactoryPlugin.provide(
  createRoutableExtension({
    name: 'EntityImageTagsContent',
    component: () => import('./components/TagsContent').then(m => m.TagsContent),
    mountPoint: tagsRouteRef,
  }),
);

/** "CI/CD" tab: the build workflow's runs, with re-run for those allowed to. */
export const EntityImageRunsContent = imageFactoryPlugin.provide(
  createRoutableExtension({
    name: 'EntityImageRunsContent',
    component: () => import('./components/RunsContent').then(m => m.RunsContent),
    mountPoint: runsRouteRef,
  }),
);
