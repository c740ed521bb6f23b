/**
 * The production ports both hosts assemble (Dockerfiles from git, digests from registries, build
 * systems, the host's secrets, HTTP clients and git network), and the read services built on them
 * (tags, runs). A host adds only what is its own: its secret store, proxy, and build systems.
 */
package io.jenkins.plugins.imagefactory.host;
