// The enrollment Template end to end, short of GitHub: Backstage's validator accepts it, the form's
// JSON schema accepts what the config repo accepts and refuses what it refuses, and the enrollment
// the scaffolder would write passes `image-factory validate`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validate } from 'jsonschema';
import { parse } from 'yaml';
import { validateEntity } from '../support/catalog.mjs';
import { configRepo, validateConfigRepo } from '../support/cli.mjs';
import { requiredPath } from '../support/environment.mjs';
import { parameterErrors, renderInput, renderSkeleton } from '../support/scaffolder.mjs';

const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'templates', 'enroll-image');
const template = parse(readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'));
const USER = { ref: 'user:default/jane' };

function step(action) {
  const found = template.spec.steps.filter(s => s.action === action);
  assert.equal(found.length, 1, `expected one ${action} step`);
  return found[0];
}

/** What the scaffolder would push: config-repo path -> content, plus the rendered PR step. */
function scaffold(parameters) {
  const context = { parameters, user: USER, steps: {} };
  const render = renderInput(step('fetch:template').input, context);
  const publish = renderInput(step('publish:github:pull-request').input, context);
  assert.equal(publish.sourcePath, render.targetPath, 'the PR does not publish what fetch:template wrote');
  const files = {};
  for (const file of renderSkeleton(join(TEMPLATE_DIR, render.url), render.values)) {
    files[`${publish.targetPath}/${file.path}`] = file.content;
  }
  return { files, publish };
}

// What the form submits: rjsf fills in the defaults (registry, tags, branch, Dockerfile, build type).
const defaults = {
  registry: 'ghcr.io',
  tags: ['latest'],
  branch: 'main',
  dockerfile: 'Dockerfile',
  buildType: 'github-actions',
  configRepoUrl: 'github.com?owner=acme&repo=image-factory-config',
};

const valid = {
  'github-actions with every optional field': {
    ...defaults,
    name: 'payments-api',
    repository: 'acme/payments-api',
    tags: ['latest', 'stable'],
    owner: 'group:default/payments',
    sourceRepository: 'https://github.com/acme/payments.git',
    dockerfile: 'services/api/Dockerfile',
    context: 'services/api',
    githubRepository: 'acme/payments',
    workflow: 'build-api.yml',
    workflowRef: 'release',
    rebuildDelay: '3d',
    autoRebuild: true,
  },
  'github-actions with only required fields and a numeric-looking tag': {
    ...defaults,
    name: 'python-base',
    repository: 'acme/base/python',
    tags: ['3.12'],
    owner: 'group:default/platform',
    sourceRepository: 'https://github.com/acme/base-images',
    githubRepository: 'acme/base-images',
    workflow: '123456',
  },
  'jenkins from an scp-like URL on Docker Hub, manual rebuilds': {
    ...defaults,
    name: 'nightly-etl',
    registry: 'docker.io',
    repository: 'acme/nightly-etl',
    owner: 'group:default/data',
    sourceRepository: 'git@github.com:acme/etl.git',
    buildType: 'jenkins',
    jenkinsJob: 'data/nightly-etl/main',
    rebuildDelay: '1d12h',
    autoRebuild: false,
  },
  'webhook with a signing secret on a registry with a port': {
    ...defaults,
    name: 'tool.cli',
    registry: 'localhost:5000',
    repository: 'tools/cli',
    owner: 'group:default/tools',
    sourceRepository: 'ssh://git@git.example.com:2222/tools/cli.git',
    buildType: 'webhook',
    webhookUrl: 'https://builds.example.com/hooks/rebuild?project=cli',
    webhookSecret: 'CLI_BUILD_HOOK_SECRET',
    rebuildDelay: 'P2W',
  },
  'webhook without a secret, owned by a person': {
    ...defaults,
    name: 'sandbox',
    registry: 'registry.example.com',
    repository: 'jane/sandbox',
    owner: 'user:default/jane',
    sourceRepository: 'https://git.example.com/jane/sandbox.git',
    buildType: 'webhook',
    webhookUrl: 'http://builder.internal:8080/build',
    rebuildDelay: 'PT12H',
  },
};

describe('enrollment template', () => {
  let jar;

  before(() => {
    jar = requiredPath('IMAGE_FACTORY_CLI_JAR', { directory: false });
  });

  test('is a valid Template entity for the scaffolder and the catalog', async () => {
    await assert.doesNotReject(validateEntity(template));
    assert.ok(existsSync(join(TEMPLATE_DIR, step('fetch:template').input.url)), 'skeleton folder is missing');
  });

  test('Backstage rejects a broken copy, so a pass means something', async () => {
    const broken = structuredClone(template);
    delete broken.spec.steps;
    await assert.rejects(validateEntity(broken), /steps/);
  });

  for (const [name, parameters] of Object.entries(valid)) {
    test(`${name}: the form accepts it and image-factory validate accepts what it writes`, () => {
      assert.deepEqual(parameterErrors(template, parameters), []);
      const { files } = scaffold(parameters);
      const team = parameters.owner.split('/').pop();
      assert.deepEqual(Object.keys(files), [`images/${team}/${parameters.name}.yaml`]);

      const dir = configRepo(files);
      const run = validateConfigRepo(jar, dir);
      assert.equal(run.status, 0, `image-factory validate ${dir} failed:\n${run.stdout}${run.stderr}`);
      assert.equal(run.stdout.trim(), '1 image in 2 files, 0 errors');
    });
  }

  test('writes optional fields only when they were given, and keeps strings strings', () => {
    const full = parse(Object.values(scaffold(valid['github-actions with every optional field']).files)[0]);
    assert.deepEqual(full, {
      name: 'payments-api',
      image: 'ghcr.io/acme/payments-api',
      tags: ['latest', 'stable'],
      owner: 'group:default/payments',
      source: {
        repository: 'https://github.com/acme/payments.git',
        branch: 'main',
        dockerfile: 'services/api/Dockerfile',
        context: 'services/api',
      },
      rebuild: { delay: '3d', auto: true },
      build: { 'github-actions': { repository: 'acme/payments', workflow: 'build-api.yml', ref: 'release' } },
    });

    const minimal = parse(Object.values(scaffold(valid['github-actions with only required fields and a numeric-looking tag']).files)[0]);
    assert.deepEqual(minimal.tags, ['3.12']);
    assert.equal(minimal.build['github-actions'].workflow, '123456');
    assert.equal('rebuild' in minimal, false);
    assert.equal('context' in minimal.source, false);
    assert.equal('ref' in minimal.build['github-actions'], false);

    const manual = parse(Object.values(scaffold(valid['jenkins from an scp-like URL on Docker Hub, manual rebuilds']).files)[0]);
    assert.deepEqual(manual.rebuild, { delay: '1d12h', auto: false });
    assert.deepEqual(manual.build, { jenkins: { job: 'data/nightly-etl/main' } });

    const unsigned = parse(Object.values(scaffold(valid['webhook without a secret, owned by a person']).files)[0]);
    assert.deepEqual(unsigned.build, { webhook: { url: 'http://builder.internal:8080/build' } });
  });

  test('opens a pull request on the chosen config repo that says what is enrolled, and links it', () => {
    const parameters = valid['github-actions with every optional field'];
    const { publish } = scaffold(parameters);
    assert.equal(publish.repoUrl, parameters.configRepoUrl);
    assert.equal(publish.targetPath, 'images/payments');
    assert.equal(publish.branchName, 'enroll/payments-api');
    assert.equal(publish.title, 'Enroll ghcr.io/acme/payments-api as payments-api');
    assert.match(publish.description, /owned by `group:default\/payments`/);
    assert.match(publish.description, /user:default\/jane/);

    const remoteUrl = 'https://github.com/acme/image-factory-config/pull/42';
    const output = renderInput(template.spec.output, {
      parameters, user: USER, steps: { publish: { output: { remoteUrl } } },
    });
    assert.deepEqual(output.links[0], { title: 'Enrollment pull request', url: remoteUrl });
  });

  test('every rebuild delay the form accepts, image-factory validate accepts', () => {
    const delays = ['90s', '30m', '36h', '7d', '2w', '1d12h', '1w2d', 'P7D', 'PT12H', 'P1DT12H', 'P2W', 'p3d', 'PT0.5S'];
    const files = {};
    for (const [i, delay] of delays.entries()) {
      const parameters = { ...valid['github-actions with every optional field'], name: `delay-${i}`,
        repository: `acme/delay-${i}`, rebuildDelay: delay };
      assert.deepEqual(parameterErrors(template, parameters), [], `the form refuses delay ${delay}`);
      Object.assign(files, scaffold(parameters).files);
    }
    const run = validateConfigRepo(jar, configRepo(files));
    assert.equal(run.status, 0, `image-factory validate refused a delay the form accepts:\n${run.stdout}${run.stderr}`);
    assert.equal(run.stdout.trim(), `${delays.length} images in ${delays.length + 1} files, 0 errors`);
  });

  // Each input the form must refuse, the field it names, and the config field image-factory
  // validate names when the same value reaches the config repo anyway (null: the config repo
  // would accept it but read it differently than the person meant).
  const base = valid['github-actions with every optional field'];
  const invalid = {
    'an uppercase name': [{ name: 'Payments-API' }, 'instance.name', 'name'],
    'a name ending in a dash': [{ name: 'payments-' }, 'instance.name', 'name'],
    'a workflow without .yml': [{ name: 'bad-workflow', workflow: 'build' }, 'instance.workflow', 'build.github-actions.workflow'],
    'a workflow path': [{ name: 'workflow-path', workflow: '.github/workflows/build.yml' }, 'instance.workflow',
      'build.github-actions.workflow'],
    'a workflow repository URL': [{ name: 'workflow-url', githubRepository: 'https://github.com/acme/payments' },
      'instance.githubRepository', 'build.github-actions.repository'],
    'a delay in words': [{ name: 'delay-words', rebuildDelay: '7 days' }, 'instance.rebuildDelay', 'rebuild.delay'],
    'a delay in months': [{ name: 'delay-months', rebuildDelay: 'P1M' }, 'instance.rebuildDelay', 'rebuild.delay'],
    'a tag with a space': [{ name: 'bad-tag', tags: ['latest', 'release 1'] }, 'instance.tags[1]', 'tags[1]'],
    'a repository with a tag': [{ name: 'tagged', repository: 'acme/api:latest' }, 'instance.repository', 'image'],
    'a source URL with a password': [{ name: 'leaky', sourceRepository: 'https://jane:hunter2@github.com/acme/x.git' },
      'instance.sourceRepository', 'source.repository'],
    'a Dockerfile outside the repository': [{ name: 'escape', dockerfile: '../Dockerfile' }, 'instance.dockerfile',
      'source.dockerfile'],
    'a Jenkins job with a leading slash': [{ name: 'slash-job', buildType: 'jenkins', jenkinsJob: '/payments/api' },
      'instance.jenkinsJob', 'build.jenkins.job'],
    'a webhook secret value instead of its name': [{ name: 'pasted-token', buildType: 'webhook',
      webhookUrl: 'https://builds.example.com/hook', webhookSecret: `ghp_${'a1B2'.repeat(9)}` },
    'instance.webhookSecret', 'build.webhook.secret'],
    'a webhook URL that is not http(s)': [{ name: 'ftp-hook', buildType: 'webhook', webhookUrl: 'ftp://example.com/hook' },
      'instance.webhookUrl', 'build.webhook.url'],
    'a registry without a dot or port': [{ name: 'dotless', registry: 'registry' }, 'instance.registry', null],
  };

  test('refuses what the config repo refuses, naming the field', () => {
    for (const [what, [override, property]] of Object.entries(invalid)) {
      const values = { ...base, ...override };
      const errors = parameterErrors(template, values);
      assert.notDeepEqual(errors, [], `${what}: the scaffolder backend would accept it`);
      // jsonschema reports a failed oneOf as a whole; the form shows the chosen branch's own errors.
      const named = [...errors, ...buildBranchErrors(values)];
      assert.ok(named.some(e => e.startsWith(`${property}:`)),
        `${what}: expected an error on ${property}, got ${JSON.stringify(named)}`);
    }
    const missingJob = parameterErrors(template, { ...base, buildType: 'jenkins' });
    assert.ok(missingJob.some(e => e.includes('buildType')), `a Jenkins build without a job: ${missingJob}`);
  });

  test('image-factory validate refuses the same values, so the form is not looser than the config repo', () => {
    const files = {};
    const expected = [];
    for (const [what, [override, , configField]] of Object.entries(invalid)) {
      if (configField === null) {
        continue;
      }
      const rendered = scaffold({ ...base, ...override }).files;
      Object.assign(files, rendered);
      expected.push([what, Object.keys(rendered)[0], configField]);
    }
    const run = validateConfigRepo(jar, configRepo(files));
    assert.equal(run.status, 1, `expected image-factory validate to fail:\n${run.stdout}${run.stderr}`);
    const output = run.stdout + run.stderr;
    for (const [what, file, configField] of expected) {
      assert.match(output, new RegExp(`^${escape(file)}:\\d+:\\d+: ${escape(configField)}: `, 'm'),
        `${what}: no error on ${configField} in ${file}:\n${output}`);
    }
  });
});

/** Errors of the build page's oneOf branch for the chosen build type, as the form lists them. */
function buildBranchErrors(values) {
  const page = template.spec.parameters.find(p => p.dependencies?.buildType);
  const branch = page.dependencies.buildType.oneOf
    .find(b => b.properties.buildType.enum.includes(values.buildType));
  return validate(values, branch).errors.map(e => `${e.property}: ${e.message}`);
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
