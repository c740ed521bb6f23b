import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendWith } from './__testUtils__/backend';
import { API_TOKEN, RunningServe, startServe } from './__testUtils__/serve';

const APP = '127.0.0.1:9/acme/app:latest';
const BASE = '127.0.0.1:9/library/alpine:3.20';

describe('image-factory backend in front of a real `image-factory serve`', () => {
  let serve: RunningServe;
  let backend: Awaited<ReturnType<typeof backendWith>>;

  beforeAll(async () => {
    serve = await startServe();
    backend = await backendWith({ baseUrl: serve.apiBaseUrl, authorization: `Bearer ${API_TOKEN}` });
  });

  afterAll(async () => {
    await backend?.backend.stop();
    await serve?.stop();
  });

  it('lists the images Image Factory tracks, with their roles and the base-to-app edge', async () => {
    const response = await request(backend.server).get('/api/image-factory/images');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      images: [
        expect.objectContaining({ ref: APP, role: 'managed', enrollment: 'app', dependencies: [BASE] }),
        expect.objectContaining({ ref: BASE, role: 'base', dependents: ['app'] }),
      ],
      page: 1,
      perPage: 30,
      total: 2,
      hasNext: false,
    });
  });

  it('pages the list and lets Image Factory filter it by text and role', async () => {
    const second = await request(backend.server).get('/api/image-factory/images?page=2&per_page=1');
    const bases = await request(backend.server).get('/api/image-factory/images?role=base');
    const byText = await request(backend.server).get('/api/image-factory/images?q=ALPINE');

    expect(second.body).toEqual({ images: [expect.objectContaining({ ref: BASE })], page: 2, perPage: 1, total: 2, hasNext: false });
    expect(bases.body).toEqual(expect.objectContaining({ images: [expect.objectContaining({ ref: BASE })], total: 1 }));
    expect(byText.body).toEqual(expect.objectContaining({ images: [expect.objectContaining({ ref: BASE })], total: 1 }));
  });

  it('counts only the images whose entities the caller may read', async () => {
    const appOnly = await backendWith({ baseUrl: serve.apiBaseUrl, authorization: `Bearer ${API_TOKEN}` }, asked =>
      (asked.resourceRef === 'resource:default/127-0-0-1-9-acme-app-latest' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY));
    try {
      const response = await request(appOnly.server).get('/api/image-factory/images');

      expect(response.body).toEqual({ images: [expect.objectContaining({ ref: APP })], page: 1, perPage: 30, total: 1, hasNext: false });
    } finally {
      await appOnly.backend.stop();
    }
  });

  it('refuses a bad per_page with the words Image Factory itself uses, and passes on its 400 for an unknown role', async () => {
    const own = await fetch(`${serve.apiBaseUrl}/images?per_page=101`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    const perPage = await request(backend.server).get('/api/image-factory/images?per_page=101');
    const role = await request(backend.server).get('/api/image-factory/images?role=admin');

    expect(own.status).toBe(400);
    expect(perPage.status).toBe(400);
    expect(perPage.body).toEqual(await own.json());
    expect(role.status).toBe(400);
    expect(role.body.error).toBe('role must be one of [base, managed, managed+base], got "admin"');
  });

  it('finds an image by its full reference, as the frontend asks for it from the entity annotation', async () => {
    const response = await request(backend.server).get(`/api/image-factory/images/${encodeURIComponent(APP)}`);

    expect(response.status).toBe(200);
    expect(response.body.summary).toEqual(expect.objectContaining({ enrollment: 'app', owner: 'group:default/platform' }));
    // The registry is down in this test: the error is what the user sees on the card.
    expect(response.body.summary.error).toContain('cannot connect');
  });

  it('passes on Image Factory’s 404 for an image it does not track', async () => {
    const response = await request(backend.server).get('/api/image-factory/images/nope');

    expect(response.status).toBe(404);
    expect(response.body.error).toContain('nope');
  });

  it('records an urgent rebuild as a commit in the config repo and audits it', async () => {
    const response = await request(backend.server)
      .post('/api/image-factory/images/app/rebuild')
      .send({ urgent: true, reason: 'CVE-2026-1234' });

    expect(response.status).toBe(202);
    expect(response.body).toEqual(expect.objectContaining({ image: 'app', urgent: true }));
    // The mock Backstage user the request came from, then the credentials the backend used.
    expect(serve.commits()[0]).toBe('image-factory: urgent rebuild of app requested by user:default/mock via api');
    expect(backend.audit).toContainEqual(expect.objectContaining({ eventId: 'rebuild', outcome: 'success', meta: { image: 'app', urgent: true, reason: 'CVE-2026-1234' } }));
  });

  it('passes on Image Factory’s 400 for an urgent rebuild without a reason, and nothing is committed', async () => {
    const before = serve.commits().length;

    const response = await request(backend.server).post('/api/image-factory/images/app/rebuild').send({ urgent: true });

    expect(response.status).toBe(400);
    expect(response.body.error).toContain('reason');
    expect(serve.commits()).toHaveLength(before);
  });

  it('reports a wrong imageFactory.authorization as the backend’s problem, and nothing is committed', async () => {
    const misconfigured = await backendWith({ baseUrl: serve.apiBaseUrl, authorization: 'Bearer not-the-token' });
    const before = serve.commits().length;
    try {
      const response = await request(misconfigured.server).post('/api/image-factory/images/app/rebuild');

      expect(response.status).toBe(502);
      expect(response.body.error).toContain('imageFactory.authorization');
      expect(serve.commits()).toHaveLength(before);
    } finally {
      await misconfigured.backend.stop();
    }
  });
});
