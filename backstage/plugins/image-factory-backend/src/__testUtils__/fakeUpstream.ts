import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: RecordedRequest, res: ServerResponse) => void;

/**
 * A stand-in for Image Factory where a case needs an answer the real server does not give on
 * demand (a 503 burst, silence, a login page). It records every request it receives.
 */
export class FakeUpstream {
  readonly requests: RecordedRequest[] = [];
  private handlers: Handler[] = [];
  private fallback: Handler = (_req, res) => json(res, 200, {});

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeUpstream> {
    const server = createServer();
    const fake = new FakeUpstream(server);
    server.on('request', (req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => fake.handle({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }, res));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v1`;
  }

  /** The next requests get these answers in turn; after them, `always`'s (default 200 `{}`). */
  answerInTurn(...handlers: Handler[]): this {
    this.handlers.push(...handlers);
    return this;
  }

  always(handler: Handler): this {
    this.fallback = handler;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private handle(req: RecordedRequest, res: ServerResponse) {
    this.requests.push(req);
    (this.handlers.shift() ?? this.fallback)(req, res);
  }
}

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Never answers: for timeouts. */
export function silence(): Handler {
  return () => {};
}

/**
 * Answers `GET /images?page=&per_page=` with pages of `rows` as Image Factory does (filters are
 * not applied: the cases check what is forwarded, serve.test.ts what the real server does with it).
 */
export function imagePages(rows: unknown[]): Handler {
  return (req, res) => {
    const query = new URL(req.url, 'http://upstream').searchParams;
    const page = Number(query.get('page') ?? '1');
    const perPage = Number(query.get('per_page') ?? '30');
    const from = (page - 1) * perPage;
    json(res, 200, { images: rows.slice(from, from + perPage), page, perPage, total: rows.length, hasNext: from + perPage < rows.length });
  };
}
