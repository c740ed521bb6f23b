package io.jenkins.plugins.imagefactory.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever can merge to the config repo chooses the URLs the host calls; {@code egress.allow}
 * bounds them, and {@code validate} names every URL outside it. Secrets in query strings are
 * refused like other inline secrets.
 */
class EgressConfigTest {

    @TempDir
    Path repo;

    private void write(String file, String text) throws IOException {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private List<String> errors() {
        ConfigLoadResult result = ConfigLoader.load(repo);
        assertThat(result).isInstanceOf(ConfigLoadResult.Invalid.class);
        return ((ConfigLoadResult.Invalid) result).errors().stream().map(ConfigError::toString).toList();
    }

    private static String enrollment(String image, String repository, String webhook) {
        return "name: app\nimage: " + image + "\nsource: {repository: \"" + repository + "\"}\nbuild:\n  webhook: {url: \""
                + webhook + "\"}\n";
    }

    @Test
    void withoutAnAllowListEveryHostIsAllowed() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        write("images/app.yaml", enrollment("anywhere.example/acme/app", "https://git.anywhere.example/app.git",
                "http://10.0.0.7:8080/build"));
        assertThat(ConfigLoader.load(repo).orThrow().settings().egress().isRestricted()).isFalse();
    }

    @Test
    void everyUrlAndHostOutsideTheAllowListIsNamedWhereItIsWritten() throws IOException {
        write("image-factory.yaml", """
                version: 1
                egress:
                  allow: [ghcr.io, "*.acme.example", "builder.acme.example:8443"]
                registries:
                  - host: registry.evil.example
                buildSystems:
                  github: {apiUrl: "https://metadata.internal/api", credentials: GH}
                """);
        write("images/app.yaml", enrollment("quay.io/acme/app", "https://git.other.example/app.git",
                "http://169.254.169.254/latest/meta-data"));

        assertThat(errors()).anySatisfy(e -> assertThat(e).startsWith("image-factory.yaml:").contains("registries")
                        .contains("registry.evil.example is not in egress.allow"))
                .anySatisfy(e -> assertThat(e).contains("buildSystems.github.apiUrl").contains("metadata.internal"))
                .anySatisfy(e -> assertThat(e).startsWith("images/app.yaml:2:").contains("quay.io is not in egress.allow"))
                .anySatisfy(e -> assertThat(e).contains("source.repository").contains("git.other.example"))
                .anySatisfy(e -> assertThat(e).contains("build.webhook.url").contains("169.254.169.254"));
    }

    @Test
    void allowedHostsPass() throws IOException {
        write("image-factory.yaml", "version: 1\negress:\n  allow: [ghcr.io, \"*.acme.example\"]\n");
        write("images/app.yaml", enrollment("ghcr.io/acme/app", "https://git.acme.example/app.git",
                "https://builder.acme.example/build"));
        assertThat(ConfigLoader.load(repo).orThrow().settings().egress().allow()).containsExactly("ghcr.io", "*.acme.example");
    }

    @Test
    void aWildcardCoversSubdomainsNotTheDomainAndAPortOnlyThatPort() throws IOException {
        write("image-factory.yaml", "version: 1\negress:\n  allow: [\"*.acme.example\", \"hooks.example:8443\"]\n");
        write("images/app.yaml", enrollment("acme.example/team/app", "https://git.acme.example/app.git",
                "https://hooks.example:8443/build"));
        assertThat(errors()).singleElement().asString().contains("image").contains("acme.example is not in egress.allow");
        var policy = new io.jenkins.plugins.imagefactory.net.EgressPolicy(List.of("*.acme.example", "hooks.example:8443"));
        assertThat(policy.permits(java.net.URI.create("https://hooks.example:8443/x"))).isTrue();
        assertThat(policy.permits(java.net.URI.create("https://hooks.example/x"))).isFalse();
        assertThat(policy.permits(java.net.URI.create("https://a.b.acme.example/x"))).isTrue();
        assertThat(policy.permits(java.net.URI.create("https://evilacme.example/x"))).isFalse();
    }

    @Test
    void badPatternsAreReportedAtTheirLine() throws IOException {
        write("image-factory.yaml", "version: 1\negress:\n  allow:\n    - ghcr.io\n    - \"https://x.example/\"\n    - \"a.example:port\"\n");
        write("images/app.yaml", enrollment("ghcr.io/acme/app", "https://ghcr.io/app.git", "https://ghcr.io/build"));
        assertThat(errors()).anySatisfy(e -> assertThat(e).startsWith("image-factory.yaml:5:").contains("egress.allow[1]"))
                .anySatisfy(e -> assertThat(e).startsWith("image-factory.yaml:6:").contains("numeric port"));
    }

    @Test
    void aTokenInAWebhookUrlsQueryIsRefusedLikeAnyInlineSecret() throws IOException {
        write("image-factory.yaml", "version: 1\n");
        for (String url : List.of("https://hooks.example/build?sig=abc", "https://hooks.example/build?token=x1",
                "https://hooks.example/build?t=ghp_" + "a1".repeat(18),
                "https://hooks.example/build?id=8f3a9c2e4b6d1f0a7c5e3b9d2f4a6c8e")) {
            write("images/app.yaml", enrollment("ghcr.io/acme/app", "https://git.example/app.git", url));
            assertThat(errors()).as(url).singleElement().asString().contains("build.webhook.url")
                    .contains("URL contains credentials").doesNotContain(url.substring(url.indexOf('?') + 1));
        }
        write("images/app.yaml", enrollment("ghcr.io/acme/app", "https://git.example/app.git",
                "https://hooks.example/build?image=app&ref=main"));
        assertThat(ConfigLoader.load(repo)).isInstanceOf(ConfigLoadResult.Valid.class);
    }
}
