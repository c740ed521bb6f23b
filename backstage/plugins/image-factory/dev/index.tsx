import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import Grid from '@material-ui/core/Grid';
import { createDevApp } from '@backstage/dev-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { Content, Header, Link, Page, Progress, TabbedLayout, WarningPanel } from '@backstage/core-components';
import {
  attachComponentData,
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
  useApi,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/core-plugin-api';
import { CatalogGraphPage, catalogGraphPlugin, EntityCatalogGraphCard } from '@backstage/plugin-catalog-graph';
import { catalogApiRef, EntityProvider, entityRouteRef, type CatalogApi } from '@backstage/plugin-catalog-react';
import { EntityImageFactoryCard, imageFactoryPlugin, isImageFactoryManagedImage } from '../src';
import { RunsContent } from '../src/components/RunsContent';
import { TagsContent } from '../src/components/TagsContent';

// `npm start`: the card and the tabs on the images of a running Image Factory, through the backend
// plugin's development backend (`npm start` in ../image-factory-backend). The catalog lives in the
// browser, filled from that backend's /api/image-factory-dev/entities.

/** The catalog API over the development backend's entities, fetched once. */
function devCatalog(discoveryApi: DiscoveryApi, fetchApi: FetchApi): CatalogApi {
  let client: Promise<InMemoryCatalogClient> | undefined;
  const load = () =>
    (client ??= discoveryApi
      .getBaseUrl('image-factory-dev')
      .then(base => fetchApi.fetch(`${base}/entities`))
      .then(response => response.json())
      .then((entities: Entity[]) => new InMemoryCatalogClient({ entities })));
  return new Proxy({} as CatalogApi, {
    get: (_target, method: string) => async (...args: unknown[]) => {
      const catalog = (await load()) as unknown as Record<string, (...a: unknown[]) => unknown>;
      return catalog[method](...args);
    },
  });
}

function ImageList() {
  const catalogApi = useApi(catalogApiRef);
  const [entities, setEntities] = useState<Entity[]>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    catalogApi.getEntities().then(r => setEntities(r.items), setError);
  }, [catalogApi]);
  return (
    <Page themeId="tool">
      <Header title="Image Factory images" />
      <Content>
        {error && <WarningPanel severity="error" title="Could not list the images" message={error.message} />}
        {!entities && !error && <Progress />}
        <ul>
          {entities?.map(entity => (
            <li key={entity.metadata.name}>
              <Link to={`/catalog/default/resource/${entity.metadata.name}`}>{entity.metadata.title ?? entity.metadata.name}</Link>
            </li>
          ))}
        </ul>
      </Content>
    </Page>
  );
}

/** An image's entity page, laid out as docs/backstage.md suggests. */
function ImageEntityPage() {
  const { namespace = 'default', kind = 'resource', name = '' } = useParams();
  const catalogApi = useApi(catalogApiRef);
  const [entity, setEntity] = useState<Entity | null>();
  useEffect(() => {
    catalogApi.getEntityByRef({ kind, namespace, name }).then(found => setEntity(found ?? null));
  }, [catalogApi, kind, namespace, name]);
  if (entity === undefined) {
    return <Progress />;
  }
  if (entity === null) {
    return <WarningPanel title={`No entity ${kind}:${namespace}/${name}`} />;
  }
  return (
    <EntityProvider entity={entity}>
      <Page themeId="tool">
        <Header title={entity.metadata.title ?? entity.metadata.name} subtitle={stringifyEntityRef(entity)} />
        <TabbedLayout>
          <TabbedLayout.Route path="/" title="Overview">
            <Grid container spacing={3}>
              <Grid item md={6}>
                <EntityImageFactoryCard />
              </Grid>
              <Grid item md={6}>
                <EntityCatalogGraphCard height={400} relations={['dependsOn', 'dependencyOf']} />
              </Grid>
            </Grid>
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/versions" title="Versions">
            <TagsContent perPage={10} />
          </TabbedLayout.Route>
          {isImageFactoryManagedImage(entity) ? (
            <TabbedLayout.Route path="/ci-cd" title="CI/CD">
              <RunsContent />
            </TabbedLayout.Route>
          ) : (
            <></>
          )}
        </TabbedLayout>
      </Page>
    </EntityProvider>
  );
}
// Entity links (the card's "built from", the graph's nodes) lead here.
attachComponentData(ImageEntityPage, 'core.mountPoint', entityRouteRef);

createDevApp()
  .registerPlugin(imageFactoryPlugin)
  .registerPlugin(catalogGraphPlugin)
  .registerApi(
    createApiFactory({
      api: catalogApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => devCatalog(discoveryApi, fetchApi),
    }),
  )
  .addPage({ path: '/images', title: 'Images', element: <ImageList /> })
  .addPage({ path: '/catalog/:namespace/:kind/:name', element: <ImageEntityPage /> })
  // The graph card's "View graph" goes to the catalog graph page, as in an app's App.tsx.
  .addPage({ path: '/catalog-graph', element: <CatalogGraphPage /> })
  .render();
