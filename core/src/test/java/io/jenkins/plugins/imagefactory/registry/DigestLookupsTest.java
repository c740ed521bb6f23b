package io.jenkins.plugins.imagefactory.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.config.RegistrySettings;
import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.testing.OciPusher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many digests at once against a real registry: answers in the order asked, one HEAD each, failures kept apart. */
class DigestLookupsTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    private static final Platform AMD64 = Platform.parse("linux/amd64");

    @Test
    void answersEveryReferenceInTheOrderAskedWithOneRequestEachAndKeepsAMissingOneApart(LocalRegistry registry) {
        RegistryClient client = RegistryClient.builder()
                .registries(List.of(new RegistrySettings(registry.host(), false, null, 4))).build();
        OciPusher pusher = registry.pusher();
        List<ImageReference> references = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            digests.add(pusher.pushImage("team/many", "t" + i, AMD64).digest());
            references.add(ImageReference.parse(registry.host() + "/team/many:t" + i));
        }
        references.add(5, ImageReference.parse(registry.host() + "/team/many:missing"));
        digests.add(5, null);
        long before = client.requestCount();

        List<DigestLookups.Lookup> lookups = DigestLookups.of(client, references, List.of(AMD64));

        assertThat(lookups).extracting(DigestLookups.Lookup::reference).containsExactlyElementsOf(references);
        assertThat(lookups).extracting(lookup -> lookup.digest() == null ? null : lookup.digest().digest())
                .containsExactlyElementsOf(digests);
        assertThat(lookups.get(5).error()).isNotNull();
        assertThat(lookups.get(5).error().getMessage()).contains("team/many");
        assertThat(client.requestCount() - before).isEqualTo(references.size());
    }
}
