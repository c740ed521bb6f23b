import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendWith } from './__testUtils__/backend';
import { API_TOKEN, RunningServe, startServe } from './__testUtils__/serve';

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
    expect(response.body).toEqual([
      expect.objectContaining({ ref: '127.0.0.1:9/acme/app:latest', role: 'managed', enrollment: 'app', dependencies: ['127.0.0.1:9/library/alpine:3.20'] }),
      expect.objectContaining({ ref: '127.0.0.1:9/library/alpine:3.20', role: 'base', dependents: ['app'] }),
    ]);
  });

  it('finds an image by its full reference, as the frontend asks for it from the entity annotation', async () => {
    const response = await request(backend.server).get(`/api/image-factory/images/${encodeURIComponent('127.0.0.1:9/acme/app:latest')}`);

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
