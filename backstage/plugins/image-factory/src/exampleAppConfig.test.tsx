import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createExtensionTester, renderInTestApp } from '@backstage/frontend-test-utils';
import { coreExtensionData, type ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { EntityProvider, catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { DefaultCatalogGraphApi, catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import type { Entity } from '@backstage/catalog-model';
import imageFactoryPlugin from './alpha';

// examples/backstage/app-config.yaml's `app.extensions`, as the new frontend system reads them:
// each id names a real extension of the plugins the docs install, its config passes the
// extension's schema, and the catalog graph card it turns on draws an image's FROM chain.

const EXAMPLE = resolve(__dirname, '../../../../examples/backstage/app-config.yaml');

type Entry = string | Record<string, { config?: Record<string, unknown> } | boolean>;

function extensionsOfExample(): { id: string; config?: Record<string, unknown> }[] {
  const entries: Entry[] = parse(readFileSync(EXAMPLE, 'utf8')).app?.extensions ?? [];
  return entries.map(entry => {
    if (typeof entry === 'string') return { id: entry };
    const [[id, value]] = Object.entries(entry);
    return { id, config: typeof value === 'object' ? value.config : undefined };
  });
}

function extensionById(id: string): ExtensionDefinition | undefined {
  for (const plugin of [catalogGraphPlugin, imageFactoryPlugin]) {
    const extension = (plugin.getExtension as (id: string) => ExtensionDefinition | undefined)(id);
    if (extension) return extension;
  }
  return undefined;
}

/** An image as Image Factory's catalog writes it: built FROM a base, and a base of a debug image. */
const resource = (name: string, relations: [string, string][] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations: { 'image-factory.io/ref': `ghcr.io/acme/${name}` } },
  spec: { type: 'managed-image', owner: 'group:default/platform' },
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});
const base = resource('base-java-21', [['dependencyOf', 'resource:default/app-latest']]);
const app = resource('app-latest', [
  ['dependsOn', 'resource:default/base-java-21'],
  ['dependencyOf', 'resource:default/app-debug-latest'],
]);
const debug = resource('app-debug-latest', [['dependsOn', 'resource:default/app-latest']]);

describe('the example app-config for the new frontend system', () => {
  // jsdom lays nothing out; the graph sizes each node by its label's box.
  const proto = SVGElement.prototype as SVGElement & { getBBox?: () => DOMRect };
  const original = proto.getBBox;
  beforeEach(() => {
    proto.getBBox = () => ({ x: 0, y: 0, width: 120, height: 20 }) as DOMRect;
  });
  afterEach(() => {
    proto.getBBox = original;
  });

  it('turns on the catalog graph card with one line, an extension the catalog graph plugin has', () => {
    const extensions = extensionsOfExample();

    expect(extensions).toContainEqual({ id: 'entity-card:catalog-graph/relations' });
    for (const { id, config } of extensions) {
      const extension = extensionById(id);
      expect(extension, `${id} is no extension of the catalog graph or Image Factory plugin`).toBeDefined();
      // Instantiating it parses its config with the extension's own schema.
      expect(createExtensionTester(extension!, { config }).get(coreExtensionData.reactElement)).toBeTruthy();
    }
  });

  it('accepts the relations config the example offers to draw only the FROM chain', () => {
    const card = extensionById('entity-card:catalog-graph/relations')!;

    expect(() => createExtensionTester(card, { config: { relations: ['dependsOn', 'dependencyOf'] } }).reactElement()).not.toThrow();
    expect(() => createExtensionTester(card, { config: { relations: 'dependsOn' } }).reactElement()).toThrow(/relations/);
  });

  it('draws, as configured there, an image with the base it is built FROM and the image built FROM it', async () => {
    const catalog = [base, app, debug];
    const { id, config } = extensionsOfExample().find(e => e.id === 'entity-card:catalog-graph/relations')!;
    const card = createExtensionTester(extensionById(id)!, { config });
    await renderInTestApp(<EntityProvider entity={app}>{card.reactElement()}</EntityProvider>, {
      apis: [
        [catalogApiRef, { getEntitiesByRefs: async ({ entityRefs }: { entityRefs: string[] }) => ({
          items: entityRefs.map(ref => catalog.find(e => `resource:default/${e.metadata.name}` === ref)),
        }) }],
        [catalogGraphApiRef, new DefaultCatalogGraphApi()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef, '/catalog-graph': catalogGraphPlugin.routes.catalogGraph },
    });

    const graph = await screen.findByText('base-java-21');
    const drawing = graph.closest('svg')!;
    expect(drawing.textContent).toContain('app-latest');
    expect(drawing.textContent).toContain('app-debug-latest');
  });
});
