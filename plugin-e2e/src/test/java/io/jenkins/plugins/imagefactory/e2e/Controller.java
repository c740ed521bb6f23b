package io.jenkins.plugins.imagefactory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.git.BareRemote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The world the plugin lives in, built once per test run: a real Jenkins 2.541.3 with the plugin
 * (users and permissions from configuration as code: matrix-auth over Jenkins' own user database),
 * a git server over smart HTTP holding the config repo and a source repo, and a CNCF distribution
 * registry whose push notifications go to the plugin's webhook. Secrets reach Jenkins only as
 * environment variables its YAML reads, never in a file.
 */
final class Controller implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final String GIT_USER = "image-factory-bot";
    static final String GIT_PASSWORD = "git-pw-5d1c1d3b9a7e4f22";
    static final String REGISTRY_HOOK_SECRET = "Bearer registry-hook-8f3b2a71c9";
    static final String GIT_HOOK_SECRET = "git-hook-secret-44d1e0a8";
    static final String GHCR_HOOK_SECRET = "It's a Secret to Everybody";
    static final String DOCKERHUB_HOOK_TOKEN = "hub-7Zq2+token/with=chars";
    static final String HARBOR_HOOK_SECRET = "harbor-hook-3c5e0f9b";
    static final String GITHUB_TOKEN = "ghp_e2eGithubToken7f3a9c1d5b2e8f40";
    /** Kept in a credentials domain for registry.example.com only. */
    static final String DOMAIN_LIMITED_PASSWORD = "domain-limited-pw-61b2c9";
    /**
     * Every secret of the run, by the credential that holds it: none may appear on a page, in a log or
     * on disk in the clear ({@link SecretScanTest} looks, after every other test).
     */
    static final Map<String, String> SECRETS = java.util.Collections.unmodifiableMap(orderedMap("git-bot password", GIT_PASSWORD,
            "registry-hook", REGISTRY_HOOK_SECRET, "git-hook", GIT_HOOK_SECRET, "ghcr-hook", GHCR_HOOK_SECRET,
            "dockerhub-hook", DOCKERHUB_HOOK_TOKEN, "harbor-hook", HARBOR_HOOK_SECRET, "github-bot", GITHUB_TOKEN,
            "example-registry-bot password", DOMAIN_LIMITED_PASSWORD));
    /** The username/password credentials, as {@code user:password}: what a basic Authorization header encodes. */
    static final Map<String, String> BASIC_AUTH = java.util.Collections.unmodifiableMap(orderedMap("git-bot", GIT_USER + ":" + GIT_PASSWORD,
            "example-registry-bot", "bot:" + DOMAIN_LIMITED_PASSWORD));

    /** user → password; permissions in {@link #securityYaml()}. */
    static final Map<String, String> USERS = Map.of(
            "admin", "admin-pw-1", "reader", "reader-pw-2", "rebuilder", "rebuilder-pw-3", "viewer", "viewer-pw-4",
            "developer", "developer-pw-5");

    final Path dir;
    final RealJenkins jenkins;
    final GitHttpServer git;
    final LocalRegistry registry;
    final BareRemote configRepo;
    final BareRemote sources;

    private Controller(Path dir, RealJenkins jenkins, GitHttpServer git, LocalRegistry registry, BareRemote configRepo,
                       BareRemote sources) {
        this.dir = dir;
        this.jenkins = jenkins;
        this.git = git;
        this.registry = registry;
        this.configRepo = configRepo;
        this.sources = sources;
    }

    static Controller start(JenkinsRuntime runtime) throws Exception {
        Path dir = Files.createDirectories(Settings.workDir().resolve("run-" + DateTimeFormatter
                .ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())));
        Path plugin = PluginUnderTest.jpi(runtime);
        RealJenkins jenkins = new RealJenkins(runtime, dir.resolve("jenkins-home"), plugin);
        Path repos = Files.createDirectories(dir.resolve("git"));
        GitHttpServer git = GitHttpServer.start(repos, GIT_USER, GIT_PASSWORD);
        LocalRegistry registry = LocalRegistry.start(LocalRegistry.Options.anonymous().withNotifications(
                jenkins.url("image-factory-webhook/registry/distribution").toString(), REGISTRY_HOOK_SECRET),
                Files.createDirectories(dir.resolve("registry")));
        BareRemote configRepo = BareRemote.create(repos, "config");
        BareRemote sources = BareRemote.create(repos, "sources");
        Controller controller = new Controller(dir, jenkins, git, registry, configRepo, sources);
        try {
            controller.seedConfigRepo();
            Path casc = Files.createDirectories(dir.resolve("casc"));
            Files.writeString(casc.resolve("security.yaml"), securityYaml());
            Files.writeString(casc.resolve("image-factory.yaml"), controller.imageFactoryYaml());
            jenkins.env("CASC_JENKINS_CONFIG", casc.toString())
                    .env("E2E_GIT_PASSWORD", GIT_PASSWORD)
                    .env("E2E_REGISTRY_HOOK", REGISTRY_HOOK_SECRET)
                    .env("E2E_GIT_HOOK", GIT_HOOK_SECRET)
                    .env("E2E_GHCR_HOOK", GHCR_HOOK_SECRET)
                    .env("E2E_DOCKERHUB_HOOK", DOCKERHUB_HOOK_TOKEN)
                    .env("E2E_HARBOR_HOOK", HARBOR_HOOK_SECRET)
                    .env("E2E_GITHUB_TOKEN", GITHUB_TOKEN)
                    .env("E2E_DOMAIN_LIMITED", DOMAIN_LIMITED_PASSWORD);
            USERS.forEach((user, password) -> jenkins.env("E2E_PASSWORD_" + user.toUpperCase(), password));
            jenkins.start();
            return controller;
        } catch (Exception | Error e) {
            controller.close();
            throw e;
        }
    }

    JenkinsClient as(String user) {
        return JenkinsClient.as(jenkins, user, USERS.get(user));
    }

    JenkinsClient admin() {
        return as("admin");
    }

    JenkinsClient anonymous() {
        return JenkinsClient.anonymous(jenkins);
    }

    /** The global configuration every test starts from. */
    private void seedConfigRepo() {
        configRepo.commit("main", Map.of("image-factory.yaml", settingsYaml("", "")), "image factory settings");
        sources.commit("main", Map.of("README.md", "Dockerfiles of the e2e estate\n"), "start");
    }

    /**
     * {@code image-factory.yaml}: the test registry, the git server's credentials for sources, and
     * {@code extraRegistries} (YAML list items, indented by two) and {@code extraSettings} (top-level
     * keys) for tests that add their own.
     */
    String settingsYaml(String extraRegistries, String extraSettings) {
        return """
                version: 1
                defaults:
                  rebuild: {delay: 0s}
                registries:
                  - host: "%s"
                %s
                sources:
                  - prefix: "%s"
                    credentials: GIT_SOURCES
                %s
                """.formatted(registry.host(), extraRegistries.stripTrailing(), git.url("").replaceAll("\\.git$", ""),
                extraSettings.stripTrailing());
    }

    /** Jenkins' own user database and matrix permissions: who may do what. */
    private static String securityYaml() {
        return """
                jenkins:
                  numExecutors: 2
                  securityRealm:
                    local:
                      allowsSignup: false
                      users:
                        - {id: admin, password: "${E2E_PASSWORD_ADMIN}"}
                        - {id: reader, password: "${E2E_PASSWORD_READER}"}
                        - {id: rebuilder, password: "${E2E_PASSWORD_REBUILDER}"}
                        - {id: viewer, password: "${E2E_PASSWORD_VIEWER}"}
                        - {id: developer, password: "${E2E_PASSWORD_DEVELOPER}"}
                  authorizationStrategy:
                    globalMatrix:
                      entries:
                        - user: {name: admin, permissions: ["Overall/Administer"]}
                        - user: {name: reader, permissions: ["Overall/Read"]}
                        - user: {name: rebuilder, permissions: ["Overall/Read", "ImageFactory/Rebuild"]}
                        - user: {name: viewer, permissions: ["Overall/Read", "ImageFactory/View"]}
                        - user: {name: developer, permissions: ["Overall/Read", "Job/Read", "Job/Build", "Job/Configure", "Job/Create"]}
                """;
    }

    /** The plugin's settings and the credentials they name. */
    private String imageFactoryYaml() {
        return """
                credentials:
                  system:
                    domainCredentials:
                      - credentials:
                          - usernamePassword: {id: git-bot, scope: GLOBAL, username: "%1$s", password: "${E2E_GIT_PASSWORD}"}
                          - string: {id: registry-hook, scope: GLOBAL, secret: "${E2E_REGISTRY_HOOK}"}
                          - string: {id: git-hook, scope: GLOBAL, secret: "${E2E_GIT_HOOK}"}
                          - string: {id: ghcr-hook, scope: GLOBAL, secret: "${E2E_GHCR_HOOK}"}
                          - string: {id: dockerhub-hook, scope: GLOBAL, secret: "${E2E_DOCKERHUB_HOOK}"}
                          - string: {id: harbor-hook, scope: GLOBAL, secret: "${E2E_HARBOR_HOOK}"}
                          - string: {id: github-bot, scope: GLOBAL, secret: "${E2E_GITHUB_TOKEN}"}
                      - domain:
                          name: "registry.example.com only"
                          specifications:
                            - hostnameSpecification: {includes: "registry.example.com"}
                        credentials:
                          - usernamePassword: {id: example-registry-bot, scope: GLOBAL, username: bot, password: "${E2E_DOMAIN_LIMITED}"}
                unclassified:
                  location:
                    url: "%4$s"
                  imageFactory:
                    repositoryUrl: "%2$s"
                    branch: main
                    credentialsId: git-bot
                    syncIntervalMinutes: 60
                    gitWebhookCredentialsId: git-hook
                    registryWebhooks:
                      - {kind: distribution, registryHost: "%3$s", credentialsId: registry-hook}
                      - {kind: ghcr, registryHost: "", credentialsId: ghcr-hook}
                      - {kind: dockerhub, registryHost: "", credentialsId: dockerhub-hook}
                      - {kind: harbor, registryHost: "harbor.example.com", credentialsId: harbor-hook}
                    credentialMappings:
                      - {reference: GIT_SOURCES, credentialsId: git-bot}
                      - {reference: GITHUB_TOKEN, credentialsId: github-bot}
                      - {reference: EXAMPLE_REGISTRY, credentialsId: example-registry-bot}
                """.formatted(GIT_USER, git.url("config"), registry.host(), jenkins.url());
    }

    /** The config repo's push webhook, signed as GitHub signs it: what a merge to the config repo sends. */
    JenkinsClient.Answer pushWebhook(String branch) {
        byte[] body = ("{\"ref\":\"refs/heads/" + branch + "\",\"after\":\"" + "0".repeat(40) + "\"}").getBytes(StandardCharsets.UTF_8);
        return JenkinsClient.anonymous(jenkins).postWithoutCrumb("image-factory-webhook/git", Map.of(
                "X-GitHub-Event", "push", "Content-Type", "application/json",
                "X-Hub-Signature-256", "sha256=" + hmac(GIT_HOOK_SECRET, body)), body);
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The engine's counters, as {@code GET /image-factory/api/v1/status} shows them. */
    JsonNode engineStatus() {
        return admin().json("image-factory/api/v1/status");
    }

    /**
     * Commits to the config repo, sends its push webhook, and waits until a cycle that started after
     * the push has finished; returns the engine status then.
     */
    JsonNode commitAndSync(Map<String, String> files, String message) {
        commitToConfigRepo(files, message);
        return sync();
    }

    /** Commits as a person would: the engine pushes too, so a push that lost the race is done again on the new tip. */
    void commitToConfigRepo(Map<String, String> files, String message) {
        for (int attempt = 1; ; attempt++) {
            try {
                configRepo.commit("main", files, message);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 5 || !String.valueOf(e.getMessage()).contains("REJECTED")) {
                    throw e;
                }
                sleep(200L * attempt);
            }
        }
    }

    /**
     * Enrolls {@code name}: the image {@code AREA/app:1} built from {@code AREA/base:1} (both pushed to
     * the registry, the Dockerfile committed to the sources repo), built by {@code build} (a YAML flow
     * map such as {@code {jenkins: {job: x}}}), with the {@code rebuild} policy (a flow map, or null for
     * the defaults); then syncs.
     */
    void enroll(String name, String area, String build, String rebuild) {
        registry.pusher().pushImage(area + "/base", "1", io.jenkins.plugins.imagefactory.image.Platform.LINUX_AMD64);
        registry.pusher().pushImage(area + "/app", "1", io.jenkins.plugins.imagefactory.image.Platform.LINUX_AMD64);
        sources.commit("main", files(area + "/Dockerfile", "FROM " + registry.host() + "/" + area + "/base:1\n"),
                area + " Dockerfile");
        commitAndSync(files("images/" + area + ".yaml", """
                name: %s
                image: %s/%s/app
                tags: ["1"]
                source: {repository: "%s", dockerfile: %s/Dockerfile}
                build: %s
                %s
                """.formatted(name, registry.host(), area, git.url("sources"), area, build,
                rebuild == null ? "" : "rebuild: " + rebuild)), "enroll " + name);
    }

    /** Sends the config repo's push webhook and waits for a cycle that started after it. */
    JsonNode sync() {
        JsonNode before = engineStatus();
        long finished = before.get("cycles").asLong() + before.get("failures").asLong();
        JenkinsClient.Answer answer = pushWebhook("main");
        if (answer.status() != 202) {
            throw new AssertionError("the config repo push webhook was not accepted: " + answer);
        }
        return awaitStatus(status -> status.get("cycles").asLong() + status.get("failures").asLong() > finished
                && !status.get("running").asBoolean() && status.get("queued").asInt() == 0, Duration.ofMinutes(2));
    }

    JsonNode awaitStatus(java.util.function.Predicate<JsonNode> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode status = engineStatus();
        while (!done.test(status)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the engine did not get there within " + timeout + "; status " + status
                        + "\n" + jenkins.logTail(60));
            }
            sleep(250);
            status = engineStatus();
        }
        return status;
    }

    /** Polls {@code condition} until it returns non-null; fails with {@code what} and the log tail after {@code timeout}. */
    <T> T await(String what, Duration timeout, Supplier<T> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value = condition.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; engine "
                        + engineStatus() + "\n" + jenkins.logTail(60));
            }
            sleep(250);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates (or replaces) a job from its config.xml, as {@code POST /createItem} does. */
    void createJob(String name, String configXml) {
        JenkinsClient admin = admin();
        JenkinsClient.Answer existing = admin.get("job/" + JenkinsClient.encode(name) + "/api/json");
        JenkinsClient.Answer answer = existing.status() == 200
                ? admin.post("job/" + JenkinsClient.encode(name) + "/config.xml", "application/xml", configXml)
                : admin.post("createItem?name=" + JenkinsClient.encode(name), "application/xml", configXml);
        if (answer.status() != 200) {
            throw new AssertionError("could not create job " + name + ": " + answer);
        }
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Starts a build and waits for it to finish; returns {@code job/NAME/N/api/json}. */
    JsonNode build(String job, Duration timeout) {
        JenkinsClient admin = admin();
        int next = admin.json("job/" + JenkinsClient.encode(job) + "/api/json?tree=nextBuildNumber").get("nextBuildNumber").asInt();
        boolean parameterized = admin.json("job/" + JenkinsClient.encode(job) + "/api/json?tree=property[parameterDefinitions[name]]")
                .toString().contains("parameterDefinitions");
        JenkinsClient.Answer started = admin.post("job/" + JenkinsClient.encode(job)
                + (parameterized ? "/buildWithParameters" : "/build"), null, "");
        if (started.status() != 201) {
            throw new AssertionError("could not start " + job + ": " + started);
        }
        return awaitBuild(job, next, timeout);
    }

    /** Waits until build {@code number} of {@code job} is running. */
    void awaitBuilding(String job, int number, Duration timeout) {
        String path = "job/" + JenkinsClient.encode(job) + "/" + number + "/api/json?tree=building";
        await(job + " #" + number + " to start", timeout, () -> {
            JenkinsClient.Answer build = admin().get(path);
            return build.status() == 200 && build.json().get("building").asBoolean() ? Boolean.TRUE : null;
        });
    }

    JsonNode awaitBuild(String job, int number, Duration timeout) {
        String path = "job/" + JenkinsClient.encode(job) + "/" + number + "/api/json";
        return await(job + " #" + number + " to finish", timeout, () -> {
            JenkinsClient.Answer answer = admin().get(path);
            return answer.status() == 200 && !answer.json().get("building").asBoolean() ? answer.json() : null;
        });
    }

    String console(String job, int number) {
        return admin().get("job/" + JenkinsClient.encode(job) + "/" + number + "/consoleText").body();
    }

    /** Every commit message on the config repo's branch, newest first. */
    List<String> configRepoLog() {
        try (var git = org.eclipse.jgit.api.Git.open(configRepo.dir().toFile())) {
            List<String> messages = new java.util.ArrayList<>();
            for (var commit : git.log().add(git.getRepository().resolve("refs/heads/main")).call()) {
                messages.add(commit.getFullMessage());
            }
            return messages;
        } catch (IOException | org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file of the config repo's branch tip, or null. */
    String configRepoFile(String path) {
        try (var repository = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(configRepo.dir().toFile()).build();
             var walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
            var commit = walk.parseCommit(repository.resolve("refs/heads/main"));
            try (var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(repository, path, commit.getTree())) {
                return tree == null ? null : new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> files(String... pathsAndContents) {
        return orderedMap(pathsAndContents);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Override
    public void close() {
        try {
            jenkins.close();
        } catch (IOException e) {
            System.err.println("could not stop Jenkins: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.close();
        git.close();
    }
}
