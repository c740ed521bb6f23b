import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImageDetail } from '@image-factory/backstage-plugin-common';
import { ImageFactoryApiError } from '../api/ImageFactoryApi';
import { REF, captureClipboard, imageEntity, imageFactoryApi, renderOnEntityPage } from '../testing/fixtures';
import { ImageCard } from './ImageCard';

const BASE = 'registry.example.com:5000/platform/base-java:21-jre';
const DIGEST = `sha256:${'2'.repeat(64)}`;

const managed: ImageDetail = {
  summary: {
    ref: REF,
    role: 'managed',
    enrollment: 'app',
    digest: DIGEST,
    refDigest: `ghcr.io/acme/app@${DIGEST}`,
    updatedAt: '2026-11-01T00:00:00Z',
    rebuildStatus: 'waiting-for-delay',
    rebuildDue: '2026-11-08T00:00:00Z',
    rebuildCauses: [`${BASE} sha256:1111 -> sha256:3333`],
    lastBuildStatus: 'failed',
    lastBuildUrl: 'https://github.com/acme/app/actions/runs/42',
    lastBuildAt: '2026-10-30T10:00:00Z',
    breakerOpen: false,
    dependencies: [BASE],
    dependents: ['ghcr.io/acme/app-debug:latest'],
  },
};

describe('ImageCard (overview)', () => {
  it('shows a managed image\'s digest, rebuild status and due time, why, last build and neighbours', async () => {
    const getImage = vi.fn(async () => managed);
    await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage }) });

    expect(await screen.findByText('sha256:222222222222')).toBeTruthy();
    expect(getImage).toHaveBeenCalledWith(REF);
    expect(screen.getByText(/waiting for delay/)).toBeTruthy();
    expect(document.querySelector('time[datetime="2026-11-08T00:00:00Z"]')).toBeTruthy();
    expect(screen.getByText(`${BASE} sha256:1111 -> sha256:3333`)).toBeTruthy();
    expect(screen.getByText(/^failed/).closest('a')?.getAttribute('href')).toBe('https://github.com/acme/app/actions/runs/42');
    expect(screen.getByText(BASE)).toBeTruthy();
    expect(screen.getByText('ghcr.io/acme/app-debug:latest')).toBeTruthy();
  });

  it('copies the image\'s reference pinned to its current digest', async () => {
    const clipboard = captureClipboard();
    await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage: async () => managed }) });

    await userEvent.click(await screen.findByRole('button', { name: `Copy ghcr.io/acme/app@${DIGEST}` }));

    expect(clipboard.text()).toBe(`ghcr.io/acme/app@${DIGEST}`);
  });

  it('shows a base image\'s dependents and its monitoring error, without build rows', async () => {
    const base: ImageDetail = {
      summary: {
        ref: BASE,
        role: 'base',
        breakerOpen: false,
        error: 'registry answered 500 for HEAD /v2/platform/base-java/manifests/21-jre',
        dependents: ['app'],
      },
    };
    await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage: async () => base }), entity: imageEntity(BASE, 'base') });

    expect(await screen.findByText(/registry answered 500/)).toBeTruthy();
    expect(screen.getByText('not seen yet')).toBeTruthy();
    expect(screen.getByText('app')).toBeTruthy();
    expect(screen.getByText('no base images found')).toBeTruthy();
    expect(screen.queryByText(/last build/i)).toBeNull();
  });

  it('says that automatic rebuilds are paused when the breaker is open', async () => {
    const tripped: ImageDetail = { summary: { ...managed.summary, breakerOpen: true, rebuildStatus: 'breaker-open' } };
    await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage: async () => tripped }) });

    expect(await screen.findByText(/Automatic rebuilds are paused/)).toBeTruthy();
  });

  it('says why the state cannot be shown', async () => {
    const getImage = async () => {
      throw new ImageFactoryApiError('first sync not finished', 503);
    };
    await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage }) });

    expect(await screen.findByText(/first sync not finished/)).toBeTruthy();
  });
});
