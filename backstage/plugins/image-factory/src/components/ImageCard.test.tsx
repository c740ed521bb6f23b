import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { describe, expect, it, vi } from 'vitest';
import type { ImageDetail } from '@image-factory/backstage-plugin-common';
import { ImageFactoryApiError } from '../api/ImageFactoryApi';
import { REF, captureClipboard, imageEntity, imageFactoryApi, renderOnEntityPage } from '../__testUtils__/fixtures';
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

  it('shows a build that timed out as failed with its message, never as pending', async () => {
    const timedOut = {
      ...managed,
      summary: {
        ...managed.summary,
        lastBuildStatus: 'timed-out',
        lastBuildFinishedAt: '2026-10-30T16:00:00Z',
        lastBuildMessage: 'no result within build.timeout (6h)',
      },
    };
    await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage: async () => timedOut }) });

    const label = await screen.findByText(/^timed out/);
    expect(label.closest('a')?.getAttribute('href')).toBe('https://github.com/acme/app/actions/runs/42');
    expect(screen.getByText('no result within build.timeout (6h)')).toBeTruthy();
    expect(document.querySelector('[aria-label="Status error"]')).toBeTruthy();
    expect(document.querySelector('[aria-label="Status pending"]')).toBeNull();
  });

  it('says when a failed dispatch is tried again, that a rebuild is urgent, and how old a failing check\'s digest is', async () => {
    const failing = {
      ...managed,
      summary: {
        ...managed.summary,
        rebuildStatus: 'dispatch-failed',
        rebuildDue: '2026-11-02T00:05:00Z',
        urgent: true,
        urgentReason: 'CVE-2026-0001',
        error: 'manifest check failed: registry answered 500',
        errorKind: 'check',
        errorSince: '2026-11-02T00:00:00Z',
        lastGoodCheck: '2026-11-01T23:00:00Z',
      },
    };
    await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage: async () => failing }) });

    expect(await screen.findByText(/dispatch failed/)).toBeTruthy();
    expect(screen.getByText(/tried again/)).toBeTruthy();
    expect(screen.queryByText(/\bdue\b/)).toBeNull();
    expect(screen.getByText(/urgent: CVE-2026-0001/)).toBeTruthy();
    expect(screen.getByText(/the digest shown is as of the last good check/)).toBeTruthy();
  });

  it('links the images it is built from and into to their catalog entities', async () => {
    const withDebug = { ...managed, summary: { ...managed.summary, dependents: ['app-debug', 'not-in-catalog'] } };
    await renderOnEntityPage(<ImageCard />, {
      api: imageFactoryApi({ getImage: async () => withDebug }),
      catalog: [imageEntity(BASE, 'managed+base', 'base-java'), imageEntity('ghcr.io/acme/app-debug:latest', 'managed', 'app-debug')],
    });

    await waitFor(() => expect(screen.getByRole('link', { name: BASE }).getAttribute('href')).toBe(
      '/catalog/default/resource/registry-example-com-5000-platform-base-java-21-jre',
    ));
    expect(screen.getByRole('link', { name: 'app-debug' }).getAttribute('href')).toBe('/catalog/default/resource/ghcr-io-acme-app-debug-latest');
    expect(screen.getByText('not-in-catalog').closest('a')).toBeNull();
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
    expect(screen.queryByRole('button', { name: 'Request rebuild' })).toBeNull();
  });

  it('never calls an enrolled image up to date before a cycle planned it', async () => {
    const unplanned: ImageDetail = { summary: { ...managed.summary, rebuildStatus: undefined, rebuildDue: undefined, rebuildCauses: undefined } };
    await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage: async () => unplanned }) });

    expect(await screen.findByText(/not planned yet/)).toBeTruthy();
    expect(screen.queryByText(/up to date/)).toBeNull();
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

  it('records an urgent rebuild only with a reason, then says so and reloads the state', async () => {
    const getImage = vi.fn(async () => managed);
    const requestRebuild = vi.fn(async () => ({
      image: 'app',
      urgent: true,
      commit: '8c2d',
      message: 'urgent rebuild requested; a sync cycle will trigger it',
    }));
    const { alerts } = await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage, requestRebuild }) });

    await userEvent.click(await screen.findByRole('button', { name: 'Request rebuild' }));
    await userEvent.click(screen.getByLabelText('Urgent: skip the rebuild delay'));
    expect(screen.getByText('An urgent rebuild needs a reason')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Request' }).hasAttribute('disabled')).toBe(true);
    await userEvent.type(screen.getByLabelText(/Reason/), 'CVE-2026-1234');
    await userEvent.click(screen.getByRole('button', { name: 'Request' }));

    // The enrollment name, not the reference: it is what Image Factory rebuilds.
    expect(requestRebuild).toHaveBeenCalledWith('app', { urgent: true, reason: 'CVE-2026-1234' });
    await waitFor(() => expect(alerts.map(a => a.message)).toContain('app: urgent rebuild requested; a sync cycle will trigger it'));
    await waitFor(() => expect(getImage).toHaveBeenCalledTimes(2));
  });

  it('shows Image Factory\'s refusal of a rebuild request', async () => {
    const requestRebuild = vi.fn(async () => {
      throw new ImageFactoryApiError('not allowed: rebuild needs the permission image-factory.image.rebuild', 403);
    });
    const { alerts } = await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage: async () => managed, requestRebuild }) });

    await userEvent.click(await screen.findByRole('button', { name: 'Request rebuild' }));
    await userEvent.click(screen.getByRole('button', { name: 'Request' }));

    await waitFor(() => expect(alerts.map(a => a.message)).toContain(
      'Could not request a rebuild of app: not allowed: rebuild needs the permission image-factory.image.rebuild',
    ));
  });

  it('offers no rebuild to people without the permission', async () => {
    await renderOnEntityPage(<ImageCard />, { api: imageFactoryApi({ getImage: async () => managed }), permission: AuthorizeResult.DENY });

    expect(await screen.findByText('sha256:222222222222')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Request rebuild' })).toBeNull();
  });
});
