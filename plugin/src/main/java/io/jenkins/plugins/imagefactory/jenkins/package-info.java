/**
 * The Jenkins host: the global configuration (how to reach the config repo, which Jenkins
 * credentials it may use, which jobs are trusted), the service that runs the engine's cycles on the
 * controller, the webhook and dashboard root actions, the trigger for jobs on this controller and
 * the listener that reports their results. It translates and schedules; every decision about
 * images, rebuilds and digests is the engine's ({@code image-factory-core}).
 */
package io.jenkins.plugins.imagefactory.jenkins;
