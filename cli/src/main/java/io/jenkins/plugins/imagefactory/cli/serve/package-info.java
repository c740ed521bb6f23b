/**
 * {@code image-factory serve}: the JDK HTTP server with the webhook receivers, the core's JSON API
 * routes, health and metrics, the dashboard pages and the runner's periodic and due-time cycles.
 * Authentication of writes is a bearer token; everything else is the engine's.
 */
package io.jenkins.plugins.imagefactory.cli.serve;
