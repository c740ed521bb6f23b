import type { Entity } from '@backstage/catalog-model';
import { imageFactoryRef, isManagedImage } from '@image-factory/backstage-plugin-common';

/** For `<EntitySwitch.Case if={...}>`: entities Image Factory generated (managed and base images). */
export function isImageFactoryImage(entity: Entity): boolean {
  return imageFactoryRef(entity) !== undefined;
}

/** Images Image Factory builds: only they have build runs (the CI/CD tab). */
export function isImageFactoryManagedImage(entity: Entity): boolean {
  return isImageFactoryImage(entity) && isManagedImage(entity);
}
