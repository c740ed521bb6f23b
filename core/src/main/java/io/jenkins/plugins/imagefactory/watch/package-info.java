/**
 * Digest checks for one cycle: one HEAD per distinct watched reference, within each registry's
 * concurrency and rate budget, webhook-hinted references first and the least recently checked
 * next when a budget runs out. Talking to registries is {@code registry}'s; recording what changed
 * is {@code sync}'s.
 */
package io.jenkins.plugins.imagefactory.watch;
