import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult, ResourcePermission } from '@backstage/plugin-permission-common';
import {
  imageFactoryReadPermission,
  imageFactoryRebuildPermission,
  imageFactoryRerunPermission,
} from '@image-factory/backstage-plugin-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import type { ImageEntities } from './imageEntities';
import { ListStop, pageCollector, parsePaging, walkImageList } from './imageList';
import { ImageFactoryUnavailableError, ImageFactoryUpstream, isJson, UpstreamAnswer } from './ImageFactoryUpstream';

export interface RouterOptions {
  upstream: ImageFactoryUpstream;
  entities: ImageEntities;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
}

// A rebuild request is three short fields; anything bigger is not one.
const MAX_BODY = '16kb';

type Decision =
  | { allowed: true; credentials: BackstageCredentials; entityRefs: string[] }
  | { allowed: false; status: 403 | 404; message: string };

/**
 * `/api/image-factory/...`: Image Factory's API, each route checked against the image's catalog
 * entity with Backstage permissions (reads `image-factory.image.read`, re-runs
 * `image-factory.run.rerun`, rebuilds `image-factory.image.rebuild`) before anything is sent on.
 * Every call goes out with Image Factory's own credentials; the caller's Backstage token is never
 * forwarded.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { upstream, entities, httpAuth, permissions, auditor, logger } = options;
  const router = Router();
  router.use(express.json({ limit: MAX_BODY }));

  /** Whether the caller holds `permission` on the catalog entity (every entity, for an enrollment) of image `name`. */
  async function decide(req: Request, permission: ResourcePermission<'catalog-entity'>, name: string): Promise<Decision> {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const entityRefs = await entities.of(name, credentials);
    if (!entityRefs.length) {
      return {
        allowed: false,
        status: 404,
        message: `no catalog entity you can see is the image ${JSON.stringify(name)}: Image Factory's images are`
          + ' reached through their entities (annotation image-factory.io/ref, or image-factory.io/enrollment)',
      };
    }
    const decisions = await permissions.authorize(entityRefs.map(resourceRef => ({ permission, resourceRef })), { credentials });
    const refused = entityRefs.filter((_, i) => decisions[i].result !== AuthorizeResult.ALLOW);
    if (refused.length) {
      return { allowed: false, status: 403, message: `not allowed: needs the permission ${permission.name} on ${refused.join(', ')}` };
    }
    return { allowed: true, credentials, entityRefs };
  }

  /** The references of the images whose entities the caller may read. */
  async function readableImages(credentials: BackstageCredentials): Promise<Set<string>> {
    const refs = [...(await entities.all(credentials)).entries()];
    const decisions = refs.length
      ? await permissions.authorize(refs.map(([, resourceRef]) => ({ permission: imageFactoryReadPermission, resourceRef })), { credentials })
      : [];
    return new Set(refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW).map(([ref]) => ref));
  }

  const readImage = (suffix: (req: Request) => string) => async (req: Request, res: Response) => {
    const name = req.params.name;
    const decision = await decide(req, imageFactoryReadPermission, name);
    if (!decision.allowed) {
      res.status(decision.status).json({ error: decision.message });
      return;
    }
    const target = `/images/${encodeURIComponent(name)}${suffix(req)}`;
    await relay(res, target, () => upstream.get(target));
  };

  // Image Factory filters by q, role and status and walks its list for us; the page is cut here,
  // over only the rows whose entities the caller may read, so total and hasNext count what they see.
  router.get('/images', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = new URL(req.originalUrl, 'http://backend').searchParams;
    const asked = parsePaging(query);
    if ('error' in asked) {
      res.status(400).json({ error: asked.error });
      return;
    }
    const readable = await readableImages(credentials);
    const page = pageCollector(asked);
    let stop: ListStop | undefined;
    try {
      stop = await walkImageList(upstream, query, row => {
        if (readable.has(row.ref)) {
          page.add(row);
        }
      });
    } catch (error) {
      if (answeredUnavailable(res, error)) {
        return;
      }
      throw error;
    }
    if (stop) {
      const { target, answer } = stop;
      await relay(res, target, async () => answer);
    } else {
      res.json(page.page());
    }
  });
  router.get('/images/:name', readImage(() => ''));
  router.get('/images/:name/tags', readImage(req => `/tags${paging(req)}`));
  router.get('/images/:name/runs', readImage(req => `/runs${paging(req)}`));

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
    await write(req, res, { eventId: 'rerun', permission: imageFactoryRerunPermission, image, meta: { image, run }, target });
  });

  router.post('/images/:name/rebuild', async (req, res) => {
    const image = req.params.name;
    const body = req.body !== undefined && !isEmptyObject(req.body) ? req.body : undefined;
    const target = `/images/${encodeURIComponent(image)}/rebuild`;
    const meta = { image, urgent: body?.urgent === true, reason: typeof body?.reason === 'string' ? body.reason : null };
    await write(req, res, { eventId: 'rebuild', permission: imageFactoryRebuildPermission, image, meta, target, body });
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
    action: {
      eventId: string;
      permission: ResourcePermission<'catalog-entity'>;
      image: string;
      meta: Record<string, string | boolean | null>;
      target: string;
      body?: unknown;
    },
  ) {
    const event = await auditor.createEvent({ eventId: action.eventId, severityLevel: 'medium', request: req, meta: action.meta });
    const decision = await decide(req, action.permission, action.image);
    if (!decision.allowed) {
      await event.fail({ error: new Error(decision.message) });
      res.status(decision.status).json({ error: decision.message });
      return;
    }
    // Image Factory's commit then names the person, not only the backend's shared credentials.
    const principal = decision.credentials.principal as { type: string; userEntityRef?: string };
    const person = principal.type === 'user' ? principal.userEntityRef : undefined;
    const answer = await relay(res, action.target, () => upstream.post(action.target, action.body, person));
    if (answer && answer.status < 400) {
      await event.success({ meta: { status: answer.status, entityRefs: decision.entityRefs } });
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
      if (answeredUnavailable(res, error)) {
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

  /** A 502 with the message when `error` says Image Factory was not reached or not its API; false for any other error. */
  function answeredUnavailable(res: Response, error: unknown): boolean {
    if (!(error instanceof ImageFactoryUnavailableError)) {
      return false;
    }
    logger.warn(error.message);
    res.status(502).json({ error: error.message });
    return true;
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
