/**
 * Outbound HTTP: the one place the engine makes {@link java.net.http.HttpClient}s (from a builder
 * the host may supply, so Jenkins' proxy settings apply), follows redirects itself without carrying
 * credentials to another origin, and speaks plain HTTP/1.1 to {@code http://} URLs. What each call
 * means (registry, GitHub, webhook, Jenkins) is left to the clients in those packages.
 */
package io.jenkins.plugins.imagefactory.net;
