/**
 * Backstage catalog entities from the config and state: one Resource per tracked image (managed,
 * base or both) with its state as annotations, {@code dependsOn} its bases, and a Location listing them, written under
 * the config repo's {@code catalog/}. Validation of the entities is Backstage's own (the backstage
 * module's tests); ingestion is the Backstage catalog's.
 */
package io.jenkins.plugins.imagefactory.catalog;
