/**
 * Whether, when and in which order managed images are rebuilt: the pure planner (state and clock
 * in, plan out) and the coordinator that carries each build through its life: intent, dispatch
 * (and its retries), following or timing out, and results reported from outside, checked against
 * the build their key names. Triggering a build system is left to {@code trigger}, committing to
 * {@code sync} and {@code git}.
 */
package io.jenkins.plugins.imagefactory.rebuild;
