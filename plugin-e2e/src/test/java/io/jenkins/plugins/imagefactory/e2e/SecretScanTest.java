package io.jenkins.plugins.imagefactory.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after every other class of the suite (see {@code junit-platform.properties}), on the shared
 * controller: first makes the controller use each secret it holds — so the scan is not vacuous when
 * this class runs alone — then looks for every secret, in every form it could leak in, in the whole
 * of {@code JENKINS_HOME} (config XMLs, build logs, {@code jenkins.log} of every boot, the engine's
 * clone with every git object), the config and source repos' every object, and the plugin's pages.
 */
@ExtendWith(RealJenkinsExtension.class)
@Order(Integer.MAX_VALUE)
class SecretScanTest {

    @Test
    void noSecretTheControllerUsedIsOnDiskInALogOrOnAPage(Controller controller) throws Exception {
        useEverySecret(controller);

        Map<String, String> forms = SecretForms.of(Controller.SECRETS, Controller.BASIC_AUTH);
        List<String> found = new ArrayList<>();
        Path home = controller.jenkins.home();
        for (Path file : regularFiles(home)) {
            found.addAll(scan(home.relativize(file).toString(), read(file), forms));
        }
        for (Path gitDir : gitDirs(home, controller)) {
            found.addAll(scan("every object of " + gitDir, allObjects(gitDir), forms));
            for (Path file : regularFiles(gitDir)) {
                found.addAll(scan(file.toString(), read(file), forms));
            }
        }
        for (String page : pages(controller)) {
            found.addAll(scan("GET " + page, controller.admin().get(page).body().getBytes(StandardCharsets.UTF_8), forms));
        }

        assertThat(found).as("secrets in the clear").isEmpty();
    }

    /**
     * Each secret used as the controller uses it, with a check that it was: the git server answers
     * only the git-bot credentials, each webhook answers 200 only with its secret, GitHub saw the
     * token. The registry-domain password cannot be sent anywhere real (its domain is
     * registry.example.com); it is only stored, and the scan covers storage.
     */
    private static void useEverySecret(Controller controller) throws IOException {
        controller.enroll("scan-app", "scan", "{jenkins: {job: scan-build}}", "{delay: 30d}");
        JsonNode app = controller.admin().json("image-factory/api/v1/images/scan-app");
        assertThat(app.at("/summary/dependencies").toString()).as("the Dockerfile was read with the git-bot credentials")
                .contains(controller.registry.host() + "/scan/base:1");

        byte[] ghcr = WebhookEndpointsTest.fixture("ghcr/registry-package-published.json");
        Map<String, JenkinsClient.Answer> deliveries = Map.of(
                "distribution", webhook(controller, "distribution", WebhookEndpointsTest.fixture("distribution/push-tagged.json"),
                        "Authorization", Controller.REGISTRY_HOOK_SECRET),
                "ghcr", webhook(controller, "ghcr", ghcr, "X-GitHub-Event", "registry_package",
                        "X-Hub-Signature-256", "sha256=" + Controller.hmac(Controller.GHCR_HOOK_SECRET, ghcr)),
                "dockerhub", webhook(controller, "dockerhub?token=" + java.net.URLEncoder.encode(Controller.DOCKERHUB_HOOK_TOKEN,
                        StandardCharsets.UTF_8), WebhookEndpointsTest.fixture("dockerhub/push.json")),
                "harbor", webhook(controller, "harbor", WebhookEndpointsTest.fixture("harbor/push-artifact.json"),
                        "Authorization", Controller.HARBOR_HOOK_SECRET));
        deliveries.forEach((kind, answer) -> assertThat(answer.status()).as(kind + ": " + answer).isEqualTo(200));

        WireMockServer github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        try {
            github.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"total_count\": 0, \"workflow_runs\": []}")));
            controller.commitAndSync(Controller.files(
                    "image-factory.yaml", controller.settingsYaml("", """
                            buildSystems:
                              github: {apiUrl: "%s", credentials: GITHUB_TOKEN}
                            """.formatted(github.baseUrl())),
                    "images/scan.yaml", """
                            name: scan-app
                            image: %s/scan/app
                            tags: ["1"]
                            source: {repository: "%s", dockerfile: scan/Dockerfile}
                            rebuild: {delay: 30d}
                            build: {github-actions: {repository: acme/scan-app, workflow: build.yml}}
                            """.formatted(controller.registry.host(), controller.git.url("sources"))),
                    "scan-app is built by GitHub Actions");
            controller.as("viewer").get("image-factory/api/v1/images/scan-app/runs");
            assertThat(github.findAll(anyRequestedFor(anyUrl()))).as("GitHub was called with the github-bot token")
                    .anySatisfy(request -> assertThat(request.getHeader("Authorization")).endsWith(" " + Controller.GITHUB_TOKEN));
        } finally {
            github.stop();
        }
        controller.commitAndSync(Controller.files("image-factory.yaml", controller.settingsYaml("", "")),
                "back to the usual settings");
    }

    private static JenkinsClient.Answer webhook(Controller controller, String kind, byte[] body, String... headers) {
        return WebhookEndpointsTest.post(controller, "image-factory-webhook/registry/" + kind, body, headers);
    }

    /** {@code where: secret} for each form of a secret found in {@code content}. */
    private static List<String> scan(String where, byte[] content, Map<String, String> forms) {
        // ISO-8859-1 maps bytes to chars one to one, so binary files are searched as they are
        String text = new String(content, StandardCharsets.ISO_8859_1);
        Set<String> found = new LinkedHashSet<>();
        forms.forEach((form, label) -> {
            if (text.contains(new String(form.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                found.add(where + ": " + label);
            }
        });
        return new ArrayList<>(found);
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException goneSinceTheWalk) {
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The config and source repos, and every repository under JENKINS_HOME (the engine's clone among them). */
    private static Set<Path> gitDirs(Path home, Controller controller) throws IOException {
        Set<Path> dirs = new LinkedHashSet<>(List.of(controller.configRepo.dir(), controller.sources.dir()));
        try (Stream<Path> walk = Files.walk(home)) {
            walk.filter(dir -> Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))
                    && Files.isDirectory(dir.resolve("refs"))).forEach(dirs::add);
        }
        assertThat(dirs).as("the engine's clone of the config repo").hasSizeGreaterThan(2);
        return dirs;
    }

    /** Every object of a repository, reachable or not, uncompressed (packs and loose objects are deflated on disk). */
    private static byte[] allObjects(Path gitDir) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "--git-dir=" + gitDir, "cat-file", "--batch-all-objects", "--batch")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        git.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = git.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(git.waitFor()).as("git cat-file in " + gitDir).isZero();
        return out.toByteArray();
    }

    /** The plugin's pages and API answers, for the admin (who sees everything), and the system configuration page. */
    private static List<String> pages(Controller controller) {
        List<String> pages = new ArrayList<>(List.of("image-factory/", "image-factory/api/v1/status",
                "image-factory/api/v1/images", "manage/configure", "credentials/"));
        controller.admin().json("image-factory/api/v1/images").findValuesAsText("enrollment").forEach(name -> {
            String encoded = JenkinsClient.encode(name);
            pages.addAll(List.of("image-factory/image/" + encoded + "/", "image-factory/api/v1/images/" + encoded,
                    "image-factory/api/v1/images/" + encoded + "/tags"));
        });
        return pages;
    }
}
