// The entities core's CatalogGenerator writes, checked by Backstage's own catalog code: if these
// pass, the catalog ingests the generated folder from one Location without errors or dangling refs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { before, describe, test } from 'node:test';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import { validateEntity } from '../support/catalog.mjs';
import { requiredPath } from '../support/environment.mjs';

const PREFIX = 'image-factory.io/';

function yamlFiles(dir) {
  return readdirSync(dir).sort().flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return yamlFiles(path);
    }
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function readEntity(root, path) {
  const documents = parseAllDocuments(readFileSync(path, 'utf8'));
  const file = relative(root, path).split(sep).join(posix.sep);
  assert.equal(documents.length, 1, `${file}: expected one YAML document, got ${documents.length}`);
  assert.deepEqual(documents[0].errors, [], `${file}: YAML errors`);
  return { file, entity: documents[0].toJS() };
}

describe('generated catalog example', () => {
  let root;
  let files;

  before(() => {
    root = requiredPath('IMAGE_FACTORY_CATALOG_EXAMPLE', { directory: true });
    files = yamlFiles(root).map(path => readEntity(root, path));
  });

  test('holds an index Location and at least one entity file', () => {
    assert.ok(files.some(f => f.file === 'index.yaml'), 'index.yaml is missing');
    assert.ok(files.some(f => f.file.startsWith('entities/')), 'no entities/*.yaml');
  });

  test('every file passes the catalog policies and its kind validator', async () => {
    for (const { file, entity } of files) {
      await assert.doesNotReject(validateEntity(entity), `${file} is rejected by Backstage`);
    }
  });

  test('the Location targets exactly the entity files', () => {
    const location = files.find(f => f.file === 'index.yaml').entity;
    assert.equal(location.kind, 'Location');
    // Without a type of its own, the Location's targets are read the way the index was registered.
    assert.equal(location.spec.type, undefined);
    assert.ok(location.spec.targets.every(t => t.startsWith('./')), 'a target is not relative to the index');
    const targets = location.spec.targets.map(t => posix.normalize(t));
    assert.equal(new Set(targets).size, targets.length, 'a target is listed twice');
    const entityFiles = files.filter(f => f.file !== 'index.yaml').map(f => f.file);
    assert.deepEqual([...targets].sort(), [...entityFiles].sort());
  });

  test('entity refs are unique, so no entity overwrites another', () => {
    const refs = files.map(f => stringifyEntityRef(f.entity));
    assert.equal(new Set(refs).size, refs.length, `duplicate refs in ${refs.join(', ')}`);
  });

  test('every dependsOn names a resource in the example', () => {
    const resources = new Set(files.filter(f => f.entity.kind === 'Resource')
      .map(f => stringifyEntityRef(f.entity)));
    let edges = 0;
    for (const { file, entity } of files) {
      for (const ref of entity.spec?.dependsOn ?? []) {
        const target = stringifyEntityRef(parseEntityRef(ref, { defaultNamespace: 'default' }));
        assert.ok(resources.has(target), `${file}: dependsOn ${ref} names no entity in the example`);
        edges++;
      }
    }
    assert.ok(edges > 0, 'the example has no dependsOn at all, so this check proved nothing');
  });

  test('resources say what they are the way the catalog filters expect', () => {
    const resources = files.filter(f => f.entity.kind === 'Resource');
    for (const { file, entity } of resources) {
      const { metadata, spec } = entity;
      assert.ok(['managed-image', 'base-image'].includes(spec.type), `${file}: spec.type ${spec.type}`);
      assert.ok(metadata.tags.includes(spec.type), `${file}: tags lack ${spec.type}`);
      assert.doesNotThrow(() => parseEntityRef(spec.owner, { defaultKind: 'group' }), `${file}: owner`);
      assert.ok(metadata.annotations[`${PREFIX}ref`], `${file}: no ${PREFIX}ref annotation`);
      if (spec.type === 'managed-image') {
        assert.ok(metadata.annotations[`${PREFIX}enrollment`], `${file}: managed but no enrollment annotation`);
      }
    }
    assert.ok(resources.some(f => f.entity.spec.type === 'managed-image'), 'no managed image in the example');
    assert.ok(resources.some(f => f.entity.spec.type === 'base-image'), 'no base image in the example');
  });

  test('the validators reject a broken copy, so a pass means something', async () => {
    const { entity } = files.find(f => f.entity.kind === 'Resource');
    const broken = structuredClone(entity);
    broken.metadata.annotations['image-factory.io/not a key'] = 'x';
    await assert.rejects(validateEntity(broken), /not a key/);
    const noType = structuredClone(entity);
    delete noType.spec.type;
    await assert.rejects(validateEntity(noType), /type/);
  });
});
