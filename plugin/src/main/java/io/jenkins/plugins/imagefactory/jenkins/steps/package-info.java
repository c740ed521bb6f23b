/**
 * The Pipeline steps: {@code imageFactoryNotify}, {@code imageFactoryRecordBuild},
 * {@code imageFactorySync}, {@code imageFactoryStatus}. Each checks what the build may do with the
 * build's own authentication (SYSTEM is not trusted by default) and writes through the service;
 * a step caught by a restart runs again, as its writes are idempotent.
 */
package io.jenkins.plugins.imagefactory.jenkins.steps;
