import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readImageFactoryConfig } from './config';

const read = (imageFactory: unknown) => readImageFactoryConfig(new ConfigReader({ imageFactory } as any));

describe('imageFactory config', () => {
  it('reads the base URL without its trailing slash, the authorization and a 10 s default timeout', () => {
    expect(read({ baseUrl: 'https://jenkins.example.com/image-factory/api/v1/', authorization: 'Basic dTpw' })).toEqual({
      baseUrl: 'https://jenkins.example.com/image-factory/api/v1',
      authorization: 'Basic dTpw',
      timeoutMs: 10_000,
    });
  });

  it('reads a timeout as Backstage durations are written', () => {
    expect(read({ baseUrl: 'http://if:8080/api/v1', timeout: '30s' }).timeoutMs).toBe(30_000);
    expect(read({ baseUrl: 'http://if:8080/api/v1', timeout: { minutes: 1 } }).timeoutMs).toBe(60_000);
  });

  it('names the key that is wrong', () => {
    expect(() => read({})).toThrow(/imageFactory\.baseUrl/);
    expect(() => read({ baseUrl: 'image-factory:8080' })).toThrow(
      "imageFactory.baseUrl: expected an http or https URL, got the scheme 'image-factory:'",
    );
    expect(() => read({ baseUrl: 'not a url' })).toThrow(/imageFactory\.baseUrl: expected an http\(s\) URL/);
    expect(() => read({ baseUrl: 'https://user:token@if.example.com/api/v1' })).toThrow(
      'imageFactory.baseUrl: put credentials in imageFactory.authorization, not in the URL',
    );
    expect(() => read({ baseUrl: 'http://if:8080/api/v1', timeout: 'soon' })).toThrow(/timeout/);
  });

  it('accepts the example app-config the docs point to', () => {
    const example = readFileSync(resolve(__dirname, '../../../../examples/backstage/app-config.yaml'), 'utf8');
    const config = parse(example.replace(/\$\{IMAGE_FACTORY_TOKEN\}/g, 'example-token'));

    expect(read(config.imageFactory)).toEqual({
      baseUrl: 'http://image-factory:8080/api/v1',
      authorization: 'Bearer example-token',
      timeoutMs: 10_000,
    });
  });
});
