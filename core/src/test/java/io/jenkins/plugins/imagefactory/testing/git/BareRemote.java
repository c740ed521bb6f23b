package io.jenkins.plugins.imagefactory.testing.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * A real bare git repository on disk, standing in for a hosted remote. Content gets into it the
 * way it does in life: a clone commits and pushes. Use {@link #url()} wherever a git URL goes.
 */
public final class BareRemote {

    public static final String INITIAL_BRANCH = "main";

    private final Path dir;
    private final Path scratch;
    private int clones;

    private BareRemote(Path dir, Path scratch) {
        this.dir = dir;
        this.scratch = scratch;
    }

    /** An empty bare repository in {@code parent/name.git}; {@code parent} is usually a {@code @TempDir}. */
    public static BareRemote create(Path parent, String name) {
        Path dir = parent.resolve(name + ".git");
        try {
            Files.createDirectories(dir);
            Git.init().setBare(true).setInitialBranch(INITIAL_BRANCH).setGitDir(dir.toFile()).call().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create bare remote " + dir, e);
        }
        return new BareRemote(dir, parent.resolve(name + "-clones"));
    }

    /** The remote as a {@code file://} URL. */
    public String url() {
        return dir.toUri().toString();
    }

    public Path dir() {
        return dir;
    }

    /**
     * Commits the files (path → content) on the branch through a fresh clone and pushes; the branch
     * is created from the default branch's tip, or as the first commit when the remote is empty.
     *
     * @return the new commit's id
     */
    public String commit(String branch, Map<String, String> files, String message) {
        try (WorkingClone clone = newClone()) {
            clone.checkout(branch);
            files.forEach(clone::write);
            String id = clone.commit(message);
            clone.push();
            return id;
        }
    }

    /** Deletes the branch on the remote. */
    public void deleteBranch(String branch) {
        try (Git git = Git.open(dir.toFile())) {
            git.branchDelete().setBranchNames(branch).setForce(true).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot delete branch " + branch + " of " + dir, e);
        }
    }

    /** The branch tip's commit id, or empty when there is no such branch. */
    public Optional<String> tip(String branch) {
        try (Repository repository = Git.open(dir.toFile()).getRepository()) {
            return Optional.ofNullable(repository.resolve("refs/heads/" + branch)).map(ObjectId::name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new non-bare clone, as a second writer would have. Close it when done. */
    public WorkingClone newClone() {
        Path cloneDir = scratch.resolve("clone-" + (++clones));
        return WorkingClone.of(url(), cloneDir);
    }
}
