import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { RunInfo, RunPage } from '@image-factory/backstage-plugin-common';
import { ImageFactoryApiError } from '../api/ImageFactoryApi';
import { REF, imageFactoryApi, renderOnEntityPage } from '../__testUtils__/fixtures';
import { RunsContent } from './RunsContent';

function run(id: number, status: string, conclusion?: string, more: Partial<RunInfo> = {}): RunInfo {
  return {
    id,
    status,
    conclusion,
    headSha: `${id}`.repeat(40).slice(0, 40),
    createdAt: '2026-11-02T00:00:00Z',
    durationSeconds: 61,
    url: `https://github.com/acme/app/actions/runs/${id}`,
    title: `build app #${id}`,
    ...more,
  };
}

const page = (runs: RunInfo[], n = 1, totalCount = runs.length): RunPage => ({ runs, page: n, perPage: 20, totalCount });

const rowOf = (text: string) => screen.getByText(text).closest('tr') as HTMLElement;

describe('RunsContent (CI/CD tab)', () => {
  it('shows each run\'s status, link to GitHub, commit, start and duration, failures prominently', async () => {
    const getRuns = vi.fn(async () =>
      page([run(43, 'completed', 'failure'), run(42, 'completed', 'success', { durationSeconds: 3725 })]),
    );
    await renderOnEntityPage(<RunsContent />, { api: imageFactoryApi({ getRuns }) });

    await screen.findByText('build app #43');
    const failed = rowOf('build app #43');
    expect(failed.textContent).toContain('Failed');
    expect(failed.getAttribute('style')).toContain('background-color');
    expect(screen.getByText('build app #43').closest('a')?.getAttribute('href')).toBe(
      'https://github.com/acme/app/actions/runs/43',
    );
    expect(failed.textContent).toContain('4343434');
    expect(failed.textContent).toContain('1m 01s');
    const succeeded = rowOf('build app #42');
    expect(succeeded.textContent).toContain('Succeeded');
    expect(succeeded.textContent).toContain('1h 02m');
    expect(succeeded.getAttribute('style') ?? '').not.toContain('background-color');
    expect(getRuns).toHaveBeenCalledWith(REF, 1, 20);
  });

  it('offers a re-run of failed runs to people allowed to, and asks Image Factory for it', async () => {
    let failed = true;
    const rerunFailedJobs = vi.fn(async () => {
      failed = false;
    });
    const getRuns = vi.fn(async () =>
      page([failed ? run(43, 'completed', 'failure') : run(43, 'queued'), run(42, 'completed', 'success')]),
    );
    const { alerts } = await renderOnEntityPage(<RunsContent refreshIntervalMs={60_000} />, {
      api: imageFactoryApi({ getRuns, rerunFailedJobs }),
      permission: AuthorizeResult.ALLOW,
    });

    await screen.findByText('build app #43');
    const buttons = await screen.findAllByRole('button', { name: /^Re-run failed jobs/ });
    expect(buttons.map(b => b.getAttribute('aria-label'))).toEqual(['Re-run failed jobs of run 43']);
    expect(rowOf('build app #43').contains(buttons[0])).toBe(true);
    await userEvent.click(buttons[0]);

    expect(rerunFailedJobs).toHaveBeenCalledWith(REF, 43);
    await waitFor(() => expect(rowOf('build app #43').textContent).toContain('Queued'));
    expect(alerts.map(a => a.message)).toContain('Re-run of the failed jobs of run 43 requested');
  });

  it('asks for the re-run permission on the entity on screen, as the backend checks it', async () => {
    const asked: string[] = [];
    await renderOnEntityPage(<RunsContent />, {
      api: imageFactoryApi({ getRuns: async () => page([run(43, 'completed', 'failure')]) }),
      permission: request => {
        asked.push(`${request.permission.name} ${request.resourceRef}`);
        return request.resourceRef === 'resource:default/ghcr-io-acme-app-latest' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
      },
    });

    expect(await screen.findByRole('button', { name: /Re-run failed jobs/ })).toBeTruthy();
    expect(asked).toContain('image-factory.run.rerun resource:default/ghcr-io-acme-app-latest');
  });

  it('offers no re-run without the permission', async () => {
    await renderOnEntityPage(<RunsContent />, {
      api: imageFactoryApi({ getRuns: async () => page([run(43, 'completed', 'failure')]) }),
      permission: AuthorizeResult.DENY,
    });

    await screen.findByText('build app #43');
    expect(rowOf('build app #43').textContent).toContain('Failed');
    expect(screen.queryByRole('button', { name: /^Re-run failed jobs/ })).toBeNull();
  });

  it('says when a re-run was refused', async () => {
    const rerunFailedJobs = async () => {
      throw new ImageFactoryApiError('GitHub answered 403: must have admin rights', 502);
    };
    const { alerts } = await renderOnEntityPage(<RunsContent />, {
      api: imageFactoryApi({ getRuns: async () => page([run(43, 'completed', 'failure')]), rerunFailedJobs }),
    });

    await userEvent.click(await screen.findByRole('button', { name: 'Re-run failed jobs of run 43' }));

    await waitFor(() =>
      expect(alerts).toContainEqual(
        expect.objectContaining({ severity: 'error', message: 'Could not re-run run 43: GitHub answered 403: must have admin rights' }),
      ),
    );
  });

  it('refreshes every 15 seconds while a run is unfinished, and stops when all are done', async () => {
    // Only fake time passes: the test moves the clock, so the component's own 15 s interval is
    // measured against the test's steps, never against how fast a loaded machine runs. Each step
    // also settles the promises the refresh starts (the API answer, React's re-render) before the
    // next assertion, and the assertions read the screen without waiting (findBy/waitFor would
    // move the fake clock themselves).
    vi.useFakeTimers();
    try {
      let calls = 0;
      const getRuns = vi.fn(async () => {
        calls++;
        return page([calls < 3 ? run(44, 'in_progress') : run(44, 'completed', 'success')]);
      });
      const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
      await renderOnEntityPage(<RunsContent />, { api: imageFactoryApi({ getRuns }) });
      await advance(0);

      expect(screen.getByText('Running')).toBeTruthy();
      expect(getRuns).toHaveBeenCalledTimes(1);
      await advance(14_999);
      expect(getRuns).toHaveBeenCalledTimes(1);
      await advance(1);
      expect(getRuns).toHaveBeenCalledTimes(2);
      expect(screen.getByText('Running')).toBeTruthy();
      await advance(15_000);
      expect(getRuns).toHaveBeenCalledTimes(3);
      expect(screen.getByText('Succeeded')).toBeTruthy();
      expect(screen.queryByText('Running')).toBeNull();
      await advance(60_000);
      expect(getRuns).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('offers no re-run for a run that never started: it has no jobs to re-run', async () => {
    await renderOnEntityPage(<RunsContent />, { api: imageFactoryApi({ getRuns: async () => page([run(45, 'completed', 'startup_failure')]) }) });

    await screen.findByText('build app #45');
    expect(rowOf('build app #45').textContent).toContain('Failed');
    expect(screen.queryByRole('button', { name: /^Re-run failed jobs/ })).toBeNull();
  });

  it('pages through older runs by GitHub\'s total count', async () => {
    const getRuns = vi.fn(async (_name: string, n: number) =>
      page([run(n === 1 ? 45 : 25, 'completed', 'success')], n, 45),
    );
    await renderOnEntityPage(<RunsContent />, { api: imageFactoryApi({ getRuns }) });

    expect(await screen.findByText('Page 1 of 3')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));

    expect(await screen.findByText('build app #25')).toBeTruthy();
    expect(getRuns).toHaveBeenLastCalledWith(REF, 2, 20);
    expect(screen.getByText('Page 2 of 3')).toBeTruthy();
  });

  it('says why when the runs cannot be loaded', async () => {
    const getRuns = async () => {
      throw new ImageFactoryApiError('docker.io/library/alpine:3.20 is not a managed image; only enrolled images have build runs', 404);
    };
    await renderOnEntityPage(<RunsContent />, { api: imageFactoryApi({ getRuns }) });

    expect(await screen.findByText(/Could not load the build runs/)).toBeTruthy();
    expect(screen.getByText(/only enrolled images have build runs/)).toBeTruthy();
  });
});
