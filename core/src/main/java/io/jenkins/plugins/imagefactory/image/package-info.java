/**
 * Image references and platforms as values: parsing and normalising a reference exactly as
 * distribution/reference's {@code ParseNormalizedNamed} and {@code TagNameOnly} do, so that
 * {@link io.jenkins.plugins.imagefactory.image.ImageReference#canonical()} is an image's identity
 * everywhere, and its familiar form as {@code FamiliarString} gives it. One deliberate difference:
 * {@code registry-1.docker.io} is Docker Hub too, so one image is never watched under two names.
 *
 * <p>Left to others: finding references in Dockerfiles ({@code dockerfile}) and asking registries
 * about them ({@code registry}).
 */
package io.jenkins.plugins.imagefactory.image;
