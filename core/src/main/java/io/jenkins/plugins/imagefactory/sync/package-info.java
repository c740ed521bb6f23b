/**
 * One sync cycle and the runner that schedules them: refresh the config repo, validate, discover,
 * check, reconcile state, plan, commit and push, dispatch, commit outcomes; one writer per config
 * repo, writes by others never erased, requests between cycles through
 * {@link io.jenkins.plugins.imagefactory.sync.ManualActions}. The ports a host fills are here; the
 * production ones are in {@code host}.
 */
package io.jenkins.plugins.imagefactory.sync;
