package io.jenkins.plugins.imagefactory.git;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the system's files (state YAML, events JSONL, catalog) into a work tree.
 *
 * <p>It may run more than once per publish: when the push loses a race, the work tree is reset to
 * the new remote head and the writer runs again. So it must compute its changes against what it
 * finds in the work tree (append an event only if it is not there yet, move a state file only if it
 * still exists), never replay a diff it computed earlier.
 */
@FunctionalInterface
public interface WorkTreeWriter {

    void write(Path workTree) throws IOException;
}
