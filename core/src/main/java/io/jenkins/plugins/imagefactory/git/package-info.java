/**
 * The config repo as a git store: a local working clone that is reset to the remote branch at
 * the start of every cycle ({@link io.jenkins.plugins.imagefactory.git.ConfigRepository#refresh()})
 * and to which the system publishes its state, events and catalog in one commit per cycle
 * ({@link io.jenkins.plugins.imagefactory.git.ConfigRepository#publish}). A push that loses a race
 * is retried on the new remote head, re-running the writer there, so nothing is lost or doubled.
 */
package io.jenkins.plugins.imagefactory.git;
