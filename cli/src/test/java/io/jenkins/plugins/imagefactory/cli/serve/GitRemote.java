package io.jenkins.plugins.imagefactory.cli.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real bare git repository standing in for the hosted config repo (a minimal copy of core's
 * test fixture, which lives in core's test jar). Content arrives the way it does in life: a
 * clone commits and pushes.
 */
final class GitRemote {

    private final Path dir;
    private final Path scratch;
    private int clones;

    private GitRemote(Path dir, Path scratch) {
        this.dir = dir;
        this.scratch = scratch;
    }

    static GitRemote create(Path parent) {
        Path dir = parent.resolve("config.git");
        try {
            Files.createDirectories(dir);
            Git.init().setBare(true).setInitialBranch("main").setGitDir(dir.toFile()).call().close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create bare remote " + dir, e);
        }
        return new GitRemote(dir, parent.resolve("clones"));
    }

    String url() {
        return dir.toUri().toString();
    }

    /** Commits the files on {@code main} through a fresh clone and pushes. */
    void commit(Map<String, String> files, String message) {
        Path clone = scratch.resolve("clone-" + (++clones));
        try (Git git = Git.cloneRepository().setURI(url()).setDirectory(clone.toFile()).call()) {
            for (var file : files.entrySet()) {
                Path path = clone.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage(message).setAuthor("test", "test@example.com").setCommitter("test", "test@example.com")
                    .setSign(false).call();
            git.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot commit to " + dir, e);
        }
    }

    /** Commit subjects on main, newest first. */
    List<String> subjects() {
        try (Git git = Git.open(dir.toFile())) {
            List<String> out = new ArrayList<>();
            for (RevCommit commit : git.log().call()) {
                out.add(commit.getShortMessage());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the log of " + dir, e);
        }
    }
}
