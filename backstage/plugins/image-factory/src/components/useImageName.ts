import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { imageFactoryRef } from '@image-factory/backstage-plugin-common';

/** The image reference of the entity on screen; Image Factory's API takes it as the image's name. */
export function useImageName(): string | undefined {
  const { entity } = useEntity();
  return imageFactoryRef(entity);
}

/** The entity on screen as a ref: Image Factory's permissions are decided on it. */
export function useEntityRef(): string {
  const { entity } = useEntity();
  return stringifyEntityRef(entity);
}
