/**
 * Registry webhooks: authenticate a delivery, parse the provider's payload, and turn a push into
 * {@link io.jenkins.plugins.imagefactory.webhook.PushHint}s.
 *
 * <p>A hint only wakes a digest check of the named reference; nothing here is trusted further
 * than that. The API is transport-free so that the standalone HTTP server and the Jenkins root
 * action mount the same {@link io.jenkins.plugins.imagefactory.webhook.WebhookReceiver}.
 */
package io.jenkins.plugins.imagefactory.webhook;
