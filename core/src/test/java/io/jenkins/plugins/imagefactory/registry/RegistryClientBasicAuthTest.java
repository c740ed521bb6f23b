package io.jenkins.plugins.imagefactory.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real registry with htpasswd auth: credentials come from the host's secret reference. */
class RegistryClientBasicAuthTest {

    private static final String PASSWORD = "s3cret-pass-word";

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.builder().htpasswd("robot", PASSWORD).build();

    @Test
    void configured_credentials_unlock_the_registry() {
        String pushed = REGISTRY.pusher().pushImage("private/app", "1", Platform.LINUX_AMD64);
        RegistryClient client = RegistryClient.builder()
                .settings(List.of(new RegistrySettings(REGISTRY.host(), false, "LOCAL_REGISTRY", 2)))
                .secrets(reference -> reference.equals("LOCAL_REGISTRY")
                        ? Optional.of(Secret.usernamePassword("robot", PASSWORD)) : Optional.empty())
                .build();

        ManifestDigest digest = client.digest(ImageReference.parse(REGISTRY.host() + "/private/app:1"), List.of());

        assertThat(digest.digest()).isEqualTo(pushed);
    }

    @Test
    void anonymous_access_is_refused_with_a_401_that_names_the_registry_and_no_secret() {
        REGISTRY.pusher().pushImage("private/app", "2", Platform.LINUX_AMD64);
        RegistryClient anonymous = RegistryClient.builder().build();

        assertThatThrownBy(() -> anonymous.digest(ImageReference.parse(REGISTRY.host() + "/private/app:2"), List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.host()).isEqualTo(REGISTRY.host());
                });
    }

    @Test
    void wrong_password_is_refused_and_never_appears_in_the_error() {
        REGISTRY.pusher().pushImage("private/app", "3", Platform.LINUX_AMD64);
        RegistryClient wrong = RegistryClient.builder()
                .settings(List.of(new RegistrySettings(REGISTRY.host(), false, "WRONG", 2)))
                .secrets(reference -> Optional.of(Secret.usernamePassword("robot", "not-the-password")))
                .build();

        assertThatThrownBy(() -> wrong.digest(ImageReference.parse(REGISTRY.host() + "/private/app:3"), List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("not-the-password");
                });
    }
}
