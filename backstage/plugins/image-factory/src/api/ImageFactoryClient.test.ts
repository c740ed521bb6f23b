// @vitest-environment node
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ImageFactoryApiError } from './ImageFactoryApi';
import { ImageFactoryClient } from './ImageFactoryClient';

// A stand-in for the image-factory backend plugin: records each request, answers what the test set.
let server: Server;
let base: string;
let requests: { method: string; url: string; authorization?: string }[];
let bodies: { contentType?: string; body: string }[];
let answer: { status: number; body: string; contentType?: string };

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      bodies.push({ contentType: req.headers['content-type'], body });
      res.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/image-factory`;
});

afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

beforeEach(() => {
  requests = [];
  bodies = [];
  answer = { status: 200, body: '{}' };
});

function client() {
  return new ImageFactoryClient({
    discoveryApi: { getBaseUrl: async (pluginId: string) => (pluginId === 'image-factory' ? base : 'http://wrong') },
    // fetchApi is where Backstage adds the user's token; the test adds a marker instead.
    fetchApi: {
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Authorization: 'Bearer backstage-user' } }),
    },
  });
}

describe('ImageFactoryClient', () => {
  it('sends a rebuild request as JSON for the enrollment', async () => {
    answer = { status: 202, body: JSON.stringify({ image: 'app', urgent: true, commit: '8c2d', message: 'urgent rebuild requested' }) };

    const accepted = await client().requestRebuild('app', { urgent: true, reason: 'CVE-2026-1234' });

    expect(accepted.commit).toBe('8c2d');
    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual(['POST /api/image-factory/images/app/rebuild']);
    expect(bodies).toEqual([{ contentType: 'application/json', body: '{"urgent":true,"reason":"CVE-2026-1234"}' }]);
  });

  it('asks the backend for a page of tags of an image named by its reference', async () => {
    answer = { status: 200, body: JSON.stringify({ tags: [{ tag: 'v1' }], page: 2, perPage: 30, hasNext: false, datesKnown: true, stale: false }) };

    const page = await client().getTags('ghcr.io/acme/app:latest', 2, 30);

    expect(page.tags[0].tag).toBe('v1');
    expect(requests).toEqual([
      { method: 'GET', url: '/api/image-factory/images/ghcr.io%2Facme%2Fapp%3Alatest/tags?page=2&per_page=30', authorization: 'Bearer backstage-user' },
    ]);
  });

  it('asks for runs and an image by enrollment name', async () => {
    answer = { status: 200, body: JSON.stringify({ runs: [], page: 1, perPage: 20, totalCount: 0 }) };
    await client().getRuns('app', 1, 20);
    answer = { status: 200, body: JSON.stringify({ summary: { ref: 'ghcr.io/acme/app:latest', role: 'managed', breakerOpen: false } }) };
    const image = await client().getImage('app');

    expect(image.summary.role).toBe('managed');
    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/image-factory/images/app/runs?page=1&per_page=20',
      'GET /api/image-factory/images/app',
    ]);
  });

  it('posts a re-run of a run for an image', async () => {
    answer = { status: 202, body: JSON.stringify({ image: 'app', run: 42, message: 're-run of the failed jobs requested' }) };

    await client().rerunFailedJobs('ghcr.io/acme/app:latest', 42);

    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual(['POST /api/image-factory/runs/42/rerun?image=ghcr.io%2Facme%2Fapp%3Alatest']);
  });

  it('turns Image Factory\'s error answer into an error with its text and status', async () => {
    answer = { status: 404, body: JSON.stringify({ error: 'no tracked image "nope"; use an enrollment name or a URL-encoded reference' }) };

    const error = await client().getImage('nope').catch(e => e);

    expect(error).toBeInstanceOf(ImageFactoryApiError);
    expect(error.status).toBe(404);
    expect(error.message).toBe('no tracked image "nope"; use an enrollment name or a URL-encoded reference');
  });

  it('reads Backstage\'s own error shape and falls back to the status line', async () => {
    answer = { status: 403, body: JSON.stringify({ error: { name: 'NotAllowedError', message: 'not allowed: image-factory.run.rerun' } }) };
    await expect(client().rerunFailedJobs('app', 1)).rejects.toThrow('not allowed: image-factory.run.rerun');

    answer = { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' };
    await expect(client().getRuns('app', 1, 20)).rejects.toThrow('Image Factory answered 502 Bad Gateway for /images/app/runs?page=1&per_page=20');
  });
});
