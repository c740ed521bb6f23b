package io.jenkins.plugins.imagefactory.registry;

import io.jenkins.plugins.imagefactory.retry.RetryPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.secret.Secret;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.testing.OciPusher;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against a real registry with htpasswd (bcrypt) basic auth. */
class RegistryClientBasicAuthTest {

    private static final String PASSWORD = "s3cret-Pa55";

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.withBasicAuth("ci", PASSWORD);

    private static RegistryClient clientWith(LocalRegistry registry, Optional<Secret> secret) {
        return RegistryClient.builder()
                .registries(List.of(new RegistrySettings(registry.host(), false, "LOCAL", 2)))
                .secrets(reference -> reference.equals("LOCAL") ? secret : Optional.empty())
                .retry(RetryPolicy.once())
                .build();
    }

    @Test
    void configuredCredentialsReadDigestsAndAreSentUpFrontAfterTheFirstChallenge(LocalRegistry registry) {
        OciPusher.Pushed pushed = registry.pusher().pushImage("secure/app", "1", Platform.LINUX_AMD64);
        RegistryClient client = clientWith(registry, Optional.of(Secret.usernamePassword("ci", PASSWORD)));
        ImageReference ref = ImageReference.parse(registry.host() + "/secure/app:1");

        assertThat(client.digest(ref, List.of()).digest()).isEqualTo(pushed.digest());
        long before = client.requestCount();
        assertThat(client.digest(ref, List.of()).digest()).isEqualTo(pushed.digest());
        assertThat(client.requestCount() - before).as("no second 401 round trip").isEqualTo(1);
    }

    @Test
    void wrongPasswordIsRejectedWithoutLeakingIt(LocalRegistry registry) {
        registry.pusher().pushImage("secure/app", "2", Platform.LINUX_AMD64);
        RegistryClient client = clientWith(registry, Optional.of(Secret.usernamePassword("ci", "wrong-horse-battery")));

        assertThatThrownBy(() -> client.digest(ImageReference.parse(registry.host() + "/secure/app:2"), List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("rejected the configured credentials").doesNotContain("wrong-horse-battery");
                });
    }

    @Test
    void anonymousAccessToAnAuthRegistrySaysNoCredentialsAreConfigured(LocalRegistry registry) {
        RegistryClient client = RegistryClient.builder().retry(RetryPolicy.once()).build();

        assertThatThrownBy(() -> client.digest(ImageReference.parse(registry.host() + "/secure/app:1"), List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("no credentials are configured");
                });
    }

    @Test
    void anUnknownCredentialsReferenceIsNamedInTheError(LocalRegistry registry) {
        RegistryClient client = clientWith(registry, Optional.empty());

        assertThatThrownBy(() -> client.digest(ImageReference.parse(registry.host() + "/secure/app:1"), List.of()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("credentials reference LOCAL configured for this registry is not set: define credentials"
                        + " with the id LOCAL");
    }
}
