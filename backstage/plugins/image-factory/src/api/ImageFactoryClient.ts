import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type { ImageDetail, RebuildAccepted, RebuildRequest, RunPage, TagPage } from '@image-factory/backstage-plugin-common';
import { ImageFactoryApi, ImageFactoryApiError } from './ImageFactoryApi';

/** Calls the `image-factory` backend plugin with the signed-in user's Backstage token (fetchApi adds it). */
export class ImageFactoryClient implements ImageFactoryApi {
  constructor(private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  getImage(name: string): Promise<ImageDetail> {
    return this.call(`/images/${encodeURIComponent(name)}`);
  }

  getTags(name: string, page: number, perPage: number): Promise<TagPage> {
    return this.call(`/images/${encodeURIComponent(name)}/tags?${paging(page, perPage)}`);
  }

  getRuns(name: string, page: number, perPage: number): Promise<RunPage> {
    return this.call(`/images/${encodeURIComponent(name)}/runs?${paging(page, perPage)}`);
  }

  async rerunFailedJobs(name: string, runId: number): Promise<void> {
    await this.call(`/runs/${runId}/rerun?image=${encodeURIComponent(name)}`, { method: 'POST' });
  }

  requestRebuild(name: string, request: RebuildRequest): Promise<RebuildAccepted> {
    return this.call(`/images/${encodeURIComponent(name)}/rebuild`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('image-factory');
    const response = await this.deps.fetchApi.fetch(`${base}${path}`, init);
    const text = await response.text();
    if (!response.ok) {
      throw new ImageFactoryApiError(explain(response, text, path), response.status);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function paging(page: number, perPage: number): string {
  return new URLSearchParams({ page: String(page), per_page: String(perPage) }).toString();
}

// Image Factory answers {"error": "..."}; Backstage's own errors answer {"error": {"message": "..."}}.
function explain(response: Response, text: string, path: string): string {
  try {
    const body = JSON.parse(text);
    if (typeof body?.error === 'string') {
      return body.error;
    }
    if (typeof body?.error?.message === 'string') {
      return body.error.message;
    }
  } catch {
    // not JSON: fall through to the status line
  }
  return `Image Factory answered ${response.status} ${response.statusText} for ${path}`.trim();
}
