import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One workflow run as GitHub's REST API describes it (the fields Image Factory reads, and a few more). */
export function workflowRun(repository: string, workflow: string, id: number, conclusion: 'success' | 'failure', createdAt: string) {
  return {
    id,
    name: 'Build',
    node_id: `WFR_${id}`,
    head_branch: 'main',
    head_sha: `${id}`.padEnd(40, 'a'),
    path: `.github/workflows/${workflow}@refs/heads/main`,
    run_number: id % 1000,
    event: 'workflow_dispatch',
    display_title: `image-factory build ${id}`,
    status: 'completed',
    conclusion,
    workflow_id: 161335,
    url: `https://api.github.com/repos/${repository}/actions/runs/${id}`,
    html_url: `https://github.com/${repository}/actions/runs/${id}`,
    created_at: createdAt,
    updated_at: createdAt.replace(/:00Z$/, ':45Z'),
    run_attempt: 1,
    run_started_at: createdAt.replace(/:00Z$/, ':05Z'),
    repository: { id: 1296269, name: repository.split('/')[1], full_name: repository },
  };
}

/**
 * GitHub's Actions API for one repository and workflow, shaped as its REST docs show: the
 * workflow's runs, one run, and re-running a run's failed jobs. Records every request.
 */
export class FakeGitHub {
  readonly requests: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly runs: ReturnType<typeof workflowRun>[],
  ) {}

  static async start(repository: string, workflow: string, runs: ReturnType<typeof workflowRun>[]): Promise<FakeGitHub> {
    const server = createServer();
    const github = new FakeGitHub(server, runs);
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', 'http://github');
      github.requests.push(`${req.method} ${url.pathname}`);
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      if (req.method === 'GET' && url.pathname === `/repos/${repository}/actions/workflows/${workflow}/runs`) {
        json(200, { total_count: github.runs.length, workflow_runs: github.runs });
        return;
      }
      const run = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)(\/rerun-failed-jobs)?$/.exec(url.pathname);
      const found = run && github.runs.find(r => r.id === Number(run[1]));
      if (found && req.method === 'GET' && !run![2]) {
        json(200, found);
      } else if (found && req.method === 'POST' && run![2]) {
        json(201, {});
      } else {
        json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return github;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise(resolve => this.server.close(() => resolve()));
  }
}
