import type { ReactNode } from 'react';
import { SWRConfig } from 'swr';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider, catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult, type EvaluatePermissionRequest } from '@backstage/plugin-permission-common';
import type { Entity } from '@backstage/catalog-model';
import { alertApiRef, type AlertMessage } from '@backstage/core-plugin-api';
import { imageFactoryApiRef, type ImageFactoryApi } from '../api/ImageFactoryApi';

export const REF = 'ghcr.io/acme/app:latest';

/** An entity as Image Factory's catalog generator writes it. */
export function imageEntity(ref = REF, role = 'managed', enrollment?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: ref.replace(/[^A-Za-z0-9]+/g, '-'),
      annotations: {
        'image-factory.io/ref': ref,
        'image-factory.io/role': role,
        ...(enrollment ? { 'image-factory.io/enrollment': enrollment } : {}),
      },
    },
    spec: { type: role.includes('managed') ? 'managed-image' : 'base-image', owner: 'group:default/platform' },
  };
}

/** An API whose unlisted calls fail the test loudly. */
export function imageFactoryApi(overrides: Partial<ImageFactoryApi>): ImageFactoryApi {
  const unexpected = (call: string) => () => Promise.reject(new Error(`${call} was not expected in this test`));
  return {
    getImage: unexpected('getImage'),
    getTags: unexpected('getTags'),
    getRuns: unexpected('getRuns'),
    rerunFailedJobs: unexpected('rerunFailedJobs'),
    requestRebuild: unexpected('requestRebuild'),
    ...overrides,
  };
}

/** Renders `children` on an entity page of `entity` in a Backstage test app. */
export async function renderOnEntityPage(
  children: ReactNode,
  options: {
    api: ImageFactoryApi;
    entity?: Entity;
    /** What the catalog holds besides the entity on screen. */
    catalog?: Entity[];
    /** One answer for all, or per request (the permission and the entity it is asked for). */
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY | ((request: EvaluatePermissionRequest) => AuthorizeResult.ALLOW | AuthorizeResult.DENY);
  },
) {
  const alerts: AlertMessage[] = [];
  const alertApi = { post: (alert: AlertMessage) => alerts.push(alert), alert$: () => ({ subscribe: () => ({ unsubscribe() {}, closed: false }) }) } as any;
  const result = await renderInTestApp(
    <TestApiProvider
      apis={[
        [imageFactoryApiRef, options.api],
        [permissionApiRef, mockApis.permission({ authorize: options.permission ?? AuthorizeResult.ALLOW })],
        [alertApiRef, alertApi],
        [catalogApiRef, catalogHolding(options.catalog ?? [])],
      ]}
    >
      {/* usePermission caches answers in SWR's global cache; each test gets its own. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={options.entity ?? imageEntity()}>{children}</EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { ...result, alerts };
}

/** What a copy button put on the clipboard: copy-to-clipboard selects the text and runs execCommand('copy'). */
export function captureClipboard(): { text: () => string | undefined } {
  let copied: string | undefined;
  Object.defineProperty(document, 'execCommand', {
    configurable: true,
    value: (command: string) => {
      if (command === 'copy') {
        copied = document.getSelection()?.toString();
      }
      return true;
    },
  });
  return { text: () => copied };
}

/**
 * The catalog's getEntities over `entities`, for the filters the plugin sends: a list of
 * alternatives, each a map of dotted field path to the values it may have.
 */
function catalogHolding(entities: Entity[]) {
  const field = (entity: Entity, path: string): unknown => {
    const annotations = 'metadata.annotations.';
    return path.startsWith(annotations) ? entity.metadata.annotations?.[path.slice(annotations.length)] : undefined;
  };
  const matches = (entity: Entity, filter: Record<string, string | string[]>) =>
    Object.entries(filter).every(([path, values]) => [values].flat().includes(field(entity, path) as string));
  return {
    getEntities: async (request?: { filter?: Record<string, string | string[]>[] }) => ({
      items: entities.filter(entity => (request?.filter ?? [{}]).some(filter => matches(entity, filter))),
    }),
  } as any;
}
