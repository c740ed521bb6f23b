import { createApiRef } from '@backstage/core-plugin-api';
import type { ImageDetail, RebuildAccepted, RebuildRequest, RunPage, TagPage } from '@image-factory/backstage-plugin-common';

/**
 * Image Factory's API as the Backstage frontend sees it: through this plugin's backend, which adds
 * Image Factory's own credentials, so a user needs no GitHub account or registry login (Req 13.9).
 * `name` is an enrollment name or a canonical image reference.
 */
export interface ImageFactoryApi {
  getImage(name: string): Promise<ImageDetail>;
  getTags(name: string, page: number, perPage: number): Promise<TagPage>;
  getRuns(name: string, page: number, perPage: number): Promise<RunPage>;
  rerunFailedJobs(name: string, runId: number): Promise<void>;
  /** Records a rebuild request for a managed image; its next sync cycle triggers it. */
  requestRebuild(name: string, request: RebuildRequest): Promise<RebuildAccepted>;
}

export const imageFactoryApiRef = createApiRef<ImageFactoryApi>({ id: 'plugin.image-factory.api' });

/** A non-2xx answer, with Image Factory's own explanation (`{"error": "..."}`) as the message. */
export class ImageFactoryApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'ImageFactoryApiError';
  }
}
