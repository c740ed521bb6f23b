import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const API_TOKEN = 'serve-api-token-4f1c9e';

/** How long `serve` may take from its start to the end of its first sync (a JVM start and a cycle). */
export const SERVE_START_MS = 60_000;

/** A running `image-factory serve` on a real git config repo, with one enrolled image built FROM one base. */
export interface RunningServe {
  apiBaseUrl: string;
  /** `git log --format=%s` of the config repo's branch, newest first. */
  commits(): string[];
  stop(): Promise<void>;
}

export function cliJar(): string {
  const jar = process.env.IMAGE_FACTORY_CLI_JAR ?? resolve(__dirname, '../../../../../cli/target/image-factory.jar');
  if (!existsSync(jar)) {
    throw new Error(`the Image Factory CLI jar is missing at ${jar}: build it with ./mvnw -pl cli -am package (or set IMAGE_FACTORY_CLI_JAR)`);
  }
  return jar;
}

export function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${run.stderr}`);
  }
  return run.stdout;
}

export function commitFiles(dir: string, files: Record<string, string>) {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'initial');
}

/** What the config repo holds besides the enrolled app built FROM alpine. */
export interface ServeOptions {
  /** The registry host of every image; by default a port nothing listens on (digest checks fail fast). */
  registry?: string;
  /** GitHub's API root for the app's build workflow runs (buildSystems.github.apiUrl). */
  github?: string;
  /** Also enroll app-debug, built FROM the app, so the app is a base too. */
  dependent?: boolean;
}

export const GITHUB_TOKEN = 'ghs_serveTestToken0123456789abcdefABCDEF';

export async function startServe(options: ServeOptions = {}): Promise<RunningServe> {
  const registry = options.registry ?? '127.0.0.1:9';
  const root = mkdtempSync(join(tmpdir(), 'image-factory-backend-'));
  commitFiles(join(root, 'source'), {
    Dockerfile: `FROM ${registry}/library/alpine:3.20\nRUN true\n`,
    'debug/Dockerfile': `FROM ${registry}/acme/app:latest\nRUN true\n`,
  });
  const remote = join(root, 'config.git');
  git(root, 'init', '-q', '--bare', '-b', 'main', remote);
  const settings = ['version: 1', 'defaults:', '  owner: group:default/platform'];
  if (options.github) {
    settings.push('buildSystems:', '  github:', `    apiUrl: ${options.github}`, '    credentials: GITHUB_TOKEN');
  }
  const files: Record<string, string> = {
    'image-factory.yaml': `${settings.join('\n')}\n`,
    'images/app.yaml': [
      'name: app',
      `image: ${registry}/acme/app`,
      'tags: [latest]',
      'source:',
      `  repository: file://${join(root, 'source')}`,
      'build:',
      '  github-actions:',
      '    repository: acme/app',
      '    workflow: build.yml',
      '',
    ].join('\n'),
  };
  if (options.dependent) {
    files['images/app-debug.yaml'] = [
      'name: app-debug',
      `image: ${registry}/acme/app-debug`,
      'source:',
      `  repository: file://${join(root, 'source')}`,
      '  dockerfile: debug/Dockerfile',
      'build:',
      '  webhook:',
      '    url: http://127.0.0.1:1/build',
      '',
    ].join('\n');
  }
  commitFiles(join(root, 'config'), files);
  git(join(root, 'config'), 'push', '-q', remote, 'main');

  const child = spawn(
    'java',
    ['-jar', cliJar(), 'serve', '--repo', `file://${remote}`, '--work-dir', join(root, 'work'), '--port', '0', '--api-token', 'IF_API_TOKEN'],
    { env: { ...process.env, IF_API_TOKEN: API_TOKEN, GITHUB_TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const deadline = Date.now() + SERVE_START_MS;
  const stop = () => stopProcess(child).finally(() => rmSync(root, { recursive: true, force: true }));
  let output = '';
  child.stderr!.on('data', chunk => (output += chunk));
  const listening = new Promise<string>((resolveOrigin, reject) => {
    child.stdout!.on('data', chunk => {
      output += chunk;
      const found = /listening on (http:\/\/[^/\s]+)\//.exec(output);
      if (found) resolveOrigin(found[1]);
    });
    child.on('exit', code => reject(new Error(`image-factory serve exited with ${code}:\n${output}`)));
  });
  try {
    const origin = await beforeDeadline(listening, deadline, () => `image-factory serve did not say where it listens within ${SERVE_START_MS / 1000} s:\n${output}`);
    const running: RunningServe = {
      apiBaseUrl: `${origin}/api/v1`,
      commits: () => git(root, '--git-dir', remote, 'log', '--format=%s', 'main').trim().split('\n'),
      stop,
    };
    await untilFirstSync(running.apiBaseUrl, deadline, () => output);
    return running;
  } catch (error) {
    await stop();
    throw error;
  }
}

function beforeDeadline<T>(promise: Promise<T>, deadline: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function untilFirstSync(apiBaseUrl: string, deadline: number, output: () => string) {
  while (Date.now() < deadline) {
    const response = await fetch(`${apiBaseUrl}/images`).catch(() => undefined);
    if (response?.status === 200) return;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`image-factory serve did not finish its first sync within ${SERVE_START_MS / 1000} s of its start:\n${output()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise(resolveStop => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', () => {
      clearTimeout(killer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
