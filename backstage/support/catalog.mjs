// Backstage's own entity validation, as the catalog applies it when it ingests a location.
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';

const policies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const kindValidators = [
  resourceEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  templateEntityV1beta3Validator,
];

/**
 * Rejects (with Backstage's message) unless the entity passes the catalog's policies and exactly
 * one kind validator claims it. Resolves to the entity with defaults applied (namespace).
 */
export async function validateEntity(entity) {
  const enforced = await policies.enforce(entity);
  if (!enforced) {
    throw new Error('the catalog policies dropped the entity');
  }
  const claimed = [];
  for (const validator of kindValidators) {
    if (await validator.check(enforced)) {
      claimed.push(validator);
    }
  }
  if (claimed.length !== 1) {
    throw new Error(`expected exactly one kind validator to accept ${entity.apiVersion} ${entity.kind}, `
      + `got ${claimed.length}`);
  }
  return enforced;
}
