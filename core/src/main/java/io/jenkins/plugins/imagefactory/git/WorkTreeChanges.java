package io.jenkins.plugins.imagefactory.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.IndexDiff;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;

/**
 * The difference between the work tree and HEAD after a writer ran, as {@code git status} would
 * show it: untracked, modified and deleted files, plus anything already staged.
 */
final class WorkTreeChanges {

    private final Set<String> toAdd;
    private final Set<String> toRemove;
    private final Set<String> alreadyStaged;

    private WorkTreeChanges(Set<String> toAdd, Set<String> toRemove, Set<String> alreadyStaged) {
        this.toAdd = Collections.unmodifiableSet(toAdd);
        this.toRemove = Collections.unmodifiableSet(toRemove);
        this.alreadyStaged = alreadyStaged;
    }

    static WorkTreeChanges scan(Repository repository) throws IOException {
        IndexDiff diff = new IndexDiff(repository, Constants.HEAD, new FileTreeIterator(repository));
        diff.diff();
        Set<String> toAdd = new TreeSet<>(diff.getUntracked());
        toAdd.addAll(diff.getModified());
        Set<String> toRemove = new TreeSet<>(diff.getMissing());
        Set<String> staged = new TreeSet<>(diff.getAdded());
        staged.addAll(diff.getChanged());
        staged.addAll(diff.getRemoved());
        return new WorkTreeChanges(toAdd, toRemove, staged);
    }

    /**
     * Whether the work tree and index are exactly HEAD: nothing modified, staged, missing, untracked
     * or ignored-but-present (what a hard reset and clean would remove). One stat-based walk; file
     * contents are hashed only where the index cannot vouch for them.
     */
    static boolean isClean(Repository repository) {
        try {
            IndexDiff diff = new IndexDiff(repository, Constants.HEAD, new FileTreeIterator(repository));
            diff.diff();
            return diff.getAdded().isEmpty() && diff.getChanged().isEmpty() && diff.getRemoved().isEmpty()
                    && diff.getMissing().isEmpty() && diff.getModified().isEmpty() && diff.getUntracked().isEmpty()
                    && diff.getConflicting().isEmpty() && diff.getIgnoredNotInIndex().isEmpty()
                    && diff.getUntrackedFolders().isEmpty();
        } catch (IOException | RuntimeException unreadable) {
            // a clone we cannot even read is certainly not clean: the reset repairs it
            return false;
        }
    }

    List<String> touched() {
        List<String> all = new ArrayList<>(toAdd);
        all.addAll(toRemove);
        all.addAll(alreadyStaged);
        return all;
    }

    /** Touched paths that are not inside any of the given folders. */
    List<String> outside(List<String> folders) {
        return touched().stream().filter(path -> folders.stream().noneMatch(f -> path.startsWith(f + "/")))
                .sorted().distinct().toList();
    }

    /** Untracked or modified files to (re)stage, sorted. */
    Set<String> toAdd() {
        return toAdd;
    }

    /** Tracked files that are gone from the work tree, sorted. */
    Set<String> toRemove() {
        return toRemove;
    }
}
