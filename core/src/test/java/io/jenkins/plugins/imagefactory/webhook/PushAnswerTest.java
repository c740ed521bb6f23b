package io.jenkins.plugins.imagefactory.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagefactory.image.ImageReference;
import io.jenkins.plugins.imagefactory.state.DetectedBy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PushAnswerTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final ImageReference WATCHED = ImageReference.parse("registry.example.com/base/jdk:21");
    private static final ImageReference OTHER = ImageReference.parse("registry.example.com/team/tool:1");

    private static PushHint hint(ImageReference reference) {
        return new PushHint(reference.withDigest(DIGEST), WebhookKind.DISTRIBUTION, Instant.parse("2026-12-01T10:00:00Z"),
                "ci");
    }

    @Test
    void aPushAboutAWatchedReferenceAsksForItsCheck() {
        PushAnswer answer = PushAnswer.of(new WebhookResult.Accepted(List.of(hint(WATCHED), hint(OTHER))),
                Set.of(WATCHED)::contains);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.hints()).isEqualTo(Map.of(WATCHED, DetectedBy.WEBHOOK));
        assertThat(answer.body()).containsEntry("references", List.of(WATCHED.canonical()))
                .containsEntry("notWatched", List.of(OTHER.canonical()))
                .containsEntry("message", "digest check requested");
    }

    @Test
    void aPushAboutNothingWatchedAsksForNothingAndSaysSo() {
        PushAnswer answer = PushAnswer.of(new WebhookResult.Accepted(List.of(hint(OTHER))), reference -> false);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.hints()).isEmpty();
        assertThat(answer.body()).containsEntry("ignored", "not watched: " + OTHER.canonical());
    }

    @Test
    void refusalsAndIgnoredEventsKeepTheirStatusAndAskForNothing() {
        PushAnswer rejected = PushAnswer.of(new WebhookResult.Rejected(WebhookResult.Status.FORBIDDEN, "bad signature"),
                reference -> true);
        PushAnswer ignored = PushAnswer.of(new WebhookResult.Ignored("pull event"), reference -> true);

        assertThat(rejected.status()).isEqualTo(403);
        assertThat(rejected.body()).containsEntry("error", "bad signature");
        assertThat(rejected.hints()).isEmpty();
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(ignored.body()).containsEntry("ignored", "pull event");
    }
}
