package io.jenkins.plugins.imagefactory.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.image.Platform;
import io.jenkins.plugins.imagefactory.testing.LocalRegistry;
import io.jenkins.plugins.imagefactory.testing.LocalRegistryExtension;
import io.jenkins.plugins.imagefactory.testing.OciPusher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against a real distribution registry, anonymous access. */
class RegistryClientLocalRegistryTest {

    @RegisterExtension
    static final LocalRegistryExtension REGISTRY = LocalRegistryExtension.anonymous();

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    private final RegistryClient client = RegistryClient.builder().build();

    @Test
    void digestOfATagIsThePushedManifestDigestAndChangesWhenTheTagIsRePushed(LocalRegistry registry) {
        OciPusher pusher = registry.pusher();
        OciPusher.Pushed first = pusher.pushImage("team/base", "1.0", AMD64);
        ImageReference ref = ImageReference.parse(registry.host() + "/team/base:1.0");

        ManifestDigest before = client.digest(ref, List.of(AMD64));
        OciPusher.Pushed second = pusher.pushImage("team/base", "1.0", AMD64);
        ManifestDigest after = client.digest(ref, List.of(AMD64));

        assertThat(before.digest()).isEqualTo(first.digest());
        assertThat(before.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(before.digestFor(AMD64)).contains(first.digest());
        assertThat(after.digest()).isEqualTo(second.digest()).isNotEqualTo(first.digest());
        assertThat(after.pinned().canonical()).isEqualTo(registry.host() + "/team/base:1.0@" + second.digest());
    }

    @Test
    void aTagCheckIsOneHeadRequest(LocalRegistry registry) {
        registry.pusher().pushImage("team/single", "latest", AMD64);
        long before = client.requestCount();

        client.digest(ImageReference.parse(registry.host() + "/team/single"), List.of(AMD64));

        assertThat(client.requestCount() - before).isEqualTo(1);
    }

    @Test
    void multiArchIndexReportsPerPlatformDigestsAndOnlyTheRePushedPlatformChanges(LocalRegistry registry) {
        OciPusher pusher = registry.pusher();
        OciPusher.Pushed amd = pusher.pushManifestFor("team/multi", AMD64);
        OciPusher.Pushed arm = pusher.pushManifestFor("team/multi", ARM64);
        OciPusher.Pushed index = pusher.pushIndex("team/multi", "2", Map.of(AMD64, amd, ARM64, arm));
        ImageReference ref = ImageReference.parse(registry.host() + "/team/multi:2");

        ManifestDigest before = client.digest(ref, List.of(AMD64, ARM64));
        OciPusher.Pushed newArm = pusher.pushManifestFor("team/multi", ARM64);
        pusher.pushIndex("team/multi", "2", Map.of(AMD64, amd, ARM64, newArm));
        ManifestDigest after = client.digest(ref, List.of(AMD64, ARM64), before);

        assertThat(before.digest()).isEqualTo(index.digest());
        assertThat(before.isIndex()).isTrue();
        assertThat(before.platformDigests()).containsExactlyInAnyOrderEntriesOf(Map.of(AMD64, amd.digest(), ARM64, arm.digest()));
        assertThat(after.digest()).isNotEqualTo(before.digest());
        assertThat(after.digestFor(AMD64)).contains(amd.digest());
        assertThat(after.digestFor(ARM64)).contains(newArm.digest());
    }

    @Test
    void onlyRequestedPlatformsAreResolvedAndAMissingPlatformIsAbsent(LocalRegistry registry) {
        OciPusher pusher = registry.pusher();
        OciPusher.Pushed amd = pusher.pushManifestFor("team/amdonly", AMD64);
        pusher.pushIndex("team/amdonly", "1", Map.of(AMD64, amd));

        ManifestDigest result = client.digest(ImageReference.parse(registry.host() + "/team/amdonly:1"), List.of(ARM64));

        assertThat(result.platformDigests()).isEmpty();
        assertThat(result.digestFor(ARM64)).isEmpty();
    }

    @Test
    void unchangedIndexIsNotFetchedAgainWhenThePreviousResultCoversThePlatforms(LocalRegistry registry) {
        OciPusher pusher = registry.pusher();
        OciPusher.Pushed amd = pusher.pushManifestFor("team/steady", AMD64);
        pusher.pushIndex("team/steady", "1", Map.of(AMD64, amd));
        ImageReference ref = ImageReference.parse(registry.host() + "/team/steady:1");
        ManifestDigest first = client.digest(ref, List.of(AMD64));
        long before = client.requestCount();

        ManifestDigest again = client.digest(ref, List.of(AMD64), first);

        assertThat(client.requestCount() - before).isEqualTo(1);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void unknownTagIsA404NamingHostAndImage(LocalRegistry registry) {
        registry.pusher().pushImage("team/known", "1", AMD64);
        ImageReference ref = ImageReference.parse(registry.host() + "/team/known:nope");

        assertThatThrownBy(() -> client.digest(ref, List.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.host()).isEqualTo(registry.host());
                    assertThat(e.getMessage()).contains(ref.canonical());
                });
    }

    @Test
    void tagListReturnsPushedTagsAndSaysWhenCutAtTheCap(LocalRegistry registry) {
        OciPusher pusher = registry.pusher();
        for (String tag : List.of("a", "b", "c", "d", "e")) {
            pusher.pushImage("team/tags", tag, AMD64);
        }
        ImageReference repo = ImageReference.parse(registry.host() + "/team/tags");

        TagList all = client.listTags(repo, 100);
        TagList capped = client.listTags(repo, 3);

        assertThat(all.tags()).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(all.truncated()).isFalse();
        assertThat(capped.tags()).hasSize(3).isSubsetOf(all.tags());
        assertThat(capped.truncated()).isTrue();
    }

    @Test
    void genericTagDetailsGiveDigestsButNoInventedDatesOrSizes(LocalRegistry registry) {
        OciPusher pusher = registry.pusher();
        OciPusher.Pushed one = pusher.pushImage("team/details", "1", AMD64);
        pusher.pushImage("team/details", "2", AMD64);

        TagDetailsPage page = client.tagDetails(ImageReference.parse(registry.host() + "/team/details"), 1, 1);

        assertThat(page.provider()).isEqualTo(TagDetailsPage.Provider.OCI_DISTRIBUTION);
        assertThat(page.datesKnown()).isFalse();
        assertThat(page.note()).contains("no push dates");
        assertThat(page.tags()).containsExactly(new TagDetails("1", one.digest(), null, null));
        assertThat(page.hasNext()).isTrue();
        assertThat(client.pushedAt(ImageReference.parse(registry.host() + "/team/details:1"))).isEmpty();
    }
}
