package io.jenkins.plugins.imagefactory.cli.testing;

import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small estate of real parts, as a new user builds one: an upstream base in a real distribution
 * registry, a platform image built on it, and two applications on the platform image, their
 * Dockerfiles in a real git repository, their enrollments in a real config repo, built by a webhook
 * builder stand-in. Each estate uses its own repositories in the registry, so tests can share one.
 */
public final class Estate implements AutoCloseable {

    public final LocalRegistry registry;
    public final BareRemote config;
    public final BareRemote sources;
    public final BuilderStandIn builder;
    public final Path workDir;
    public final String namespace;

    public Estate(LocalRegistry registry, Path dir, String namespace) {
        this.registry = registry;
        this.namespace = namespace;
        this.workDir = dir.resolve("work");
        this.builder = new BuilderStandIn(registry.pusher());
        for (String repository : new String[] {"upstream/python:3.12", "platform/base:1", "team/app:1", "team/worker:1"}) {
            push(repository);
        }
        sources = BareRemote.create(dir, "sources");
        sources.commit("main", Map.of(
                "base/Dockerfile", "FROM " + ref("upstream/python:3.12") + "\nRUN echo platform\n",
                "app/Dockerfile", "FROM " + ref("platform/base:1") + "\nCOPY app /app\n",
                "worker/Dockerfile", "FROM " + ref("platform/base:1") + " AS run\nCOPY worker /worker\n"), "Dockerfiles");
        config = BareRemote.create(dir, "config");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("image-factory.yaml", "version: 1\ndefaults:\n  rebuild: {delay: 1h}\n");
        files.put("images/platform.yaml", enrollment("platform", "platform/base", "1", "base/Dockerfile", ""));
        files.put("images/app.yaml", enrollment("app", "team/app", "1", "app/Dockerfile", ""));
        files.put("images/worker.yaml", enrollment("worker", "team/worker", "1", "worker/Dockerfile", ""));
        config.commit("main", files, "enroll platform, app and worker");
    }

    /** {@code REGISTRY/NAMESPACE/repository:tag}: a reference in this estate. */
    public String ref(String repositoryAndTag) {
        return registry.host() + "/" + namespace + "/" + repositoryAndTag;
    }

    /** Pushes a fresh digest of {@code repository:tag} in this estate; returns it. */
    public String push(String repositoryAndTag) {
        int colon = repositoryAndTag.lastIndexOf(':');
        return registry.pusher().pushImage(namespace + "/" + repositoryAndTag.substring(0, colon),
                repositoryAndTag.substring(colon + 1), Platform.LINUX_AMD64).digest();
    }

    /** An enrollment's YAML; {@code extraBuild} is added to its {@code build:} mapping (e.g. {@code , timeout: 1m}). */
    public String enrollment(String name, String repository, String tag, String dockerfile, String extraBuild) {
        return "name: " + name + "\nimage: " + registry.host() + "/" + namespace + "/" + repository + "\ntags: [\"" + tag
                + "\"]\nsource: {repository: \"" + sources.url() + "\", dockerfile: " + dockerfile + "}\n"
                + "build: {webhook: {url: \"" + builder.url() + "\"}" + extraBuild + "}\n";
    }

    /** Commits files to the config repo, as a person merging a change does. */
    public String merge(Map<String, String> files, String message) {
        return config.commit("main", files, message);
    }

    /** The options every repo command takes. */
    public String[] repoOptions() {
        return new String[] {"--repo", config.url(), "--work-dir", workDir.toString()};
    }

    @Override
    public void close() {
        builder.close();
    }
}
