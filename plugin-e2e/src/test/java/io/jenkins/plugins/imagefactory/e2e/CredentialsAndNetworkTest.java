package io.jenkins.plugins.imagefactory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.imagefactory.image.Platform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What whoever merges to the config repo can and cannot make the controller do: name a registry
 * host and ask for Jenkins credentials by id (never resolved unless an administrator mapped the
 * reference), ask for mapped credentials that live in a domain for another host (never sent), point
 * at the controller's own disk (refused). And outbound calls go through the controller's proxy.
 */
@ExtendWith(RealJenkinsExtension.class)
class CredentialsAndNetworkTest {

    private static final String CONFIG = "io.jenkins.plugins.imagefactory.jenkins.ImageFactoryConfiguration.get()";

    /** A registry that asks every caller for basic credentials and writes down what it was given. */
    private static final class CredentialTrap implements AutoCloseable {
        final HttpServer server;
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final List<String> paths = new CopyOnWriteArrayList<>();

        CredentialTrap() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            server.createContext("/", exchange -> {
                try (exchange) {
                    paths.add(exchange.getRequestURI().getPath());
                    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    if (authorization != null) {
                        authorizations.add(authorization.startsWith("Basic ") ? new String(Base64.getDecoder()
                                .decode(authorization.substring(6)), StandardCharsets.UTF_8) : authorization);
                    }
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"trap\"");
                    exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
                    exchange.sendResponseHeaders(401, -1);
                }
            });
            server.start();
        }

        String host() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @AfterEach
    void restore(Controller controller) {
        controller.admin().groovy("def c = " + CONFIG + "; c.setRepositoryUrl('" + controller.git.url("config") + "'); c.save();"
                + " jenkins.model.Jenkins.get().proxy = null; jenkins.model.Jenkins.get().save()");
        controller.commitAndSync(Controller.files("image-factory.yaml", controller.settingsYaml("", "")),
                "back to the usual settings");
    }

    /**
     * The engine asks a registry for a base image's digest, and answers a 401 with the registry's
     * credentials only when they resolve for that registry: a reference that does not resolve stops
     * the look-up before any request, so a trap that names one never hears from the controller. A
     * trap without credentials in the settings shows the look-ups do happen (anonymously).
     */
    @Test
    void aConfigRepoGetsNoCredentialsAnAdministratorDidNotMapForItsHost(Controller controller) throws Exception {
        try (CredentialTrap unmapped = new CredentialTrap(); CredentialTrap otherDomain = new CredentialTrap();
             CredentialTrap anonymous = new CredentialTrap()) {
            controller.sources.commit("main", Controller.files(
                    "trap/unmapped/Dockerfile", "FROM " + unmapped.host() + "/trap/base:1\n",
                    "trap/domain/Dockerfile", "FROM " + otherDomain.host() + "/trap/base:1\n",
                    "trap/anonymous/Dockerfile", "FROM " + anonymous.host() + "/trap/base:1\n"), "trap Dockerfiles");
            controller.commitAndSync(Controller.files(
                    "image-factory.yaml", controller.settingsYaml("""
                              - host: "%s"
                                credentials: git-bot
                              - host: "%s"
                                credentials: EXAMPLE_REGISTRY
                            """.formatted(unmapped.host(), otherDomain.host()), ""),
                    "images/trap.yaml", """
                            - {name: trap-unmapped, image: %1$s/trap/unmapped, rebuild: {delay: 30d}, build: {jenkins: {job: trap-build}},
                               source: {repository: "%2$s", dockerfile: trap/unmapped/Dockerfile}}
                            - {name: trap-domain, image: %1$s/trap/domain, rebuild: {delay: 30d}, build: {jenkins: {job: trap-build}},
                               source: {repository: "%2$s", dockerfile: trap/domain/Dockerfile}}
                            - {name: trap-anonymous, image: %1$s/trap/anonymous, rebuild: {delay: 30d}, build: {jenkins: {job: trap-build}},
                               source: {repository: "%2$s", dockerfile: trap/anonymous/Dockerfile}}
                            """.formatted(controller.registry.host(), controller.git.url("sources"))),
                    "a config repo naming a credentials id for a host it controls");
            controller.sync();

            String images = controller.admin().json("image-factory/api/v1/images").toString();
            assertThat(anonymous.paths).as("the engine does look up the trap's base image; " + images)
                    .anySatisfy(path -> assertThat(path).startsWith("/v2/"));
            assertThat(anonymous.authorizations).as("no credentials are configured for it").isEmpty();
            assertThat(unmapped.paths).as("a trap naming an unmapped credentials id hears nothing").isEmpty();
            assertThat(otherDomain.paths).as("a trap outside the credentials' domain hears nothing").isEmpty();
            assertThat(images).contains("credentials reference EXAMPLE_REGISTRY configured for this registry is not set");
            JsonNode status = controller.engineStatus();
            assertThat(status.get("problems").toString()).contains("credentials reference git-bot (used by registry "
                    + unmapped.host() + ") is not set: an administrator maps it to Jenkins credentials")
                    .doesNotContain("credentials reference EXAMPLE_REGISTRY");
            assertThat(controller.as("reader").get("image-factory/").body())
                    .contains("Image Factory is not working as configured", "git-bot");
            controller.commitAndSync(Controller.files("images/trap.yaml", "[]\n"), "remove the traps");
        }
    }

    @Test
    void theControllersOwnDiskIsRefusedAsAConfigRepo(Controller controller) {
        controller.admin().groovy("def c = " + CONFIG + "; c.setRepositoryUrl('" + controller.configRepo.url() + "'); c.save()");

        JsonNode status = controller.awaitStatus(s -> s.path("lastError").asText().contains("config repo URL refused"),
                Duration.ofMinutes(1));

        assertThat(status.get("problems").toString()).contains("repositoryUrl", "ALLOW_LOCAL_REPOSITORIES");
    }

    @Test
    void aSourceOnTheControllersDiskIsThatImagesErrorAndTheOthersGoOn(Controller controller) {
        controller.registry.pusher().pushImage("local/app", "latest", Platform.LINUX_AMD64);
        controller.commitAndSync(Controller.files("images/local.yaml", """
                name: local-app
                image: %s/local/app
                source: {repository: "%s", dockerfile: steps/Dockerfile}
                build: {jenkins: {job: local-build}}
                """.formatted(controller.registry.host(), controller.sources.url())), "a source on the controller's disk");

        JsonNode local = controller.admin().json("image-factory/api/v1/images/local-app");
        assertThat(local.at("/summary/error").asText()).contains("own disk", "ALLOW_LOCAL_REPOSITORIES");
        assertThat(controller.engineStatus().get("lastError").isNull()).isTrue();
        controller.commitAndSync(Controller.files("images/local.yaml", "[]\n"), "remove local-app");
    }

    @Test
    void registryAndGitCallsGoThroughTheControllersProxy(Controller controller) throws Exception {
        controller.enroll("proxy-app", "proxy", "{jenkins: {job: proxy-build}}", "{delay: 30d}");
        try (RecordingProxy proxy = RecordingProxy.start()) {
            controller.admin().groovy("jenkins.model.Jenkins.get().proxy = new hudson.ProxyConfiguration('127.0.0.1', "
                    + proxy.port() + "); jenkins.model.Jenkins.get().save()");

            JsonNode status = controller.sync();

            assertThat(status.get("lastError").isNull()).as(status.toString()).isTrue();
            List<String> seen = proxy.seen().stream().map(URI::toString).toList();
            assertThat(seen).as("requests the proxy relayed")
                    .anySatisfy(url -> assertThat(url).startsWith(controller.git.url("config")))
                    .anySatisfy(url -> assertThat(url).startsWith("http://" + controller.registry.host() + "/v2/"));
        }
    }
}
