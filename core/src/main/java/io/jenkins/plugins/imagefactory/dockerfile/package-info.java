/**
 * Reading a Dockerfile the way BuildKit does, to learn which external images it uses
 * ({@link io.jenkins.plugins.imagefactory.dockerfile.DockerfileAnalyzer}) and finding them for every
 * enrollment in a sync cycle ({@link io.jenkins.plugins.imagefactory.dockerfile.DockerfileDiscoverer}).
 * The steps follow BuildKit's: the parser (directives, continuations, heredocs, each instruction's
 * line parser), the instruction parser (arguments and flags), the shell lexer for {@code ARG} and
 * {@code FROM} words, and the stage resolution of {@code dockerfile2llb}. Where this package
 * differs from BuildKit on purpose, and the limits it puts on variable expansion, the README's
 * "Dockerfiles" section says so.
 *
 * <p>Left to others: reading files from git ({@code source}), what a reference means
 * ({@code image}), and everything about registries and digests ({@code registry}, {@code watch}).
 * Nothing here runs a build or asks a registry, so what only a build would find (values of
 * {@code ENV} and stage {@code ARG}s, mount types, platforms a registry does not serve) is not checked.
 */
package io.jenkins.plugins.imagefactory.dockerfile;
