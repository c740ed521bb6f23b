import type { ImagePage, ImageRow } from '@image-factory/backstage-plugin-common';
import { ImageFactoryUnavailableError, ImageFactoryUpstream, isJson, UpstreamAnswer } from './ImageFactoryUpstream';

/**
 * Image Factory's largest page (core's `Paging.MAX_PER_PAGE`): the most a caller may ask for, and
 * the size of the pages the backend walks the list in.
 */
export const MAX_PER_PAGE = 100;

/**
 * Pages walked at most, whatever Image Factory's total says (100,000 rows, ten times the largest
 * estate benchmarked): a server whose `hasNext` never turns false costs a bounded walk, not a loop.
 */
export const MAX_UPSTREAM_PAGES = 1_000;

/** Rows per page when the caller names none, as Image Factory's own default. */
const DEFAULT_PER_PAGE = 30;

/** The filters Image Factory applies itself; passed on as the caller gave them. */
const FILTERS = ['q', 'role', 'status'];

export interface Paging {
  page: number;
  perPage: number;
}

/**
 * `page` and `per_page` of `query`, or what is wrong with them in the words Image Factory uses
 * (core's `api/Paging.java`), so a caller gets the same 400 from either.
 */
export function parsePaging(query: URLSearchParams): Paging | { error: string } {
  const page = query.get('page');
  const perPage = query.get('per_page');
  const p = wholeNumber(page ?? '1', 1, 2 ** 31 - 1);
  if (p === undefined) {
    return { error: `page must be a whole number from 1, got "${clip(page!)}"` };
  }
  const pp = wholeNumber(perPage ?? String(DEFAULT_PER_PAGE), 1, MAX_PER_PAGE);
  if (pp === undefined) {
    return { error: `per_page must be a whole number from 1 to ${MAX_PER_PAGE}, got "${clip(perPage!)}"` };
  }
  return { page: p, perPage: pp };
}

/** Where the list stopped: the path asked and Image Factory's answer, which was not a page of images. */
export interface ListStop {
  target: string;
  answer: UpstreamAnswer;
}

/**
 * Walks Image Factory's whole image list matching `query`'s `q`, `role` and `status`,
 * {@link MAX_PER_PAGE} rows a page, and gives `visit` each row once, in Image Factory's order
 * (a row a sync cycle pushed onto the next page between two requests is not given twice). Returns
 * the first answer that is not a page (Image Factory's own error, refused credentials, a proxy's
 * page), or undefined once the last page was read.
 *
 * @throws ImageFactoryUnavailableError when Image Factory cannot be reached, answers JSON that is
 *   not a page of images, or still says there is a next page beyond what its own total allows
 */
export async function walkImageList(
  upstream: ImageFactoryUpstream,
  query: URLSearchParams,
  visit: (row: ImageRow) => void,
): Promise<ListStop | undefined> {
  const filters = FILTERS.filter(name => query.has(name)).map(name => `&${name}=${encodeURIComponent(query.get(name)!)}`).join('');
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    const target = `/images?page=${page}&per_page=${MAX_PER_PAGE}${filters}`;
    const answer = await upstream.get(target);
    if (answer.status !== 200 || !isJson(answer)) {
      return { target, answer };
    }
    const list = readImagePage(answer.body);
    if (!list) {
      throw new ImageFactoryUnavailableError(
        `Image Factory at ${upstream.baseUrl} answered ${target} with JSON that is not a page of images`
          + ' ({"images":[…],"total":…,"hasNext":…})',
      );
    }
    for (const row of list.images) {
      if (!seen.has(row.ref)) {
        seen.add(row.ref);
        visit(row);
      }
    }
    if (!list.hasNext) {
      return undefined;
    }
    // One page more than the total needs, for rows added by a sync cycle during the walk.
    if (page >= Math.min(MAX_UPSTREAM_PAGES, Math.ceil(list.total / MAX_PER_PAGE) + 1)) {
      throw new ImageFactoryUnavailableError(
        `Image Factory at ${upstream.baseUrl} did not end its image list: ${target} still says hasNext after ${page}`
          + ` pages of ${MAX_PER_PAGE} rows, though it counts ${list.total} rows (the backend reads at most ${MAX_UPSTREAM_PAGES} pages)`,
      );
    }
  }
}

/** Keeps the rows of page `paging` of a list given row by row, and counts them all. */
export function pageCollector(paging: Paging): { add(row: ImageRow): void; page(): ImagePage } {
  const from = (paging.page - 1) * paging.perPage;
  const images: ImageRow[] = [];
  let total = 0;
  return {
    add(row) {
      if (total >= from && total < from + paging.perPage) {
        images.push(row);
      }
      total++;
    },
    page: () => ({ images, page: paging.page, perPage: paging.perPage, total, hasNext: from + paging.perPage < total }),
  };
}

function readImagePage(body: string): ImagePage | undefined {
  let value: Partial<ImagePage> | null;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const valid = typeof value === 'object' && value !== null
    && Array.isArray(value.images) && value.images.every(row => typeof row?.ref === 'string')
    && typeof value.hasNext === 'boolean'
    && Number.isSafeInteger(value.total) && value.total! >= 0;
  return valid ? (value as ImagePage) : undefined;
}

// As Java's Integer.parseInt(text.trim()): an optional sign and ASCII digits, blanks and controls around.
function wholeNumber(text: string, min: number, max: number): number | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) {
    start++;
  }
  while (end > start && text.charCodeAt(end - 1) <= 0x20) {
    end--;
  }
  const trimmed = text.slice(start, end);
  if (!/^[+-]?[0-9]+$/.test(trimmed)) {
    return undefined;
  }
  const value = Number(trimmed);
  return value < min || value > max ? undefined : value;
}

// Controls and quotes become '?' and the rest is cut at 40 UTF-16 units, as Paging.java does.
function clip(text: string): string {
  const clean = text.split('').map(c => (c.charCodeAt(0) < 0x20 || c === '\x7f' || c === '"' ? '?' : c)).join('');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
