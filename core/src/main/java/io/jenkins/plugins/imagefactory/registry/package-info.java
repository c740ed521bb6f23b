/**
 * The registry datasource: the OCI distribution API (digest HEADs, manifests and indexes per
 * platform, token and basic auth, rate limits), Docker Hub's and GitHub Packages' tag APIs, every
 * call with a timeout, bounded retries and an error that names host and image. Which references to
 * check, and when, is {@code watch}'s.
 */
package io.jenkins.plugins.imagefactory.registry;
