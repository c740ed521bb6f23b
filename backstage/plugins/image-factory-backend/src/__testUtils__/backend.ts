import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult, type AuthorizePermissionRequest } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import imageFactoryPlugin from '../index';

export interface AuditRecord {
  eventId: string;
  outcome: 'success' | 'fail';
  meta: unknown;
  error?: string;
}

/** A Resource entity as Image Factory's catalog generator writes it (the fields the backend reads). */
export function imageEntity(ref: string, enrollment?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: ref.replace(/[^A-Za-z0-9]+/g, '-'),
      annotations: { 'image-factory.io/ref': ref, ...(enrollment ? { 'image-factory.io/enrollment': enrollment } : {}) },
    },
    spec: { type: enrollment ? 'managed-image' : 'base-image', owner: 'group:default/platform' },
  };
}

/** The entities of the images the tests name: the fake upstream's app and serve's app and its base. */
export const IMAGE_ENTITIES = [
  imageEntity('ghcr.io/acme/app:latest', 'app'),
  imageEntity('127.0.0.1:9/acme/app:latest', 'app'),
  imageEntity('127.0.0.1:9/library/alpine:3.20'),
];

type Decide = (request: AuthorizePermissionRequest) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/**
 * A real Backstage backend with only this plugin, its config, a catalog holding `entities`, a
 * permission decision (one for all, or per request) and a recording auditor.
 */
export async function backendWith(
  imageFactory: JsonObject,
  decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY | Decide = AuthorizeResult.ALLOW,
  entities: Entity[] = IMAGE_ENTITIES,
) {
  const audit: AuditRecord[] = [];
  const asked: AuthorizePermissionRequest[] = [];
  const decide: Decide = typeof decision === 'function' ? decision : () => decision;
  const auditor = createServiceFactory({
    service: coreServices.auditor,
    deps: {},
    factory: () => ({
      createEvent: async options => ({
        success: async () => void audit.push({ eventId: options.eventId, outcome: 'success', meta: options.meta }),
        fail: async ({ error }) => void audit.push({ eventId: options.eventId, outcome: 'fail', meta: options.meta, error: error.message }),
      }),
    }),
  });
  const permissions = createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => ({
      authorize: async (requests: AuthorizePermissionRequest[]) =>
        requests.map(request => {
          asked.push(request);
          return { result: decide(request) };
        }),
      authorizeConditional: async () => {
        throw new Error('the image-factory backend asks for decisions, never for conditions');
      },
    }),
  });
  const backend = await startTestBackend({
    features: [
      imageFactoryPlugin,
      mockServices.rootConfig.factory({ data: { imageFactory } }),
      catalogServiceMock.factory({ entities }),
      permissions,
      auditor,
    ],
  });
  return { backend, server: backend.server, audit, asked };
}
