import type { Entity } from '@backstage/catalog-model';

/**
 * The canonical image reference Image Factory writes on every entity it generates
 * (`docker.io/library/alpine:3.20`); the API accepts it, URL-encoded, wherever it takes an image.
 */
export const IMAGE_FACTORY_REF_ANNOTATION = 'image-factory.io/ref';

/** The role Image Factory derived for the image: `managed`, `base` or `managed+base`. */
export const IMAGE_FACTORY_ROLE_ANNOTATION = 'image-factory.io/role';

/** The image reference of an entity Image Factory generated, or undefined for any other entity. */
export function imageFactoryRef(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[IMAGE_FACTORY_REF_ANNOTATION] || undefined;
}

/** Whether Image Factory builds this image (it has build runs); base images only have tags. */
export function isManagedImage(entity: Entity): boolean {
  const role = entity.metadata.annotations?.[IMAGE_FACTORY_ROLE_ANNOTATION] ?? '';
  return role.split('+').includes('managed');
}

/** On a managed image's entity: the enrollment that builds it (one enrollment, one entity per tag). */
export const IMAGE_FACTORY_ENROLLMENT_ANNOTATION = 'image-factory.io/enrollment';
