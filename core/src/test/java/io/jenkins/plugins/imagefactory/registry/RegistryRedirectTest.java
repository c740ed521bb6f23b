package io.jenkins.plugins.imagefactory.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.testing.HeaderEchoServer;
import io.jenkins.plugins.imagefactory.testing.HeaderEchoServer.Answer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Registries hand manifest and blob downloads to storage hosts (S3, a CDN) with a signed URL: the
 * download must work, and the registry credentials must stay with the registry.
 */
class RegistryRedirectTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String PASSWORD = "registry-pa55word-7";

    @Test
    void aManifestRedirectedToStorageIsReadWithoutTheRegistryCredentials() {
        try (HeaderEchoServer storage = new HeaderEchoServer(seen -> new Answer(200, Map.of(
                     "Docker-Content-Digest", DIGEST, "Content-Type", MediaTypes.OCI_MANIFEST), ""));
             HeaderEchoServer registry = new HeaderEchoServer(seen -> seen.header("Authorization") == null
                     ? new Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"registry\""), "")
                     : Answer.redirect(307, storage.otherOriginUrl() + "/docker/registry/v2/blobs/sha256/aa/data?X-Amz-Signature=1"))) {
            RegistryClient client = RegistryClient.builder()
                    .registries(List.of(new RegistrySettings("registry.test", false, "REG", 2)))
                    .endpoints(RegistryEndpoints.standard().withRegistry("registry.test", URI.create(registry.url())))
                    .secrets(reference -> Optional.of(Secret.usernamePassword("ci", PASSWORD)))
                    .retry(RetryPolicy.once()).build();

            ManifestDigest digest = client.digest(ImageReference.parse("registry.test/team/app:1"), List.of());

            assertThat(digest.digest()).isEqualTo(DIGEST);
            assertThat(registry.seen).anySatisfy(seen -> assertThat(seen.header("Authorization")).startsWith("Basic "));
            assertThat(storage.seen).isNotEmpty().allSatisfy(seen -> assertThat(seen.header("Authorization")).isNull());
        }
    }
}
