import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backendWith, imageEntity } from './__testUtils__/backend';
import { FakeUpstream, imagePages, json, silence } from './__testUtils__/fakeUpstream';
import { MAX_UPSTREAM_PAGES } from './imageList';

// The cases the real `image-factory serve` cannot be made to produce on demand: outages, silence,
// a proxy's error page, refused credentials. serve.test.ts covers the real server.
const TOKEN = 'Bearer if-backend-token-0123456789';
const APP = 'ghcr.io/acme/app:latest';
const APP_ENTITY = 'resource:default/ghcr-io-acme-app-latest';

describe('image-factory backend against a misbehaving Image Factory', () => {
  let upstream: FakeUpstream;
  let stop: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    upstream = await FakeUpstream.start();
  });

  afterEach(async () => {
    await stop?.();
    stop = undefined;
    await upstream.close();
  });

  async function start(config: JsonObject = {}, decision?: Parameters<typeof backendWith>[1], entities?: Entity[]) {
    const started = await backendWith({ baseUrl: upstream.baseUrl, authorization: TOKEN, ...config }, decision, entities);
    stop = () => started.backend.stop();
    return started;
  }

  it('sends Image Factory its own credentials, never the caller’s Backstage token, and only the paging parameters', async () => {
    upstream.always((_req, res) => json(res, 200, { tags: [], page: 2, perPage: 5, hasNext: false, datesKnown: true, stale: false }));
    const { server } = await start();
    const userHeader = mockCredentials.user.header('user:default/jane');

    const response = await request(server)
      .get(`/api/image-factory/images/${encodeURIComponent('ghcr.io/acme/app:latest')}/tags?page=2&per_page=5&debug=1`)
      .set('authorization', userHeader);

    expect(response.status).toBe(200);
    expect(response.body.page).toBe(2);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0].url).toBe('/api/v1/images/ghcr.io%2Facme%2Fapp%3Alatest/tags?page=2&per_page=5');
    expect(upstream.requests[0].headers.authorization).toBe(TOKEN);
    expect(JSON.stringify(upstream.requests[0].headers)).not.toContain(userHeader.replace(/^Bearer /, ''));
  });

  it('retries a read through a restart (503, 503, 200) and answers once it is back', async () => {
    upstream.answerInTurn(
      (_req, res) => res.writeHead(503).end('restarting'),
      (_req, res) => res.writeHead(503).end('restarting'),
    ).always(imagePages([{ ref: 'ghcr.io/acme/app:latest', role: 'managed', breakerOpen: false }]));
    const { server } = await start();

    const response = await request(server).get('/api/image-factory/images');

    expect(response.status).toBe(200);
    expect(response.body.images[0].ref).toBe('ghcr.io/acme/app:latest');
    expect(upstream.requests).toHaveLength(3);
  });

  it('gives up on a read after three attempts with a 502 that names the server and the route, not the token', async () => {
    upstream.always((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>'));
    const { server } = await start();

    const response = await request(server).get('/api/image-factory/images/app');

    expect(response.status).toBe(502);
    expect(response.body.error).toBe(`Image Factory at ${upstream.baseUrl} did not answer /images/app: answered 502 (3 attempts)`);
    expect(response.text).not.toContain('if-backend-token');
    expect(upstream.requests).toHaveLength(3);
  });

  it('passes on Image Factory’s own 503 "first sync not finished" when it is still starting after the retries', async () => {
    upstream.always((_req, res) => json(res, 503, { error: 'first sync not finished' }));
    const { server } = await start();

    const response = await request(server).get('/api/image-factory/images');

    expect(response.status).toBe(503);
    expect(response.body).toEqual({ error: 'first sync not finished' });
    expect(upstream.requests).toHaveLength(3);
  });

  it('bounds a call that never answers by imageFactory.timeout', async () => {
    upstream.always(silence());
    const { server } = await start({ timeout: { milliseconds: 300 } });
    const started = Date.now();

    const response = await request(server).get('/api/image-factory/images');

    expect(response.status).toBe(502);
    expect(response.body.error).toMatch(/did not answer \/images\?page=1&per_page=100: no answer within 0\.3 s \(3 attempts\)$/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says the connection was refused when nothing listens at baseUrl', async () => {
    const closed = await FakeUpstream.start();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const { server } = await start({ baseUrl });

    const response = await request(server).get('/api/image-factory/images');

    expect(response.status).toBe(502);
    expect(response.body.error).toMatch(new RegExp(`^Image Factory at ${baseUrl} did not answer /images\\?page=1&per_page=100: .*ECONNREFUSED.*\\(3 attempts\\)$`));
  });

  it('never repeats a re-run request, even when Image Factory failed', async () => {
    upstream.always((_req, res) => json(res, 503, { error: 'GitHub did not answer' }));
    const { server, audit } = await start();

    const response = await request(server).post('/api/image-factory/runs/42/rerun?image=app');

    expect(response.status).toBe(503);
    expect(upstream.requests.map(r => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/runs/42/rerun?image=app']);
    expect(upstream.requests[0].headers['x-image-factory-on-behalf-of']).toBe('user:default/mock');
    expect(audit).toEqual([expect.objectContaining({ eventId: 'rerun', outcome: 'fail', meta: { image: 'app', run: '42' } })]);
  });

  it('names no person when a Backstage service, not a user, asks for a rebuild', async () => {
    upstream.always((_req, res) => json(res, 202, { image: 'app', urgent: false }));
    const { server } = await start();

    const response = await request(server).post('/api/image-factory/images/app/rebuild').set('authorization', mockCredentials.service.header());

    expect(response.status).toBe(202);
    expect(upstream.requests[0].headers).not.toHaveProperty('x-image-factory-on-behalf-of');
    expect(upstream.requests[0].headers.authorization).toBe(TOKEN);
  });

  it('refuses a re-run with 403 before anything reaches Image Factory when the permission policy denies it', async () => {
    const { server, audit } = await start({}, AuthorizeResult.DENY);

    const response = await request(server).post(`/api/image-factory/runs/42/rerun?image=${encodeURIComponent(APP)}`);

    expect(response.status).toBe(403);
    expect(response.body.error).toBe('not allowed: needs the permission image-factory.run.rerun on resource:default/ghcr-io-acme-app-latest');
    expect(upstream.requests).toHaveLength(0);
    expect(audit).toEqual([expect.objectContaining({ eventId: 'rerun', outcome: 'fail' })]);
  });

  it('refuses a rebuild with 403 when the permission policy denies it', async () => {
    const { server } = await start({}, AuthorizeResult.DENY);

    const response = await request(server).post('/api/image-factory/images/app/rebuild').send({ urgent: true, reason: 'CVE-1' });

    expect(response.status).toBe(403);
    expect(response.body.error).toContain('image-factory.image.rebuild');
    expect(upstream.requests).toHaveLength(0);
  });

  it('checks a re-run request’s run id and image before anything else', async () => {
    const { server } = await start();

    const notNumeric = await request(server).post('/api/image-factory/runs/abc/rerun?image=app');
    const noImage = await request(server).post('/api/image-factory/runs/42/rerun');

    expect(notNumeric.status).toBe(400);
    expect(notNumeric.body.error).toBe("run id must be a number, got 'abc'");
    expect(noImage.status).toBe(400);
    expect(noImage.body.error).toContain('image');
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers a body that is not JSON with 400', async () => {
    const { server } = await start();

    const response = await request(server)
      .post('/api/image-factory/images/app/rebuild')
      .set('content-type', 'application/json')
      .send('{"urgent": tru');

    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/^request body is not JSON/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('turns Image Factory refusing the configured credentials into a 502 that points at imageFactory.authorization', async () => {
    upstream.always((_req, res) => json(res, 401, { error: 'missing or wrong bearer token' }));
    const { server } = await start();

    const response = await request(server).post('/api/image-factory/images/app/rebuild');

    // A 401 passed on would look like the user's own Backstage session had expired.
    expect(response.status).toBe(502);
    expect(response.body.error).toBe(
      "Image Factory refused this backend's credentials (imageFactory.authorization) for /images/app/rebuild: 401",
    );
    expect(response.text).not.toContain('if-backend-token');
  });

  it('says baseUrl is probably wrong when the answer is a web page instead of the API', async () => {
    upstream.always((_req, res) => res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' }).end('<html>Sign in</html>'));
    const { server } = await start();

    const response = await request(server).get('/api/image-factory/images');

    expect(response.status).toBe(502);
    expect(response.body.error).toContain('not JSON: is imageFactory.baseUrl its API (…/api/v1)?');
  });

  it('lets no unauthenticated caller through', async () => {
    const { server } = await start();

    const response = await request(server).get('/api/image-factory/images').set('authorization', mockCredentials.none.header());

    expect(response.status).toBe(401);
    expect(upstream.requests).toHaveLength(0);
  });

  describe('permissions on the image’s catalog entity', () => {
    it('checks image-factory.image.read on the image’s entity before a read, and sends nothing when it is refused', async () => {
      const { server, asked } = await start({}, AuthorizeResult.DENY);

      const response = await request(server).get(`/api/image-factory/images/${encodeURIComponent(APP)}/tags`);

      expect(response.status).toBe(403);
      expect(response.body.error).toBe(`not allowed: needs the permission image-factory.image.read on ${APP_ENTITY}`);
      expect(asked).toEqual([expect.objectContaining({ permission: expect.objectContaining({ name: 'image-factory.image.read', resourceType: 'catalog-entity' }), resourceRef: APP_ENTITY })]);
      expect(upstream.requests).toHaveLength(0);
    });

    it('answers 404 for an image no catalog entity stands for, without asking Image Factory', async () => {
      const { server } = await start();

      const response = await request(server).get(`/api/image-factory/images/${encodeURIComponent('ghcr.io/acme/secret:latest')}/runs`);

      expect(response.status).toBe(404);
      expect(response.body.error).toContain('image-factory.io/ref');
      expect(upstream.requests).toHaveLength(0);
    });

    it('lists only the images whose entities the caller may read, and counts only those', async () => {
      upstream.always(imagePages([
        { ref: APP, role: 'managed', breakerOpen: false },
        { ref: '127.0.0.1:9/library/alpine:3.20', role: 'base', breakerOpen: false },
        { ref: 'ghcr.io/acme/no-entity:latest', role: 'managed', breakerOpen: false },
      ]));
      const { server } = await start({}, asked => (asked.resourceRef === APP_ENTITY ? AuthorizeResult.ALLOW : AuthorizeResult.DENY));

      const response = await request(server).get('/api/image-factory/images');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ images: [expect.objectContaining({ ref: APP })], page: 1, perPage: 30, total: 1, hasNext: false });
    });

    it('checks a re-run against the entity of the image it names, and audits the refusal', async () => {
      const { server, asked, audit } = await start({}, AuthorizeResult.DENY);

      await request(server).post(`/api/image-factory/runs/42/rerun?image=${encodeURIComponent(APP)}`);

      expect(asked.map(a => [a.permission.name, 'resourceRef' in a ? a.resourceRef : undefined])).toEqual([['image-factory.run.rerun', APP_ENTITY]]);
      expect(audit).toEqual([expect.objectContaining({ eventId: 'rerun', outcome: 'fail', error: expect.stringContaining(APP_ENTITY) })]);
    });

    it('needs the permission on every tag’s entity to rebuild an enrollment named by its name', async () => {
      upstream.always((_req, res) => json(res, 202, { image: 'app', urgent: false }));
      const { server } = await start({}, asked => (asked.resourceRef === APP_ENTITY ? AuthorizeResult.ALLOW : AuthorizeResult.DENY));

      const byName = await request(server).post('/api/image-factory/images/app/rebuild');
      const byRef = await request(server).post(`/api/image-factory/images/${encodeURIComponent(APP)}/rebuild`);

      expect(byName.status).toBe(403);
      expect(byName.body.error).toBe('not allowed: needs the permission image-factory.image.rebuild on resource:default/127-0-0-1-9-acme-app-latest');
      expect(byRef.status).toBe(202);
      expect(upstream.requests.map(r => r.url)).toEqual([`/api/v1/images/${encodeURIComponent(APP)}/rebuild`]);
    });
  });

  describe('the image list, paged over the images the caller may read', () => {
    // 250 images, each with its entity; the caller may read every other one: 125 rows.
    const ESTATE = Array.from({ length: 250 }, (_, i) => ({ ref: `ghcr.io/acme/app-${String(i).padStart(3, '0')}:latest`, role: 'managed', breakerOpen: false }));
    const ESTATE_ENTITIES = ESTATE.map(row => imageEntity(row.ref));
    const READABLE = ESTATE.filter((_, i) => i % 2 === 0).map(row => row.ref);
    const readableEntities = new Set(READABLE.map(ref => `resource:default/${imageEntity(ref).metadata.name}`));

    function startOnEstate() {
      upstream.always(imagePages(ESTATE));
      return start({}, asked => (readableEntities.has(asked.resourceRef ?? '') ? AuthorizeResult.ALLOW : AuthorizeResult.DENY), ESTATE_ENTITIES);
    }

    it('walks Image Factory’s pages of 100, passing on the filters, and cuts the page asked for from the readable rows', async () => {
      const { server } = await startOnEstate();

      const response = await request(server).get('/api/image-factory/images?page=2&per_page=50&q=acme&role=managed&status=ok&debug=1');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        images: READABLE.slice(50, 100).map(ref => expect.objectContaining({ ref })),
        page: 2,
        perPage: 50,
        total: 125,
        hasNext: true,
      });
      expect(upstream.requests.map(r => r.url)).toEqual([1, 2, 3].map(page => `/api/v1/images?page=${page}&per_page=100&q=acme&role=managed&status=ok`));
    });

    it('says there is no next page on the last page, and answers a page past the end with no rows and the total', async () => {
      const { server } = await startOnEstate();

      const last = await request(server).get('/api/image-factory/images?page=3&per_page=50');
      const pastTheEnd = await request(server).get('/api/image-factory/images?page=9&per_page=50');

      expect(last.body).toEqual({ images: READABLE.slice(100).map(ref => expect.objectContaining({ ref })), page: 3, perPage: 50, total: 125, hasNext: false });
      expect(pastTheEnd.status).toBe(200);
      expect(pastTheEnd.body).toEqual({ images: [], page: 9, perPage: 50, total: 125, hasNext: false });
    });

    it('answers a first page of 30 when asked for none', async () => {
      const { server } = await startOnEstate();

      const response = await request(server).get('/api/image-factory/images');

      expect(response.body.images.map((row: { ref: string }) => row.ref)).toEqual(READABLE.slice(0, 30));
      expect(response.body).toEqual(expect.objectContaining({ page: 1, perPage: 30, total: 125, hasNext: true }));
    });

    it('refuses a bad page or per_page with Image Factory’s words, without asking it', async () => {
      const { server } = await start();

      const tooMany = await request(server).get('/api/image-factory/images?per_page=500');
      const zeroth = await request(server).get('/api/image-factory/images?page=0');
      const notANumber = await request(server).get(`/api/image-factory/images?per_page=${encodeURIComponent('1"; drop')}`);

      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toEqual({ error: 'per_page must be a whole number from 1 to 100, got "500"' });
      expect(zeroth.status).toBe(400);
      expect(zeroth.body).toEqual({ error: 'page must be a whole number from 1, got "0"' });
      expect(notANumber.body).toEqual({ error: 'per_page must be a whole number from 1 to 100, got "1?; drop"' });
      expect(upstream.requests).toHaveLength(0);
    });

    it('passes on Image Factory’s 400 for a role it does not know', async () => {
      upstream.always((_req, res) => json(res, 400, { error: 'role must be one of [base, managed, managed+base], got "admin"' }));
      const { server } = await start();

      const response = await request(server).get('/api/image-factory/images?role=admin');

      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'role must be one of [base, managed, managed+base], got "admin"' });
      expect(upstream.requests.map(r => r.url)).toEqual(['/api/v1/images?page=1&per_page=100&role=admin']);
    });

    it('counts a row once when a sync cycle between two pages pushed it onto the next one', async () => {
      const rows = ESTATE.slice(0, 150);
      upstream.answerInTurn(
        (_req, res) => json(res, 200, { images: rows.slice(0, 100), page: 1, perPage: 100, total: 150, hasNext: true }),
        // A new image sorted before them all: the first page's last row is now the second page's first.
        (_req, res) => json(res, 200, { images: rows.slice(99), page: 2, perPage: 100, total: 151, hasNext: false }),
      );
      const { server } = await start({}, AuthorizeResult.ALLOW, ESTATE_ENTITIES);

      const response = await request(server).get('/api/image-factory/images?per_page=100&page=2');

      expect(response.body.total).toBe(150);
      expect(response.body.images.map((row: { ref: string }) => row.ref)).toEqual(rows.slice(100).map(row => row.ref));
    });

    it('stops with a 502 when Image Factory keeps saying there is a next page beyond its own total', async () => {
      upstream.always((_req, res) => json(res, 200, { images: [], page: 1, perPage: 100, total: 150, hasNext: true }));
      const { server } = await start();

      const response = await request(server).get('/api/image-factory/images');

      expect(response.status).toBe(502);
      expect(response.body.error).toBe(
        `Image Factory at ${upstream.baseUrl} did not end its image list: /images?page=3&per_page=100 still says hasNext`
          + ` after 3 pages of 100 rows, though it counts 150 rows (the backend reads at most ${MAX_UPSTREAM_PAGES} pages)`,
      );
      expect(upstream.requests).toHaveLength(3);
    });

    it('reads at most its fixed number of pages when Image Factory’s total is as endless as its pages', async () => {
      upstream.always((_req, res) => json(res, 200, { images: [], page: 1, perPage: 100, total: 2 ** 40, hasNext: true }));
      const { server } = await start();

      const response = await request(server).get('/api/image-factory/images');

      expect(response.status).toBe(502);
      expect(response.body.error).toContain(`did not end its image list: /images?page=${MAX_UPSTREAM_PAGES}&per_page=100 still says hasNext`);
      expect(upstream.requests).toHaveLength(MAX_UPSTREAM_PAGES);
    });

    it('answers 502 when Image Factory’s JSON is not a page of images', async () => {
      upstream.always((_req, res) => json(res, 200, [{ ref: APP, role: 'managed', breakerOpen: false }]));
      const { server } = await start();

      const response = await request(server).get('/api/image-factory/images');

      expect(response.status).toBe(502);
      expect(response.body.error).toBe(
        `Image Factory at ${upstream.baseUrl} answered /images?page=1&per_page=100 with JSON that is not a page of images ({"images":[…],"total":…,"hasNext":…})`,
      );
    });
  });
});
