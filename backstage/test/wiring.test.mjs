// The example Backstage configuration and the docs, checked against what they describe.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = path => readFileSync(join(ROOT, path), 'utf8');

test('the example app-config registers only Resource and Location from the config repo', () => {
  const config = parse(read('examples/backstage/app-config.yaml'));
  const catalog = config.catalog.locations.find(l => l.target.endsWith('/catalog/index.yaml'));
  assert.ok(catalog, 'no location for the config repo catalog/index.yaml');
  assert.equal(catalog.type, 'url');
  assert.deepEqual(catalog.rules, [{ allow: ['Resource', 'Location'] }]);
  const template = config.catalog.locations.find(l => l.target.endsWith('/enroll-image/template.yaml'));
  assert.deepEqual(template?.rules, [{ allow: ['Template'] }]);
  assert.match(config.integrations.github[0].token, /^\$\{[A-Z_]+\}$/, 'the GitHub token must come from the environment');
});

test('the example backend config reaches the API with a credential taken from the environment', () => {
  const config = parse(read('examples/backstage/app-config.yaml'));
  assert.match(config.imageFactory.baseUrl, /\/api\/v1$/);
  assert.match(config.imageFactory.authorization, /^Bearer \$\{[A-Z_]+\}$/);
  assert.equal(config.permission.enabled, true);
  assert.equal(config.proxy, undefined, 'a plain proxy cannot check who may re-run; the backend plugin does');
});

test('the development backend listens on loopback only: it lets any mock token in and holds the real Image Factory token', () => {
  const config = parse(read('backstage/app-config.yaml'));
  assert.equal(config.backend.listen.host, '127.0.0.1');
  assert.match(config.imageFactory.authorization, /\$\{IMAGE_FACTORY_TOKEN\}/);
});

test('the docs explain every annotation and label the catalog generator can write', () => {
  const generator = read('core/src/main/java/io/jenkins/plugins/imagefactory/catalog/CatalogGenerator.java');
  const keys = new Set([...generator.matchAll(/PREFIX \+ "([a-z-]+)"/g)].map(m => `image-factory.io/${m[1]}`));
  for (const m of generator.matchAll(/"((?:backstage\.io|github\.com|jenkins\.io)\/[a-z-]+)"/g)) {
    keys.add(m[1]);
  }
  assert.ok(keys.size > 20, `found only ${keys.size} keys; has the generator changed shape?`);
  const docs = read('docs/backstage.md');
  const undocumented = [...keys].filter(key => !docs.includes(`| \`${key}\` |`));
  assert.deepEqual(undocumented, [], 'annotations or labels missing from docs/backstage.md tables');
});
