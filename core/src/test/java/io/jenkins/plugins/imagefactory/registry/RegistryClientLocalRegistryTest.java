package io.jenkins.plugins.imagefactory.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.RegistryPusher;
import io.jenkins.plugins.imagefactory.testing.RegistryPusher.Pushed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Digests and tags against a real distribution registry, anonymous. */
class RegistryClientLocalRegistryTest {

    private static final Platform AMD64 = Platform.LINUX_AMD64;
    private static final Platform ARM64 = Platform.parse("linux/arm64/v8");

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.anonymous();

    private final RegistryClient client = RegistryClient.builder().build();

    @Test
    void digest_of_a_tag_is_the_pushed_manifest_digest_and_moves_on_re_push() {
        RegistryPusher pusher = REGISTRY.pusher();
        String first = pusher.pushImage("team/base", "1.0", AMD64);
        ImageReference reference = ImageReference.parse(REGISTRY.host() + "/team/base:1.0");

        ManifestDigest before = client.digest(reference, List.of(AMD64));
        String second = pusher.pushImage("team/base", "1.0", AMD64);
        ManifestDigest after = client.digest(reference, List.of(AMD64));

        assertThat(before.digest()).isEqualTo(first);
        assertThat(before.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(after.digest()).isEqualTo(second).isNotEqualTo(first);
        assertThat(after.platformDigests()).containsExactly(java.util.Map.entry(AMD64, second));
    }

    @Test
    void multi_arch_index_reports_per_platform_digests_and_only_the_rebuilt_platform_moves() {
        RegistryPusher pusher = REGISTRY.pusher();
        Pushed amd = pusher.pushManifest("team/multi", AMD64);
        Pushed arm = pusher.pushManifest("team/multi", ARM64);
        String index1 = pusher.pushIndex("team/multi", "2", List.of(amd, arm));
        ImageReference reference = ImageReference.parse(REGISTRY.host() + "/team/multi:2");
        ManifestDigest before = client.digest(reference, List.of(AMD64, Platform.parse("linux/arm64")));

        Pushed newArm = pusher.pushManifest("team/multi", ARM64);
        String index2 = pusher.pushIndex("team/multi", "2", List.of(amd, newArm));
        ManifestDigest after = client.digest(reference, List.of(AMD64, Platform.parse("linux/arm64")));

        assertThat(before.digest()).isEqualTo(index1);
        assertThat(before.isIndex()).isTrue();
        assertThat(after.digest()).isEqualTo(index2).isNotEqualTo(index1);
        assertThat(after.platformDigests().get(AMD64)).isEqualTo(before.platformDigests().get(AMD64)).isEqualTo(amd.digest());
        assertThat(after.platformDigests().get(Platform.parse("linux/arm64")))
                .isEqualTo(newArm.digest()).isNotEqualTo(arm.digest());
    }

    @Test
    void unchanged_index_costs_one_head_when_the_previous_answer_is_given() {
        RegistryPusher pusher = REGISTRY.pusher();
        Pushed amd = pusher.pushManifest("team/cheap", AMD64);
        pusher.pushIndex("team/cheap", "1", List.of(amd));
        ImageReference reference = ImageReference.parse(REGISTRY.host() + "/team/cheap:1");
        ManifestDigest first = client.digest(reference, List.of(AMD64));

        long before = client.requestsSent();
        ManifestDigest again = client.digest(reference, List.of(AMD64), first);

        assertThat(client.requestsSent() - before).isEqualTo(1);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void platform_the_index_lacks_is_absent_not_invented() {
        RegistryPusher pusher = REGISTRY.pusher();
        Pushed amd = pusher.pushManifest("team/amdonly", AMD64);
        pusher.pushIndex("team/amdonly", "1", List.of(amd));

        ManifestDigest digest = client.digest(ImageReference.parse(REGISTRY.host() + "/team/amdonly:1"),
                List.of(AMD64, Platform.parse("linux/s390x")));

        assertThat(digest.platformDigests()).containsOnlyKeys(AMD64);
    }

    @Test
    void unknown_tag_is_a_specific_error() {
        REGISTRY.pusher().pushImage("team/known", "1", AMD64);
        ImageReference missing = ImageReference.parse(REGISTRY.host() + "/team/known:nope");

        assertThatThrownBy(() -> client.digest(missing, List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("MANIFEST_UNKNOWN");
                    assertThat(e.host()).isEqualTo(REGISTRY.host());
                    assertThat(e.getMessage()).contains(missing.canonical());
                });
    }

    @Test
    void tags_are_listed_across_link_pages_up_to_the_cap() {
        RegistryPusher pusher = REGISTRY.pusher();
        for (int i = 0; i < 5; i++) {
            pusher.pushImage("team/many", "v" + i, AMD64);
        }
        ImageReference repository = ImageReference.parse(REGISTRY.host() + "/team/many");

        TagList all = client.listTags(repository);
        TagList capped = client.listTags(repository, 3);

        assertThat(all.tags()).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4");
        assertThat(all.truncated()).isFalse();
        assertThat(capped.tags()).hasSize(3);
        assertThat(capped.truncated()).isTrue();
    }
}
