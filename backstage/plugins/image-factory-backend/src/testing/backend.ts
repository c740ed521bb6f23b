import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import imageFactoryPlugin from '../index';

export interface AuditRecord {
  eventId: string;
  outcome: 'success' | 'fail';
  meta: unknown;
  error?: string;
}

/** A real Backstage backend with only this plugin, its config, one permission decision and a recording auditor. */
export async function backendWith(
  imageFactory: JsonObject,
  decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const audit: AuditRecord[] = [];
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
  const backend = await startTestBackend({
    features: [
      imageFactoryPlugin,
      mockServices.rootConfig.factory({ data: { imageFactory } }),
      mockServices.permissions.factory({ result: decision }),
      auditor,
    ],
  });
  return { backend, server: backend.server, audit };
}
