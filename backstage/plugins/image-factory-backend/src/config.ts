import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** The `imageFactory` block of app-config, checked. */
export interface ImageFactoryConfig {
  /** The API's base URL without a trailing slash, e.g. `http://image-factory:8080/api/v1`. */
  baseUrl: string;
  /** The `Authorization` header value for Image Factory; never logged or returned. */
  authorization?: string;
  /** How long one attempt may take. */
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Reads and checks `imageFactory.*`; a bad value fails the backend's start with the key's name. */
export function readImageFactoryConfig(root: Config): ImageFactoryConfig {
  const config = root.getConfig('imageFactory');
  const baseUrl = config.getString('baseUrl');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputError(`imageFactory.baseUrl: expected an http(s) URL such as http://image-factory:8080/api/v1, got '${baseUrl}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`imageFactory.baseUrl: expected an http or https URL, got the scheme '${url.protocol}'`);
  }
  if (url.username || url.password) {
    throw new InputError('imageFactory.baseUrl: put credentials in imageFactory.authorization, not in the URL');
  }
  const authorization = config.getOptionalString('authorization')?.trim() || undefined;
  const timeoutMs = config.has('timeout')
    ? durationToMilliseconds(readDurationFromConfig(config, { key: 'timeout' }))
    : DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new InputError(`imageFactory.timeout: expected a positive duration, got ${timeoutMs} ms`);
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ''), authorization, timeoutMs };
}
