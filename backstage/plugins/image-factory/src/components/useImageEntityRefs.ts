import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  IMAGE_FACTORY_ENROLLMENT_ANNOTATION,
  IMAGE_FACTORY_REF_ANNOTATION,
  type ImageRow,
} from '@image-factory/backstage-plugin-common';

/**
 * The catalog entities of an image's bases (by reference) and dependents (by enrollment name, as
 * Image Factory names them): key → entity ref, for links. Missing keys have no entity (yet).
 */
export function useImageEntityRefs(image: ImageRow | undefined): Map<string, string> {
  const catalogApi = useApi(catalogApiRef);
  const refs = image?.dependencies ?? [];
  const enrollments = image?.dependents ?? [];
  const { value } = useAsync(async () => {
    const filter: Record<string, string[]>[] = [];
    if (refs.length) {
      filter.push({ [`metadata.annotations.${IMAGE_FACTORY_REF_ANNOTATION}`]: refs });
    }
    if (enrollments.length) {
      filter.push({ [`metadata.annotations.${IMAGE_FACTORY_ENROLLMENT_ANNOTATION}`]: enrollments });
    }
    if (!filter.length) {
      return new Map<string, string>();
    }
    const { items } = await catalogApi.getEntities({
      filter,
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.annotations'],
    });
    const found = new Map<string, string>();
    for (const entity of [...items].sort((a: Entity, b: Entity) => a.metadata.name.localeCompare(b.metadata.name))) {
      const annotations = entity.metadata.annotations ?? {};
      for (const key of [annotations[IMAGE_FACTORY_REF_ANNOTATION], annotations[IMAGE_FACTORY_ENROLLMENT_ANNOTATION]]) {
        if (key && !found.has(key)) {
          found.set(key, stringifyEntityRef(entity));
        }
      }
    }
    return found;
  }, [catalogApi, refs.join('\n'), enrollments.join('\n')]);
  return value ?? new Map();
}
