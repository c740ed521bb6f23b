package io.jenkins.plugins.imagefactory.jenkins;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/** A real bare config repo on disk, seeded through a real clone, for the plugin to sync against. */
final class ConfigRepoFixture {

    static final String GLOBAL = "version: 1\ndefaults:\n  rebuild:\n    delay: 7d\n";
    /** One enrollment built by a job on the test controller; its source is never read by these tests. */
    static final String APP = """
            - name: app
              image: registry.example.com/team/app
              tags: ["1.0"]
              source:
                repository: https://git.example.com/team/app.git
                dockerfile: Dockerfile
              build:
                jenkins:
                  job: app-build
            """;

    static {
        // These tests keep their config repo on disk, which the plugin refuses unless allowed.
        System.setProperty(SettingsProblems.ALLOW_LOCAL_REPOSITORIES, "true");
    }

    final Path bare;

    private ConfigRepoFixture(Path bare) {
        this.bare = bare;
    }

    static ConfigRepoFixture create(Path dir, boolean withApp) throws IOException, GitAPIException {
        Path bare = dir.resolve("config.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        Path work = dir.resolve("seed");
        try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call()) {
            Files.writeString(work.resolve("image-factory.yaml"), GLOBAL, StandardCharsets.UTF_8);
            Files.createDirectories(work.resolve("images"));
            if (withApp) {
                Files.writeString(work.resolve("images/app.yaml"), APP, StandardCharsets.UTF_8);
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("seed").setAuthor("test", "test@example.com").setCommitter("test", "test@example.com").call();
            git.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        return new ConfigRepoFixture(bare);
    }

    String url() {
        return bare.toUri().toString();
    }

    List<String> commitMessages() throws IOException, GitAPIException {
        List<String> messages = new ArrayList<>();
        try (Git git = Git.open(bare.toFile())) {
            for (RevCommit commit : git.log().call()) {
                messages.add(commit.getFullMessage());
            }
        }
        return messages;
    }

    static void addSecretText(String id, String value) throws IOException {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "test", Secret.fromString(value)));
        provider.save();
    }
}
