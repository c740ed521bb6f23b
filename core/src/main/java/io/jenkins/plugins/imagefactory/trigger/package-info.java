/**
 * Starting and following builds in build systems: GitHub Actions workflow dispatch, a remote
 * Jenkins, a signed webhook; each finds a dispatched build again by its idempotency key and reports
 * its state. When to trigger is {@code rebuild}'s; a host adds its own systems (the Jenkins plugin:
 * jobs on its controller).
 */
package io.jenkins.plugins.imagefactory.trigger;
