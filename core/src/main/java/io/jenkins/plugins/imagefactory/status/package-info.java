/**
 * The read model every host shows: config merged over state ({@link io.jenkins.plugins.imagefactory.status.StatusView}),
 * one row per image with where its rebuild stands and why, the words for it
 * ({@link io.jenkins.plugins.imagefactory.status.StatusText}, so the CLI, the dashboard and Jenkins say the same),
 * which rows of the image list a request asks for and the counts of the whole estate
 * ({@link io.jenkins.plugins.imagefactory.status.ImageQuery}, {@link io.jenkins.plugins.imagefactory.status.EstateCounts}),
 * the SVG picture of what builds on what ({@link io.jenkins.plugins.imagefactory.status.DependencyPicture}),
 * escaping and safe links for pages, and the ports of the tags and runs APIs. It decides nothing:
 * plans come from {@code rebuild}, state from {@code state}; hosts render and serve what it gives.
 */
package io.jenkins.plugins.imagefactory.status;
