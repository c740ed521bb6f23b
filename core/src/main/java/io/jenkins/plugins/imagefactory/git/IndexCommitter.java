package io.jenkins.plugins.imagefactory.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Stages the work tree changes straight into the index and commits them, all objects going into
 * one new pack. {@code git add} plus {@code git commit} through the porcelain write every blob and
 * tree as a loose file; for a first publish of 10,000 state files that is some 20,000 small files
 * and most of the time. Content is stored byte for byte: no clean filters or line-ending
 * conversion, which the system's own files never need and which would make commits depend on the
 * host's git settings.
 */
final class IndexCommitter {

    private IndexCommitter() {
    }

    /**
     * Stages {@code changes} on top of the index and commits the result onto {@code parent}.
     *
     * @return the new commit, or empty when the resulting tree equals the parent's (nothing to commit)
     */
    static Optional<RevCommit> commit(Repository repository, WorkTreeChanges changes, ObjectId parent,
            PersonIdent ident, String message) throws IOException {
        Path workTree = repository.getWorkTree().toPath();
        DirCache index = repository.lockDirCache();
        try (ObjectInserter inserter = newInserter(repository); RevWalk walk = new RevWalk(repository)) {
            DirCacheEditor editor = index.editor();
            for (String path : changes.toAdd()) {
                editor.add(stagedFile(workTree, path, inserter));
            }
            for (String path : changes.toRemove()) {
                editor.add(new DirCacheEditor.DeletePath(path));
            }
            editor.finish();
            ObjectId tree = index.writeTree(inserter);
            if (tree.equals(walk.parseCommit(parent).getTree())) {
                inserter.flush();
                index.write();
                index.commit();
                return Optional.empty();
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(parent);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setEncoding(StandardCharsets.UTF_8);
            commit.setMessage(message);
            ObjectId commitId = inserter.insert(commit);
            // objects first, then the index and the branch that point at them
            inserter.flush();
            index.write();
            if (!index.commit()) {
                throw new IOException("cannot write the index " + repository.getIndexFile());
            }
            moveHead(repository, parent, commitId, message);
            return Optional.of(walk.parseCommit(commitId));
        } finally {
            index.unlock();
        }
    }

    private static DirCacheEditor.PathEdit stagedFile(Path workTree, String path, ObjectInserter inserter) throws IOException {
        Path file = workTree.resolve(path);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        FileMode mode;
        byte[] content;
        if (attributes.isSymbolicLink()) {
            mode = FileMode.SYMLINK;
            content = Files.readSymbolicLink(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8);
        } else {
            mode = Files.isExecutable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
            content = Files.readAllBytes(file);
        }
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
        return new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(mode);
                entry.setObjectId(blob);
                // stat data lets the next status trust the entry without hashing the file again
                entry.setLength(attributes.size());
                entry.setLastModified(attributes.lastModifiedTime().toInstant());
            }
        };
    }

    private static void moveHead(Repository repository, ObjectId parent, ObjectId commitId, String message) throws IOException {
        RefUpdate head = repository.updateRef(Constants.HEAD);
        head.setNewObjectId(commitId);
        head.setExpectedOldObjectId(parent);
        head.setRefLogMessage("commit: " + message.lines().findFirst().orElse(""), false);
        RefUpdate.Result result = head.update();
        if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NEW) {
            throw new IOException("cannot move HEAD from " + parent.name() + " to " + commitId.name() + ": " + result);
        }
    }

    /** One pack for the whole commit where the repository is on disk; the plain inserter elsewhere. */
    private static ObjectInserter newInserter(Repository repository) {
        if (repository.getObjectDatabase() instanceof ObjectDirectory directory) {
            return directory.newPackInserter();
        }
        return repository.newObjectInserter();
    }
}
