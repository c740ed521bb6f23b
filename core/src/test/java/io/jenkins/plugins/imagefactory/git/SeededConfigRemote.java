package io.jenkins.plugins.imagefactory.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Test fixture: a bare config repo on disk with one seed commit on {@code main}, plus real second
 * clones that play the humans (or other engines) committing to it concurrently.
 */
final class SeededConfigRemote {

    static final String BRANCH = "main";
    static final String SEED_FILE = "image-factory.yaml";
    static final String SEED_CONTENT = "version: 1\n";
    private static final PersonIdent HUMAN = new PersonIdent("Dev", "dev@example.com",
            Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final Path directory;
    private final Path root;

    private SeededConfigRemote(Path root, Path directory) {
        this.root = root;
        this.directory = directory;
    }

    /** A bare repo under {@code root} whose main branch holds image-factory.yaml. */
    static SeededConfigRemote create(Path root) throws IOException, GitAPIException {
        Path bare = root.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(BRANCH).call().close();
        SeededConfigRemote remote = new SeededConfigRemote(root, bare);
        Path seedDir = root.resolve("seed");
        try (Git seed = Git.init().setDirectory(seedDir.toFile()).setInitialBranch(BRANCH).call()) {
            Files.writeString(seedDir.resolve(SEED_FILE), SEED_CONTENT);
            seed.add().addFilepattern(SEED_FILE).call();
            seed.commit().setMessage("seed config").setAuthor(HUMAN).setCommitter(HUMAN).setSign(false).call();
            seed.push().setRemote(bare.toUri().toString())
                    .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("refs/heads/" + BRANCH + ":refs/heads/" + BRANCH))
                    .call();
        }
        return remote;
    }

    String url() {
        return directory.toString();
    }

    Clone clone(String name) throws GitAPIException {
        Path dir = root.resolve("clone-" + name);
        Git git = Git.cloneRepository().setURI(directory.toUri().toString()).setDirectory(dir.toFile())
                .setBranch(BRANCH).call();
        return new Clone(git, dir);
    }

    String headId() throws IOException {
        try (Repository repo = open()) {
            ObjectId head = repo.resolve("refs/heads/" + BRANCH);
            return head == null ? null : head.name();
        }
    }

    /** Commits on main, newest first. */
    List<RevCommit> log() throws IOException {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(repo.resolve("refs/heads/" + BRANCH)));
            List<RevCommit> commits = new ArrayList<>();
            walk.forEach(commits::add);
            return commits;
        }
    }

    /** The file's content at the head of main, or null when it is not there. */
    String read(String path) throws IOException {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            RevCommit head = walk.parseCommit(repo.resolve("refs/heads/" + BRANCH));
            try (TreeWalk tree = TreeWalk.forPath(repo, path, head.getTree())) {
                if (tree == null) {
                    return null;
                }
                ObjectLoader loader = repo.open(tree.getObjectId(0));
                return new String(loader.getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(directory.toFile()).setMustExist(true).build();
    }

    /** A second working clone: commits as a human would and pushes straight to main. */
    static final class Clone implements AutoCloseable {
        private final Git git;
        private final Path dir;

        private Clone(Git git, Path dir) {
            this.git = git;
            this.dir = dir;
        }

        /** Writes path/content pairs, commits them all and pushes; returns the commit id. */
        String commitAndPush(String message, String... pathsAndContents) throws IOException, GitAPIException {
            git.pull().call();
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                Path file = dir.resolve(pathsAndContents[i]);
                Files.createDirectories(file.getParent());
                Files.writeString(file, pathsAndContents[i + 1]);
                git.add().addFilepattern(pathsAndContents[i]).call();
            }
            RevCommit commit = git.commit().setMessage(message).setAuthor(HUMAN).setCommitter(HUMAN).setSign(false).call();
            git.push().call().forEach(result -> result.getRemoteUpdates().forEach(update -> {
                if (update.getStatus() != org.eclipse.jgit.transport.RemoteRefUpdate.Status.OK) {
                    throw new IllegalStateException("fixture push failed: " + update);
                }
            }));
            return commit.name();
        }

        @Override
        public void close() {
            git.close();
        }
    }
}
