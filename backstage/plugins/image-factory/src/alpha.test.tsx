import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createExtensionTester, mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityProvider, catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Entity } from '@backstage/catalog-model';
import type { ImageDetail, RunPage, TagPage } from '@image-factory/backstage-plugin-common';
import imageFactoryPlugin, { imageFactoryEntityCard, imageFactoryRunsContent, imageFactoryVersionsContent } from './alpha';
import { imageFactoryApiRef, type ImageFactoryApi } from './api/ImageFactoryApi';
import { REF, imageEntity, imageFactoryApi } from './__testUtils__/fixtures';

// The new frontend system's plugin: what an app gets from `features: [imageFactoryPlugin]`.
// The extensions are instantiated by the frontend system's own tree (createExtensionTester) and
// rendered in its test app, with the plugin's API mocked as the component tests mock it.

const DIGEST = `sha256:${'7'.repeat(64)}`;

const detail: ImageDetail = {
  summary: {
    ref: REF,
    role: 'managed',
    enrollment: 'app',
    digest: DIGEST,
    refDigest: `ghcr.io/acme/app@${DIGEST}`,
    rebuildStatus: 'up-to-date',
    breakerOpen: false,
    dependencies: ['docker.io/library/alpine:3.20'],
    dependents: [],
  },
};

const tags: TagPage = {
  tags: [{ tag: 'v2.1.0', digest: DIGEST, size: 1048576, published: '2026-11-02T10:00:00Z', reference: `ghcr.io/acme/app:v2.1.0@${DIGEST}` }],
  page: 1,
  perPage: 30,
  hasNext: false,
  datesKnown: true,
  stale: false,
};

const runs: RunPage = {
  runs: [
    {
      id: 5150,
      status: 'completed',
      conclusion: 'failure',
      headSha: 'c0ffee'.repeat(7).slice(0, 40),
      createdAt: '2026-11-02T10:00:00Z',
      durationSeconds: 95,
      url: 'https://github.com/acme/app/actions/runs/5150',
      title: 'build app #5150',
    },
  ],
  page: 1,
  perPage: 20,
  totalCount: 1,
};

/** Renders what `extension` puts on the page of `entity`, in the new frontend system's test app. */
async function renderExtension(extension: Parameters<typeof createExtensionTester>[0], api: ImageFactoryApi, entity: Entity = imageEntity()) {
  const element = createExtensionTester(extension).get(coreExtensionData.reactElement);
  return renderInTestApp(<EntityProvider entity={entity}>{element}</EntityProvider>, {
    apis: [
      [imageFactoryApiRef, api],
      [catalogApiRef, { getEntities: async () => ({ items: [] }) }],
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

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

  it('renders the overview card with the image’s current digest and its base', async () => {
    const getImage = vi.fn(async () => detail);
    await renderExtension(imageFactoryEntityCard, imageFactoryApi({ getImage }));

    expect(await screen.findByText('sha256:777777777777')).toBeTruthy();
    expect(screen.getByText('docker.io/library/alpine:3.20')).toBeTruthy();
    expect(getImage).toHaveBeenCalledWith(REF);
  });

  it('renders the Versions tab with a row per tag of the registry', async () => {
    const getTags = vi.fn(async () => tags);
    await renderExtension(imageFactoryVersionsContent, imageFactoryApi({ getTags }));

    const tag = await screen.findByText('v2.1.0');
    expect(tag.closest('tr')?.textContent).toContain('sha256:777777777777');
    expect(screen.getByRole('button', { name: `Copy ghcr.io/acme/app:v2.1.0@${DIGEST}` })).toBeTruthy();
    expect(getTags).toHaveBeenCalledWith(REF, 1, 30);
  });

  it('renders the CI/CD tab with the build workflow’s runs and the re-run of a failed one', async () => {
    const getRuns = vi.fn(async () => runs);
    await renderExtension(imageFactoryRunsContent, imageFactoryApi({ getRuns }));

    const run = await screen.findByText('build app #5150');
    expect(run.closest('tr')?.textContent).toContain('Failed');
    expect(await screen.findByRole('button', { name: 'Re-run failed jobs of run 5150' })).toBeTruthy();
  });

  it('puts the card and the Versions tab on image entities only, and the CI/CD tab on managed images only', () => {
    const service: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'payments' }, spec: {} };
    const base = imageEntity('docker.io/library/alpine:3.20', 'base');
    const appliesTo = (filter: (entity: Entity) => boolean) => [imageEntity(), base, service].map(filter);

    expect(appliesTo(createExtensionTester(imageFactoryEntityCard).get(EntityCardBlueprint.dataRefs.filterFunction)!)).toEqual([true, true, false]);
    const versions = createExtensionTester(imageFactoryVersionsContent);
    expect(appliesTo(versions.get(EntityContentBlueprint.dataRefs.filterFunction)!)).toEqual([true, true, false]);
    expect([versions.get(EntityContentBlueprint.dataRefs.title), versions.get(coreExtensionData.routePath)]).toEqual(['Versions', 'versions']);
    const cicd = createExtensionTester(imageFactoryRunsContent);
    expect(appliesTo(cicd.get(EntityContentBlueprint.dataRefs.filterFunction)!)).toEqual([true, false, false]);
    expect([cicd.get(EntityContentBlueprint.dataRefs.title), cicd.get(coreExtensionData.routePath)]).toEqual(['CI/CD', 'ci-cd']);
  });
});
