import type { ImageFactoryConfig } from './config';

/** What Image Factory answered. */
export interface UpstreamAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Image Factory could not be reached, or answered something that is not its API. */
export class ImageFactoryUnavailableError extends Error {
  override readonly name = 'ImageFactoryUnavailableError';
}

/** How often and how patiently a read is retried; writes are never retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

// Three attempts within about a second keep a Backstage page responsive while riding out a
// restart of `image-factory serve` or a proxy's hiccup.
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 1_000 };

const RETRIED_STATUSES = new Set([502, 503, 504]);

/** Image Factory records "<this> via <the backend's credentials>" as who asked (docs/api.md). */
export const ON_BEHALF_OF = 'x-image-factory-on-behalf-of';

/**
 * Calls Image Factory's API with the configured credentials: every attempt has a timeout, reads
 * are retried with exponential backoff and full jitter, writes are sent once (a rebuild request
 * is a commit; sending it twice would record it twice).
 */
export class ImageFactoryUpstream {
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly config: ImageFactoryConfig,
    options: { retry?: RetryPolicy; random?: () => number; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  /** Where Image Factory's API is, for messages that say which server failed. */
  get baseUrl(): string {
    return this.config.baseUrl;
  }

  /** GET `path` (relative to `baseUrl`, already encoded). */
  async get(path: string): Promise<UpstreamAnswer> {
    let failure = '';
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      if (attempt > 1) {
        await this.sleep(this.backoff(attempt - 1));
      }
      try {
        const answer = await this.send('GET', path);
        if (!RETRIED_STATUSES.has(answer.status)) {
          return answer;
        }
        if (attempt === this.retry.attempts && isJson(answer)) {
          // Image Factory itself said it cannot answer yet (e.g. 503 "first sync not finished").
          return answer;
        }
        failure = `answered ${answer.status}`;
      } catch (error) {
        failure = this.reason(error);
      }
    }
    throw this.unavailable(path, `${failure} (${this.retry.attempts} attempts)`);
  }

  /** POST `path` with an optional JSON body, once; `onBehalfOf` names the person for Image Factory's audit trail. */
  async post(path: string, body?: unknown, onBehalfOf?: string): Promise<UpstreamAnswer> {
    try {
      return await this.send('POST', path, body, onBehalfOf);
    } catch (error) {
      throw this.unavailable(path, this.reason(error));
    }
  }

  private async send(method: string, path: string, body?: unknown, onBehalfOf?: string): Promise<UpstreamAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.config.authorization) {
      headers.authorization = this.config.authorization;
    }
    if (onBehalfOf) {
      headers[ON_BEHALF_OF] = onBehalfOf;
    }
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.config.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  }

  private backoff(retry: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (retry - 1));
    return Math.floor(this.random() * ceiling);
  }

  private reason(error: unknown): string {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return `no answer within ${this.config.timeoutMs / 1000} s`;
    }
    const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
    if (cause?.message || cause?.code) {
      return (cause.message || cause.code) as string;
    }
    return error instanceof Error ? error.message : String(error);
  }

  private unavailable(path: string, reason: string): ImageFactoryUnavailableError {
    return new ImageFactoryUnavailableError(`Image Factory at ${this.config.baseUrl} did not answer ${path}: ${reason}`);
  }
}

export function isJson(answer: UpstreamAnswer): boolean {
  return answer.contentType.toLowerCase().startsWith('application/json');
}
