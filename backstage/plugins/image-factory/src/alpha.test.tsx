import { describe, expect, it } from 'vitest';
import imageFactoryPlugin from './alpha';

// The new frontend system's plugin: what an app gets from `features: [imageFactoryPlugin]`.
describe('image-factory for the new frontend system', () => {
  it('provides the API, the overview card and the two tabs, under the plugin id the backend serves', () => {
    expect(imageFactoryPlugin.id).toBe('image-factory');
    for (const id of [
      'api:image-factory',
      'entity-card:image-factory/overview',
      'entity-content:image-factory/versions',
      'entity-content:image-factory/ci-cd',
    ] as const) {
      expect(imageFactoryPlugin.getExtension(id), id).toBeTruthy();
    }
  });
});
