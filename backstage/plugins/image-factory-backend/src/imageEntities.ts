import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { IMAGE_FACTORY_ENROLLMENT_ANNOTATION, IMAGE_FACTORY_REF_ANNOTATION } from '@image-factory/backstage-plugin-common';

const FIELDS = ['kind', 'metadata.namespace', 'metadata.name', `metadata.annotations.${IMAGE_FACTORY_REF_ANNOTATION}`];

/**
 * The catalog entities Image Factory's images are checked against: an image's permissions are
 * decided on the Resource entity carrying its reference, looked up with the caller's own
 * credentials (an entity the caller cannot see in the catalog is no entity for them either).
 */
export class ImageEntities {
  constructor(private readonly catalog: CatalogService) {}

  /**
   * The entity refs of image `name`: a canonical reference (`ghcr.io/acme/app:latest`, as the
   * entity's annotation has it) names one entity, an enrollment name every tag's entity.
   */
  async of(name: string, credentials: BackstageCredentials): Promise<string[]> {
    const annotation = name.includes('/') ? IMAGE_FACTORY_REF_ANNOTATION : IMAGE_FACTORY_ENROLLMENT_ANNOTATION;
    const { items } = await this.catalog.getEntities(
      { filter: { [`metadata.annotations.${annotation}`]: name }, fields: FIELDS },
      { credentials },
    );
    return items.map(entity => stringifyEntityRef(entity));
  }

  /** Every image entity the caller can see: image reference → entity ref. */
  async all(credentials: BackstageCredentials): Promise<Map<string, string>> {
    const { items } = await this.catalog.getEntities(
      { filter: { [`metadata.annotations.${IMAGE_FACTORY_REF_ANNOTATION}`]: CATALOG_FILTER_EXISTS }, fields: FIELDS },
      { credentials },
    );
    return new Map(items.map((entity: Entity) => [entity.metadata.annotations![IMAGE_FACTORY_REF_ANNOTATION], stringifyEntityRef(entity)]));
  }
}
