import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  imageFactoryRebuildPermission,
  imageFactoryRerunPermission,
} from '@image-factory/backstage-plugin-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { ImageFactoryUnavailableError, ImageFactoryUpstream, isJson, UpstreamAnswer } from './ImageFactoryUpstream';

export interface RouterOptions {
  upstream: ImageFactoryUpstream;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
}

// A rebuild request is three short fields; anything bigger is not one.
const MAX_BODY = '16kb';

/**
 * `/api/image-factory/...`: the read routes of Image Factory's API for any signed-in user or
 * Backstage service, and its two write routes behind Backstage permissions. Every call goes out
 * with Image Factory's own credentials; the caller's Backstage token is never forwarded.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { upstream, httpAuth, permissions, auditor, logger } = options;
  const router = Router();
  router.use(express.json({ limit: MAX_BODY }));

  const read = (path: (req: Request) => string) => async (req: Request, res: Response) => {
    const target = path(req);
    await relay(res, target, () => upstream.get(target));
  };

  router.get('/images', read(() => '/images'));
  router.get('/images/:name', read(req => `/images/${encodeURIComponent(req.params.name)}`));
  router.get('/images/:name/tags', read(req => `/images/${encodeURIComponent(req.params.name)}/tags${paging(req)}`));
  router.get('/images/:name/runs', read(req => `/images/${encodeURIComponent(req.params.name)}/runs${paging(req)}`));

  router.post('/runs/:id/rerun', async (req, res) => {
    const run = req.params.id;
    const image = typeof req.query.image === 'string' ? req.query.image : '';
    if (!/^[0-9]{1,19}$/.test(run)) {
      res.status(400).json({ error: `run id must be a number, got '${run}'` });
      return;
    }
    if (!image) {
      res.status(400).json({ error: 'query parameter image (the image whose run this is) is required' });
      return;
    }
    const target = `/runs/${run}/rerun?image=${encodeURIComponent(image)}`;
    await write(req, res, { eventId: 'rerun', permission: imageFactoryRerunPermission, meta: { image, run }, target });
  });

  router.post('/images/:name/rebuild', async (req, res) => {
    const image = req.params.name;
    const body = req.body !== undefined && !isEmptyObject(req.body) ? req.body : undefined;
    const target = `/images/${encodeURIComponent(image)}/rebuild`;
    const meta = { image, urgent: body?.urgent === true, reason: typeof body?.reason === 'string' ? body.reason : null };
    await write(req, res, { eventId: 'rebuild', permission: imageFactoryRebuildPermission, meta, target, body });
  });

  router.use((error: any, _req: Request, res: Response, next: express.NextFunction) => {
    // body-parser's own errors; everything else goes to Backstage's error handler.
    if (error?.type === 'entity.parse.failed') {
      res.status(400).json({ error: `request body is not JSON: ${error.message}` });
    } else if (error?.type === 'entity.too.large') {
      res.status(413).json({ error: `request body is larger than ${MAX_BODY}` });
    } else {
      next(error);
    }
  });
  return router;

  async function write(
    req: Request,
    res: Response,
    action: { eventId: string; permission: BasicPermission; meta: Record<string, string | boolean | null>; target: string; body?: unknown },
  ) {
    const event = await auditor.createEvent({ eventId: action.eventId, severityLevel: 'medium', request: req, meta: action.meta });
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await permissions.authorize([{ permission: action.permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      const message = `not allowed: ${action.eventId} needs the permission ${action.permission.name}`;
      await event.fail({ error: new Error(message) });
      res.status(403).json({ error: message });
      return;
    }
    // Image Factory's commit then names the person, not only the backend's shared credentials.
    const person = credentials.principal.type === 'user' ? credentials.principal.userEntityRef : undefined;
    const answer = await relay(res, action.target, () => upstream.post(action.target, action.body, person));
    if (answer && answer.status < 400) {
      await event.success({ meta: { status: answer.status } });
    } else {
      await event.fail({ error: new Error(`Image Factory answered ${answer?.status ?? 'nothing'} for ${action.target}`) });
    }
  }

  /** Sends Image Factory's answer on, or a 502 that says what went wrong and where; never the token. */
  async function relay(res: Response, target: string, call: () => Promise<UpstreamAnswer>): Promise<UpstreamAnswer | undefined> {
    let answer: UpstreamAnswer;
    try {
      answer = await call();
    } catch (error) {
      if (error instanceof ImageFactoryUnavailableError) {
        logger.warn(error.message);
        res.status(502).json({ error: error.message });
        return undefined;
      }
      throw error;
    }
    if (answer.status === 401 || answer.status === 403) {
      const message = `Image Factory refused this backend's credentials (imageFactory.authorization) for ${target}: ${answer.status}`;
      logger.warn(message);
      res.status(502).json({ error: message });
    } else if (!isJson(answer)) {
      const message = `Image Factory answered ${target} with ${answer.status} ${answer.contentType || 'without a content type'}, not JSON: is imageFactory.baseUrl its API (…/api/v1)?`;
      logger.warn(message);
      res.status(502).json({ error: message });
    } else {
      res.status(answer.status).type('application/json').send(answer.body);
    }
    return answer;
  }
}

/** Only the paging parameters go on: the rest of the caller's query is not Image Factory's business. */
function paging(req: Request): string {
  const query = new URLSearchParams();
  for (const key of ['page', 'per_page']) {
    const value = req.query[key];
    if (typeof value === 'string') {
      query.set(key, value);
    }
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
