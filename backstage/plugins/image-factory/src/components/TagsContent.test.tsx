import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TagPage } from '@image-factory/backstage-plugin-common';
import { ImageFactoryApiError } from '../api/ImageFactoryApi';
import { REF, captureClipboard, imageFactoryApi, renderOnEntityPage } from '../__testUtils__/fixtures';
import { TagsContent } from './TagsContent';

const digest = (seed: number) => `sha256:${String(seed).padStart(2, '0').repeat(32)}`;

function page(n: number, tags: string[], more: Partial<TagPage> = {}): TagPage {
  return {
    tags: tags.map((tag, i) => ({
      tag,
      digest: digest(n * 10 + i),
      size: 31457280 + i,
      published: `2026-10-${String(30 - i).padStart(2, '0')}T10:00:00Z`,
      reference: `ghcr.io/acme/app:${tag}@${digest(n * 10 + i)}`,
    })),
    page: n,
    perPage: 2,
    hasNext: n === 1,
    datesKnown: true,
    stale: false,
    ...more,
  };
}

const tagCells = () => screen.getAllByRole('row').slice(1).map(row => row.querySelector('td')?.textContent);

describe('TagsContent (Versions tab)', () => {
  it('lists the tags in the order Image Factory gives (newest first) with short digest, size and date', async () => {
    const getTags = vi.fn(async () => page(1, ['v1.4.2', 'v1.4.1']));
    await renderOnEntityPage(<TagsContent perPage={2} />, { api: imageFactoryApi({ getTags }) });

    await screen.findByText('v1.4.2');
    expect(tagCells()).toEqual(['v1.4.2', 'v1.4.1']);
    expect(getTags).toHaveBeenCalledWith(REF, 1, 2);
    expect(screen.getByText('sha256:101010101010')).toBeTruthy();
    expect(screen.getAllByText('30.0 MiB')).toHaveLength(2);
    expect(document.querySelector('time')?.getAttribute('datetime')).toBe('2026-10-30T10:00:00Z');
    expect(screen.getByText('Newest first')).toBeTruthy();
  });

  it('copies the full reference with its digest', async () => {
    const clipboard = captureClipboard();
    await renderOnEntityPage(<TagsContent perPage={2} />, {
      api: imageFactoryApi({ getTags: async () => page(1, ['v1.4.2', 'v1.4.1']) }),
    });

    await userEvent.click(await screen.findByRole('button', { name: `Copy ghcr.io/acme/app:v1.4.1@${digest(11)}` }));

    await waitFor(() => expect(clipboard.text()).toBe(`ghcr.io/acme/app:v1.4.1@${digest(11)}`));
  });

  it('pages through older tags and back', async () => {
    const getTags = vi.fn(async (_name: string, n: number) => (n === 1 ? page(1, ['v3', 'v2']) : page(2, ['v1'])));
    await renderOnEntityPage(<TagsContent perPage={2} />, { api: imageFactoryApi({ getTags }) });

    await screen.findByText('v3');
    expect(screen.getByRole('button', { name: 'Newer' }).hasAttribute('disabled')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));

    await screen.findByText('v1');
    expect(getTags).toHaveBeenLastCalledWith(REF, 2, 2);
    expect(screen.getByText('Page 2')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Older' }).hasAttribute('disabled')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    await screen.findByText('v3');
  });

  it('shows cached tags under a warning saying how old they are when the registry is down', async () => {
    const stale = page(1, ['v1.4.2'], { stale: true, ageSeconds: 420, registryError: 'registry ghcr.io answered 503' });
    await renderOnEntityPage(<TagsContent perPage={2} />, { api: imageFactoryApi({ getTags: async () => stale }) });

    expect(await screen.findByText('v1.4.2')).toBeTruthy();
    expect(screen.getByText(/these tags are from 7 minutes ago/)).toBeTruthy();
    expect(screen.getByText(/registry ghcr.io answered 503/)).toBeTruthy();
  });

  it('says why when there is nothing to show', async () => {
    const getTags = async () => {
      throw new ImageFactoryApiError('cannot list tags of ghcr.io/acme/app:latest: registry ghcr.io answered 503', 502);
    };
    await renderOnEntityPage(<TagsContent />, { api: imageFactoryApi({ getTags }) });

    expect(await screen.findByText(/Could not list the tags/)).toBeTruthy();
    expect(screen.getByText(/registry ghcr.io answered 503/)).toBeTruthy();
  });

  it('says the order is the registry\'s and the size and date unknown when it gives neither', async () => {
    const undated = page(1, ['latest'], { datesKnown: false });
    undated.tags[0].published = undefined;
    undated.tags[0].size = undefined;
    await renderOnEntityPage(<TagsContent />, { api: imageFactoryApi({ getTags: async () => undated }) });

    expect(await screen.findByText('Order as the registry lists them (it gives no dates)')).toBeTruthy();
    expect(screen.getByText('date unknown')).toBeTruthy();
    expect(screen.getByText('size unknown')).toBeTruthy();
  });

  it('keeps the table while the next page loads', async () => {
    let release: () => void = () => {};
    const getTags = vi.fn(async (_name: string, n: number) => {
      if (n === 2) {
        await new Promise<void>(resolve => (release = resolve));
        return page(2, ['v1']);
      }
      return page(1, ['v3', 'v2']);
    });
    await renderOnEntityPage(<TagsContent perPage={2} />, { api: imageFactoryApi({ getTags }) });

    await screen.findByText('v3');
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));

    expect(await screen.findByLabelText('Loading page 2')).toBeTruthy();
    expect(tagCells()).toEqual(['v3', 'v2']);
    release();
    await screen.findByText('v1');
    expect(screen.queryByLabelText('Loading page 2')).toBeNull();
  });

  it('keeps the last page and offers a retry when the next one fails', async () => {
    let failures = 1;
    const getTags = vi.fn(async (_name: string, n: number) => {
      if (n === 2 && failures-- > 0) {
        throw new ImageFactoryApiError('Image Factory at http://if:8080/api/v1 did not answer', 502);
      }
      return n === 1 ? page(1, ['v3', 'v2']) : page(2, ['v1']);
    });
    await renderOnEntityPage(<TagsContent perPage={2} />, { api: imageFactoryApi({ getTags }) });

    await screen.findByText('v3');
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));

    expect(await screen.findByText(/Could not load page 2 of the tags; showing page 1/)).toBeTruthy();
    expect(tagCells()).toEqual(['v3', 'v2']);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('v1')).toBeTruthy();
    expect(screen.queryByText(/Could not load page 2/)).toBeNull();
  });

  it('offers a retry when the first page fails', async () => {
    let failures = 1;
    const getTags = vi.fn(async () => {
      if (failures-- > 0) {
        throw new ImageFactoryApiError('cannot list tags of ghcr.io/acme/app:latest: registry ghcr.io answered 503', 502);
      }
      return page(1, ['v1.4.2']);
    });
    await renderOnEntityPage(<TagsContent />, { api: imageFactoryApi({ getTags }) });

    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('v1.4.2')).toBeTruthy();
    expect(getTags).toHaveBeenCalledTimes(2);
  });

  it('says how old a page from Image Factory\'s cache is', async () => {
    const cached = page(1, ['v1.4.2'], { ageSeconds: 240, fetchedAt: '2026-10-30T10:00:00Z' });
    await renderOnEntityPage(<TagsContent perPage={2} />, { api: imageFactoryApi({ getTags: async () => cached }) });

    expect(await screen.findByText('Newest first; listed 4 minutes ago')).toBeTruthy();
  });
});
