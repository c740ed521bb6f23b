import { mockServices } from '@backstage/backend-test-utils';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { devBackend } from '../dev/devBackend';
import { FakeGitHub, workflowRun } from './__testUtils__/fakeGitHub';
import { REGISTRY_START_MS, startRegistry, type RunningRegistry } from './__testUtils__/registry';
import { API_TOKEN, SERVE_START_MS, startServe, type RunningServe } from './__testUtils__/serve';
import { freePort } from './__testUtils__/ports';
import { setupBudget } from './__testUtils__/setupBudget';

// The frontend plugin's development app (`npm start` in plugins/image-factory, served by
// backstage-cli's dev server) in Debian's Chromium, against the backend plugin's development
// backend (dev/devBackend.ts) in front of a real `image-factory serve` whose images live in a real
// registry; only GitHub's Actions API is a stand-in. What a person sees, clicked through.

const CHROMIUM = '/usr/bin/chromium';
const FRONTEND = resolve(__dirname, '../../image-factory');
// backstage-cli's dev server bundles the whole app (webpack/rspack) before it answers.
const DEV_SERVER_START_MS = 240_000;
const CHROMIUM_LAUNCH_MS = 60_000;

async function untilUp(url: string, what: string, log: () => string, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await fetch(url).then(r => r.status, () => 0)) === 200) {
      return;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${ms / 1000} s:\n${log()}`);
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise(done => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

describe('the development app in Chromium', () => {
  let registry: RunningRegistry;
  let github: FakeGitHub;
  let serve: RunningServe;
  let backend: ReturnType<typeof devBackend>;
  let devServer: ChildProcess | undefined;
  let devOutput = '';
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  let app: string;
  let appRef: string;
  let baseRef: string;
  let digest: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
    }
    dir = mkdtempSync(join(tmpdir(), 'image-factory-devapp-'));
    registry = await startRegistry();
    await registry.push('library/alpine', ['3.20']);
    // Twelve tags: two pages of ten in the Versions tab.
    digest = await registry.push('acme/app', ['latest', ...Array.from({ length: 11 }, (_, i) => `1.${i}.0`)]);
    appRef = `${registry.host}/acme/app:latest`;
    baseRef = `${registry.host}/library/alpine:3.20`;
    github = await FakeGitHub.start('acme/app', 'build.yml', [
      workflowRun('acme/app', 'build.yml', 2002, 'failure', '2026-11-02T10:00:00Z'),
      workflowRun('acme/app', 'build.yml', 2001, 'success', '2026-11-01T10:00:00Z'),
    ]);
    serve = await startServe({ registry: registry.host, github: github.apiUrl, dependent: true });

    const [backendPort, appPort] = [await freePort(), await freePort()];
    app = `http://localhost:${appPort}`;
    const backendUrl = `http://localhost:${backendPort}`;
    backend = devBackend(
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: backendUrl, listen: { host: '127.0.0.1', port: backendPort }, cors: { origin: app, credentials: true } },
          imageFactory: { baseUrl: serve.apiBaseUrl, authorization: `Bearer ${API_TOKEN}` },
        },
      }),
      mockServices.rootLogger.factory({ level: 'warn' }),
    );
    await backend.start();

    const config = join(dir, 'app-config.yaml');
    writeFileSync(config, `app:\n  title: Image Factory\n  baseUrl: ${app}\nbackend:\n  baseUrl: ${backendUrl}\n`);
    devServer = spawn(resolve(FRONTEND, '../../node_modules/.bin/backstage-cli'), ['package', 'start', '--config', config], {
      cwd: FRONTEND,
      env: { ...process.env, BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    devServer.stdout!.on('data', chunk => (devOutput += chunk));
    devServer.stderr!.on('data', chunk => (devOutput += chunk));
    await untilUp(app, 'backstage-cli package start', () => devOutput, DEV_SERVER_START_MS);

    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      timeout: CHROMIUM_LAUNCH_MS,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      permissions: ['clipboard-read', 'clipboard-write'],
      viewport: { width: 1400, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    // Guest sign-in without an auth backend asks to fall back to the legacy guest token: yes.
    page.on('dialog', dialog => dialog.accept());
  }, setupBudget(REGISTRY_START_MS, SERVE_START_MS, DEV_SERVER_START_MS, CHROMIUM_LAUNCH_MS));

  afterAll(async () => {
    await context?.close();
    await stop(devServer);
    await backend?.stop();
    await serve?.stop();
    await github?.close();
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function openImage() {
    onTestFailed(async ({ task }) => {
      const path = join(tmpdir(), `image-factory-devapp-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path, fullPage: true });
      console.error(`what the browser showed: ${path}`);
    });
    await page.goto(`${app}/images`);
    const guest = page.getByRole('button', { name: 'Enter' });
    const image = page.getByRole('link', { name: appRef });
    await guest.or(image).first().waitFor();
    if (await guest.isVisible()) {
      await guest.click();
    }
    await image.click();
  }

  it('shows the overview card and the dependency graph of the image’s bases and dependents', async () => {
    await openImage();

    await expect.poll(() => page.getByText(`sha256:${digest.slice(7, 19)}`).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('link', { name: baseRef }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('link', { name: 'app-debug' }).count()).toBeGreaterThan(0);
    // The catalog graph card draws this image, the base it is built FROM and the image built FROM it.
    const graph = page.locator('svg').filter({ hasText: 'alpine' });
    await expect.poll(() => graph.count()).toBeGreaterThan(0);
    const labels = await graph.first().textContent();
    expect(labels).toContain(baseRef);
    expect(labels).toContain(appRef);
    expect(labels).toContain(`${registry.host}/acme/app-debug:latest`);
  });

  it('pages through the registry’s tags on the Versions tab and copies a reference with its digest', async () => {
    await openImage();
    await page.getByRole('tab', { name: 'Versions' }).click();

    await expect.poll(() => page.locator('tbody tr').count()).toBe(10);
    expect(await page.getByText('Order as the registry lists them (it gives no dates)').count()).toBe(1);
    await page.getByRole('button', { name: 'Older' }).click();
    await expect.poll(() => page.getByText('Page 2').count()).toBe(1);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);

    const reference = await page.locator('button[aria-label^="Copy "]').first().getAttribute('aria-label');
    expect(reference).toMatch(new RegExp(`^Copy ${registry.host}/acme/app:.+@${digest}$`));
    await page.locator('button[aria-label^="Copy "]').first().click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reference!.slice('Copy '.length));
  });

  it('lists the build workflow’s runs on the CI/CD tab and re-runs the failed one through GitHub', async () => {
    await openImage();
    await page.getByRole('tab', { name: 'CI/CD' }).click();

    await expect.poll(() => page.getByText('image-factory build 2002').count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Re-run failed jobs/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Re-run failed jobs of run 2002' }).click();

    await expect.poll(() => page.getByText('Re-run of the failed jobs of run 2002 requested').count()).toBe(1);
    expect(github.requests).toContain('POST /repos/acme/app/actions/runs/2002/rerun-failed-jobs');
    expect(github.requests).not.toContain('POST /repos/acme/app/actions/runs/2001/rerun-failed-jobs');
  });
});
