package io.jenkins.plugins.imagefactory.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** The files that differ between a commit and its parent, by comparing their trees. */
final class ChangedFiles {

    private ChangedFiles() {
    }

    static List<ChangedFile> between(Repository repository, ObjectId parent, RevCommit commit) {
        try (RevWalk revWalk = new RevWalk(repository); TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(revWalk.parseCommit(parent).getTree());
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            List<ChangedFile> changes = new ArrayList<>();
            while (walk.next()) {
                boolean before = walk.getFileMode(0) != FileMode.MISSING;
                boolean after = walk.getFileMode(1) != FileMode.MISSING;
                ChangedFile.Change change = !before ? ChangedFile.Change.ADDED
                        : !after ? ChangedFile.Change.DELETED : ChangedFile.Change.MODIFIED;
                changes.add(new ChangedFile(walk.getPathString(), change));
            }
            return List.copyOf(changes);
        } catch (IOException e) {
            throw new GitStoreException("cannot compare commit " + commit.name() + " with its parent " + parent.name()
                    + " in " + repository.getDirectory() + ": " + e.getMessage(), e);
        }
    }
}
