package io.jenkins.plugins.imagefactory.dockerfile;

import io.jenkins.plugins.imagefactory.image.ImageReference;

/**
 * An external image a Dockerfile uses.
 *
 * @param ref         canonical reference (with its digest when pinned)
 * @param instruction where it is used
 * @param stage       the stage's name, or its index when unnamed
 * @param stageIndex  0-based stage index
 * @param primary     the base of the stage that is built (the last stage, or the target)
 * @param pinned      the reference has a digest, so a rebuild cannot change it
 * @param reachable   the built stage needs this stage; unreachable ones are reported, never rebuilt for
 * @param line        1-based line of the instruction
 */
public record Dependency(ImageReference ref, Instruction instruction, String stage, int stageIndex, boolean primary,
                         boolean pinned, boolean reachable, int line) {
}
