package io.jenkins.plugins.imagefactory.testing.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.RefSpec;

/** A non-bare clone of a remote with a work tree: write files, commit, push. */
public final class WorkingClone implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("Image Factory Tests", "tests@image-factory.invalid");

    private final Git git;
    private final Path workTree;

    private WorkingClone(Git git, Path workTree) {
        this.git = git;
        this.workTree = workTree;
    }

    /** Clones {@code url} into {@code dir}; an empty remote gives an empty clone. */
    public static WorkingClone of(String url, Path dir) {
        try {
            Git git = Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).setNoCheckout(false).call();
            return new WorkingClone(git, dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot clone " + url + " into " + dir, e);
        }
    }

    public Path workTree() {
        return workTree;
    }

    public Git git() {
        return git;
    }

    /**
     * Switches to the branch: the local one, else one tracking the remote's, else a new one from
     * the current commit, else (empty repository) an unborn one.
     */
    public WorkingClone checkout(String branch) {
        try {
            if (git.getRepository().exactRef(Constants.R_HEADS + branch) != null) {
                git.checkout().setName(branch).call();
            } else if (git.getRepository().exactRef(Constants.R_REMOTES + "origin/" + branch) != null) {
                git.checkout().setCreateBranch(true).setName(branch).setStartPoint("origin/" + branch).call();
            } else if (git.getRepository().resolve(Constants.HEAD) != null) {
                git.checkout().setCreateBranch(true).setName(branch).call();
            } else {
                RefUpdate head = git.getRepository().getRefDatabase().newUpdate(Constants.HEAD, false);
                head.link(Constants.R_HEADS + branch);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot check out " + branch + " in " + workTree, e);
        }
    }

    /** Writes a file (creating directories) and stages it. */
    public WorkingClone write(String path, String content) {
        try {
            Path file = workTree.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            git.add().addFilepattern(path).call();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot stage " + path + " in " + workTree, e);
        }
    }

    /** Deletes a file and stages the deletion. */
    public WorkingClone delete(String path) {
        try {
            git.rm().addFilepattern(path).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot remove " + path + " in " + workTree, e);
        }
    }

    /** Commits what is staged; returns the commit id. */
    public String commit(String message) {
        try {
            return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false)
                    .setAllowEmpty(true).call().name();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit in " + workTree, e);
        }
    }

    /** Pushes the current branch to the same name on origin; fails when the remote moved on. */
    public void push() {
        try {
            Ref head = git.getRepository().exactRef(Constants.HEAD).getTarget();
            git.push().setRemote("origin").setRefSpecs(new RefSpec(head.getName() + ":" + head.getName())).call()
                    .forEach(result -> result.getRemoteUpdates().forEach(update -> {
                        if (update.getStatus() != org.eclipse.jgit.transport.RemoteRefUpdate.Status.OK
                                && update.getStatus() != org.eclipse.jgit.transport.RemoteRefUpdate.Status.UP_TO_DATE) {
                            throw new IllegalStateException("push of " + update.getSrcRef() + " from " + workTree
                                    + " was rejected: " + update.getStatus() + " " + update.getMessage());
                        }
                    }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot push from " + workTree, e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
