package io.jenkins.plugins.imagefactory.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CredentialsReferencesTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "config-repo");

    @Test
    void listsEveryReferenceTheExampleConfigNamesWithWhereItIsWritten() {
        ImageFactoryConfig config = ConfigLoader.load(EXAMPLE).orThrow();

        assertThat(CredentialsReferences.of(config)).extracting(CredentialsReferences.Use::toString).contains(
                "Use[reference=GHCR_TOKEN, where=image-factory.yaml: registries[ghcr.io].credentials]",
                "Use[reference=DOCKERHUB, where=image-factory.yaml: registries[docker.io].credentials]",
                "Use[reference=GITHUB_TOKEN, where=image-factory.yaml: sources[https://github.com/acme/].credentials]",
                "Use[reference=GITHUB_TOKEN, where=image-factory.yaml: buildSystems.github.credentials]",
                "Use[reference=jenkins-api-token, where=image-factory.yaml: buildSystems.jenkins.credentials]");
    }

    @Test
    void aReferenceIsANameNeverASecret() {
        assertThat(CredentialsReferences.problem("GHCR_TOKEN")).isEmpty();
        assertThat(CredentialsReferences.problem("ghp_" + "a1B2".repeat(9))).get().asString().contains("secret");
        assertThat(CredentialsReferences.problem("user:password")).isPresent();
        assertThat(CredentialsReferences.problem(" ")).get().asString().contains("required");
    }
}
