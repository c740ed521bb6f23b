/**
 * The config repo's {@code image-factory.yaml} and enrollments, read and validated into immutable
 * values: every problem at once with {@code file:line:column} and the field, secrets written inline
 * refused, durations, references and URLs checked where they enter. Nothing here reads state or
 * the network; an invalid config changes nothing.
 */
package io.jenkins.plugins.imagefactory.config;
