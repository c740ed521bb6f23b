/**
 * The {@code image-factory} command: picocli commands that translate arguments and the environment
 * (credentials by variable) into engine calls, print progress to stderr and results to stdout, and
 * exit 0, 1 (something failed), 2 (usage) or 75 (another instance writes the config repo).
 */
package io.jenkins.plugins.imagefactory.cli;
